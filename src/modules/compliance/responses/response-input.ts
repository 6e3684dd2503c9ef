import { z } from 'zod';
import { parseDay } from '../../../platform/days.ts';
import type { RiskScale } from '../risk-scales.ts';
import { riskResponses, type RiskResponse } from '../schema.ts';

export const RESPONSE_LABELS: Record<RiskResponse, string> = {
  accepted: 'Accepteret',
  'own-measures': 'Egne supplerende foranstaltninger',
  'not-relevant': 'Ikke relevant for os',
};

export const MAX_MEASURES = 20;
const text = (max: number, tooLong: string) =>
  z
    .string({ message: 'Skal være tekst' })
    .optional()
    .transform((s) => (s ?? '').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, tooLong));

const measure = z.object({
  description: text(2000, 'Beskrivelsen må højst være 2.000 tegn'),
  owner: text(200, 'Den ansvarlige må højst være 200 tegn'),
  deadline: z
    .union([z.string(), z.null()], { message: 'Skriv fristen som en dato, fx 31.12.2025' })
    .optional()
    .transform((s) => (s ?? '').trim()),
});

const level = z.union([z.number(), z.string(), z.null()]).optional().transform((v) => (v === null || v === undefined || v === '' ? null : Number(v)));

/** What a response says, from the API as it is and from the form after `fromForm`. */
const responseInput = z.object({
  response: z.enum(riskResponses, { message: 'Vælg jeres svar på risikoen' }),
  reason: text(4000, 'Begrundelsen må højst være 4.000 tegn'),
  residualLikelihood: level,
  residualConsequence: level,
  measures: z.array(measure, { message: 'Foranstaltningerne skal være en liste' }).max(MAX_MEASURES, `Højst ${MAX_MEASURES} foranstaltninger`).optional().default([]),
});

export type ResponseInput = {
  response: RiskResponse;
  reason: string;
  residualLikelihood: number | null;
  residualConsequence: number | null;
  measures: { description: string; owner: string; deadline: string | null }[];
};

/** The API's body, as OpenAPI shows it. */
export const responseBody = z
  .object({
    response: z.enum(riskResponses).describe('accepted: risikoen accepteres som vurderet; own-measures: egne supplerende foranstaltninger; not-relevant: ikke relevant for kommunen'),
    reason: z.string().optional().describe('Påkrævet ved not-relevant'),
    residualLikelihood: z.number().int().optional().describe('Kommunens egen restsandsynlighed (påkrævet ved own-measures), på pakkens skala'),
    residualConsequence: z.number().int().optional().describe('Kommunens egen restkonsekvens (påkrævet ved own-measures), på pakkens skala'),
    measures: z
      .array(z.object({ description: z.string(), owner: z.string().optional(), deadline: z.string().nullable().optional().describe('åååå-mm-dd eller dd.mm.åååå') }))
      .optional()
      .describe('Påkrævet ved own-measures (mindst én); erstatter de hidtidige'),
  })
  .describe('Kommunens svar på en risiko');

/** The labels of the fields an error can name, for the error summary. */
export function responseFieldLabels(measureCount: number): Record<string, string> {
  const labels: Record<string, string> = {
    response: 'Svar',
    reason: 'Begrundelse',
    residualLikelihood: 'Jeres restsandsynlighed',
    residualConsequence: 'Jeres restkonsekvens',
    measures: 'Foranstaltninger',
  };
  for (let i = 0; i < Math.max(measureCount, 1) + 2; i++) {
    labels[`measures.${i}.description`] = `Foranstaltning ${i + 1}, beskrivelse`;
    labels[`measures.${i}.owner`] = `Foranstaltning ${i + 1}, ansvarlig`;
    labels[`measures.${i}.deadline`] = `Foranstaltning ${i + 1}, frist`;
  }
  return labels;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
const one = (v: unknown): string | undefined => (Array.isArray(v) ? (v[0] as string | undefined) : typeof v === 'string' ? v : undefined);

/**
 * The form's fields in the API's shape. The form repeats measureDescription/-Owner/-Deadline once
 * per row (browsers send every text field, so the lists line up) and offers blank rows to fill in:
 * a row left wholly blank is no measure.
 */
export function fromForm(body: Record<string, unknown>): Record<string, unknown> {
  const descriptions = list(body.measureDescription);
  const owners = list(body.measureOwner);
  const deadlines = list(body.measureDeadline);
  const rows = Math.max(descriptions.length, owners.length, deadlines.length);
  const measures = Array.from({ length: rows }, (_, i) => ({ description: descriptions[i] ?? '', owner: owners[i] ?? '', deadline: deadlines[i] ?? '' })).filter(
    (m) => `${m.description}${m.owner}${m.deadline}`.trim() !== '',
  );
  return {
    response: one(body.response),
    reason: one(body.reason),
    residualLikelihood: one(body.residualLikelihood),
    residualConsequence: one(body.residualConsequence),
    measures,
  };
}

/**
 * The input on the package's scale, with the rules between the fields. Only what the chosen answer
 * needs is kept: an accepted risk has no measures or reason, a not-relevant one no measures or
 * residual values.
 */
export function responseSchema(scale: RiskScale): z.ZodType<ResponseInput> {
  const inScale = (v: number | null, max: number) => v !== null && Number.isInteger(v) && v >= 1 && v <= max;
  return responseInput
    .superRefine((p, c) => {
      const issue = (path: (string | number)[], message: string) => c.addIssue({ code: 'custom', path, message });
      if (p.response === 'own-measures') {
        p.measures.forEach((m, i) => {
          if (m.description === '') issue(['measures', i, 'description'], 'Beskriv foranstaltningen');
          if (m.deadline !== '' && !parseDay(m.deadline)) issue(['measures', i, 'deadline'], 'Skriv fristen som en gyldig dato, fx 31.12.2025');
        });
        if (p.measures.length === 0) issue(['measures', 0, 'description'], 'Beskriv mindst én egen foranstaltning');
        if (!inScale(p.residualLikelihood, scale.likelihoods.length))
          issue(['residualLikelihood'], `Vælg jeres sandsynlighed efter foranstaltningerne (1-${scale.likelihoods.length})`);
        if (!inScale(p.residualConsequence, scale.consequences.length))
          issue(['residualConsequence'], `Vælg jeres konsekvens efter foranstaltningerne (1-${scale.consequences.length})`);
      }
      if (p.response === 'not-relevant' && p.reason === '') issue(['reason'], 'Skriv, hvorfor risikoen ikke er relevant for jer');
    })
    .transform((p) => {
      const own = p.response === 'own-measures';
      return {
        response: p.response,
        reason: p.response === 'not-relevant' ? p.reason : '',
        residualLikelihood: own ? p.residualLikelihood : null,
        residualConsequence: own ? p.residualConsequence : null,
        measures: own ? p.measures.map((m) => ({ ...m, deadline: m.deadline === '' ? null : parseDay(m.deadline) })) : [],
      };
    });
}
