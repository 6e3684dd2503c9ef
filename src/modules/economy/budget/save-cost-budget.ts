import { and, eq, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { costBudget, type CostBudgetStage } from '../schema.ts';
import { partsTotal, type BudgetParts, type StageBudget } from './budget-sums.ts';
import { isBudgetYear, solutionName } from './load-budget.ts';
import { authorizeBudget } from './policy.ts';

export type SaveCostBudget = { year: number; solutionKey: string; stage: CostBudgetStage; parts: BudgetParts };

/**
 * Stores one stage of a solution's cost budget for a year. It is an upsert on (year, solution,
 * stage) that only writes when an amount differs, so sending the same budget twice (a double
 * click, a retried call, two at once) leaves one row and one audit entry.
 */
export async function saveCostBudget(ctx: Ctx & { actor: Actor }, input: SaveCostBudget): Promise<{ changed: boolean; budget: StageBudget }> {
  authorizeBudget(ctx.actor, 'edit');
  if (!isBudgetYear(input.year)) throw invalid({ aar: 'Året skal være et årstal mellem 2000 og 2100' });
  if ((await solutionName(ctx.db, input.solutionKey)) === null) throw notFound('Løsningen findes ikke.');
  const { year, solutionKey, stage, parts } = input;
  return ctx.db.transaction(async (tx) => {
    const key = and(eq(costBudget.year, year), eq(costBudget.solutionKey, solutionKey), eq(costBudget.stage, stage));
    const [was] = await tx.select().from(costBudget).where(key).for('update');
    const [saved] = await tx
      .insert(costBudget)
      .values({ year, solutionKey, stage, ...parts, updatedAt: ctx.now, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({
        target: [costBudget.year, costBudget.solutionKey, costBudget.stage],
        set: { ...parts, updatedAt: ctx.now, updatedBy: ctx.actor.userId },
        // An identical row is left alone: no new time, no audit entry (a twin that waited on the first sees its row here).
        setWhere: or(
          sql`${costBudget.operationOre} <> ${parts.operationOre}`,
          sql`${costBudget.maintenanceOre} <> ${parts.maintenanceOre}`,
          sql`${costBudget.developmentOre} <> ${parts.developmentOre}`,
          sql`${costBudget.poolOre} <> ${parts.poolOre}`,
        ),
      })
      .returning();
    if (!saved) {
      return { changed: false, budget: { stage, ...parts, totalOre: partsTotal(parts), updatedAt: was?.updatedAt ?? ctx.now } };
    }
    const before = was ? { operationOre: was.operationOre, maintenanceOre: was.maintenanceOre, developmentOre: was.developmentOre, poolOre: was.poolOre } : null;
    await recordAudit(tx, ctx, {
      action: 'economy.cost_budget_saved',
      entityType: 'cost_budget',
      entityId: `${year}/${solutionKey}/${stage}`,
      before,
      after: { ...parts },
    });
    return { changed: true, budget: { stage, ...parts, totalOre: partsTotal(parts), updatedAt: saved.updatedAt } };
  });
}
