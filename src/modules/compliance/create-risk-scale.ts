import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record.ts';
import { type Actor, type Ctx, isCentral } from '../../platform/context.ts';
import { conflict, forbidden, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isComplianceAuthor } from './policy.ts';
import { loadRiskScales, type RiskScale } from './risk-scales.ts';
import { riskColourTokens, riskMatrixCell, riskScale, riskScaleConsequence, riskScaleLevel, riskScaleLikelihood } from './schema.ts';

export const AXIS_MIN = 2;
export const AXIS_MAX = 6;
export const LEVELS_MIN = 2;
export const LEVELS_MAX = 5;

const text = (label: string, max: number) =>
  z
    .string({ message: `Skriv ${label}` })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `Skriv ${label}`).max(max, `Højst ${max} tegn`));

const axisLevel = z.object({ label: text('betegnelsen', 60), definition: text('definitionen', 600) });

export const riskScaleInput = z
  .object({
    name: text('skalaens navn', 120),
    description: z
      .string()
      .max(2000, 'Højst 2000 tegn')
      .optional()
      .transform((s) => (s ?? '').trim()),
    likelihoods: z.array(axisLevel).min(AXIS_MIN, `Mindst ${AXIS_MIN} trin`).max(AXIS_MAX, `Højst ${AXIS_MAX} trin`),
    consequences: z.array(axisLevel).min(AXIS_MIN, `Mindst ${AXIS_MIN} trin`).max(AXIS_MAX, `Højst ${AXIS_MAX} trin`),
    levels: z
      .array(z.object({ label: text('niveauets betegnelse', 40), colour: z.enum(riskColourTokens, { message: 'Vælg en farve' }) }))
      .min(LEVELS_MIN, `Mindst ${LEVELS_MIN} niveauer`)
      .max(LEVELS_MAX, `Højst ${LEVELS_MAX} niveauer`),
    /** `matrix[consequence-1][likelihood-1]` is a level's label, as GET /api/v1/compliance/risk-scales gives it. */
    matrix: z.array(z.array(z.string({ message: 'Vælg et niveau' }))),
  })
  .meta({ id: 'RiskScaleCreate' });
export type RiskScaleInput = z.input<typeof riskScaleInput>;

/** A key from the name ("KL's skala 5×5" → "kl-s-skala-5x5"), stable so a repeated submit finds the first. */
export function scaleKey(name: string): string {
  const base = name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .replaceAll('×', 'x')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (base || 'skala').slice(0, 60);
}

/**
 * Checks the parts Zod cannot: unique labels per axis and level, every cell filled with a level of
 * the scale, and a matrix that never falls as likelihood or consequence rises (a scale where a more
 * likely risk is "lower" is a typing error, not a method).
 */
function matrixErrors(input: z.output<typeof riskScaleInput>): FieldErrors {
  const errors: FieldErrors = {};
  const dupes = (rows: { label: string }[], field: string) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const k = r.label.toLowerCase();
      if (seen.has(k)) errors[`${field}.${i}.label`] = 'Betegnelsen er brugt før på skalaen';
      seen.add(k);
    });
  };
  dupes(input.likelihoods, 'likelihoods');
  dupes(input.consequences, 'consequences');
  dupes(input.levels, 'levels');
  const rank = new Map(input.levels.map((l, i) => [l.label, i + 1]));
  const ranks: number[][] = [];
  for (let c = 0; c < input.consequences.length; c++) {
    ranks.push([]);
    for (let l = 0; l < input.likelihoods.length; l++) {
      const r = rank.get((input.matrix[c]?.[l] ?? '').trim());
      if (r === undefined) errors[`matrix.${c}.${l}`] = 'Vælg et af skalaens niveauer';
      ranks[c]!.push(r ?? 0);
    }
  }
  if (Object.keys(errors).some((k) => k.startsWith('matrix.'))) return errors;
  for (let c = 0; c < ranks.length; c++)
    for (let l = 0; l < ranks[c]!.length; l++) {
      const here = ranks[c]![l]!;
      if ((l > 0 && here < ranks[c]![l - 1]!) || (c > 0 && here < ranks[c - 1]![l]!))
        errors[`matrix.${c}.${l}`] = 'Niveauet må ikke være lavere end cellen med lavere sandsynlighed eller konsekvens';
    }
  return errors;
}

/**
 * Adds a risk scale (information security only). The scale's key comes from its name: submitting
 * the same scale again answers with the one already made; another scale under a taken name is
 * refused. One transaction with its audit entry.
 */
export async function createRiskScale(ctx: Ctx & { actor: Actor }, body: unknown): Promise<{ key: string; created: boolean }> {
  if (!isComplianceAuthor(ctx.actor)) throw isCentral(ctx.actor) ? forbidden('Kun KOMBITs informationssikkerhed kan oprette risikoskalaer.') : notFound();
  const parsed = riskScaleInput.safeParse(body);
  const errors: FieldErrors = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
  if (parsed.success) Object.assign(errors, matrixErrors(parsed.data));
  if (!parsed.success || Object.keys(errors).length > 0) throw invalid(errors);
  const input = parsed.data;
  const key = scaleKey(input.name);

  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ key: riskScale.key }).from(riskScale).where(eq(riskScale.key, key)).for('update');
    if (taken) {
      const existing = (await loadRiskScales(tx)).find((s) => s.key === key)!;
      if (sameScale(existing, input)) return { key, created: false };
      throw conflict('Der findes allerede en risikoskala med det navn. Vælg et andet navn.', { name: 'Navnet er taget' });
    }
    await tx.insert(riskScale).values({ key, name: input.name, description: input.description, sort: 100 });
    const axis = (rows: { label: string; definition: string }[]) => rows.map((r, i) => ({ scaleKey: key, value: i + 1, label: r.label, definition: r.definition }));
    await tx.insert(riskScaleLikelihood).values(axis(input.likelihoods));
    await tx.insert(riskScaleConsequence).values(axis(input.consequences));
    const levelKey = (i: number) => `niveau-${i + 1}`;
    await tx.insert(riskScaleLevel).values(input.levels.map((l, i) => ({ scaleKey: key, key: levelKey(i), label: l.label, rank: i + 1, colour: l.colour })));
    const byLabel = new Map(input.levels.map((l, i) => [l.label, levelKey(i)]));
    await tx.insert(riskMatrixCell).values(
      input.consequences.flatMap((_, c) =>
        input.likelihoods.map((__, l) => ({ scaleKey: key, consequence: c + 1, likelihood: l + 1, levelKey: byLabel.get(input.matrix[c]![l]!.trim())! })),
      ),
    );
    await recordAudit(tx, ctx, { action: 'compliance.risk_scale_created', entityType: 'risk_scale', entityId: key, after: input });
    return { key, created: true };
  });
}

function sameScale(s: RiskScale, input: z.output<typeof riskScaleInput>): boolean {
  const axis = (a: { label: string; definition: string }[], b: { label: string; definition: string }[]) =>
    a.length === b.length && a.every((x, i) => x.label === b[i]!.label && x.definition === b[i]!.definition);
  return (
    axis(s.likelihoods, input.likelihoods) &&
    axis(s.consequences, input.consequences) &&
    s.levels.length === input.levels.length &&
    s.levels.every((l, i) => l.label === input.levels[i]!.label && l.colour === input.levels[i]!.colour) &&
    s.matrix.every((row, c) => row.every((cell, l) => cell.label === input.matrix[c]?.[l]?.trim()))
  );
}
