import { sumOre } from '../../../platform/money.ts';
import { changePerMille, type GuidanceContent, type GuidanceLine, type InvoiceContent, type PreviousSource } from './content.ts';

/** The year before, per municipality: what each solution cost it (from its invoice or computed). */
export type PreviousYear = {
  source: PreviousSource;
  /** Why there is nothing to compare with (source "ingen"), in Danish. */
  note: string | null;
  /** Per municipality code, the amount per solution key; empty when the source is "ingen". */
  amounts: Map<string, { solutionKey: string; solutionName: string; amountOre: number }[]>;
};

function line(current: InvoiceContent['lines'][number] | undefined, previous: { solutionKey: string; solutionName: string; amountOre: number } | undefined, known: boolean): GuidanceLine {
  const amountOre = current?.amountOre ?? 0;
  const base = {
    solutionKey: (current ?? previous)!.solutionKey,
    solutionName: (current ?? previous)!.solutionName,
    amountOre,
    calculation: current?.calculation ?? 'Løsningen faktureres ikke længere.',
  };
  if (!known) return { ...base, previousOre: null, changeOre: null, changePerMille: null, isNew: false, discontinued: false };
  if (!previous) return { ...base, previousOre: null, changeOre: null, changePerMille: null, isNew: true, discontinued: false };
  const changeOre = amountOre - previous.amountOre;
  return { ...base, previousOre: previous.amountOre, changeOre, changePerMille: changePerMille(changeOre, previous.amountOre), isNew: false, discontinued: !current };
}

/**
 * Every municipality's budget guidance for the year of `invoices` (the year's prices applied now):
 * per solution this year's amount against the year before, the change in kroner and percent; a
 * solution not charged the year before is new, one charged then and not now is shown with 0 kr.
 * Pure.
 */
export function buildGuidance(invoices: readonly InvoiceContent[], previous: PreviousYear): GuidanceContent[] {
  const known = previous.source !== 'ingen';
  return invoices.map((invoice) => {
    const before = previous.amounts.get(invoice.municipality.code) ?? [];
    const beforeByKey = new Map(before.map((b) => [b.solutionKey, b]));
    const nowKeys = new Set(invoice.lines.map((l) => l.solutionKey));
    const lines = [
      ...invoice.lines.map((l) => line(l, beforeByKey.get(l.solutionKey), known)),
      ...before.filter((b) => !nowKeys.has(b.solutionKey)).map((b) => line(undefined, b, known)),
    ];
    const totalOre = invoice.totalOre;
    const previousTotalOre = known ? sumOre(before.map((b) => b.amountOre)) : null;
    const changeOre = previousTotalOre === null ? null : totalOre - previousTotalOre;
    return {
      kind: 'budgetvejledning',
      year: invoice.year,
      municipality: invoice.municipality,
      populationPeriod: invoice.populationPeriod,
      previousSource: previous.source,
      previousNote: previous.note,
      lines,
      totalOre,
      previousTotalOre,
      changeOre,
      changePerMille: changeOre === null || previousTotalOre === null ? null : changePerMille(changeOre, previousTotalOre),
    };
  });
}
