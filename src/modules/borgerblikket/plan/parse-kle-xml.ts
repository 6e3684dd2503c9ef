import type { KleLevel } from '../visibility/kle-number.ts';
import { decodeEntities, decodeXmlBytes, readXml, XmlSyntaxError } from './xml-reader.ts';

/**
 * KL's plan in its published format (KLE-XML 2.0): `KLE-Emneplan` with `UdgivelsesDato`, then
 * `Hovedgruppe` → `Gruppe` → `Emne`, each with its number, title and administrative info (created,
 * changed, and `Historisk/UdgaaetDato` once expired). Everything else — guidance, keywords, action
 * facets, retention and deletion durations — is read past.
 *
 * A number counts only where it belongs: `EmneNr` directly inside `Emne`, `Emne` directly inside
 * `Gruppe` and so on. A `Gruppe` or `Emne` inside an element this reader does not know (a reference
 * to another topic, say) is someone else's and is ignored; one directly inside the wrong level is
 * an error, as is a number that does not begin with its parent's number, and a number seen twice.
 */

export type ParsedKleNumber = {
  number: string;
  level: KleLevel;
  parent: string | null;
  title: string;
  createdOn: string | null;
  changedOn: string | null;
  /** Historisk/UdgaaetDato: the day KL retired the number. */
  expiredOn: string | null;
  /** Where the number's element begins in the file. */
  line: number;
};

export type ParsedKlePlan = { publishedOn: string; numbers: ParsedKleNumber[]; mainGroups: number; groups: number; topics: number };
export type KlePlanError = { line: number; message: string };
export type KlePlanParse = { ok: true; plan: ParsedKlePlan } | { ok: false; errors: KlePlanError[] };

/** A file with hundreds of faults is one mistake: the first hundred say what it is. */
export const MAX_PLAN_ERRORS = 100;

const ROOT = 'KLE-Emneplan';
/** Each level's element and its children's names. */
const LEVELS = {
  Hovedgruppe: { level: 'hovedgruppe', nr: 'HovedgruppeNr', title: 'HovedgruppeTitel', info: 'HovedgruppeAdministrativInfo', parent: ROOT, pattern: /^\d{2}$/, example: '27' },
  Gruppe: { level: 'gruppe', nr: 'GruppeNr', title: 'GruppeTitel', info: 'GruppeAdministrativInfo', parent: 'Hovedgruppe', pattern: /^\d{2}\.\d{2}$/, example: '27.12' },
  Emne: { level: 'emne', nr: 'EmneNr', title: 'EmneTitel', info: 'EmneAdministrativInfo', parent: 'Gruppe', pattern: /^\d{2}\.\d{2}\.\d{2}$/, example: '27.12.04' },
} as const;
type LevelName = keyof typeof LEVELS;
const isLevel = (name: string): name is LevelName => Object.hasOwn(LEVELS, name);
const WORD: Record<LevelName, string> = { Hovedgruppe: 'hovedgruppe', Gruppe: 'gruppe', Emne: 'emne' };
const WITH_ARTICLE: Record<LevelName, string> = { Hovedgruppe: 'en hovedgruppe', Gruppe: 'en gruppe', Emne: 'et emne' };
const STRUCTURE = new Set<string>([ROOT, 'Hovedgruppe', 'Gruppe', 'Emne']);
/** Elements whose text is read; every other element's text is passed over without being kept. */
const LEAVES = new Set<string>(['UdgivelsesDato', 'HovedgruppeNr', 'GruppeNr', 'EmneNr', 'HovedgruppeTitel', 'GruppeTitel', 'EmneTitel', 'OprettetDato', 'RettetDato', 'UdgaaetDato']);

