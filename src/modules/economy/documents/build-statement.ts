import { distribute, sumOre } from '../../../platform/money.ts';
import type { InvoiceContent, StatementContent, StatementLine } from './content.ts';

export type StatementBuild = {
  documents: StatementContent[];
  /** What stops the statement from being published, in Danish; the documents leave those solutions out. */
  problems: string[];
};

type Solution = { solutionKey: string; solutionName: string };

/**
 * Every municipality's statement (årsopgørelse) for the year of the published `invoices`: per
 * solution its actual cost, what the municipality paid on account (its invoice line), its share of
 * the actual cost and the settlement (share − paid). A solution's actual cost is distributed over
 * the municipalities in proportion to what they were invoiced for it, with largest-remainder
 * rounding, so the shares add up to the actual cost to the øre. Pure.
 *
 * A solution invoiced without an actual cost, an actual cost for a solution nobody was invoiced
 * for, or one invoiced at 0 kr. in all cannot be settled: each is a problem, and the solution is
 * left out of the documents until it is fixed.
 */
export function buildStatements(year: number, invoices: readonly InvoiceContent[], actuals: ReadonlyMap<string, { solutionName: string; actualOre: number }>): StatementBuild {
  const solutions: Solution[] = [];
  const seen = new Set<string>();
  for (const invoice of invoices) {
    for (const l of invoice.lines) {
      if (seen.has(l.solutionKey)) continue;
      seen.add(l.solutionKey);
      solutions.push({ solutionKey: l.solutionKey, solutionName: l.solutionName });
    }
  }
  const problems: string[] = [];
  // Per settled solution, each municipality's [paid, share], in the order of `invoices`.
  const settled: { solution: Solution; actualOre: number; invoicedTotalOre: number; paid: number[]; shares: number[] }[] = [];
  for (const solution of solutions) {
    const paid = invoices.map((inv) => inv.lines.find((l) => l.solutionKey === solution.solutionKey)?.amountOre ?? 0);
    const invoicedTotalOre = sumOre(paid);
    const actual = actuals.get(solution.solutionKey);
    if (!actual) {
      problems.push(`Der mangler den faktiske omkostning for ${solution.solutionName} i ${year}.`);
      continue;
    }
    const positive = paid.map((p, i) => ({ p, i })).filter((x) => x.p > 0);
    const shares = paid.map(() => 0);
    if (positive.length === 0) {
      if (actual.actualOre !== 0) {
        problems.push(`${solution.solutionName} blev faktureret med 0,00 kr. i ${year}, så den faktiske omkostning kan ikke fordeles efter fakturaerne.`);
        continue;
      }
    } else {
      const distributed = distribute(
        actual.actualOre,
        positive.map((x) => x.p),
      );
      positive.forEach((x, k) => (shares[x.i] = distributed[k]!));
    }
    settled.push({ solution, actualOre: actual.actualOre, invoicedTotalOre, paid, shares });
  }
  for (const [key, actual] of actuals) {
    if (!seen.has(key) && actual.actualOre !== 0) {
      problems.push(`${actual.solutionName} har en faktisk omkostning for ${year}, men ingen kommune blev faktureret for løsningen.`);
    }
  }

  // Nothing settled yet (no actual cost entered at all): there is no statement to show, only the problems.
  if (settled.length === 0) return { documents: [], problems };
  const documents = invoices.map((invoice, i): StatementContent => {
    const lines: StatementLine[] = settled.map((s) => ({
      solutionKey: s.solution.solutionKey,
      solutionName: s.solution.solutionName,
      actualOre: s.actualOre,
      invoicedTotalOre: s.invoicedTotalOre,
      paidOre: s.paid[i]!,
      shareOre: s.shares[i]!,
      settlementOre: s.shares[i]! - s.paid[i]!,
    }));
    return {
      kind: 'aarsopgoerelse',
      year,
      municipality: invoice.municipality,
      lines,
      paidTotalOre: sumOre(lines.map((l) => l.paidOre)),
      shareTotalOre: sumOre(lines.map((l) => l.shareOre)),
      totalOre: sumOre(lines.map((l) => l.settlementOre)),
    };
  });
  return { documents, problems };
}
