import { and, eq, isNull, ne, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { municipalAdminRoles } from '../../db/reference/role-types.ts';
import { type Actor, isCentral, isCentralEditor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { task, taskTarget, type TaskStatus } from './schema.ts';

/** What of a task the policy needs; loaded once and passed in (policies are synchronous). */
export type TaskFacts = {
  status: TaskStatus;
  localMunicipalityCode: string | null;
  audienceRoleKey: string | null;
  audienceSolutionKey: string | null;
  audiencePrimaryOnly: boolean;
  /** Is the actor's municipality among the addressed ones? (false for central actors) */
  addressesActorMunicipality: boolean;
  /** Is the actor named responsible or executor for their municipality on this task? */
  namedOnTarget: boolean;
};

export type TaskAction = 'author' | 'read' | 'act' | 'manage-local';

export const canAuthor = (actor: Actor) => isCentralEditor(actor);

/** The roles the task is addressed to, as the actor holds them in their municipality. */
export function isAddressee(actor: Actor, t: Pick<TaskFacts, 'audienceRoleKey' | 'audienceSolutionKey' | 'audiencePrimaryOnly'>): boolean {
  if (!t.audienceRoleKey) return false;
  return actor.roles.some(
    (r) =>
      r.roleTypeKey === t.audienceRoleKey &&
      (t.audienceSolutionKey === null || r.solutionKey === t.audienceSolutionKey) &&
      (!t.audiencePrimaryOnly || r.isPrimary),
  );
}

/** The programleder (and KLIK-administrator) see all of their municipality's tasks. */
export const seesAllOfMunicipality = (actor: Actor) => actor.roles.some((r) => municipalAdminRoles.includes(r.roleTypeKey));

/**
 * Central staff read every task; authors change them. A municipality sees tasks addressed to it
 * once announced (never drafts), and only its own local tasks. Answering requires a published
 * task and being an addressee or one of the municipality's administrators.
 */
export function can(actor: Actor, action: TaskAction, t: TaskFacts): boolean {
  if (isCentral(actor)) {
    if (t.localMunicipalityCode) return false;
    return action === 'read' || (action === 'author' && canAuthor(actor));
  }
  if (t.localMunicipalityCode) {
    const own = t.localMunicipalityCode === actor.municipalityCode;
    return own && (action === 'read' || action === 'act' || action === 'manage-local');
  }
  if (!t.addressesActorMunicipality || t.status === 'draft') return false;
  // Whoever the municipality named as responsible or executor must be able to do the work,
  // even without holding the role the task was sent to.
  const involved = isAddressee(actor, t) || seesAllOfMunicipality(actor) || t.namedOnTarget;
  if (action === 'read') return involved;
  if (action === 'act') return involved && t.status === 'published';
  return false;
}

/** Throws 404 when the actor may not even know the task exists, 403 when they may see but not do. */
export function authorizeTask(actor: Actor, action: TaskAction, t: TaskFacts): void {
  if (can(actor, action, t)) return;
  if (action !== 'read' && can(actor, 'read', t)) {
    throw forbidden(t.status === 'published' ? 'Du har ikke adgang til at gøre dette.' : 'Opgaven er ikke åben for besvarelse.');
  }
  throw notFound('Opgaven findes ikke.');
}

// ---------------------------------------------------------------- the same rule in SQL
//
// Lists cannot load every task and ask can() row by row (paging and counts must stay in the
// database), so the read rule above is also written as a condition. Every list of tasks uses one of
// the two below; policy.test.ts checks that they answer as can(actor, 'read', …) does.

/** isAddressee over the task row: the audience role as one of the roles the actor holds. */
function addresseeSql(actor: Actor): SQL {
  const held = actor.roles.map((r) =>
    and(
      eq(task.audienceRoleKey, r.roleTypeKey),
      r.solutionKey === null ? isNull(task.audienceSolutionKey) : or(isNull(task.audienceSolutionKey), eq(task.audienceSolutionKey, r.solutionKey)),
      r.isPrimary ? undefined : eq(task.audiencePrimaryOnly, false),
    ),
  );
  return held.length > 0 ? or(...held)! : sql`false`;
}

/** Among the municipality's readers of a central task: addressee, administrator, or named on the given target row. */
function involvedSql(actor: Actor, target: { responsible: SQLWrapper; executor: SQLWrapper }): SQL {
  if (seesAllOfMunicipality(actor)) return sql`true`;
  return or(addresseeSql(actor), sql`${target.responsible} = ${actor.personId}`, sql`${target.executor} = ${actor.personId}`)!;
}

/**
 * can(actor, 'read', task) for a query over `task` joined to `task_target`: true on the rows of the
 * actor's own municipality for tasks they may read (central staff: every municipality's row of a
 * central task). Being named responsible or executor counts on that municipality's row.
 */
export function targetVisibleTo(actor: Actor): SQL {
  const code = actor.municipalityCode;
  if (code === null) return isNull(task.localMunicipalityCode);
  return and(
    eq(taskTarget.municipalityCode, code),
    or(
      eq(task.localMunicipalityCode, code),
      and(
        isNull(task.localMunicipalityCode),
        ne(task.status, 'draft'),
        involvedSql(actor, { responsible: taskTarget.responsiblePersonId, executor: taskTarget.executorPersonId }),
      ),
    ),
  )!;
}

/** can(actor, 'read', task) for a query over `task` alone (one row per task). */
export function taskVisibleTo(actor: Actor): SQL {
  const code = actor.municipalityCode;
  if (code === null) return isNull(task.localMunicipalityCode);
  const involved = involvedSql(actor, { responsible: sql`vt.responsible_person_id`, executor: sql`vt.executor_person_id` });
  return or(
    eq(task.localMunicipalityCode, code),
    and(
      isNull(task.localMunicipalityCode),
      ne(task.status, 'draft'),
      sql`exists(select 1 from ${taskTarget} vt where vt.task_id = ${task.id} and vt.municipality_code = ${code} and ${involved})`,
    ),
  )!;
}
