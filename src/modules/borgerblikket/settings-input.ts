import { createHash } from 'node:crypto';
import { parseDay } from '../../platform/days.ts';
import type { KleSettings } from './visibility/effective-entry.ts';

/**
 * Checks settings for one KLE number as a form, the API, an XLSX row or a bulk edit gives them, and
 * returns them cleaned or the Danish message per field. Only fields present are set on the number;
 * the rest stay inherited.
 *
 * The from-date must be no later than 31 December of the year the numbers are to be shown
 * (Borgerblikket's own rule): read as the current Danish year, so a from-date next year is refused.
 */
export type SettingsErrors = Partial<Record<keyof KleSettings, string>>;

const SOURCE_SYSTEM = /^[\p{L}\p{N}][\p{L}\p{N} .\-/&]{0,39}$/u;

export function checkSettings(raw: Partial<Record<keyof KleSettings, unknown>>, today: string): { settings: Partial<KleSettings>; errors: SettingsErrors } {
  const settings: Partial<KleSettings> = {};
  const errors: SettingsErrors = {};
  for (const key of ['shown', 'youth', 'fromDateOffForActive', 'caseTitleInsteadOfKle', 'documentTitles'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') errors[key] = 'Vælg ja eller nej';
    else settings[key] = v;
  }
  if (raw.fromDate !== undefined) {
    const v = raw.fromDate;
    if (v === null || v === '') settings.fromDate = null;
    else {
      const day = typeof v === 'string' ? parseDay(v) : null;
      const lastDay = `${today.slice(0, 4)}-12-31`;
      if (!day) errors.fromDate = 'Fradatoen skal være en dato, fx 01.01.2025';
      else if (day > lastDay) errors.fromDate = `Fradatoen må højst være 31.12.${today.slice(0, 4)}`;
      else settings.fromDate = day;
    }
  }
  if (raw.sourceSystems !== undefined) {
    const v = raw.sourceSystems;
    const list = Array.isArray(v) ? v : null;
    if (!list || list.some((s) => typeof s !== 'string')) errors.sourceSystems = 'Angiv kildesystemerne som en liste af navne';
    else {
      const names = [...new Set(list.map((s) => (s as string).trim()).filter((s) => s !== ''))];
      const bad = names.filter((s) => !SOURCE_SYSTEM.test(s));
      if (bad.length > 0) errors.sourceSystems = `Ugyldigt navn på kildesystem: ${bad.join(', ')} (bogstaver, tal, mellemrum og . - / &, højst 40 tegn)`;
      else if (names.length > 30) errors.sourceSystems = 'Højst 30 kildesystemer pr. KLE-nummer';
      else settings.sourceSystems = names;
    }
  }
  return { settings, errors };
}

/** Comma- or semicolon-separated source systems as typed in a form or a spreadsheet cell. */
export const splitSourceSystems = (text: string): string[] =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The same settings, whatever order their keys were written in: for "did anything change?". */
export function sameSettings(a: Partial<KleSettings> | null, b: Partial<KleSettings> | null): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export function canonical(s: Partial<KleSettings> | null): Partial<KleSettings> | null {
  if (s === null) return null;
  const keys = Object.keys(s).filter((k) => s[k as keyof KleSettings] !== undefined).sort() as (keyof KleSettings)[];
  if (keys.length === 0) return null;
  return Object.fromEntries(keys.map((k) => [k, s[k]])) as Partial<KleSettings>;
}

/**
 * A short fingerprint of a number's entry as a form showed it: the edit form sends it back, and a
 * save is refused when the entry has changed meanwhile (another keeper, a bulk edit, an assessment
 * decision), so a form opened before cannot silently write old values back.
 */
export const entryVersion = (s: Partial<KleSettings> | null): string =>
  createHash('sha256').update(JSON.stringify(canonical(s))).digest('hex').slice(0, 16);
