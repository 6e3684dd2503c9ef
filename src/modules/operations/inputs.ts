import { z } from 'zod';
import { parseDay, parseTimeOfDay } from '../../platform/days.ts';
import { incidentSeverities, measureStates, rcaStates, type IncidentSeverity, type MeasureState, type RcaState } from './schema.ts';

export const SEVERITY_DA: Record<IncidentSeverity, string> = { kritisk: 'Kritisk', alvorlig: 'Alvorlig', mindre: 'Mindre' };
export const RCA_STATE_DA: Record<RcaState, string> = { aaben: 'Åben', i_gang: 'I gang', lukket: 'Lukket' };
export const MEASURE_STATE_DA: Record<MeasureState, string> = { planlagt: 'Planlagt', i_gang: 'I gang', gennemfoert: 'Gennemført' };

const MONTH_MESSAGE = 'Skriv måneden som mm.åååå, fx 05.2025';

/** "05.2025", "5.2025", "05-2025" or "2025-05" (the API's form) as the month's first day, yyyy-mm-01. */
export function parseMonth(raw: string): string | null {
  const s = raw.trim();
  const danish = /^(\d{1,2})[./-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})(?:-01)?$/.exec(s);
  const [m, y] = danish ? [Number(danish[1]), Number(danish[2])] : iso ? [Number(iso[2]), Number(iso[1])] : [0, 0];
  if (m < 1 || m > 12 || y < 2000 || y > 2100) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-01`;
}

/** The month `n` months after a month (yyyy-mm-01); n may be negative. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 10);
}

/** Every month from `from` through `to`, both yyyy-mm-01. */
export function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * A Danish number as people write it, "99,5" or "1.150": a comma is the decimal sign, a dot groups
 * thousands only in groups of three ("99.5" is read as 99,5, since SLA figures are rarely thousands).
 */
export function parseDecimal(raw: string): number | null {
  const s = raw.trim().replace(/\s/g, '');
  const normal = /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s) ? s.replace(/\./g, '').replace(',', '.') : s.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return null;
  return Number(normal);
}

const text = (max: number, what: string) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ message: `${what} skal være tekst` }).trim().max(max, `${what} må højst være ${String(max)} tegn`));

const required = (max: number, what: string, missing: string) => text(max, what).pipe(z.string().min(1, missing));

const month = (missing: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string({ message: MONTH_MESSAGE })
      .trim()
      .min(1, missing)
      .transform((s, issue) => {
        const m = parseMonth(s);
        if (m === null) {
          issue.addIssue({ code: 'custom', message: MONTH_MESSAGE });
          return z.NEVER;
        }
        return m;
      }),
  );

const optionalMonth = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v),
  z
    .string({ message: MONTH_MESSAGE })
    .nullable()
    .transform((s, issue) => {
      if (s === null) return null;
      const m = parseMonth(s);
      if (m === null) {
        issue.addIssue({ code: 'custom', message: MONTH_MESSAGE });
        return z.NEVER;
      }
      return m;
    }),
);

const optionalDay = (message: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v),
    z
      .string({ message })
      .nullable()
      .transform((s, issue) => {
        if (s === null) return null;
        const d = parseDay(s);
        if (d === null) {
          issue.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        return d;
      }),
  );

/** A number from the API or the text of a form ("99,5"); empty is null. */
const decimal = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : (parseDecimal(v) ?? Number.NaN)) : v === undefined ? null : v),
    z.number({ message }).finite(message).min(0, 'Tallet kan ikke være negativt').max(1e9, message).nullable(),
  );

const solutionKey = z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ message: 'Vælg en løsning' }).trim().min(1, 'Vælg en løsning').max(100, 'Vælg en løsning'));
const optionalSolution = text(100, 'Løsningen').transform((s) => (s === '' ? null : s));

/** A form's select ("true"/"false") or the API's boolean; left out, higher is better (uptime). */
const higherIsBetter = z.preprocess((v) => (v === undefined || v === null || v === '' ? true : v === 'true' || v === 'on' ? true : v === 'false' ? false : v), z.boolean({ message: 'Vælg om højere eller lavere er bedre' }));

/** An SLA figure of a solution and month: the target, and what was achieved once known. */
export const slaInput = z
  .object({
    solutionKey,
    month: month('Skriv måneden'),
    measure: text(100, 'Målet').transform((s) => s || 'Oppetid'),
    unit: text(20, 'Enheden').transform((s) => s || '%'),
    target: decimal('Skriv målet som et tal, fx 99,5').pipe(z.number({ message: 'Skriv målet som et tal, fx 99,5' })),
    achieved: decimal('Skriv det opnåede som et tal, fx 99,82, eller lad feltet stå tomt'),
    higherIsBetter,
    note: text(1000, 'Noten'),
  })
  .superRefine((v, issue) => {
    if (v.unit !== '%') return;
    if (v.target > 100) issue.addIssue({ code: 'custom', path: ['target'], message: 'En procent skal være mellem 0 og 100' });
    if (v.achieved !== null && v.achieved > 100) issue.addIssue({ code: 'custom', path: ['achieved'], message: 'En procent skal være mellem 0 og 100' });
  });
export type SlaInput = z.infer<typeof slaInput>;

/** An incident: where, what, how bad, and when it began (a Danish day and time of day). */
export const incidentInput = z.object({
  solutionKey,
  title: required(200, 'Titlen', 'Skriv hændelsens titel'),
  description: text(4000, 'Beskrivelsen'),
  severity: z.enum(incidentSeverities, { message: 'Vælg kritisk, alvorlig eller mindre' }),
  startedOn: z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string({ message: 'Skriv dagen som dd.mm.åååå' })
      .transform((s, issue) => {
        const d = parseDay(s);
        if (d === null) {
          issue.addIssue({ code: 'custom', message: 'Skriv dagen, hændelsen begyndte, som dd.mm.åååå' });
          return z.NEVER;
        }
        return d;
      }),
  ),
  startedTime: text(5, 'Klokkeslættet')
    .transform((s) => s || '00.00')
    .pipe(z.string().refine((s) => parseTimeOfDay(s) !== null, 'Skriv klokkeslættet som tt.mm, fx 14.30')),
});
export type IncidentInput = z.infer<typeof incidentInput>;

/** A follow-up item of a root-cause analysis. */
export const rcaInput = z.object({
  title: required(300, 'Titlen', 'Skriv opfølgningspunktets titel'),
  owner: required(100, 'Ejeren', 'Skriv hvem der ejer punktet, fx KMD'),
  solutionKey: optionalSolution,
  state: z.preprocess((v) => (v === undefined || v === '' ? 'aaben' : v), z.enum(rcaStates, { message: 'Vælg åben, i gang eller lukket' })),
  dueOn: optionalDay('Skriv fristen som dd.mm.åååå, eller lad feltet stå tomt'),
});
export type RcaInput = z.infer<typeof rcaInput>;

export const rcaStateInput = z.object({ state: z.enum(rcaStates, { message: 'Vælg åben, i gang eller lukket' }) });

/** A measure (the supplier's or KOMBIT's) with owner, state and the month it ends. */
export const measureInput = z.object({
  title: required(300, 'Titlen', 'Skriv tiltagets titel'),
  description: text(4000, 'Beskrivelsen'),
  owner: required(100, 'Ejeren', 'Skriv hvem der ejer tiltaget, fx KMD'),
  solutionKey: optionalSolution,
  state: z.preprocess((v) => (v === undefined || v === '' ? 'planlagt' : v), z.enum(measureStates, { message: 'Vælg planlagt, i gang eller gennemført' })),
  endMonth: optionalMonth,
});
export type MeasureInput = z.infer<typeof measureInput>;

export const measureChangeInput = z.object({
  state: z.enum(measureStates, { message: 'Vælg planlagt, i gang eller gennemført' }),
  endMonth: optionalMonth,
});

export const LABELS: Record<string, string> = {
  solutionKey: 'Løsning',
  month: 'Måned',
  measure: 'Mål',
  unit: 'Enhed',
  target: 'Mål (værdi)',
  achieved: 'Opnået',
  higherIsBetter: 'Retning',
  note: 'Note',
  title: 'Titel',
  description: 'Beskrivelse',
  severity: 'Alvorlighed',
  startedOn: 'Begyndt dato',
  startedTime: 'Begyndt klokken',
  owner: 'Ejer',
  state: 'Tilstand',
  dueOn: 'Frist',
  endMonth: 'Slutmåned',
  fra: 'Fra måned',
  til: 'Til måned',
};

/** Whether an achieved value meets its target; null while nothing is reported. */
export const meets = (r: { target: number; achieved: number | null; higherIsBetter: boolean }): boolean | null =>
  r.achieved === null ? null : r.higherIsBetter ? r.achieved >= r.target : r.achieved <= r.target;

/**
 * The months a reader asked for (either end may be left out), checked: both readable, from before
 * to, at most `max` months. Left out entirely, the given default.
 */
export function parseRange(fromRaw: string | undefined, toRaw: string | undefined, fallback: { from: string; to: string }, max: number): { from: string; to: string; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const read = (raw: string | undefined, field: 'from' | 'to') => {
    if (raw === undefined || raw.trim() === '') return fallback[field];
    const m = parseMonth(raw);
    if (m === null) errors[field] = MONTH_MESSAGE;
    return m ?? fallback[field];
  };
  let from = read(fromRaw, 'from');
  let to = read(toRaw, 'to');
  // One end given: the other follows it, so "from 01.2025" shows a year from January.
  if (fromRaw?.trim() && !toRaw?.trim() && !errors.from) to = addMonths(from, max > 12 ? 11 : max - 1);
  if (toRaw?.trim() && !fromRaw?.trim() && !errors.to) from = addMonths(to, -(max > 12 ? 11 : max - 1));
  if (Object.keys(errors).length === 0) {
    if (from > to) errors.to = 'Til-måneden ligger før fra-måneden';
    else if (monthsFrom(from, to).length > max) errors.to = `Vælg højst ${String(max)} måneder ad gangen`;
  }
  if (Object.keys(errors).length > 0) return { ...fallback, errors };
  return { from, to, errors };
}
