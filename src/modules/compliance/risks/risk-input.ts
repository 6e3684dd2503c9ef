import { z } from 'zod';
import { parseDay } from '../../../platform/days.ts';
import { invalid } from '../../../platform/errors.ts';
import type { RiskScale } from '../risk-scales.ts';
import { riskTreatments } from '../schema.ts';

export const MAX_MEASURES = 30;
/** Blank measure rows the form offers beyond the risk's own. */
export const BLANK_MEASURE_ROWS = 3;

const lines = (s: string) => s.replace(/\r\n?/g, '\n').trim();
const text = (max: number, tooLong: string) =>
  z
    .string({ message: 'Skal være tekst' })
    .optional()
    .transform((s) => lines(s ?? ''))
    .pipe(z.string().max(max, tooLong));
const required = (max: number, missing: string, tooLong: string) =>
  z
    .string({ message: missing })
    .transform(lines)
    .pipe(z.string().min(1, missing).max(max, tooLong));

/** A value on an axis of the scale: a whole number ("3" from a form, 3 from JSON); the scale's range is checked with the scale. */
const axisValue = (missing: string) =>
  z.preprocess((v) => (typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : v), z.number({ message: missing }).int(missing));

const deadline = z
  .preprocess((v) => (v === '' || v === undefined ? null : v), z.string({ message: 'Skriv fristen som en dato, fx 31.12.2026' }).nullable())
  .transform((s, ctx) => {
    if (s === null) return null;
    const day = parseDay(s);
    if (!day) {
      ctx.addIssue({ code: 'custom', message: 'Skriv fristen som en dato, fx 31.12.2026' });
      return z.NEVER;
    }
    return day;
  });

const measureInput = z.object({
  description: required(1000, 'Beskriv foranstaltningen (eller tøm rækken)', 'Beskrivelsen må højst være 1.000 tegn'),
  owner: text(200, 'Ejeren må højst være 200 tegn'),
  deadline: deadline.optional().transform((d) => d ?? null),
});

export const riskInput = z.object({
  ref: required(20, 'Skriv risikoens nummer, fx R1', 'Nummeret må højst være 20 tegn'),
  threat: required(4000, 'Beskriv truslen eller scenariet', 'Teksten må højst være 4.000 tegn'),
  impact: text(4000, 'Teksten må højst være 4.000 tegn'),
  likelihood: axisValue('Vælg sandsynligheden'),
  consequence: axisValue('Vælg konsekvensen'),
  existingMeasures: text(10_000, 'Teksten må højst være 10.000 tegn'),
  measures: z
    .array(measureInput, { message: 'Foranstaltningerne skal være en liste' })
    .max(MAX_MEASURES, `Højst ${MAX_MEASURES} planlagte foranstaltninger`)
    .optional()
    .transform((m) => m ?? []),
  residualLikelihood: axisValue('Vælg sandsynligheden efter foranstaltningerne'),
  residualConsequence: axisValue('Vælg konsekvensen efter foranstaltningerne'),
  treatment: z.enum(riskTreatments, { message: 'Vælg, hvordan risikoen håndteres' }),
  rationale: text(4000, 'Begrundelsen må højst være 4.000 tegn'),
});
export type RiskInput = z.infer<typeof riskInput>;

/** The request body as the API documents it (the use case parses and checks it against the package's scale). */
export const riskBody = z
  .object({
    ref: z.string().describe('Risikoens nummer, entydigt i pakken, fx R3'),
    threat: z.string().describe('Trussel/scenarie'),
    impact: z.string().optional().describe('Konsekvensen for de registrerede, i ord'),
    likelihood: z.number().int().describe('1 til skalaens antal trin'),
    consequence: z.number().int().describe('1 til skalaens antal trin'),
    existingMeasures: z.string().optional(),
    measures: z
      .array(z.object({ description: z.string(), owner: z.string().optional(), deadline: z.string().nullable().optional().describe('åååå-mm-dd eller dd.mm.åååå') }))
      .optional()
      .describe('Planlagte foranstaltninger; listen erstatter de hidtidige'),
    residualLikelihood: z.number().int(),
    residualConsequence: z.number().int(),
    treatment: z.enum(riskTreatments).describe('reduce: reducere; accept: acceptere (med begrundelse); avoid: undgå; transfer: overføre'),
    rationale: z.string().optional(),
  })
  .meta({ id: 'ComplianceRiskChange' });

