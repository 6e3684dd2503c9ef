import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record.ts';
import { type Actor, type Ctx, isCentralAdmin } from '../../platform/context.ts';
import { forbidden, notFound, parseInput } from '../../platform/errors.ts';
import { solution, solutionPhases } from '../../platform/identity/schema.ts';

export const PRODUCT_MANAGER_MAX = 200;

/** The form always sends both fields; the API may send either. An empty product manager means "not set". */
export const updateSolutionInput = z.object({
  phase: z
    .enum(solutionPhases, { message: 'Vælg en af faserne udvikling, indfasning, drift eller udfasning' })
    .optional()
    .describe('udvikling, indfasning, drift eller udfasning'),
  productManager: z
    .preprocess(
      (v) => (v === null ? '' : v),
      z
        .string({ message: 'Produktchefen skal være tekst' })
        .transform((s) => s.trim())
        .pipe(z.string().max(PRODUCT_MANAGER_MAX, `Produktchefen må højst være ${PRODUCT_MANAGER_MAX} tegn`)),
    )
    .optional()
    .describe('Den ansvarlige produktchefs navn; tom tekst eller null fjerner det'),
});

export const authorizePortfolioEditing = (actor: Actor) => {
  if (!isCentralAdmin(actor)) throw forbidden('Kun KOMBITs administratorer kan redigere porteføljen.');
};

/**
 * Sets a solution's phase and responsible product manager. Only central administrators keep the
 * portfolio; the reference data never overwrites what they set. Saving without changes writes nothing.
 */
export async function updateSolution(ctx: Ctx & { actor: Actor }, key: string, raw: unknown): Promise<{ changed: boolean }> {
  authorizePortfolioEditing(ctx.actor);
  const [existing] = await ctx.db.select({ key: solution.key }).from(solution).where(eq(solution.key, key));
  if (!existing) throw notFound('Løsningen findes ikke.');
  const input = parseInput(updateSolutionInput, raw);
  const wanted = {
    ...(input.phase !== undefined ? { phase: input.phase } : {}),
    ...(input.productManager !== undefined ? { productManager: input.productManager || null } : {}),
  };

  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ phase: solution.phase, productManager: solution.productManager })
      .from(solution)
      .where(eq(solution.key, key))
      .for('update');
    if (!current) throw notFound('Løsningen findes ikke.');
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(wanted) as [keyof typeof current, string | null][]) {
      if (current[field] !== value) {
        before[field] = current[field];
        after[field] = value;
      }
    }
    if (Object.keys(after).length === 0) return { changed: false };
    await tx.update(solution).set(after).where(eq(solution.key, key));
    await recordAudit(tx, ctx, { action: 'solution.updated', entityType: 'solution', entityId: key, before, after });
    return { changed: true };
  });
}
