import { and, eq, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { costBudget } from '../schema.ts';

/**
 * The year's prioritisation pool in øre: the sum of every solution's pool part in its total budget,
 * or in its preliminary budget where the solution has no total budget yet. One statement; 0 when the
 * year has no budget at all. The budget page computes the same with `yearPool`.
 */
export async function poolAmountForYear(db: Db, year: number): Promise<number> {
  const final = alias(costBudget, 'final');
  const [row] = await db
    .select({ pool: sql<number>`coalesce(sum(${costBudget.poolOre}), 0)`.mapWith(Number) })
    .from(costBudget)
    .where(
      and(
        eq(costBudget.year, year),
        or(
          eq(costBudget.stage, 'samlet'),
          notExists(
            db
              .select({ one: sql`1` })
              .from(final)
              .where(and(eq(final.year, costBudget.year), eq(final.solutionKey, costBudget.solutionKey), eq(final.stage, 'samlet'))),
          ),
        ),
      ),
    );
  return row?.pool ?? 0;
}
