import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, effectiveSettings, type KleSettings } from './effective-entry.ts';
import { kleAncestry, normaliseKle } from './kle-number.ts';
import { ageOn, visibility, type CaseFacts, type VisibilityQuestion } from './visibility.ts';

/** The deck's dates: the young see their cases from 3 November 2025. */
const ACTIVATION = '2025-11-03';
const opened: KleSettings = { ...DEFAULT_SETTINGS, shown: true };
const aCase: CaseFacts = { kle: '27.12.04', sourceSystem: 'KY', created: '2025-06-01', active: true, primaryParty: true, onCpr: true, indexed: true };
const ask = (q: Partial<VisibilityQuestion> & { caseFacts?: Partial<CaseFacts> } = {}) =>
  visibility({
    municipalityName: 'Faxe',
    settings: q.settings ?? opened,
    citizen: q.citizen ?? { age: 30 },
    case: { ...aCase, ...q.caseFacts },
    date: q.date ?? '2025-12-01',
    youthActivation: q.youthActivation === undefined ? ACTIVATION : q.youthActivation,
  });

describe('what the citizen sees in Mit Overblik', () => {
  it('shows an adult a case of an opened number that meets every condition, and says so', () => {
    expect(ask()).toEqual({ visible: true, age: 30, reasons: ['Vises: KLE 27.12.04 er åbnet i Faxe, og sagen opfylder alle betingelser'] });
  });

  it('names every condition that fails, not only the first', () => {
    const r = ask({ settings: DEFAULT_SETTINGS, caseFacts: { primaryParty: false, onCpr: false, indexed: false } });
    expect(r.visible).toBe(false);
    expect(r.reasons).toEqual([
      'Skjult: borgeren er ikke primær part i sagen',
      'Skjult: sagen er ikke registreret på borgerens CPR-nummer',
      'Skjult: kildesystemet KY har ikke leveret sagen til indekset',
      'Skjult: KLE 27.12.04 er ikke åbnet i Faxe',
    ]);
  });

  it('keeps to the source-system filter; an empty filter lets every system through', () => {
    expect(ask({ settings: { ...opened, sourceSystems: ['SBSYS', 'KMD Nova'] } }).reasons).toEqual(['Skjult: Faxe viser kun sager fra SBSYS, KMD Nova for KLE 27.12.04, ikke fra KY']);
    expect(ask({ settings: { ...opened, sourceSystems: ['KY'] } }).visible).toBe(true);
    expect(ask({ settings: { ...opened, sourceSystems: ['ky'] } }).visible).toBe(true);
  });

  it('shows a case created on the from-date itself, not the day before, unless active cases are let through', () => {
    const settings = { ...opened, fromDate: '2025-06-01' };
    expect(ask({ settings, caseFacts: { created: '2025-06-01' } }).visible).toBe(true);
    expect(ask({ settings, caseFacts: { created: '2025-05-31', active: false } }).reasons).toEqual(['Skjult: sagen er oprettet 31.05.2025, før fradatoen 01.06.2025 for KLE 27.12.04 i Faxe']);
    expect(ask({ settings, caseFacts: { created: '2025-05-31' } }).reasons).toEqual([
      'Skjult: sagen er oprettet 31.05.2025, før fradatoen 01.06.2025 for KLE 27.12.04 i Faxe (aktive sager vises ikke fra før fradatoen)',
    ]);
    expect(ask({ settings: { ...settings, fromDateOffForActive: true }, caseFacts: { created: '2025-05-31' } }).visible).toBe(true);
    expect(ask({ settings: { ...settings, fromDateOffForActive: true }, caseFacts: { created: '2025-05-31', active: false } }).visible).toBe(false);
  });

  it('shows nothing before the 15th birthday, and from it only once the youth feature is active', () => {
    const born = '2010-12-01';
    expect(ask({ citizen: { birthDate: born }, date: '2025-11-30' }).reasons).toEqual(['Skjult: borgeren er 14 år, og Mit Overblik viser først sager fra 15 år']);
    expect(ask({ citizen: { birthDate: born }, date: '2025-12-01' })).toMatchObject({ visible: true, age: 15, reasons: ['Vises: KLE 27.12.04 er åbnet i Faxe, også for 15–17-årige, og sagen opfylder alle betingelser'] });
    expect(ask({ citizen: { age: 16 }, date: '2025-11-02' }).reasons).toEqual(['Skjult: borgeren er 16 år, og visningen for 15–17-årige aktiveres først 3. november 2025']);
    expect(ask({ citizen: { age: 16 }, date: ACTIVATION }).visible).toBe(true);
    expect(ask({ citizen: { age: 16 }, youthActivation: null }).reasons).toEqual(['Skjult: borgeren er 16 år, og visningen for 15–17-årige er ikke aktiveret endnu']);
  });

  it("hides a number closed for the young until the 18th birthday, in the deck's words", () => {
    const settings = { ...opened, youth: false };
    expect(ask({ settings, citizen: { age: 16 } }).reasons).toEqual(['Skjult: borgeren er 16 år, og KLE 27.12.04 er ikke åbnet for unge i Faxe']);
    expect(ask({ settings, citizen: { birthDate: '2007-12-02' } })).toMatchObject({ visible: false, age: 17 });
    expect(ask({ settings, citizen: { birthDate: '2007-12-01' } })).toMatchObject({ visible: true, age: 18 });
    expect(ask({ settings, citizen: { age: 15 }, date: '2025-11-02' }).reasons).toEqual([
      'Skjult: borgeren er 15 år, og visningen for 15–17-årige aktiveres først 3. november 2025',
      'Skjult: borgeren er 15 år, og KLE 27.12.04 er ikke åbnet for unge i Faxe',
    ]);
  });

  it('counts age in whole years, a 29 February birthday passing on 1 March', () => {
    expect(ageOn('2010-06-15', '2025-06-14')).toBe(14);
    expect(ageOn('2010-06-15', '2025-06-15')).toBe(15);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });
});

describe('the settings that hold for a KLE number', () => {
  it('reads KLE numbers as KL writes them and lists the levels above', () => {
    expect(normaliseKle(' 27.12.4 ')).toBe('27.12.04');
    expect(normaliseKle('27')).toBe('27');
    expect(normaliseKle('27.123')).toBeNull();
    expect(normaliseKle('27.12.04.01')).toBeNull();
    expect(kleAncestry('27.12.04')).toEqual(['27.12.04', '27.12', '27']);
  });

  it('takes each setting from the nearest level that sets it, else the default (closed, youth Ja)', () => {
    const config = new Map<string, Partial<KleSettings>>([
      ['27', { shown: true, fromDate: '2020-01-01' }],
      ['27.12', { youth: false }],
      ['27.12.04', { youth: true, sourceSystems: ['KY'] }],
    ]);
    const topic = effectiveSettings(config, '27.12.04');
    expect(topic).toMatchObject({ shown: true, youth: true, fromDate: '2020-01-01', sourceSystems: ['KY'] });
    expect(topic.decidedBy).toMatchObject({ shown: '27', youth: '27.12.04', fromDate: '27', documentTitles: null });
    expect(effectiveSettings(config, '27.12.05')).toMatchObject({ shown: true, youth: false, sourceSystems: [] });
    expect(effectiveSettings(config, '28.01.01')).toMatchObject({ shown: false, youth: true });
  });
});
