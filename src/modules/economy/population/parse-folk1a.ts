import type { FieldErrors } from '../../../platform/errors.ts';

export type PopulationRow = { line: number; code: string; period: string; population: number };
export type SkippedRow = { line: number; text: string; reason: string };
export type Folk1aParse = { rows: PopulationRow[]; skipped: SkippedRow[]; errors: FieldErrors };

export const PERIOD_PATTERN = /^\d{4}K[1-4]$/;

const REQUIRED = { area: 'område', period: 'tid', count: 'indhold' } as const;

/**
 * Danmarks Statistik serves UTF-8 (often with a byte-order mark) from its API, while a file saved
 * from the statbank or re-saved in Excel on Windows is Windows-1252; the first decodes strictly or
 * not at all, which tells the two apart.
 */
export function decodeCsv(file: Buffer): string {
  if (file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf) return new TextDecoder('utf-8').decode(file.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('windows-1252').decode(file);
  }
}

/** Semicolon-separated fields, each possibly in double quotes with "" for a quote. */
function splitFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const end = line.indexOf('"', i);
        if (end < 0) {
          value += line.slice(i);
          i = line.length;
          break;
        }
        value += line.slice(i, end);
        i = end + 1;
        if (line[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
      const next = line.indexOf(';', i);
      i = next < 0 ? line.length : next;
    } else {
      const next = line.indexOf(';', i);
      value = line.slice(i, next < 0 ? line.length : next);
      i = next < 0 ? line.length : next;
    }
    fields.push(value.trim());
    if (i >= line.length) return fields;
    i++;
  }
}

const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The names a municipality goes by in Danmarks Statistik's tables and in everyday use:
 * "København", "Københavns Kommune", "Bornholms Regionskommune".
 */
function nameIndex(municipalities: { code: string; name: string }[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const m of municipalities) {
    const n = normalise(m.name);
    for (const alias of [n, `${n} kommune`, `${n}s kommune`, `${n} regionskommune`, `${n}s regionskommune`]) index.set(alias, m.code);
  }
  return index;
}

/** Rows that are not municipalities but belong in a FOLK1A extract: the country, regions, landsdele, Christiansø. */
function notAMunicipality(area: string): string | null {
  const n = normalise(area);
  if (n === 'hele landet' || n === '000') return 'hele landet';
  if (n.startsWith('region ') || /^08[1-5]$/.test(n)) return 'en region';
  if (n.startsWith('landsdel ') || /^\d{1,2}$/.test(n)) return 'en landsdel';
  if (n === 'christiansø' || n === '411') return 'Christiansø, som ikke er en kommune';
  return null;
}

/**
 * Reads a FOLK1A extract (OMRÅDE;TID;INDHOLD) into population rows. Pure: the caller gives the
 * municipalities the names and codes are checked against, and decides what a bad row means.
 */
export function parseFolk1a(file: Buffer, municipalities: { code: string; name: string }[]): Folk1aParse {
  const lines = decodeCsv(file).split(/\r\n|\n|\r/);
  const errors: FieldErrors = {};
  const rows: PopulationRow[] = [];
  const skipped: SkippedRow[] = [];

  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = headerAt < 0 ? [] : splitFields(lines[headerAt]!).map(normalise);
  const col = { area: header.indexOf(REQUIRED.area), period: header.indexOf(REQUIRED.period), count: header.indexOf(REQUIRED.count) };
  if (col.area < 0 || col.period < 0 || col.count < 0) {
    errors.fil = 'Filen skal være Danmarks Statistiks FOLK1A som CSV med kolonnerne OMRÅDE;TID;INDHOLD adskilt af semikolon.';
    return { rows, skipped, errors };
  }

  const known = new Set(municipalities.map((m) => m.code));
  const byName = nameIndex(municipalities);
  const seen = new Map<string, number>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    const line = i + 1;
    const fields = splitFields(text);
    const area = fields[col.area] ?? '';
    const period = (fields[col.period] ?? '').toUpperCase();
    const count = fields[col.count] ?? '';

    const skip = notAMunicipality(area);
    if (skip) {
      skipped.push({ line, text: area, reason: `"${area}" er ${skip} og springes over` });
      continue;
    }

    const problems: string[] = [];
    let code: string | undefined;
    if (/^\d{1,4}$/.test(area)) {
      code = area.padStart(4, '0');
      if (!known.has(code)) problems.push(`Ukendt kommunekode "${area}"`);
    } else {
      code = byName.get(normalise(area));
      if (!code) problems.push(area ? `Ukendt kommune "${area}"` : 'Kommune (OMRÅDE) mangler');
    }
    if (!PERIOD_PATTERN.test(period)) problems.push(`Perioden "${fields[col.period] ?? ''}" skal skrives som år og kvartal, fx 2026K1`);
    // Danish thousands separators ("667.099") are how Danmarks Statistik and Excel write the number.
    const population = /^\d{1,3}(\.\d{3})+$|^\d+$/.test(count) ? Number(count.replaceAll('.', '')) : NaN;
    if (!Number.isSafeInteger(population) || population > 100_000_000) problems.push(`Indbyggertallet "${count}" er ikke et helt tal`);

    if (problems.length === 0 && code) {
      const key = `${code} ${period}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) problems.push(`Kommune ${code} og periode ${period} står også i linje ${earlier}`);
      else seen.set(key, line);
    }
    if (problems.length > 0) errors[`linje-${line}`] = problems.join('. ');
    else rows.push({ line, code: code!, period, population });
  }
  if (rows.length === 0 && Object.keys(errors).length === 0) errors.fil = 'Filen indeholder ingen kommuner.';
  return { rows, skipped, errors };
}
