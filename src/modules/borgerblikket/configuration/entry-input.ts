import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import { checkSettings, splitSourceSystems } from '../settings-input.ts';
import type { KleSettings } from '../visibility/effective-entry.ts';
import { normaliseKle } from '../visibility/kle-number.ts';
import { BOOLEAN_FIELDS, SETTING_FIELDS, type SettingField } from './labels.ts';

/**
 * The configuration's inputs as the pages and the API send them, checked into what the use cases
 * write. Every field is either inherited ("arv": left out of the number's entry) or set on the
 * number; the values themselves are checked once, by checkSettings.
 */

export const MAX_REASON = 1000;
/** Numbers one bulk change may name: the whole plan and then some. */
export const MAX_BULK = 5000;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : '');
const list = (v: unknown): string[] => (v === undefined ? [] : [v].flat().filter((x): x is string => typeof x === 'string'));

export function checkReason(raw: unknown, errors: FieldErrors): string {
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (reason === '') errors.reason = 'Skriv hvorfor indstillingen ændres';
  else if (reason.length > MAX_REASON) errors.reason = `Begrundelsen må højst være ${MAX_REASON} tegn`;
  return reason;
}

function settingsOrFail(raw: Partial<Record<keyof KleSettings, unknown>>, today: string, errors: FieldErrors): Partial<KleSettings> {
  const { settings, errors: fieldErrors } = checkSettings(raw, today);
  Object.assign(errors, fieldErrors);
  return settings;
}

const emptyToNull = (s: Partial<KleSettings>) => (Object.keys(s).length === 0 ? null : s);

/** The edit form of one number: each yes/no field "arv", "ja" or "nej"; the from-date and the source systems "arv" or "sat" with their text. */
export function parseEditForm(body: Record<string, unknown>, today: string): { settings: Partial<KleSettings> | null; reason: string } {
  const errors: FieldErrors = {};
  const raw: Partial<Record<keyof KleSettings, unknown>> = {};
  for (const f of BOOLEAN_FIELDS) {
    const v = text(body[f]) || 'arv';
    if (v === 'ja' || v === 'nej') raw[f] = v === 'ja';
    else if (v !== 'arv') errors[f] = 'Vælg arv, ja eller nej';
  }
  const fromDateMode = text(body.fromDateMode) || 'arv';
  if (fromDateMode === 'sat') raw.fromDate = text(body.fromDate);
  else if (fromDateMode !== 'arv') errors.fromDate = 'Vælg arv eller en fradato';
  const sourceMode = text(body.sourceSystemsMode) || 'arv';
  if (sourceMode === 'sat') raw.sourceSystems = splitSourceSystems(text(body.sourceSystems));
  else if (sourceMode !== 'arv') errors.sourceSystems = 'Vælg arv eller kildesystemerne';
  const settings = settingsOrFail(raw, today, errors);
  const reason = checkReason(body.reason, errors);
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Indstillingen er ikke gemt. Ret felterne og prøv igen.');
  return { settings: emptyToNull(settings), reason };
}

/** The API's PUT of one number: `settings` is the number's whole entry (fields left out are inherited), null removes the entry. */
export function parseEntryBody(body: Record<string, unknown>, today: string): { settings: Partial<KleSettings> | null; reason: string } {
  const errors: FieldErrors = {};
  let settings: Partial<KleSettings> | null = null;
  if (!('settings' in body)) errors.settings = 'Send settings: felterne, der sættes på nummeret, eller null for at fjerne indstillingen';
  else if (body.settings !== null) {
    if (typeof body.settings !== 'object' || Array.isArray(body.settings)) errors.settings = 'settings skal være et objekt eller null';
    else settings = emptyToNull(settingsOrFail(knownFields(body.settings as Record<string, unknown>, errors), today, errors));
  }
  const reason = checkReason(body.reason, errors);
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Indstillingen er ikke gemt.');
  return { settings, reason };
}

