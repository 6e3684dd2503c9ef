import { sumOre } from '../../../platform/money.ts';
import type { YearAllocation } from '../allocation/allocate-year.ts';
import type { InvoiceContent } from './content.ts';

/**
 * Every municipality's invoice for the allocated year, in the allocation's order of municipalities:
 * one line per solution with its amount and calculation, the price models' lines beneath it, and
 * the total. Pure: the allocation already holds every øre.
 */
export function buildInvoices(allocation: YearAllocation): InvoiceContent[] {
  return allocation.municipalities.map((m, i) => {
    const lines = allocation.solutions.map((s) => {
      const share = s.municipalities[i]!;
      return {
        solutionKey: s.solutionKey,
        solutionName: s.solutionName,
        amountOre: share.amountOre,
        calculation: share.calculation,
        models: share.lines.map((l) => ({ model: l.model, amountOre: l.amountOre, calculation: l.calculation })),
      };
    });
    return {
      kind: 'faktura',
      year: allocation.year,
      municipality: { code: m.code, name: m.name, population: m.population },
      populationPeriod: allocation.populationPeriod,
      lines,
      totalOre: sumOre(lines.map((l) => l.amountOre)),
    };
  });
}
