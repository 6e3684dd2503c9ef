import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { aulaCategories, type AulaCategory } from '../categories.ts';

/**
 * The secure-file inventory's CSV, one line at a time: semicolon-separated UTF-8 (a BOM is
 * accepted), first line the header below. Pure: it reads the stream and yields a row or a Danish
 * error per line, holding nothing but the current line, so memory does not grow with the file.
 */
export const AULA_FILES_HEADER = ['kommunekode', 'fil_id', 'institutionsnummer', 'institutionsnavn', 'kategori', 'oprettet', 'udloesende_dato', 'journaliseret', 'esdh_reference'] as const;

export type AulaFileRow = {
  municipalityCode: string;
  fileId: string;
  institutionNumber: string;
  institutionName: string;
  category: AulaCategory;
  createdOn: string;
  triggerOn: string | null;
  journalised: boolean;
  esdhReference: string | null;
};

export type ParsedLine = { line: number; row: AulaFileRow } | { line: number; error: string };

/**
 * A day and month, two more digits, then four (the dash optional), not inside a longer run of
 * digits: it may be a child's CPR number, which the inventory must never hold. A long numeric file
 * id or ESDH reference is not a CPR number and is let through.
 */
const CPR_LIKE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/;

const categoryByText = new Map<string, AulaCategory>(aulaCategories.flatMap((c) => [[c.key, c.key] as const, [c.name.toLowerCase(), c.key] as const]));

/** yyyy-mm-dd or dd-mm-yyyy, a real day; as yyyy-mm-dd, or null. */
export function parseDay(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dk = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1]!, iso[2]!, iso[3]!] : dk ? [dk[3]!, dk[2]!, dk[1]!] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${m}-${d}`;
}

/** A line's fields: a field in double quotes may hold semicolons, and "" stands for one quote. */
export function splitFields(text: string): string[] {
  // Most lines quote nothing: split them natively (a two-million-line import spends its time here).
  if (!text.includes('"')) return text.split(';').map((f) => f.trim());
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ';') {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

/** One data line's fields to a row, or the Danish reason it is refused. */
export function parseLine(text: string, municipalities: ReadonlySet<string>): AulaFileRow | string {
  const fields = splitFields(text);
  if (fields.length !== AULA_FILES_HEADER.length) return `Linjen har ${fields.length} felter; der skal være ${AULA_FILES_HEADER.length} adskilt af semikolon`;
  if (text.includes('\uFFFD')) return 'Linjen er ikke UTF-8 (fx æ, ø og å gemt som Windows-tegn); gem filen som «CSV UTF-8» og prøv igen';
  if (text.includes('\u0000')) return 'Linjen indeholder et nul-tegn, som ikke kan gemmes';
  // Once per line: the fields are split at semicolons, so a match never spans two of them.
  if (CPR_LIKE.test(text)) return 'Linjen ligner et CPR-nummer; filoversigten må aldrig indeholde børns navne eller CPR-numre';
  const [code, fileId, institutionNumber, institutionName, categoryText, created, trigger, journalisedText, esdh] = fields as [string, string, string, string, string, string, string, string, string];
  if (!/^\d{3,4}$/.test(code)) return `Kommunekoden "${code}" skal være 3 eller 4 cifre`;
  const municipalityCode = code.padStart(4, '0');
  if (!municipalities.has(municipalityCode)) return `Ukendt kommune "${code}"`;
  if (fileId === '') return 'Fil-id mangler';
  if (fileId.length > 200) return 'Fil-id er længere end 200 tegn';
  if (institutionNumber === '') return 'Institutionsnummer mangler';
  if (institutionName === '') return 'Institutionsnavn mangler';
  const category = categoryByText.get(categoryText.toLowerCase());
  if (!category) return `Ukendt kategori "${categoryText}"`;
  const createdOn = parseDay(created);
  if (!createdOn) return `Oprettet "${created}" er ikke en dato (åååå-mm-dd eller dd-mm-åååå)`;
  const triggerOn = trigger === '' ? null : parseDay(trigger);
  if (trigger !== '' && !triggerOn) return `Udløsende dato "${trigger}" er ikke en dato (åååå-mm-dd eller dd-mm-åååå), eller lad feltet være tomt`;
  const j = journalisedText.toLowerCase();
  if (!['ja', 'nej', '1', '0'].includes(j)) return `Journaliseret skal være ja, nej, 1 eller 0, ikke "${journalisedText}"`;
  return {
    municipalityCode,
    fileId,
    institutionNumber,
    institutionName,
    category,
    createdOn,
    triggerOn,
    journalised: j === 'ja' || j === '1',
    esdhReference: esdh === '' ? null : esdh,
  };
}

/**
 * Every line of the file as a row or an error, numbered from 1 (the header). A wrong header ends
 * the file: the columns would be read as the wrong fields.
 */
export async function* parseAulaFiles(input: Readable, municipalities: ReadonlySet<string>): AsyncGenerator<ParsedLine> {
  input.setEncoding('utf8');
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (n === 1) {
      const header = splitFields(text).map((h) => h.toLowerCase());
      if (header.join(';') !== AULA_FILES_HEADER.join(';')) {
        yield { line: 1, error: `Første linje skal være overskrifterne ${AULA_FILES_HEADER.join(';')}` };
        lines.close();
        return;
      }
      continue;
    }
    if (text.trim() === '') continue;
    const parsed = parseLine(text, municipalities);
    yield typeof parsed === 'string' ? { line: n, error: parsed } : { line: n, row: parsed };
  }
}