function knownFields(raw: Record<string, unknown>, errors: FieldErrors): Partial<Record<keyof KleSettings, unknown>> {
  const unknown = Object.keys(raw).filter((k) => !(SETTING_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) errors.settings = `Ukendte felter: ${unknown.join(', ')}`;
  return Object.fromEntries(SETTING_FIELDS.filter((f) => raw[f] !== undefined).map((f) => [f, raw[f]]));
}

/** A bulk change: the chosen numbers, the fields to set on each (merged into its entry) and the fields to give back to inheritance. */
export type BulkChange = { numbers: string[]; set: Partial<KleSettings>; inherit: SettingField[]; reason: string };

function checkNumbers(raw: string[], errors: FieldErrors): string[] {
  const numbers = [...new Set(raw.map((n) => normaliseKle(n)))];
  if (numbers.includes(null)) errors.kle = 'Et af de valgte KLE-numre er ikke et KLE-nummer (fx 27.12.04)';
  else if (numbers.length === 0) errors.kle = 'Vælg mindst ét KLE-nummer';
  else if (numbers.length > MAX_BULK) errors.kle = `Højst ${MAX_BULK} KLE-numre i én ændring`;
  return numbers.filter((n): n is string => n !== null).sort();
}

/** The bulk form under the plan's table: the ticked numbers, and for showing and youth "uaendret", "arv", "ja" or "nej". */
export function parseBulkForm(body: Record<string, unknown>, today: string): BulkChange {
  const errors: FieldErrors = {};
  const numbers = checkNumbers(list(body.kle), errors);
  const raw: Partial<Record<keyof KleSettings, unknown>> = {};
  const inherit: SettingField[] = [];
  for (const f of ['shown', 'youth'] as const) {
    const v = text(body[f]) || 'uaendret';
    if (v === 'ja' || v === 'nej') raw[f] = v === 'ja';
    else if (v === 'arv') inherit.push(f);
    else if (v !== 'uaendret') errors[f] = 'Vælg uændret, arv, ja eller nej';
  }
  const set = settingsOrFail(raw, today, errors);
  if (Object.keys(set).length === 0 && inherit.length === 0 && !errors.shown && !errors.youth) errors.youth = 'Vælg mindst én indstilling, der skal ændres';
  const reason = checkReason(body.reason, errors);
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Masseændringen er ikke gemt. Ret felterne og prøv igen.');
  return { numbers, set, inherit, reason };
}

/** The API's bulk change: `{ kle: [...], set: {...}, inherit?: [...], reason }`. */
export function parseBulkBody(body: Record<string, unknown>, today: string): BulkChange {
  const errors: FieldErrors = {};
  const numbers = Array.isArray(body.kle) && body.kle.every((k) => typeof k === 'string') ? checkNumbers(body.kle as string[], errors) : ((errors.kle = 'Send kle som en liste af KLE-numre'), []);
  let set: Partial<KleSettings> = {};
  if (body.set !== undefined && (typeof body.set !== 'object' || body.set === null || Array.isArray(body.set))) errors.set = 'set skal være et objekt';
  else if (body.set !== undefined) set = settingsOrFail(knownFields(body.set as Record<string, unknown>, errors), today, errors);
  const inherit: SettingField[] = [];
  if (body.inherit !== undefined) {
    const names = Array.isArray(body.inherit) ? body.inherit : null;
    const bad = names ? names.filter((n) => !(SETTING_FIELDS as readonly unknown[]).includes(n)) : [];
    if (!names || bad.length > 0) errors.inherit = `inherit skal være en liste af feltnavne (${SETTING_FIELDS.join(', ')})`;
    else inherit.push(...new Set(names as SettingField[]));
  }
  if (inherit.some((f) => set[f] !== undefined)) errors.inherit = 'Et felt kan ikke både sættes og arves';
  if (Object.keys(set).length === 0 && inherit.length === 0 && !errors.set && !errors.inherit) errors.set = 'Angiv mindst ét felt i set eller inherit';
  const reason = checkReason(body.reason, errors);
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Masseændringen er ikke gemt.');
  return { numbers, set, inherit, reason };
}

/** A number's entry after a bulk change: the fields set merged in, the inherited ones taken out; nothing left is no entry. */
export function mergeEntry(entry: Partial<KleSettings> | null, change: Pick<BulkChange, 'set' | 'inherit'>): Partial<KleSettings> | null {
  const next: Partial<KleSettings> = { ...(entry ?? {}), ...change.set };
  for (const f of change.inherit) delete next[f];
  return emptyToNull(next);
}
