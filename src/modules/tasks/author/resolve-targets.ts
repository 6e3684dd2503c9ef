import type { Db } from '../../../db/client.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import type { TargetsInput } from '../inputs.ts';
import { byDanishName } from '../../../platform/views/format.ts';

export type MunicipalityRef = { code: string; name: string; region: string; regionCode: string; kkr: string };

export async function municipalityRefs(db: Db): Promise<MunicipalityRef[]> {
  const rows = await db
    .select({ code: municipality.code, name: municipality.name, region: municipality.region, regionCode: municipality.regionCode, kkr: municipality.kkr })
    .from(municipality);
  return rows.sort(byDanishName);
}

const norm = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+kommune$/, '')
    .replace(/^kommune\s+/, '')
    .trim();

export type ResolvedTargets = { codes: string[] } | { errors: FieldErrors };

/**
 * Turns the addressed municipalities as an author gives them into municipality codes: all 98, one
 * region or KKR (by name or code), or a list of codes and names, picked or pasted. Pasted lists
 * may separate entries by commas, semicolons, spaces or line breaks ("0320, 0153\n0101",
 * "Faxe; Brøndby Kommune"); a code missing its leading zero ("320", as Excel writes it) is read
 * as 0320. Unknown entries are named in a Danish field error; an empty result is an error too.
 */
export function resolveTargets(all: MunicipalityRef[], t: TargetsInput): ResolvedTargets {
  if (t.mode === 'all') return { codes: all.map((m) => m.code).sort() };
  if (t.mode === 'region' || t.mode === 'kkr') {
    const field = t.mode === 'region' ? 'targets.region' : 'targets.kkr';
    const wanted = t.mode === 'region' ? t.region : t.kkr;
    if (!wanted) return { errors: { [field]: t.mode === 'region' ? 'Vælg en region' : 'Vælg et KKR' } };
    const w = norm(wanted);
    const codes = all
      .filter((m) => (t.mode === 'region' ? norm(m.region) === w || m.regionCode === w : norm(m.kkr) === w))
      .map((m) => m.code)
      .sort();
    if (codes.length === 0) return { errors: { [field]: t.mode === 'region' ? 'Vælg en region fra listen' : 'Vælg et KKR fra listen' } };
    return { codes };
  }

  const byCode = new Map(all.map((m) => [m.code, m.code]));
  const byName = new Map(all.map((m) => [norm(m.name), m.code]));
  const lookup = (entry: string) => {
    const e = entry.trim();
    if (/^\d{3,4}$/.test(e)) return byCode.get(e.padStart(4, '0'));
    return byName.get(norm(e));
  };
  const found = new Set<string>();
  const errors: FieldErrors = {};
  const sources: [field: string, entries: string[]][] = [];
  if (Array.isArray(t.codes)) sources.push(['targets.codes', t.codes]);
  else if (typeof t.codes === 'string') sources.push(['targets.codes', [t.codes]]);
  if (t.pasted) sources.push(['targets.pasted', [t.pasted]]);
  for (const [field, entries] of sources) {
    const unknown: string[] = [];
    for (const entry of entries) {
      // Commas, semicolons and line breaks separate entries; within one, spaces do too unless the
      // whole of it is a name ("Faxe Kommune").
      for (const chunk of entry.split(/[,;\n\r\t]+/)) {
        if (chunk.trim() === '') continue;
        const whole = lookup(chunk);
        if (whole) {
          found.add(whole);
          continue;
        }
        for (const word of chunk.split(/\s+/)) {
          if (word === '' || /^kommune$/i.test(word)) continue;
          const code = lookup(word);
          if (code) found.add(code);
          else unknown.push(word);
        }
      }
    }
    if (unknown.length > 0) {
      const shown = [...new Set(unknown)];
      const list = shown.slice(0, 20).join(', ') + (shown.length > 20 ? ` og ${shown.length - 20} flere` : '');
      errors[field] = `Ukendte kommuner: ${list}. Brug kommunekoder (fx 0320) eller navne (fx Faxe).`;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  if (found.size === 0) {
    return { errors: { [t.pasted !== undefined && t.codes === undefined ? 'targets.pasted' : 'targets.codes']: 'Vælg mindst én kommune' } };
  }
  return { codes: [...found].sort() };
}