/** An xs:date (a time-zone suffix is allowed and dropped), or null. Years from 1900: the plan began in the 1980s. */
export function xmlDay(raw: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

type Frame = { name: string; line: number; text: string; record: Draft | null };
type Draft = { element: LevelName; line: number; number: string | null; numberLine: number; title: string | null; createdOn: string | null; changedOn: string | null; expiredOn: string | null; parent: Draft | null };

/** Reads a KLE-XML file. Pure: the bytes in, the plan or the faults (each with its line) out. */
export function parseKlePlan(content: Buffer | string): KlePlanParse {
  const text = typeof content === 'string' ? content : decodeXmlBytes(content);
  if (text === null) return { ok: false, errors: [{ line: 1, message: 'Filen er ikke gyldig UTF-8; gem KLE-planen som XML i UTF-8 og prøv igen' }] };
  const errors: KlePlanError[] = [];
  const fail = (line: number, message: string) => {
    if (errors.length < MAX_PLAN_ERRORS) errors.push({ line, message });
  };
  const drafts: Draft[] = [];
  const stack: Frame[] = [];
  let publishedOn: string | null = null;
  let rootLine = 0;

  try {
    for (const ev of readXml(text)) {
      if (ev.kind === 'text') {
        const top = stack[stack.length - 1];
        if (top && LEAVES.has(top.name)) top.text += ev.text;
        continue;
      }
      if (ev.kind === 'open') {
        const parent = stack[stack.length - 1];
        if (!parent) {
          if (ev.name !== ROOT) return { ok: false, errors: [{ line: ev.line, message: `Filen er ikke en KLE-plan i KLE-XML: dokumentets element hedder ${ev.name}, ikke ${ROOT}` }] };
          rootLine = ev.line;
          if (ev.attributes.UdgivelsesDato !== undefined) publishedOn = readPublished(ev.attributes.UdgivelsesDato, ev.line, fail);
        }
        let record: Draft | null = null;
        if (parent && isLevel(ev.name) && STRUCTURE.has(parent.name)) {
          const spec = LEVELS[ev.name];
          if (parent.name !== spec.parent) {
            fail(ev.line, `<${ev.name}> står direkte i <${parent.name}>; ${WITH_ARTICLE[ev.name]} skal stå i <${spec.parent}>`);
          } else {
            record = { element: ev.name, line: ev.line, number: null, numberLine: ev.line, title: null, createdOn: null, changedOn: null, expiredOn: null, parent: parent.record };
            drafts.push(record);
          }
        }
        stack.push({ name: ev.name, line: ev.line, text: '', record });
        continue;
      }
      const frame = stack.pop()!;
      const parent = stack[stack.length - 1];
      if (!parent || !LEAVES.has(frame.name)) {
        if (frame.record) checkComplete(frame.record, fail);
        continue;
      }
      const value = decodeEntities(frame.text, frame.line).replace(/\s+/g, ' ').trim();
      const owner = parent.record;
      const grand = stack[stack.length - 2];
      if (frame.name === 'UdgivelsesDato' && parent.name === ROOT) publishedOn = readPublished(value, frame.line, fail);
      else if (owner && frame.name === LEVELS[owner.element].nr) {
        owner.number = value;
        owner.numberLine = frame.line;
      } else if (owner && frame.name === LEVELS[owner.element].title) owner.title = value;
      else if (grand?.record && parent.name === LEVELS[grand.record.element].info && (frame.name === 'OprettetDato' || frame.name === 'RettetDato')) {
        const day = readDay(value, frame.line, frame.name, fail);
        if (frame.name === 'OprettetDato') grand.record.createdOn = day;
        else grand.record.changedOn = day;
      } else if (frame.name === 'UdgaaetDato' && parent.name === 'Historisk' && grand && stack[stack.length - 3]?.record && grand.name === LEVELS[stack[stack.length - 3]!.record!.element].info) {
        stack[stack.length - 3]!.record!.expiredOn = readDay(value, frame.line, frame.name, fail);
      }
    }
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    const what = rootLine === 0 ? 'Filen er ikke en KLE-plan i KLE-XML' : 'Filen er ikke gyldig XML';
    return { ok: false, errors: [...errors, { line: error.line, message: `${what}: ${lowerFirst(error.message)}` }].slice(0, MAX_PLAN_ERRORS) };
  }

  if (publishedOn === null && !errors.some((e) => e.message.includes('UdgivelsesDato'))) fail(rootLine || 1, `${ROOT} mangler UdgivelsesDato (planens udgivelsesdato)`);
  const numbers: ParsedKleNumber[] = [];
  const seen = new Map<string, number>();
  for (const d of drafts) {
    if (d.number === null || !LEVELS[d.element].pattern.test(d.number)) continue;
    const parentNumber = d.parent?.number ?? null;
    if (d.parent && parentNumber !== null && !d.number.startsWith(`${parentNumber}.`)) {
      fail(d.numberLine, `${capital(WORD[d.element])} ${d.number} står under ${WORD[d.parent.element]} ${parentNumber}; nummeret skal begynde med ${parentNumber}`);
      continue;
    }
    const first = seen.get(d.number);
    if (first !== undefined) {
      fail(d.numberLine, `KLE-nummer ${d.number} står også i linje ${first}`);
      continue;
    }
    seen.set(d.number, d.numberLine);
    numbers.push({ number: d.number, level: LEVELS[d.element].level, parent: d.parent ? parentNumber : null, title: d.title ?? '', createdOn: d.createdOn, changedOn: d.changedOn, expiredOn: d.expiredOn, line: d.line });
  }
  if (errors.length === 0 && numbers.length === 0) fail(rootLine || 1, 'Planen indeholder ingen KLE-numre');
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  const count = (level: KleLevel) => numbers.filter((n) => n.level === level).length;
  return { ok: true, plan: { publishedOn: publishedOn!, numbers, mainGroups: count('hovedgruppe'), groups: count('gruppe'), topics: count('emne') } };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => (/^[A-ZÆØÅ][a-zæøå]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

function readPublished(value: string, line: number, fail: (line: number, message: string) => void): string | null {
  const day = xmlDay(value);
  if (!day) fail(line, `UdgivelsesDato skal være en dato som 2025-01-15, ikke "${value.slice(0, 40)}"`);
  return day;
}

function readDay(value: string, line: number, name: string, fail: (line: number, message: string) => void): string | null {
  if (value === '') return null;
  const day = xmlDay(value);
  if (!day) fail(line, `${name} skal være en dato som 2025-01-15, ikke "${value.slice(0, 40)}"`);
  return day;
}

/** At the element's end: its number and title are there and the number has the level's form. */
function checkComplete(d: Draft, fail: (line: number, message: string) => void): void {
  const spec = LEVELS[d.element];
  if (d.number === null || d.number === '') fail(d.line, `<${d.element}> mangler ${spec.nr}`);
  else if (!spec.pattern.test(d.number)) fail(d.numberLine, `${spec.nr} skal skrives som ${spec.example}, ikke "${d.number.slice(0, 40)}"`);
  if (d.title === null || d.title === '') fail(d.line, `${capital(WORD[d.element])} ${d.number ?? ''} mangler ${spec.title}`.replace('  ', ' '));
}
