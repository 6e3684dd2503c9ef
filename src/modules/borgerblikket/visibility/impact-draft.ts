import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import type { EntryChange } from '../apply-changes.ts';
import { canonical, checkSettings } from '../settings-input.ts';
import { DEFAULT_SETTINGS, type KleConfiguration, type KleSettings } from './effective-entry.ts';
import { normaliseKle } from './kle-number.ts';

/**
 * A draft change of a municipality's KLE configuration, to see its impact before it is saved: the
 * numbers it concerns, the settings written on each of them, and the settings taken off them so
 * they are inherited again. Each number keeps the rest of its own entry.
 */
export type ImpactDraft = { kle: string[]; set: Partial<KleSettings>; inherit: (keyof KleSettings)[] };

export const NO_DRAFT: ImpactDraft = { kle: [], set: {}, inherit: [] };

/** A draft of more numbers than a whole plan holds is a mistake, not a change. */
export const MAX_DRAFT_NUMBERS = 5000;

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof KleSettings)[];

/** The form's choices for a yes/no setting: leave as it is, inherit, yes or no. */
export const CHOICES = ['', 'arv', 'ja', 'nej'] as const;

/** The draft as the API sends it ({ kle: [...], set: {...}, inherit: [...] }), checked; 422 with a Danish message per field. */
export function parseDraft(raw: unknown, today: string): ImpactDraft {
  if (raw === undefined || raw === null) return NO_DRAFT;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid({ draft: 'Udkastet skal være et JSON-objekt med kle, set og inherit' });
  const r = raw as Record<string, unknown>;
  const errors: FieldErrors = {};
  const kle: string[] = [];
  if (r.kle !== undefined && !(Array.isArray(r.kle) && r.kle.every((k) => typeof k === 'string'))) errors.kle = 'Angiv KLE-numrene som en liste, fx ["27.12.04"]';
  else {
    const bad: string[] = [];
    for (const k of (r.kle as string[] | undefined) ?? []) {
      const n = normaliseKle(k);
      if (n === null) bad.push(k);
      else if (!kle.includes(n)) kle.push(n);
    }
    if (bad.length > 0) errors.kle = `Ikke et KLE-nummer: ${bad.slice(0, 10).join(', ')} (skriv fx 27.12.04)`;
    else if (kle.length > MAX_DRAFT_NUMBERS) errors.kle = `Højst ${MAX_DRAFT_NUMBERS} KLE-numre i én ændring`;
  }
  let set: Partial<KleSettings> = {};
  if (r.set !== undefined && (typeof r.set !== 'object' || r.set === null || Array.isArray(r.set))) errors.set = 'Angiv indstillingerne som et objekt, fx {"youth": false}';
  else if (r.set !== undefined) {
    const given = r.set as Record<string, unknown>;
    const unknown = Object.keys(given).filter((k) => !SETTING_KEYS.includes(k as keyof KleSettings));
    if (unknown.length > 0) errors.set = `Ukendt indstilling: ${unknown.join(', ')}`;
    const checked = checkSettings(given as Partial<Record<keyof KleSettings, unknown>>, today);
    Object.assign(errors, checked.errors);
    set = checked.settings;
  }
  const inherit: (keyof KleSettings)[] = [];
  if (r.inherit !== undefined) {
    const list = Array.isArray(r.inherit) ? r.inherit : null;
    const bad = list ? list.filter((k) => !SETTING_KEYS.includes(k as keyof KleSettings)) : [];
    if (!list || bad.length > 0) errors.inherit = `inherit skal være en liste af indstillinger (${SETTING_KEYS.join(', ')})`;
    else for (const k of list as (keyof KleSettings)[]) if (!inherit.includes(k)) inherit.push(k);
  }
  const both = inherit.filter((k) => k in set);
  if (both.length > 0) errors.inherit = `${both.join(', ')} kan ikke både sættes og arves`;
  const changes = Object.keys(set).length + inherit.length;
  if (Object.keys(errors).length === 0) {
    if (kle.length === 0 && changes > 0) errors.kle = 'Skriv de KLE-numre, ændringen gælder';
    if (kle.length > 0 && changes === 0) errors.aendring = 'Vælg, hvad der skal ændres for de valgte KLE-numre';
  }
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Udkastet til ændringen har fejl; intet er beregnet eller gemt.');
  return { kle, set, inherit };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The page's draft fields (numbers typed as text, a choice per yes/no setting) in the API's shape. */
export function draftFromForm(body: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const kle = one(body.kle)
    .split(/[\s,;]+/)
    .filter((k) => k !== '');
  const set: Record<string, unknown> = {};
  const inherit: string[] = [];
  const errors: FieldErrors = {};
  for (const key of ['shown', 'youth'] as const) {
    const v = one(body[key]);
    if (v === 'ja' || v === 'nej') set[key] = v === 'ja';
    else if (v === 'arv') inherit.push(key);
    else if (v !== '') errors[key] = 'Vælg uændret, arv, ja eller nej';
  }
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Udkastet til ændringen har fejl; intet er beregnet eller gemt.');
  return { kle, set, inherit };
}

/** The form's choice for a yes/no setting of the draft, to draw the form again. */
export function draftChoice(draft: ImpactDraft, key: 'shown' | 'youth'): (typeof CHOICES)[number] {
  if (draft.inherit.includes(key)) return 'arv';
  const v = draft.set[key];
  return v === undefined ? '' : v ? 'ja' : 'nej';
}

/** Each number's entry after the draft: its own entry with the draft's settings written and its inherited ones taken off. */
export function draftEntries(current: KleConfiguration, draft: ImpactDraft): EntryChange[] {
  return draft.kle.map((kle) => {
    const next: Partial<KleSettings> = { ...(current.get(kle) ?? {}), ...draft.set };
    for (const k of draft.inherit) delete next[k];
    return { kle, settings: canonical(next) };
  });
}

/** The whole configuration as it would be after the draft. */
export function draftConfiguration(current: KleConfiguration, draft: ImpactDraft): KleConfiguration {
  const next = new Map(current);
  for (const e of draftEntries(current, draft)) {
    if (e.settings === null) next.delete(e.kle);
    else next.set(e.kle, e.settings);
  }
  return next;
}
