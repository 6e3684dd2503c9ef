import { formatNumber } from '../../../platform/views/format.ts';
import { z } from 'zod';
import { invalid, parseInput, type FieldErrors } from '../../../platform/errors.ts';
import { parseKroner } from '../../../platform/money.ts';
import { proposalStatuses } from '../schema.ts';

/**
 * What a proposal and a move contain, checked once for both doors: the page's form (kroner typed
 * the Danish way, checkboxes) and the API's JSON (øre as an integer, a list of solution keys) are
 * each turned into the same normalised input, and the use cases check that with Danish messages.
 */

export const TITLE_MAX = 200;
export const TEXT_MAX = 10_000;
/** Ten billion kroner: far above anything the pool holds, low enough to catch a slipped digit. */
export const COST_MAX_ORE = 1_000_000_000_000;
/** How many years ahead a proposal may ask money for. */
export const YEARS_AHEAD = 5;

export type ProposalInput = { year: number; title: string; description: string; solutions: string[]; estimatedCostOre: number };
export type MoveInput = { status: (typeof proposalStatuses)[number]; meetingId: string | null; decision: string };

const text = (field: string, max: number) =>
  z
    .string({ message: `Skriv ${field}` })
    .trim()
    .min(1, `Skriv ${field}`)
    .max(max, `Højst ${formatNumber(max)} tegn`);

const wholeYear = z.number({ message: 'Vælg et år' }).int('Vælg et år');

/** The API's body, as documented in OpenAPI; the form is parsed into the same shape. */
export const proposalBody = z
  .object({
    year: wholeYear.describe('Det år, forslaget søger penge fra puljen til, fx 2027'),
    title: text('en titel', TITLE_MAX),
    description: text('en beskrivelse', TEXT_MAX).describe('Hvad forslaget går ud på, og hvorfor'),
    solutions: z
      .array(z.string({ message: 'Ukendt løsning' }).trim().max(100, 'Ukendt løsning'), { message: 'Vælg mindst én løsning' })
      .min(1, 'Vælg mindst én løsning')
      .max(50, 'Vælg højst de løsninger, der findes')
      .describe('Løsningernes nøgler, fx ["aula", "valg"]; se GET /api/v1/reference'),
    estimatedCostOre: z
      .number({ message: 'Skriv det anslåede beløb i øre som et helt tal' })
      .int('Skriv det anslåede beløb i øre som et helt tal')
      .min(1, 'Det anslåede beløb skal være over 0 kr.')
      .max(COST_MAX_ORE, 'Det anslåede beløb er urimeligt stort; højst 10.000.000.000 kr.')
      .describe('Anslået pris i øre (heltal): 250.000 kr. er 25000000'),
  })
  .meta({ id: 'PoolProposalSubmission' });

export const PROPOSAL_LABELS: Record<string, string> = {
  title: 'Titel',
  description: 'Beskrivelse',
  solutions: 'Løsninger',
  estimatedCost: 'Anslået pris',
  estimatedCostOre: 'Anslået pris',
  year: 'År',
};

export function parseProposalJson(raw: unknown): ProposalInput {
  const input = parseInput(proposalBody, raw);
  return { ...input, solutions: [...new Set(input.solutions)].sort() };
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
const one = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The page's form: `estimatedCost` in kroner ("250.000" or "1.234,50 kr."), `solutions` ticked
 * checkboxes, `year` from the list. Every field's error at once, as the form shows them together.
 */
export function parseProposalForm(body: Record<string, unknown>): ProposalInput {
  const errors: FieldErrors = {};
  const kroner = parseKroner(one(body.estimatedCost));
  const year = /^\s*\d{4}\s*$/.test(one(body.year)) ? Number(one(body.year)) : NaN;
  const draft = {
    year: Number.isNaN(year) ? undefined : year,
    title: one(body.title),
    description: one(body.description),
    solutions: list(body.solutions),
    estimatedCostOre: kroner.ok ? kroner.ore : 1,
  };
  try {
    const parsed = parseProposalJson(draft);
    if (kroner.ok) return parsed;
  } catch (error) {
    Object.assign(errors, (error as { fieldErrors?: FieldErrors }).fieldErrors ?? {});
  }
  if (!kroner.ok) errors.estimatedCost = kroner.message;
  else if (errors.estimatedCostOre) errors.estimatedCost = errors.estimatedCostOre;
  delete errors.estimatedCostOre;
  // A tampered checkbox value is reported on the group, where the form shows its error.
  for (const k of Object.keys(errors)) {
    if (!k.startsWith('solutions.')) continue;
    errors.solutions ??= errors[k]!;
    delete errors[k];
  }
  throw invalid(errors);
}

export const moveBody = z
  .object({
    status: z.enum(proposalStatuses, { message: 'Vælg, hvad der er besluttet' }).describe('Den nye status'),
    meetingId: z
      .string()
      .uuid('Vælg et møde fra listen')
      .nullable()
      .optional()
      .describe('Mødet, der traf beslutningen: et fagrådsmøde for behandlet_fagraad, et møde i Porteføljerådet for de øvrige'),
    decision: text('beslutningen', TEXT_MAX).describe('Beslutningen med ord, som den står i referatet'),
  })
  .meta({ id: 'PoolProposalMove' });

export const MOVE_LABELS: Record<string, string> = { status: 'Beslutning', meetingId: 'Møde', decision: 'Beslutningens ordlyd' };

export function parseMoveJson(raw: unknown): MoveInput {
  const input = parseInput(moveBody, raw);
  return { status: input.status, meetingId: input.meetingId ?? null, decision: input.decision };
}

/** The page's move form: an empty meeting choice is no meeting. */
export function parseMoveForm(body: Record<string, unknown>): MoveInput {
  const meeting = one(body.meetingId).trim();
  return parseMoveJson({ status: one(body.status) || undefined, meetingId: meeting === '' ? null : meeting, decision: one(body.decision) });
}
