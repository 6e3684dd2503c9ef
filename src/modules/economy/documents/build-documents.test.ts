import { describe, expect, it } from 'vitest';
import type { YearAllocation } from '../allocation/allocate-year.ts';
import { buildGuidance } from './build-guidance.ts';
import { buildInvoices } from './build-invoice.ts';
import { buildStatements } from './build-statement.ts';
import { changePerMille, formatPerMille, type InvoiceContent } from './content.ts';
import { documentTable } from './document-text.ts';

const municipalities = [
  { code: '0101', name: 'København', population: 667_099 },
  { code: '0320', name: 'Faxe', population: 36_000 },
  { code: '0825', name: 'Læsø', population: 1_753 },
];

/** A year with two solutions: infrastructure with two price models, and Aula with one. */
function allocation(year: number, amounts: Record<string, [number, number, number]>): YearAllocation {
  return {
    year,
    populationPeriod: `${year}K1`,
    municipalities,
    solutions: Object.entries(amounts).map(([key, ore]) => ({
      solutionKey: key,
      solutionName: key === 'aula' ? 'Aula' : key === 'valg' ? 'Valg' : 'Infrastruktur',
      totalOre: ore.reduce((a, b) => a + b, 0),
      municipalities: municipalities.map((m, i) => ({
        ...m,
        amountOre: ore[i]!,
        calculation: `beregning ${key} ${m.code}`,
        lines:
          key === 'infrastruktur'
            ? [
                { modelId: 'a', model: 'Infrastruktur', amountOre: ore[i]! - 100, calculation: 'x' },
                { modelId: 'b', model: 'Buffet', amountOre: 100, calculation: 'y' },
              ]
            : [{ modelId: 'c', model: key, amountOre: ore[i]!, calculation: `beregning ${key} ${m.code}` }],
      })),
    })),
  };
}

describe('the invoice', () => {
  it('has one line per solution with its calculation, the price models beneath, and the total', () => {
    const [kbh] = buildInvoices(allocation(2026, { infrastruktur: [1_021_373_750, 90_000_000, 4_382_500], aula: [500_000, 30_000, 2_000] }));
    expect(kbh!.municipality).toEqual({ code: '0101', name: 'København', population: 667_099 });
    expect(kbh!.lines.map((l) => [l.solutionName, l.amountOre, l.models.length])).toEqual([
      ['Infrastruktur', 1_021_373_750, 2],
      ['Aula', 500_000, 1],
    ]);
    expect(kbh!.totalOre).toBe(1_021_873_750);
    const table = documentTable(kbh!);
    expect(table.rows.map((r) => r.role)).toEqual(['line', 'model', 'model', 'line', 'total']);
    expect(table.rows.at(-1)!.cells).toEqual(['I alt', '', '10.218.737,50 kr.']);
  });
});

describe('the budget guidance', () => {
  const previous = (invoices: InvoiceContent[]) => ({
    source: 'faktura' as const,
    note: null,
    amounts: new Map(invoices.map((i) => [i.municipality.code, i.lines.map((l) => ({ solutionKey: l.solutionKey, solutionName: l.solutionName, amountOre: l.amountOre }))])),
  });

  it('shows the change from the year before in kroner and percent, "ny" for a new solution, 0 kr. for one no longer charged', () => {
    const before = buildInvoices(allocation(2026, { infrastruktur: [10_000_000, 10_000_000, 10_000_000], aula: [3_000, 3_000, 3_000] }));
    // Infrastruktur 100.000,00 kr. → 112.345,00 kr. (+12.345,00 kr., +12,3 %); Aula dropped; Valg new.
    const now = buildInvoices(allocation(2027, { infrastruktur: [11_234_500, 9_500_000, 10_000_000], valg: [50_000, 0, 700] }));
    const [kbh, faxe, laesoe] = buildGuidance(now, previous(before));
    expect(kbh!.lines).toEqual([
      expect.objectContaining({ solutionKey: 'infrastruktur', amountOre: 11_234_500, previousOre: 10_000_000, changeOre: 1_234_500, changePerMille: 123, isNew: false }),
      expect.objectContaining({ solutionKey: 'valg', amountOre: 50_000, previousOre: null, changeOre: null, isNew: true }),
      expect.objectContaining({ solutionKey: 'aula', amountOre: 0, previousOre: 3_000, changeOre: -3_000, changePerMille: -1000, discontinued: true }),
    ]);
    expect(kbh!).toMatchObject({ totalOre: 11_284_500, previousTotalOre: 10_003_000, changeOre: 1_281_500, changePerMille: 128 });
    // -500.000 øre on 10.000.000: exactly -5,0 %
    expect(faxe!.lines[0]).toMatchObject({ changeOre: -500_000, changePerMille: -50 });
    expect(laesoe!.lines[0]).toMatchObject({ changeOre: 0, changePerMille: 0 });

    const cells = documentTable(kbh!).rows.map((r) => r.cells.slice(2));
    expect(cells).toEqual([
      ['112.345,00 kr.', '100.000,00 kr.', '+12.345,00 kr.', '+12,3 %'],
      ['500,00 kr.', 'ny', 'ny', 'ny'],
      ['0,00 kr.', '30,00 kr.', '-30,00 kr.', '-100,0 %'],
      ['112.845,00 kr.', '100.030,00 kr.', '+12.815,00 kr.', '+12,8 %'],
    ]);
  });

  it('says so when the year before cannot be compared', () => {
    const now = buildInvoices(allocation(2027, { aula: [1, 2, 3] }));
    const [kbh] = buildGuidance(now, { source: 'ingen', note: 'Beløbene for 2026 kan ikke sammenlignes.', amounts: new Map() });
    expect(kbh!.lines[0]).toMatchObject({ previousOre: null, changeOre: null, isNew: false });
    expect(documentTable(kbh!).rows[0]!.cells.slice(3)).toEqual(['–', '–', '–']);
  });

  it('rounds the percent half away from zero, exactly', () => {
    expect(changePerMille(1, 2_000)).toBe(1); // 0,05 % → 0,1 %
    expect(changePerMille(-1, 2_000)).toBe(-1);
    expect(changePerMille(1, 2_001)).toBe(0);
    expect(changePerMille(5, 0)).toBeNull();
    expect(formatPerMille(123_456)).toBe('+12.345,6 %');
    expect(formatPerMille(-5)).toBe('-0,5 %');
  });
});

