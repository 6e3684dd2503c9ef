import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/client.ts';
import { type Actor, type Ctx, isCentral } from '../../../platform/context.ts';
import { borgerblikketRowsVisibleTo } from '../policy.ts';
import { stateOf, type ProgressState } from './load-progress.ts';

export type AssessmentListItem = {
  id: string;
  title: string;
  taskId: string;
  taskCode: string;
  deadline: string;
  createdAt: Date;
  /** Central staff: every municipality; a municipality's user: their own only. */
  municipalities: number;
  done: number;
  listed: number;
  decided: number;
  closed: number;
  /** The actor's own municipality's state (null for central staff). */
  ownState: ProgressState | null;
};

/**
 * The assessments the actor may see: central staff all of them with the 98's progress, a
 * municipality's users those that list their municipality, with their own progress. One statement.
 */
export async function listAssessments(ctx: Ctx & { actor: Actor }): Promise<AssessmentListItem[]> {
  const rows = await rawRows<{ id: string; title: string; task_id: string; code: string; deadline: string; created_at: Date | string; municipalities: number; done: number; listed: number; decided: number; closed: number }>(
    ctx.db,
    sql`select a.id, a.title, t.id as task_id, t.code, t.deadline, a.created_at,
          count(*)::int as municipalities, (count(*) filter (where m.decided = m.listed))::int as done,
          sum(m.listed)::int as listed, sum(m.decided)::int as decided, sum(m.closed)::int as closed
        from bb_assessment a
        join task t on t.id = a.task_id
        join (select assessment_id, municipality_code, count(*) as listed, count(decision) as decided,
                count(*) filter (where decision = 'ikke_klar') as closed
              from bb_assessment_number group by assessment_id, municipality_code) m on m.assessment_id = a.id
        where ${borgerblikketRowsVisibleTo(ctx.actor, sql`m.municipality_code`)}
        group by a.id, a.title, t.id, t.code, t.deadline, a.created_at
        order by a.created_at desc, a.id`,
  );
  const central = isCentral(ctx.actor);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    taskId: r.task_id,
    taskCode: r.code,
    deadline: r.deadline,
    createdAt: new Date(r.created_at),
    municipalities: r.municipalities,
    done: r.done,
    listed: r.listed,
    decided: r.decided,
    closed: r.closed,
    ownState: central ? null : stateOf(r.listed, r.decided),
  }));
}
