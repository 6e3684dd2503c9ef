import { z } from 'zod';
import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import { parseKroner } from '../../../platform/money.ts';
import { formatKroner } from '../../../platform/views/format.ts';
import { costBudgetStages, type CostBudgetStage } from '../schema.ts';
import { BUDGET_PARTS, type BudgetParts } from './budget-sums.ts';

/**
 * 100 milliarder kr. per amount: far above any solution's yearly cost, and low enough that the sum
 * of every part of every solution stays an exact number of øre.
 */
export const MAX_AMOUNT_ORE = 10_000_000_000_000;
const TOO_LARGE = `Beløbet kan højst være ${formatKroner(MAX_AMOUNT_ORE)}`;
const NEGATIVE = 'Beløbet kan ikke være negativt';

export const isStage = (s: unknown): s is CostBudgetStage => typeof s === 'string' && (costBudgetStages as readonly string[]).includes(s);

/** A form's amount in kroner ("1.234.567,50"), as øre, or its Danish message. */
function kronerField(value: unknown): { ore: number } | { message: string } {
  if (value !== undefined && typeof value !== 'string') return { message: 'Skriv ét beløb i kroner, fx 1.234.567,50' };
  const parsed = parseKroner(value ?? '');
  if (!parsed.ok) return { message: parsed.message.replace(/\.$/, '') };
  if (parsed.ore < 0) return { message: NEGATIVE };
  if (parsed.ore > MAX_AMOUNT_ORE) return { message: TOO_LARGE };
  return { ore: parsed.ore };
}

/** The form field of a part in a stage's form, e.g. "samlet-drift"; two stages' forms share one page. */
export const partField = (stage: CostBudgetStage, field: string) => `${stage}-${field}`;
export const ACTUAL_FIELD = 'faktisk';

/** The four parts of one stage's form; every field's error at once, or the parts. */
export function parseBudgetForm(stage: CostBudgetStage, body: Record<string, unknown>): BudgetParts {
  const errors: FieldErrors = {};
  const parts: Partial<BudgetParts> = {};
  for (const part of BUDGET_PARTS) {
    const name = partField(stage, part.field);
    const r = kronerField(body[name]);
    if ('message' in r) errors[name] = r.message;
    else parts[part.key] = r.ore;
  }
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Budgettet er ikke gemt. Ret beløbene og prøv igen.');
  return parts as BudgetParts;
}

export function parseActualForm(body: Record<string, unknown>): number {
  const r = kronerField(body[ACTUAL_FIELD]);
  if ('message' in r) throw invalid({ [ACTUAL_FIELD]: r.message }, 'Den faktiske omkostning er ikke gemt. Ret beløbet og prøv igen.');
  return r.ore;
}

/** An amount in the API: whole øre from 0 to the maximum. */
const oreValue = (what: string) =>
  z
    .number({ message: `${what} skal være et helt antal øre` })
    .int(`${what} skal være et helt antal øre`)
    .min(0, `${what} kan ikke være negativ`)
    .max(MAX_AMOUNT_ORE, `${what} kan højst være ${MAX_AMOUNT_ORE} øre (${formatKroner(MAX_AMOUNT_ORE)})`);

const budgetApiInput = z.object({
  stage: z.enum(costBudgetStages, { message: 'Trinnet skal være foreloebigt eller samlet' }),
  operationOre: oreValue('Drift'),
  maintenanceOre: oreValue('Vedligehold'),
  developmentOre: oreValue('Udvikling'),
  poolOre: oreValue('Prioriteringspuljen'),
});

/** The PUT body as the API documents it. */
export const budgetApiBody = z.object({
  stage: z.enum(costBudgetStages).describe('foreloebigt: det foreløbige budget; samlet: det samlede budget'),
  operationOre: z.number().int().min(0).describe('Drift, i øre'),
  maintenanceOre: z.number().int().min(0).describe('Vedligehold, i øre'),
  developmentOre: z.number().int().min(0).describe('Udvikling, i øre'),
  poolOre: z.number().int().min(0).describe('Bidraget til prioriteringspuljen, i øre'),
});

export const actualApiBody = z.object({ actualOre: z.number().int().min(0).describe('Årets faktiske omkostning, i øre') });
const actualApiInput = z.object({ actualOre: oreValue('Den faktiske omkostning') });

function parseApi<T>(schema: z.ZodType<T>, body: unknown, message: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
  throw invalid(errors, message);
}

export function parseBudgetApi(body: unknown): { stage: CostBudgetStage; parts: BudgetParts } {
  const { stage, ...parts } = parseApi(budgetApiInput, body, 'Budgettet er ikke gemt. Ret beløbene og prøv igen.');
  return { stage, parts };
}

export const parseActualApi = (body: unknown): number =>
  parseApi(actualApiInput, body, 'Den faktiske omkostning er ikke gemt. Ret beløbet og prøv igen.').actualOre;
