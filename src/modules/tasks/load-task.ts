import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { authorizeTask, type TaskAction, type TaskFacts } from './policy.ts';
import { task, taskTarget } from './schema.ts';

export type TaskRow = typeof task.$inferSelect;

/**
 * Loads a task and checks the policy in one place. The addressed-municipality test is part of the
 * same query, so a municipality user asking for a task not addressed to them gets 404.
 */
export async function loadTask(db: Db, actor: Actor, taskId: string, action: TaskAction): Promise<TaskRow & { facts: TaskFacts }> {
  if (!isUuid(taskId)) throw notFound('Opgaven findes ikke.');
  const code = actor.municipalityCode;
  const [row] = await db
    .select({
      task,
      addressed: code
        ? sql<boolean>`exists(select 1 from ${taskTarget} where ${taskTarget.taskId} = ${task.id} and ${taskTarget.municipalityCode} = ${code})`
        : sql<boolean>`false`,
      named: code
        ? sql<boolean>`exists(select 1 from ${taskTarget} where ${taskTarget.taskId} = ${task.id} and ${taskTarget.municipalityCode} = ${code}
            and (${taskTarget.responsiblePersonId} = ${actor.personId} or ${taskTarget.executorPersonId} = ${actor.personId}))`
        : sql<boolean>`false`,
    })
    .from(task)
    .where(and(eq(task.id, taskId)));
  if (!row) throw notFound('Opgaven findes ikke.');
  const facts: TaskFacts = {
    status: row.task.status,
    localMunicipalityCode: row.task.localMunicipalityCode,
    audienceRoleKey: row.task.audienceRoleKey,
    audienceSolutionKey: row.task.audienceSolutionKey,
    audiencePrimaryOnly: row.task.audiencePrimaryOnly,
    addressesActorMunicipality: Boolean(row.addressed),
    namedOnTarget: Boolean(row.named),
  };
  authorizeTask(actor, action, facts);
  return { ...row.task, facts };
}
