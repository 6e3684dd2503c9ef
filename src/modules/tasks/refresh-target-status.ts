import { and, eq, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../db/client.ts';
import { type Actor, type Ctx, isCentral } from '../../platform/context.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { loadTask, type TaskRow } from './load-task.ts';
import type { TaskFacts } from './policy.ts';
import { taskTarget, type TargetStatus } from './schema.ts';
import { deriveTargetStatus } from './status.ts';

export type TargetRow = typeof taskTarget.$inferSelect;
export type ActorCtx = Ctx & { actor: Actor };

/**
 * The task as seen from one addressed municipality, after the policy: a municipal user may only
 * name their own municipality (any other code is 404, whether or not it exists or is addressed).
 */
export async function loadTargetTask(ctx: ActorCtx, taskId: string, municipalityCode: string, action: 'read' | 'act'): Promise<TaskRow & { facts: TaskFacts }> {
  // The municipality first: another municipality's code is 404 whatever state the task is in.
  if (!isCentral(ctx.actor) && ctx.actor.municipalityCode !== municipalityCode) throw notFound('Opgaven findes ikke.');
  return loadTask(ctx.db, ctx.actor, taskId, action);
}

/**
 * Runs a write on (task, municipality) in one transaction. The task row is read FOR SHARE (so a
 * concurrent close waits, and a task closed meanwhile is refused) and the target row is locked FOR
 * UPDATE, so writes to one municipality's answers are serialised and the derived status is always
 * computed from everything committed before it.
 */
export async function inTargetTx<T>(
  ctx: ActorCtx,
  t: TaskRow,
  municipalityCode: string,
  opts: { requireOpen: boolean },
  fn: (tx: Db, target: TargetRow) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const [current] = await rawRows<{ status: string }>(tx, sql`select status from task where id = ${t.id} for share`);
    if (!current) throw notFound('Opgaven findes ikke.');
    if (opts.requireOpen && !t.localMunicipalityCode && current.status !== 'published') {
      throw forbidden('Opgaven er ikke åben for besvarelse.');
    }
    const [target] = await tx
      .select()
      .from(taskTarget)
      .where(and(eq(taskTarget.taskId, t.id), eq(taskTarget.municipalityCode, municipalityCode)))
      .for('update');
    if (!target) throw notFound('Opgaven findes ikke.');
    return fn(tx, target);
  });
}

/**
 * Recomputes task_target.status, solved_at and last_activity_at for one municipality from its
 * answers (deriveTargetStatus). Called in the transaction of every write that touches the target,
 * after the write, with the target row already locked by inTargetTx.
 *
 * "Activity" that moves a municipality from "ikke startet" to "i gang" is a saved answer (a value, a
 * file or a completed step). Assigning people and asking a question are recorded as the
 * municipality's last activity but do not by themselves start the task.
 */
export async function refreshTargetStatus(
  tx: Db,
  target: Pick<TargetRow, 'taskId' | 'municipalityCode' | 'status' | 'solvedAt' | 'notRelevantReason'>,
  now: Date,
  opts: { municipalActivity: boolean },
): Promise<TargetStatus> {
  const { taskId, municipalityCode: code } = target;
  const [counts] = await rawRows<{ total: number; completed: number; any_answer: boolean }>(
    tx,
    sql`select
      (select count(*)::int from task_step s where s.task_id = ${taskId}) as total,
      (select count(*)::int from step_answer a join task_step s on s.id = a.step_id
        where a.task_id = ${taskId} and a.municipality_code = ${code} and a.completed) as completed,
      exists(select 1 from step_answer a where a.task_id = ${taskId} and a.municipality_code = ${code}
        and (a.completed or a.value is not null or a.file_id is not null)) as any_answer`,
  );
  const status = deriveTargetStatus({
    notRelevant: target.notRelevantReason !== null,
    stepsTotal: Number(counts?.total ?? 0),
    stepsCompleted: Number(counts?.completed ?? 0),
    anyActivity: Boolean(counts?.any_answer),
  });
  const solvedAt = status === 'loest' ? (target.status === 'loest' ? target.solvedAt : now) : null;
  const changed = status !== target.status || solvedAt?.getTime() !== target.solvedAt?.getTime();
  if (!changed && !opts.municipalActivity) return status;
  const updated = await tx
    .update(taskTarget)
    .set({ status, solvedAt, ...(opts.municipalActivity ? { lastActivityAt: now } : {}) })
    // Compare-and-set: the row is locked, so this only fails if a caller forgot inTargetTx.
    .where(and(eq(taskTarget.taskId, taskId), eq(taskTarget.municipalityCode, code), eq(taskTarget.status, target.status)))
    .returning({ status: taskTarget.status });
  if (updated.length === 0) throw conflict('Opgaven blev ændret samtidig af en anden. Prøv igen.');
  return status;
}
