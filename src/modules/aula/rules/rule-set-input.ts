import { z } from 'zod';
import { parseInput, type FieldErrors } from '../../../platform/errors.ts';
import { calendarDay } from '../../../platform/http/page-schemas.ts';
import { aulaCategories, aulaCategoryKeys, type AulaCategory } from '../categories.ts';
import { deletionTriggers } from '../schema.ts';

/** The table allows 1–600 months (50 years); a longer period is a typing error. */
export const MAX_PERIOD_MONTHS = 600;

const ruleSchema = z.object({
  category: z.enum(aulaCategoryKeys, 'Ukendt kategori'),
  trigger: z.enum(deletionTriggers, 'Vælg hvad der starter perioden'),
  periodMonths: z
    .number('Skriv perioden som et helt antal måneder')
    .int('Skriv perioden som et helt antal måneder')
    .min(1, 'Perioden skal være mindst 1 måned')
    .max(MAX_PERIOD_MONTHS, `Perioden kan højst være ${String(MAX_PERIOD_MONTHS)} måneder (50 år)`),
});

export const ruleSetInputSchema = z
  .object({
    name: z.string('Skriv et navn').trim().min(1, 'Skriv et navn').max(200, 'Navnet kan højst være 200 tegn'),
    activationDate: z.string('Skriv en dato som åååå-mm-dd').pipe(calendarDay).describe('Den dag versionen træder i kraft, åååå-mm-dd'),
    description: z.string().trim().max(4000, 'Beskrivelsen kan højst være 4000 tegn').optional().default(''),
    rules: z
      .array(ruleSchema, 'Angiv reglerne for alle ni kategorier')
      .refine((rules) => aulaCategoryKeys.every((k) => rules.filter((r) => r.category === k).length === 1) && rules.length === aulaCategoryKeys.length, {
        message: 'Angiv præcis én regel for hver af de ni kategorier',
      })
      .describe('Én regel for hver af de ni kategorier'),
  })
  .meta({ title: 'AulaRuleSetInput' });

export type RuleSetInput = z.output<typeof ruleSetInputSchema>;

/** The API's body or the form's converted fields, checked with Danish messages (422 otherwise). */
export function checkRuleSet(raw: unknown): RuleSetInput {
  const input = parseInput(ruleSetInputSchema, raw);
  const order = new Map<string, number>(aulaCategoryKeys.map((k, i) => [k, i]));
  return { ...input, rules: [...input.rules].sort((a, b) => order.get(a.category)! - order.get(b.category)!) };
}

// ---- the page's form: one trigger and one period field per category ----------------------------

export type RuleSetForm = Record<string, string>;

export const triggerField = (c: AulaCategory) => `trigger-${c}`;
export const periodField = (c: AulaCategory) => `periodMonths-${c}`;

export const FORM_LABELS: Record<string, string> = {
  name: 'Navn',
  activationDate: 'Træder i kraft',
  description: 'Beskrivelse',
  ...Object.fromEntries(aulaCategories.flatMap((c) => [[triggerField(c.key), `${c.name}: starter ved`], [periodField(c.key), `${c.name}: periode i måneder`]])),
};

const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** The posted form's own fields, as typed (for drawing the form again). */
export function formValues(body: Record<string, unknown>): RuleSetForm {
  return Object.fromEntries(Object.keys(FORM_LABELS).map((k) => [k, text(body[k]).trim()]));
}

/** The form as the API's body: a period that is not digits stays text, so the check names it. */
export function rawFromForm(values: RuleSetForm): Record<string, unknown> {
  return {
    name: values.name,
    activationDate: values.activationDate,
    description: values.description,
    rules: aulaCategories.map((c) => {
      const period = values[periodField(c.key)] ?? '';
      return { category: c.key, trigger: values[triggerField(c.key)], periodMonths: /^\d{1,6}$/.test(period) ? Number(period) : period };
    }),
  };
}

/** The check's errors (`rules.3.periodMonths`) on the form's field names. */
export function formErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^rules\.(\d+)\.(trigger|periodMonths)$/.exec(key);
    const category = m ? aulaCategories[Number(m[1])]?.key : undefined;
    if (m && category) out[m[2] === 'trigger' ? triggerField(category) : periodField(category)] = message;
    else out[key] = message;
  }
  return out;
}

/** A stored version (or the one in force, for a new version) as the form's values. */
export function storedValues(set: { name: string; activationDate: string; description: string; rules: { category: AulaCategory; trigger: string; periodMonths: number }[] }): RuleSetForm {
  const values: RuleSetForm = { name: set.name, activationDate: set.activationDate, description: set.description };
  for (const r of set.rules) {
    values[triggerField(r.category)] = r.trigger;
    values[periodField(r.category)] = String(r.periodMonths);
  }
  return values;
}
