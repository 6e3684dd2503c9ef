import { z } from 'zod';
import { answerKinds } from './schema.ts';
import { danishMidnight, parseDay } from '../../platform/days.ts';
import { checkbox } from '../../platform/http/page-schemas.ts';
import { compileAnswerPattern } from './answer-pattern.ts';
import { danishDay } from '../../platform/views/format.ts';

/** Input of the authoring use cases. Messages are Danish; the field names are the API's and the form's. */

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const boolish = checkbox;
const text = (max: number, label: string) =>
  z
    .string({ message: `${label} skal være tekst` })
    .max(max, `${label} må højst være ${max} tegn`)
    .optional()
    .transform((s) => (s ?? '').trim());
const required = (max: number, missing: string, label: string) =>
  z
    .string({ message: missing })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, missing).max(max, `${label} må højst være ${max} tegn`));

export const dayInput = (missing: string) =>
  z
    .string({ message: missing })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, missing))
    .transform((s, c) => {
      const day = parseDay(s);
      if (!day) {
        c.addIssue({ code: 'custom', message: 'Skriv en gyldig dato, fx 30.05.2025' });
        return z.NEVER;
      }
      return day;
    });

/** A day (counts from midnight in Denmark) or an ISO time with offset; empty means none. */
const instantInput = z.preprocess(
  emptyToUndefined,
  z
    .string({ message: 'Skriv en gyldig dato, fx 30.05.2025' })
    .transform((s, c) => {
      const day = parseDay(s);
      if (day) return danishMidnight(day);
      if (z.iso.datetime({ offset: true }).safeParse(s.trim()).success) return new Date(s.trim());
      c.addIssue({ code: 'custom', message: 'Skriv en gyldig dato, fx 30.05.2025' });
      return z.NEVER;
    })
    .optional(),
);

export const targetModes = ['all', 'region', 'kkr', 'list'] as const;
export type TargetMode = (typeof targetModes)[number];

export const targetsInput = z.object(
  {
    mode: z.enum(targetModes, { message: 'Vælg hvilke kommuner opgaven er til' }),
    region: z.preprocess(emptyToUndefined, z.string().optional()),
    kkr: z.preprocess(emptyToUndefined, z.string().optional()),
    /** Picked municipality codes (or names); a single string is read as a pasted list. */
    codes: z.preprocess((v) => (v === '' ? undefined : v), z.union([z.array(z.string()), z.string()]).optional()),
    /** A pasted list of codes or names separated by commas, semicolons, spaces or line breaks. */
    pasted: z.preprocess(emptyToUndefined, z.string().max(20_000, 'Listen er for lang').optional()),
  },
  { message: 'Vælg hvilke kommuner opgaven er til' },
);
export type TargetsInput = z.infer<typeof targetsInput>;

export const stepInput = z
  .object({
    title: required(300, 'Skriv en titel på trinnet', 'Titlen'),
    instructions: text(20_000, 'Vejledningen'),
    answerKind: z.preprocess((v) => emptyToUndefined(v) ?? 'none', z.enum(answerKinds, { message: 'Vælg en svartype fra listen' })),
    answerLabel: text(100, 'Svarfeltets navn'),
    answerPattern: z.preprocess(emptyToUndefined, z.string().max(500, 'Mønsteret må højst være 500 tegn').optional()),
    answerHint: text(300, 'Hjælpeteksten'),
  })
  .superRefine((s, c) => {
    if (s.answerPattern !== undefined) {
      if (s.answerKind !== 'identifier') {
        c.addIssue({ code: 'custom', path: ['answerPattern'], message: 'Et mønster kan kun bruges, når svaret er en identifikator' });
      } else {
        const compiled = compileAnswerPattern(s.answerPattern);
        if (!compiled.ok) c.addIssue({ code: 'custom', path: ['answerPattern'], message: compiled.message });
      }
    }
    if (s.answerKind !== 'none' && s.answerKind !== 'yes_no' && s.answerLabel === '') {
      c.addIssue({ code: 'custom', path: ['answerLabel'], message: 'Skriv hvad svaret hedder, fx AftaleID' });
    }
  });
export type StepInput = z.infer<typeof stepInput>;

