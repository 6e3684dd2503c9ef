import { effectiveSettings, type KleConfiguration, type KleSettings } from './effective-entry.ts';
import { ADULT_AGE, visibility, YOUTH_FROM_AGE } from './visibility.ts';

/** One line of a municipality's anonymised case extract: no CPR number, only what the rule needs. */
export type ExtractCase = { kle: string; sourceSystem: string; created: string; active: boolean; age: number };

/** Per KLE number: the 15–17-year-olds' cases, how many they see now and under the draft, and the change. */
export type ImpactRow = { kle: string; youthCases: number; visibleNow: number; visibleDraft: number; becomeVisible: number; becomeHidden: number };

export type ImpactQuestion = {
  municipalityName: string;
  current: KleConfiguration;
  draft: KleConfiguration;
  date: string;
  youthActivation: string | null;
};

/**
 * What a draft change of the KLE configuration would do to the 15–17-year-olds' cases, before it
 * is saved: each case of the extract asked of the visibility rule under both configurations. The
 * extract holds the municipality's own cases, so the citizen is taken as primary party, on CPR and
 * indexed. The settings are worked out once per KLE number and configuration, not per case, so a
 * hundred thousand cases cost a hundred thousand calls of the rule and little else.
 */
export function impactOfDraft(cases: Iterable<ExtractCase>, q: ImpactQuestion): ImpactRow[] {
  const settingsOf = memo(q.current);
  const draftSettingsOf = memo(q.draft);
  const rows = new Map<string, ImpactRow>();
  for (const c of cases) {
    if (c.age < YOUTH_FROM_AGE || c.age >= ADULT_AGE) continue;
    const facts = { kle: c.kle, sourceSystem: c.sourceSystem, created: c.created, active: c.active, primaryParty: true, onCpr: true, indexed: true };
    const ask = (settings: KleSettings) =>
      visibility({ municipalityName: q.municipalityName, settings, citizen: { age: c.age }, case: facts, date: q.date, youthActivation: q.youthActivation }).visible;
    const now = ask(settingsOf(c.kle));
    const draft = ask(draftSettingsOf(c.kle));
    let row = rows.get(c.kle);
    if (!row) {
      row = { kle: c.kle, youthCases: 0, visibleNow: 0, visibleDraft: 0, becomeVisible: 0, becomeHidden: 0 };
      rows.set(c.kle, row);
    }
    row.youthCases++;
    if (now) row.visibleNow++;
    if (draft) row.visibleDraft++;
    if (!now && draft) row.becomeVisible++;
    if (now && !draft) row.becomeHidden++;
  }
  return [...rows.values()].sort((a, b) => (a.kle < b.kle ? -1 : a.kle > b.kle ? 1 : 0));
}

function memo(config: KleConfiguration): (kle: string) => KleSettings {
  const cache = new Map<string, KleSettings>();
  return (kle) => {
    let s = cache.get(kle);
    if (!s) {
      s = effectiveSettings(config, kle);
      cache.set(kle, s);
    }
    return s;
  };
}
