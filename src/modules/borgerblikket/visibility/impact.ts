import { effectiveSettings, type KleConfiguration, type KleSettings } from './effective-entry.ts';
import { ADULT_AGE, isVisible, YOUTH_FROM_AGE } from './visibility.ts';

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
 * hundred thousand cases cost a hundred thousand calls of the rule and little else. Cases are added
 * one at a time, so an uploaded extract is counted as it is read and never held.
 */
export class ImpactTally {
  private readonly settingsOf: (kle: string) => KleSettings;
  private readonly draftSettingsOf: (kle: string) => KleSettings;
  private readonly byKle = new Map<string, ImpactRow>();

  constructor(private readonly q: ImpactQuestion) {
    this.settingsOf = memo(q.current);
    this.draftSettingsOf = memo(q.draft);
  }

  add(c: ExtractCase): void {
    if (c.age < YOUTH_FROM_AGE || c.age >= ADULT_AGE) return;
    const facts = { kle: c.kle, sourceSystem: c.sourceSystem, created: c.created, active: c.active, primaryParty: true, onCpr: true, indexed: true };
    const ask = (settings: KleSettings) =>
      isVisible({ municipalityName: this.q.municipalityName, settings, citizen: { age: c.age }, case: facts, date: this.q.date, youthActivation: this.q.youthActivation });
    const now = ask(this.settingsOf(c.kle));
    const draft = ask(this.draftSettingsOf(c.kle));
    let row = this.byKle.get(c.kle);
    if (!row) {
      row = { kle: c.kle, youthCases: 0, visibleNow: 0, visibleDraft: 0, becomeVisible: 0, becomeHidden: 0 };
      this.byKle.set(c.kle, row);
    }
    row.youthCases++;
    if (now) row.visibleNow++;
    if (draft) row.visibleDraft++;
    if (!now && draft) row.becomeVisible++;
    if (now && !draft) row.becomeHidden++;
  }

  /** The rows in KLE order (numbers sort as text: two digits per level). */
  rows(): ImpactRow[] {
    return [...this.byKle.values()].sort((a, b) => (a.kle < b.kle ? -1 : a.kle > b.kle ? 1 : 0));
  }
}

export function impactOfDraft(cases: Iterable<ExtractCase>, q: ImpactQuestion): ImpactRow[] {
  const tally = new ImpactTally(q);
  for (const c of cases) tally.add(c);
  return tally.rows();
}

/** The rows added up: the figures of the whole extract. */
export function impactTotals(rows: readonly ImpactRow[]): Omit<ImpactRow, 'kle'> {
  const t = { youthCases: 0, visibleNow: 0, visibleDraft: 0, becomeVisible: 0, becomeHidden: 0 };
  for (const r of rows) {
    t.youthCases += r.youthCases;
    t.visibleNow += r.visibleNow;
    t.visibleDraft += r.visibleDraft;
    t.becomeVisible += r.becomeVisible;
    t.becomeHidden += r.becomeHidden;
  }
  return t;
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