const fields = {
  code: required(60, 'Skriv opgavens kode, fx KLIK - KR MI 02', 'Koden'),
  title: required(300, 'Skriv en titel', 'Titlen'),
  description: text(50_000, 'Beskrivelsen'),
  consequence: text(5_000, 'Konsekvensen'),
  projectId: z.preprocess(emptyToUndefined, z.uuid('Vælg et projekt fra listen').optional()),
  solutionKey: z.preprocess(emptyToUndefined, z.string().optional()),
  audienceRoleKey: z.string({ message: 'Vælg hvilken rolle opgaven er til' }).min(1, 'Vælg hvilken rolle opgaven er til'),
  audienceSolutionKey: z.preprocess(emptyToUndefined, z.string().optional()),
  audiencePrimaryOnly: boolish.optional().default(false),
  critical: boolish.optional().default(false),
  crossCutting: boolish.optional().default(false),
  optional: boolish.optional().default(false),
  announceAt: instantInput,
  publishAt: instantInput,
  targets: targetsInput,
  steps: z
    .array(stepInput, { message: 'Opgaven skal have mindst ét trin' })
    .min(1, 'Opgaven skal have mindst ét trin')
    .max(30, 'En opgave kan højst have 30 trin'),
};

type Dated = { announceAt?: Date | undefined; publishAt?: Date | undefined; deadline?: string | undefined };

function datesInOrder(t: Dated, c: z.RefinementCtx) {
  if (t.deadline && t.announceAt && danishDay(t.announceAt) > t.deadline) {
    c.addIssue({ code: 'custom', path: ['announceAt'], message: 'Annonceringsdatoen må ikke ligge efter fristen' });
  }
  if (t.deadline && t.publishAt && danishDay(t.publishAt) > t.deadline) {
    c.addIssue({ code: 'custom', path: ['publishAt'], message: 'Publiceringsdatoen må ikke ligge efter fristen' });
  }
  if (t.announceAt && t.publishAt && t.announceAt > t.publishAt) {
    c.addIssue({ code: 'custom', path: ['announceAt'], message: 'Annonceringsdatoen må ikke ligge efter publiceringsdatoen' });
  }
}

export const createTaskInput = z.object({ ...fields, deadline: dayInput('Angiv en frist') }).superRefine(datesInOrder);
export type CreateTaskInput = z.infer<typeof createTaskInput>;

/** Editing a draft or an announced task: the same fields; the deadline may be left out (unchanged). */
export const updateTaskInput = z
  .object({ ...fields, deadline: z.preprocess(emptyToUndefined, dayInput('Angiv en frist').optional()) })
  .superRefine(datesInOrder);
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;

/** After publishing only the description can change (clarifications). */
export const clarifyTaskInput = z.object({ description: text(50_000, 'Beskrivelsen') });

export const deadlineInput = z.object({
  deadline: dayInput('Angiv den nye frist'),
  reason: required(1_000, 'Skriv en begrundelse for ændringen', 'Begrundelsen'),
});
export type DeadlineInput = z.infer<typeof deadlineInput>;

export const projectInput = z.object({
  name: required(200, 'Skriv projektets navn, fx Kontanthjælpsreformen', 'Navnet'),
  key: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Nøglen må kun indeholde små bogstaver a-z, tal og bindestreger, fx valg-2025')
      .max(60, 'Nøglen må højst være 60 tegn')
      .optional(),
  ),
  description: text(5_000, 'Beskrivelsen'),
  solutionKey: z.preprocess(emptyToUndefined, z.string().optional()),
});
export type ProjectInput = z.infer<typeof projectInput>;

/** "Valg 2025" → "valg-2025", "Kontanthjælpsreformen" → "kontanthjaelpsreformen". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Labels for the error summary (form field name → Danish label). */
export const taskLabels: Record<string, string> = {
  code: 'Kode',
  title: 'Titel',
  description: 'Beskrivelse',
  consequence: 'Konsekvens hvis opgaven ikke løses',
  projectId: 'Projekt',
  solutionKey: 'Løsning',
  audienceRoleKey: 'Rolle',
  audienceSolutionKey: 'Løsning for rollen',
  audiencePrimaryOnly: 'Kun primær systemansvarlig',
  announceAt: 'Annonceringsdato',
  publishAt: 'Publiceringsdato',
  deadline: 'Frist',
  'targets.mode': 'Kommuner',
  'targets.region': 'Region',
  'targets.kkr': 'KKR',
  'targets.codes': 'Udvalgte kommuner',
  'targets.pasted': 'Liste over kommuner',
  targets: 'Kommuner',
  steps: 'Trin',
  reason: 'Begrundelse',
  name: 'Navn',
  key: 'Nøgle',
  fil: 'Fil',
  filer: 'Filer',
  kommunekode: 'Kommunekode',
};

