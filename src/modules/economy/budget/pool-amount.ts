import { sql, type SQL } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';

/**
 * The year's prioritisation pool in øre, as a scalar subquery: the sum of every solution's pool part
 * in its total budget, or in its preliminary budget where the solution has no total budget yet; 0
 * when the year has no budget at all. The pool page puts it into its one summary statement; the
 * budget page computes the same from the rows it shows (`yearPool`).
 */
export function poolAmountSql(year: number): SQL {
  return sql`(select coalesce(sum(cb.pool_ore), 0)::bigint from cost_budget cb where cb.year = ${year}
    and (cb.stage = 'samlet' or not exists (select 1 from cost_budget s where s.year = cb.year and s.solution_key = cb.solution_key and s.stage = 'samlet')))`;
}

/** The year's pool in øre, in one statement. */
export async function poolAmountForYear(db: Db, year: number): Promise<number> {
  const [row] = await rawRows<{ pool: string | number }>(db, sql`select ${poolAmountSql(year)} as pool`);
  return Number(row?.pool ?? 0);
}
