import { assertOre, distribute, multiplyOre, percentOfOre, sumOre } from '../../platform/money.ts';
import { formatHundredths, formatKroner, formatNumber, formatRate } from '../../platform/views/format.ts';

/**
 * The price models of issue #11 as pure calculations. Each gives the amount in øre and the Danish
 * text for the invoice line, written so a reader can redo the sum from the text alone: every number
 * the amount is made of appears in it, already rounded as the amount uses it.
 */
export type PriceLine = { amountOre: number; calculation: string };

/** A reduced rate above a population threshold: 25 kr. per citizen, 50 % of that above 150.000. */
export type Kink = { thresholdCitizens: number; reducedPercent: number };

const citizens = (n: number) => `${formatNumber(n)} ${n === 1 ? 'indbygger' : 'indbyggere'}`;

const assertCount = (n: number, what: string) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} skal være et helt tal på 0 eller derover, ikke ${n}`);
  return n;
};

/** "667.099 indbyggere × 25,00 kr." */
export function perCitizen(rateOre: number, population: number): PriceLine {
  assertCount(population, 'indbyggertallet');
  return { amountOre: multiplyOre(rateOre, population), calculation: `${citizens(population)} × ${formatRate(rateOre)}` };
}

/**
 * "150.000 indbyggere × 25,00 kr. + 517.099 indbyggere × 12,50 kr." The reduced rate is rounded to
 * the øre (half up) before it is multiplied, so the rate on the line is the one charged; 50 % of
 * 25,00 kr. is 12,50 kr. exactly. A municipality at or below the threshold pays the full rate only.
 */
export function perCitizenWithKink(rateOre: number, kink: Kink, population: number): PriceLine {
  assertCount(population, 'indbyggertallet');
  const threshold = assertCount(kink.thresholdCitizens, 'grænsen');
  if (population <= threshold) return perCitizen(rateOre, population);
  const reducedRate = percentOfOre(rateOre, kink.reducedPercent);
  const above = population - threshold;
  return {
    amountOre: sumOre([multiplyOre(rateOre, threshold), multiplyOre(reducedRate, above)]),
    calculation: `${citizens(threshold)} × ${formatRate(rateOre)} + ${citizens(above)} × ${formatRate(reducedRate)}`,
  };
}

/** "Fast beløb pr. kommune: 50.000,00 kr." */
export function fixedAmount(amountOre: number): PriceLine {
  assertOre(amountOre);
  return { amountOre, calculation: `Fast beløb pr. kommune: ${formatKroner(amountOre)}` };
}

/**
 * A population counted with the kink, in hundredths of a citizen so a 50 % share of an odd number
 * stays whole: 667.099 indbyggere above 150.000 at 50 % count as 408.549,5.
 */
export function kinkedPopulationHundredths(population: number, kink: Kink): number {
  assertCount(population, 'indbyggertallet');
  const threshold = assertCount(kink.thresholdCitizens, 'grænsen');
  if (!Number.isInteger(kink.reducedPercent) || kink.reducedPercent < 0 || kink.reducedPercent > 100) {
    throw new RangeError(`procentsatsen skal være et helt tal fra 0 til 100, ikke ${kink.reducedPercent}`);
  }
  if (population <= threshold) return population * 100;
  return threshold * 100 + (population - threshold) * kink.reducedPercent;
}

/**
 * A total cost shared by population (optionally counted with the kink), one line per municipality in
 * the order given, the shares adding up to the total to the øre (largest remainder, see distribute):
 * "Andel af 10.000.000,00 kr. efter indbyggertal: 667.099 af 5.961.249 indbyggere".
 */
export function distributeByPopulation(totalOre: number, populations: readonly number[], kink?: Kink): PriceLine[] {
  populations.forEach((p) => assertCount(p, 'indbyggertallet'));
  if (!kink) {
    const shares = distribute(totalOre, populations);
    const all = formatNumber(populations.reduce((a, b) => a + b, 0));
    return populations.map((p, i) => ({
      amountOre: shares[i]!,
      calculation: `Andel af ${formatKroner(totalOre)} efter indbyggertal: ${formatNumber(p)} af ${all} indbyggere`,
    }));
  }
  const weights = populations.map((p) => kinkedPopulationHundredths(p, kink));
  const shares = distribute(totalOre, weights);
  const all = formatHundredths(weights.reduce((a, b) => a + b, 0));
  const rule = `indbyggere over ${formatNumber(kink.thresholdCitizens)} tæller ${kink.reducedPercent} %`;
  return weights.map((w, i) => ({
    amountOre: shares[i]!,
    calculation: `Andel af ${formatKroner(totalOre)} efter vægtet indbyggertal (${rule}): ${formatHundredths(w)} af ${all}`,
  }));
}

/** One usage count at a unit price: 12.000 valgkort at 1,90 kr. for print. */
export type Usage = { quantity: number; unit: string; unitPriceOre: number; label?: string };

/** "12.000 valgkort × 1,90 kr. (tryk) + 12.000 valgkort × 7,40 kr. (porto)" */
export function usageTimesUnitPrice(usages: readonly Usage[]): PriceLine {
  if (usages.length === 0) throw new RangeError('der er intet forbrug at beregne');
  const parts = usages.map((u) => {
    assertCount(u.quantity, 'antallet');
    return {
      amount: multiplyOre(u.unitPriceOre, u.quantity),
      text: `${formatNumber(u.quantity)} ${u.unit} × ${formatRate(u.unitPriceOre)}${u.label ? ` (${u.label})` : ''}`,
    };
  });
  return { amountOre: sumOre(parts.map((p) => p.amount)), calculation: parts.map((p) => p.text).join(' + ') };
}