export const RISK_FIELD_LABELS: Record<string, string> = {
  ref: 'Nummer',
  threat: 'Trussel/scenarie',
  impact: 'Konsekvens for de registrerede',
  likelihood: 'Sandsynlighed',
  consequence: 'Konsekvens',
  existingMeasures: 'Eksisterende foranstaltninger',
  measures: 'Planlagte foranstaltninger',
  residualLikelihood: 'Sandsynlighed efter foranstaltningerne',
  residualConsequence: 'Konsekvens efter foranstaltningerne',
  treatment: 'Håndtering',
  rationale: 'Begrundelse',
};

const MEASURE_FIELD_DA: Record<string, string> = { description: 'beskrivelse', owner: 'ejer', deadline: 'frist' };

/** The summary's label of a field, measure rows included ("Planlagt foranstaltning 2, frist"). */
export function riskFieldLabel(key: string): string {
  const m = /^measures\.(\d+)\.(\w+)$/.exec(key);
  if (m) return `Planlagt foranstaltning ${Number(m[1]) + 1}, ${MEASURE_FIELD_DA[m[2]!] ?? m[2]!}`;
  return RISK_FIELD_LABELS[key] ?? key;
}

/**
 * Values outside the package's scale: 422 on the fields, before anything is written (the database's
 * check only knows "at least 1", not the scale's size).
 */
export function assertOnScale(input: RiskInput, scale: RiskScale): void {
  const errors: Record<string, string> = {};
  const check = (field: keyof RiskInput, value: number, size: number, what: string) => {
    if (value < 1 || value > size) errors[field] = `Vælg ${what} fra 1 til ${size} på skalaen`;
  };
  check('likelihood', input.likelihood, scale.likelihoods.length, 'en sandsynlighed');
  check('consequence', input.consequence, scale.consequences.length, 'en konsekvens');
  check('residualLikelihood', input.residualLikelihood, scale.likelihoods.length, 'en sandsynlighed');
  check('residualConsequence', input.residualConsequence, scale.consequences.length, 'en konsekvens');
  if (Object.keys(errors).length > 0) throw invalid(errors);
}

// ---------------------------------------------------------------- the form's flat fields

export type FormBody = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const MEASURE_FIELDS = ['description', 'owner', 'deadline'] as const;

/** How many measure rows the form drew (sent back in a hidden field), within bounds. */
export function measureRowsOf(body: FormBody): number {
  const n = Number(one(body.measureRows));
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_MEASURES) : BLANK_MEASURE_ROWS;
}

/**
 * The form's fields (measures.2.owner …) as the use case's input. Blank measure rows are left out;
 * `rowOf[i]` is the form row of the i-th measure, to put errors back on the row they came from.
 */
export function riskFromForm(body: FormBody): { input: Record<string, unknown>; rowOf: number[] } {
  const measures: Record<string, string>[] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < measureRowsOf(body); i++) {
    const row = Object.fromEntries(MEASURE_FIELDS.map((f) => [f, one(body[`measures.${i}.${f}`])]));
    if (MEASURE_FIELDS.every((f) => row[f]!.trim() === '')) continue;
    measures.push(row);
    rowOf.push(i);
  }
  const input: Record<string, unknown> = { measures };
  for (const f of ['ref', 'threat', 'impact', 'likelihood', 'consequence', 'existingMeasures', 'residualLikelihood', 'residualConsequence', 'rationale'] as const) {
    input[f] = one(body[f]);
  }
  // An unchosen radio group sends nothing; the use case then says "choose one".
  if (body.treatment !== undefined) input.treatment = one(body.treatment);
  return { input, rowOf };
}

/** Errors of the i-th submitted measure moved to its form row. */
export function errorsOnFormRows(errors: Record<string, string>, rowOf: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^measures\.(\d+)\.(.+)$/.exec(key);
    const row = m ? rowOf[Number(m[1])] : undefined;
    out[m && row !== undefined ? `measures.${row}.${m[2]!}` : key] = message;
  }
  return out;
}
