import { describe, expect, it } from 'vitest';
import type { KleSettings } from './effective-entry.ts';
import { impactOfDraft, type ExtractCase } from './impact.ts';

const config = (entries: [string, Partial<KleSettings>][]) => new Map(entries);
const current = config([['27', { shown: true }]]);
/** The draft closes 27.12.04 for the young; the rest of 27 stays open to them. */
const draft = config([
  ['27', { shown: true }],
  ['27.12.04', { youth: false }],
]);
const base: Omit<ExtractCase, 'kle' | 'age'> = { sourceSystem: 'KY', created: '2025-06-01', active: true };

describe('the impact of a draft change on the 15–17-year-olds', () => {
  it('counts per KLE number the young people’s cases seen now, under the draft, and what changes; adults and children are left out', () => {
    const cases: ExtractCase[] = [
      { ...base, kle: '27.12.04', age: 16 },
      { ...base, kle: '27.12.04', age: 17 },
      { ...base, kle: '27.12.04', age: 18 },
      { ...base, kle: '27.12.04', age: 14 },
      { ...base, kle: '27.12.05', age: 15 },
      { ...base, kle: '28.01.01', age: 16 },
    ];
    const rows = impactOfDraft(cases, { municipalityName: 'Faxe', current, draft, date: '2025-12-01', youthActivation: '2025-11-03' });
    expect(rows).toEqual([
      { kle: '27.12.04', youthCases: 2, visibleNow: 2, visibleDraft: 0, becomeVisible: 0, becomeHidden: 2 },
      { kle: '27.12.05', youthCases: 1, visibleNow: 1, visibleDraft: 1, becomeVisible: 0, becomeHidden: 0 },
      { kle: '28.01.01', youthCases: 1, visibleNow: 0, visibleDraft: 0, becomeVisible: 0, becomeHidden: 0 },
    ]);
  });

  it('shows what opening a number does, and that nothing is visible to the young before the activation', () => {
    const opening = config([['28', { shown: true }]]);
    const cases: ExtractCase[] = [{ ...base, kle: '28.01.01', age: 16 }];
    expect(impactOfDraft(cases, { municipalityName: 'Faxe', current, draft: opening, date: '2025-12-01', youthActivation: '2025-11-03' })[0]).toMatchObject({ becomeVisible: 1 });
    expect(impactOfDraft(cases, { municipalityName: 'Faxe', current, draft: opening, date: '2025-10-01', youthActivation: '2025-11-03' })[0]).toMatchObject({ visibleDraft: 0, becomeVisible: 0 });
  });
});
