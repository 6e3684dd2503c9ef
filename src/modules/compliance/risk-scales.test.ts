import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { DEFAULT_RISK_SCALE } from '../../db/reference/risk-scales.ts';
import { loadRiskScales, riskLevel, type RiskScale } from './risk-scales.ts';

/** Datatilsynet's matrix as the deck "Compliancepakker 2025" draws it: [consequence, likelihood, level]. */
const DECK: [number, number, string][] = [
  [4, 1, 'Høj'], [4, 2, 'Meget høj'], [4, 3, 'Meget høj'], [4, 4, 'Meget høj'],
  [3, 1, 'Mellem'], [3, 2, 'Høj'], [3, 3, 'Høj'], [3, 4, 'Meget høj'],
  [2, 1, 'Lav'], [2, 2, 'Mellem'], [2, 3, 'Høj'], [2, 4, 'Høj'],
  [1, 1, 'Lav'], [1, 2, 'Lav'], [1, 3, 'Mellem'], [1, 4, 'Høj'],
];

describe('risk scales', () => {
  let t: TestApp;
  let municipal: Client;
  let scale: RiskScale;

  beforeAll(async () => {
    t = await startTestApp();
    municipal = await loginAs(t.app, DEMO.programLeader('0320'));
    scale = (await loadRiskScales(t.database.db)).find((s) => s.key === DEFAULT_RISK_SCALE)!;
  });
  afterAll(() => t.close());

  it('has Datatilsynet\'s levels and labels in order', () => {
    expect(scale.likelihoods.map((l) => l.label)).toEqual(['Usandsynligt', 'Mindre sandsynligt', 'Sandsynligt', 'Forventet']);
    expect(scale.consequences.map((l) => l.label)).toEqual(['Ubetydelig', 'Mindre alvorlig', 'Meget alvorlig', 'Ødelæggende']);
    expect(scale.levels.map((l) => l.label)).toEqual(['Lav', 'Mellem', 'Høj', 'Meget høj']);
    expect([...scale.likelihoods, ...scale.consequences].every((l) => l.definition.length > 20)).toBe(true);
  });

  it.each(DECK)('looks up consequence %i, likelihood %i as %s', (consequence, likelihood, label) => {
    expect(riskLevel(scale, likelihood, consequence).label).toBe(label);
  });

  it('refuses values outside the scale', () => {
    for (const [l, c] of [[0, 1], [5, 1], [1, 0], [1, 5], [2.5, 2], [Number.NaN, 1]] as const) {
      expect(() => riskLevel(scale, l, c), `likelihood ${l}, consequence ${c}`).toThrow(RangeError);
    }
  });

  it('gives every logged-in user the scales with matrix[consequence-1][likelihood-1] through the API', async () => {
    const res = await municipal.get('/api/v1/compliance/risk-scales');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { scales: { key: string; matrix: string[][]; likelihoods: { definition: string }[] }[] };
    const api = body.scales.find((s) => s.key === DEFAULT_RISK_SCALE)!;
    for (const [c, l, label] of DECK) expect(api.matrix[c - 1]![l - 1], `consequence ${c}, likelihood ${l}`).toBe(label);
    expect(api.likelihoods[0]!.definition).toBe(scale.likelihoods[0]!.definition);
    expect((await t.app.inject('/api/v1/compliance/risk-scales')).statusCode).toBe(401);
  });

  it('draws the matrix as SVG and as a table with the same 16 labels, most serious consequence at the top', async () => {
    const res = await municipal.get('/compliance/risikoskalaer');
    expect(res.statusCode).toBe(200);
    const start = res.body.indexOf('<svg xmlns="http://www.w3.org/2000/svg"');
    const svg = res.body.slice(start, res.body.indexOf('</svg>', start));
    expect(svg).toContain('class="samspil-risk-matrix"');
    const table = res.body.slice(res.body.indexOf('risk-matrix-table'));
    const tableBody = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
    const svgCells = [...svg.matchAll(/<g data-consequence="(\d)" data-likelihood="(\d)">.*?<text[^>]*>([^<]+)<\/text>/gs)].map((m) => [
      Number(m[1]),
      Number(m[2]),
      m[3],
    ]);
    expect(svgCells).toEqual(DECK);
    const rows = [...tableBody.matchAll(/<tr>(.*?)<\/tr>/gs)].map((r) => [...r[1]!.matchAll(/<td[^>]*>([^<]+)<\/td>/g)].map((m) => m[1]));
    expect(rows.flat()).toEqual(DECK.map(([, , label]) => label));
    expect(tableBody.indexOf('Ødelæggende')).toBeLessThan(tableBody.indexOf('Ubetydelig'));
    expect(res.body).toContain(scale.consequences[3]!.definition);
  });
});
