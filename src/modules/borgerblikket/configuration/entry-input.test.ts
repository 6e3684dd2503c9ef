import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { configurationRows, parseFilter } from './configuration-rows.ts';
import { mergeEntry, parseBulkBody, parseBulkForm, parseEditForm, parseEntryBody } from './entry-input.ts';
import { describeDifference, describeEntry } from './labels.ts';
import type { PlanNumber } from './load-configuration-view.ts';

const TODAY = '2025-09-15';
const errorsOf = (fn: () => unknown): Record<string, string> => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.fieldErrors;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('the configuration inputs', () => {
  it('reads the edit form: arv leaves a field out, ja/nej and "sat" set it, all arv is no entry', () => {
    expect(parseEditForm({ shown: 'ja', youth: 'nej', fromDateMode: 'sat', fromDate: '1.3.2025', sourceSystemsMode: 'sat', sourceSystems: 'KMD Nova; SBSYS', reason: ' Fordi ' }, TODAY)).toEqual({
      settings: { shown: true, youth: false, fromDate: '2025-03-01', sourceSystems: ['KMD Nova', 'SBSYS'] },
      reason: 'Fordi',
    });
    // "Sat" with the text empty: no from-date and every source system, set on the number.
    expect(parseEditForm({ fromDateMode: 'sat', fromDate: '', sourceSystemsMode: 'sat', sourceSystems: '', reason: 'x' }, TODAY).settings).toEqual({ fromDate: null, sourceSystems: [] });
    expect(parseEditForm({ shown: 'arv', reason: 'x' }, TODAY)).toEqual({ settings: null, reason: 'x' });
  });

  it('refuses each bad field in Danish, the from-date up to and including 31 December of this year', () => {
    expect(errorsOf(() => parseEditForm({ shown: 'måske', fromDateMode: 'sat', fromDate: '01.01.2026', sourceSystemsMode: 'sat', sourceSystems: '<KMD>' }, TODAY))).toEqual({
      shown: 'Vælg arv, ja eller nej',
      fromDate: 'Fradatoen må højst være 31.12.2025',
      sourceSystems: expect.stringContaining('Ugyldigt navn på kildesystem: <KMD>'),
      reason: 'Skriv hvorfor indstillingen ændres',
    });
    expect(parseEditForm({ fromDateMode: 'sat', fromDate: '31.12.2025', reason: 'x' }, TODAY).settings).toEqual({ fromDate: '2025-12-31' });
    expect(errorsOf(() => parseEditForm({ reason: 'x'.repeat(1001) }, TODAY)).reason).toBe('Begrundelsen må højst være 1000 tegn');
  });

  it("reads the API's PUT: the whole entry or null, unknown fields refused", () => {
    expect(parseEntryBody({ settings: { youth: false }, reason: 'x' }, TODAY)).toEqual({ settings: { youth: false }, reason: 'x' });
    expect(parseEntryBody({ settings: null, reason: 'x' }, TODAY)).toEqual({ settings: null, reason: 'x' });
    expect(parseEntryBody({ settings: {}, reason: 'x' }, TODAY)).toEqual({ settings: null, reason: 'x' });
    expect(errorsOf(() => parseEntryBody({ reason: 'x' }, TODAY)).settings).toContain('Send settings');
    expect(errorsOf(() => parseEntryBody({ settings: [], reason: 'x' }, TODAY)).settings).toBe('settings skal være et objekt eller null');
  });

  it('reads a bulk change: numbers normalised and sorted, at least one field, set and inherit apart', () => {
    expect(parseBulkForm({ kle: ['28.1.2', '27.12.04', '27.12.04'], youth: 'nej', shown: 'uaendret', reason: 'x' }, TODAY)).toEqual({ numbers: ['27.12.04', '28.01.02'], set: { youth: false }, inherit: [], reason: 'x' });
    expect(parseBulkForm({ kle: '27', shown: 'arv', youth: 'ja', reason: 'x' }, TODAY)).toEqual({ numbers: ['27'], set: { youth: true }, inherit: ['shown'], reason: 'x' });
    expect(errorsOf(() => parseBulkForm({ kle: ['27.x'], youth: 'uaendret', shown: 'uaendret', reason: 'x' }, TODAY))).toEqual({
      kle: 'Et af de valgte KLE-numre er ikke et KLE-nummer (fx 27.12.04)',
      youth: 'Vælg mindst én indstilling, der skal ændres',
    });
    expect(errorsOf(() => parseBulkBody({ kle: '27', set: { youth: false }, inherit: ['youth'], reason: 'x' }, TODAY))).toMatchObject({
      kle: 'Send kle som en liste af KLE-numre',
      inherit: 'Et felt kan ikke både sættes og arves',
    });
    expect(parseBulkBody({ kle: ['27.12.04'], inherit: ['fromDate'], reason: 'x' }, TODAY).inherit).toEqual(['fromDate']);
  });

  it('merges a bulk change into an entry, keeping its other fields; nothing left is no entry', () => {
    expect(mergeEntry({ shown: true, fromDate: '2025-01-01' }, { set: { youth: false }, inherit: ['shown'] })).toEqual({ fromDate: '2025-01-01', youth: false });
    expect(mergeEntry({ youth: false }, { set: {}, inherit: ['youth'] })).toBeNull();
    expect(mergeEntry(null, { set: { youth: false }, inherit: [] })).toEqual({ youth: false });
  });

  it('describes entries and changes in Danish', () => {
    expect(describeEntry({ youth: false, sourceSystems: [] })).toBe('Vises for 15–17-årige: Nej; Kildesystemer: Alle');
    expect(describeEntry(null)).toBe('Ingen indstilling (alt arves)');
    expect(describeDifference({ shown: true }, { shown: true, youth: false, fromDate: null })).toEqual(['Vises for 15–17-årige: arves → Nej', 'Fradato: arves → Ingen']);
  });
});

describe("the plan page's rows", () => {
  const n = (number: string, expiredOn: string | null = null): PlanNumber => ({
    number,
    level: number.length === 2 ? 'hovedgruppe' : number.length === 5 ? 'gruppe' : 'emne',
    parent: number.length === 2 ? null : number.slice(0, number.length - 3),
    title: `Titel ${number}`,
    expiredOn,
    expiredNote: null,
  });
  const plan = ['27', '27.12', '27.12.04', '27.12.05', '28', '28.01', '28.01.02'].map((x) => n(x));
  const entries = new Map([
    ['27', { shown: true }],
    ['27.12.05', { youth: false }],
  ]);

  it('filters by main group, state and search; a mangled query is no filter', () => {
    const numbers = (q: Record<string, unknown>) => configurationRows(plan, entries, parseFilter(q)).map((r) => r.number);
    expect(numbers({})).toHaveLength(7);
    expect(numbers({ hovedgruppe: '28' })).toEqual(['28', '28.01', '28.01.02']);
    expect(numbers({ vis: 'aabne' })).toEqual(['27', '27.12', '27.12.04', '27.12.05']);
    expect(numbers({ vis: 'lukket-unge' })).toEqual(['27.12.05']);
    expect(numbers({ vis: 'sat-her' })).toEqual(['27', '27.12.05']);
    expect(numbers({ soeg: 'TITEL 28.01' })).toEqual(['28.01', '28.01.02']);
    expect(numbers({ vis: ['x'], hovedgruppe: '2' })).toHaveLength(7);
  });
});
