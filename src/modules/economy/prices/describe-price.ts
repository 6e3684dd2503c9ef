import { percentOfOre } from '../../../platform/money.ts';
import { formatKroner, formatNumber, formatRate } from '../../../platform/views/format.ts';
import type { StoredPriceModel } from './load-prices.ts';
import { KIND_NAMES } from './price-model-input.ts';

/** The kind in words, with the kink where a distributed total has one. */
export function kindInWords(m: Pick<StoredPriceModel, 'kind' | 'kink'>): string {
  if (m.kind === 'distributed' && m.kink) return `${KIND_NAMES.distributed} med knækrabat`;
  return KIND_NAMES[m.kind];
}

/**
 * The price itself in words, as a reader checks it against the agreement: "25,00 kr. pr. indbygger;
 * over 150.000 indbyggere 50 % (12,50 kr.)", "tryk 1,90 kr. + porto 7,40 kr. pr. valgkort".
 */
export function priceInWords(m: Pick<StoredPriceModel, 'kind' | 'rateOre' | 'amountOre' | 'kink' | 'usageUnit' | 'unitPrices'>): string {
  switch (m.kind) {
    case 'per_citizen':
      return `${formatRate(m.rateOre ?? 0)} pr. indbygger`;
    case 'per_citizen_kink': {
      const rate = m.rateOre ?? 0;
      const k = m.kink!;
      return `${formatRate(rate)} pr. indbygger; over ${formatNumber(k.thresholdCitizens)} indbyggere ${k.reducedPercent} % (${formatRate(percentOfOre(rate, k.reducedPercent))})`;
    }
    case 'fixed':
      return `${formatKroner(m.amountOre ?? 0)} pr. kommune`;
    case 'distributed':
      return `${formatKroner(m.amountOre ?? 0)} i alt${m.kink ? `; indbyggere over ${formatNumber(m.kink.thresholdCitizens)} tæller ${m.kink.reducedPercent} %` : ''}`;
    case 'usage':
      return `${m.unitPrices.map((u) => `${u.label} ${formatRate(u.unitPriceOre)}`).join(' + ')} pr. ${m.usageUnit ?? 'enhed'}`;
  }
}