describe('the statement', () => {
  const invoices = buildInvoices(allocation(2026, { infrastruktur: [1_000_000, 200_000, 1_000], aula: [333_333, 333_333, 333_334], valg: [0, 0, 0] }));
  const actuals = new Map([
    ['infrastruktur', { solutionName: 'Infrastruktur', actualOre: 1_100_000 }],
    ['aula', { solutionName: 'Aula', actualOre: 900_001 }],
    ['valg', { solutionName: 'Valg', actualOre: 0 }],
  ]);

  it('distributes each actual cost by what was invoiced, so the shares add up to it to the øre, and settles share − paid', () => {
    const { documents, problems } = buildStatements(2026, invoices, actuals);
    expect(problems).toEqual([]);
    for (const key of ['infrastruktur', 'aula']) {
      const lines = documents.map((d) => d.lines.find((l) => l.solutionKey === key)!);
      expect(lines.reduce((s, l) => s + l.shareOre, 0)).toBe(actuals.get(key)!.actualOre);
      for (const l of lines) expect(l.settlementOre).toBe(l.shareOre - l.paidOre);
    }
    const [kbh, faxe, laesoe] = documents;
    // 1.100.000 × 1.000.000 / 1.201.000 = 915.903,41…; 183.180,68…; 915,90… → remainders give the øre left to Læsø and Faxe
    expect(kbh!.lines[0]).toMatchObject({ actualOre: 1_100_000, invoicedTotalOre: 1_201_000, paidOre: 1_000_000, shareOre: 915_903, settlementOre: -84_097 });
    expect(faxe!.lines[0]).toMatchObject({ shareOre: 183_181, settlementOre: -16_819 });
    expect(laesoe!.lines[0]).toMatchObject({ shareOre: 916, settlementOre: -84 });
    expect(kbh!.lines[2]).toMatchObject({ solutionKey: 'valg', paidOre: 0, shareOre: 0, settlementOre: 0 });
    const all = documents.reduce((s, d) => s + d.totalOre, 0);
    expect(all).toBe(1_100_000 + 900_001 - (1_201_000 + 1_000_000));
    for (const d of documents) expect(d.totalOre).toBe(d.shareTotalOre - d.paidTotalOre);
    // Aula: 900.001 øre by 333.333 / 333.333 / 333.334 gives 300.000 each and the last øre to Læsø.
    expect(kbh!.lines[1]).toMatchObject({ shareOre: 300_000, settlementOre: -33_333 });
    expect(laesoe!.lines[1]).toMatchObject({ shareOre: 300_001, settlementOre: -33_333 });
    expect(documentTable(kbh!).rows.at(-1)!.cells).toEqual(['I alt', '', '', '13.333,33 kr.', '12.159,03 kr.', '-1.174,30 kr.']);
  });

  it('names what stops it: a missing actual cost, an actual cost nobody was invoiced for, or one that cannot be distributed', () => {
    const { documents, problems } = buildStatements(
      2026,
      invoices,
      new Map([
        ['aula', { solutionName: 'Aula', actualOre: 900_000 }],
        ['valg', { solutionName: 'Valg', actualOre: 5_000 }],
        ['flis', { solutionName: 'FLIS', actualOre: 7 }],
      ]),
    );
    expect(problems).toEqual([
      'Der mangler den faktiske omkostning for Infrastruktur i 2026.',
      'Valg blev faktureret med 0,00 kr. i 2026, så den faktiske omkostning kan ikke fordeles efter fakturaerne.',
      'FLIS har en faktisk omkostning for 2026, men ingen kommune blev faktureret for løsningen.',
    ]);
    expect(documents[0]!.lines.map((l) => l.solutionKey)).toEqual(['aula']);
  });
});
