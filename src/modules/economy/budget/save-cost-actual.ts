import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { costActual } from '../schema.ts';
import { isBudgetYear, solutionName } from './load-budget.ts';
import { authorizeBudget } from './policy.ts';

/**
 * Stores what a solution actually cost in a year, the figure the statement settles against. An
 * upsert on (year, solution) that writes and logs only a changed amount, so a repeat is harmless.
 */
export async function saveCostActual(ctx: Ctx & { actor: Actor }, input: { year: number; solutionKey: string; actualOre: number }): Promise<{ changed: boolean }> {
  authorizeBudget(ctx.actor, 'edit');
  if (!isBudgetYear(input.year)) throw invalid({ aar: 'Året skal være et årstal mellem 2000 og 2100' });
  if ((await solutionName(ctx.db, input.solutionKey)) === null) throw notFound('Løsningen findes ikke.');
  const { year, solutionKey, actualOre } = input;
  return ctx.db.transaction(async (tx) => {
    const [was] = await tx
      .select({ actualOre: costActual.actualOre })
      .from(costActual)
      .where(and(eq(costActual.year, year), eq(costActual.solutionKey, solutionKey)))
      .for('update');
    const [saved] = await tx
      .insert(costActual)
      .values({ year, solutionKey, actualOre, updatedAt: ctx.now, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({
        target: [costActual.year, costActual.solutionKey],
        set: { actualOre, updatedAt: ctx.now, updatedBy: ctx.actor.userId },
        setWhere: sql`${costActual.actualOre} <> ${actualOre}`,
      })
      .returning({ year: costActual.year });
    if (!saved) return { changed: false };
    await recordAudit(tx, ctx, {
      action: 'economy.cost_actual_saved',
      entityType: 'cost_actual',
      entityId: `${year}/${solutionKey}`,
      before: was ? { actualOre: was.actualOre } : null,
      after: { actualOre },
    });
    return { changed: true };
  });
}