export function stepLabel(key: string): string | undefined {
  const m = /^steps\.(\d+)\.(\w+)$/.exec(key);
  if (!m) return undefined;
  const field: Record<string, string> = {
    title: 'titel',
    instructions: 'vejledning',
    answerKind: 'svartype',
    answerLabel: 'svarfeltets navn',
    answerPattern: 'mønster',
    answerHint: 'hjælpetekst',
  };
  return `Trin ${Number(m[1]) + 1}, ${field[m[2]!] ?? m[2]!}`;
}

/** A submitted form: formbody gives strings, and arrays for repeated names (checkboxes). */
export type FormBody = Record<string, string | string[] | undefined>;

export const STEP_FIELDS = ['title', 'instructions', 'answerKind', 'answerLabel', 'answerPattern', 'answerHint'] as const;
export const DEFAULT_STEP_ROWS = 5;
export const MAX_STEP_ROWS = 30;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

/** How many step rows the form shows (grows by five with "Tilføj flere trin", at most 30). */
export function stepRowCount(body: FormBody): number {
  const n = Number(one(body.antalTrin));
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_STEP_ROWS) : DEFAULT_STEP_ROWS;
}

/**
 * The task form's flat fields (steps.3.title, targets.mode …) as the use case's input. Empty step
 * rows are left out; `rowOf[i]` is the form row of the i-th step, to put errors back on the right row.
 */
export function taskFromForm(body: FormBody): { input: Record<string, unknown>; rowOf: number[] } {
  const rows = stepRowCount(body);
  const steps: Record<string, string>[] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < rows; i++) {
    const step = Object.fromEntries(STEP_FIELDS.map((f) => [f, one(body[`steps.${i}.${f}`])]));
    const filled = STEP_FIELDS.some((f) => f !== 'answerKind' && step[f]!.trim() !== '') || (step.answerKind !== '' && step.answerKind !== 'none');
    if (!filled) continue;
    steps.push(step);
    rowOf.push(i);
  }
  const input: Record<string, unknown> = {
    code: one(body.code),
    title: one(body.title),
    description: one(body.description),
    consequence: one(body.consequence),
    projectId: one(body.projectId),
    solutionKey: one(body.solutionKey),
    audienceRoleKey: one(body.audienceRoleKey),
    audienceSolutionKey: one(body.audienceSolutionKey),
    audiencePrimaryOnly: one(body.audiencePrimaryOnly) === 'on',
    critical: one(body.critical) === 'on',
    crossCutting: one(body.crossCutting) === 'on',
    optional: one(body.optional) === 'on',
    announceAt: one(body.announceAt),
    publishAt: one(body.publishAt),
    deadline: one(body.deadline),
    targets: {
      mode: one(body['targets.mode']),
      region: one(body['targets.region']),
      kkr: one(body['targets.kkr']),
      codes: many(body['targets.codes']),
      pasted: one(body['targets.pasted']),
    },
    steps,
  };
  // Only the mode's own fields count: a region left selected does not matter when "all" is chosen.
  const t = input.targets as Record<string, unknown>;
  if (t.mode !== 'region') delete t.region;
  if (t.mode !== 'kkr') delete t.kkr;
  if (t.mode !== 'list') {
    delete t.codes;
    delete t.pasted;
  } else if ((t.codes as string[]).length === 0) {
    delete t.codes;
  }
  return { input, rowOf };
}

/** Field errors of the i-th submitted step moved to the form row it came from. */
export function errorsOnFormRows(errors: Record<string, string>, rowOf: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^steps\.(\d+)\.(.+)$/.exec(key);
    const row = m ? rowOf[Number(m[1])] : undefined;
    out[m && row !== undefined ? `steps.${row}.${m[2]!}` : key] = message;
  }
  return out;
}
