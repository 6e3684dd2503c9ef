import { municipalAdminRoles } from '../../db/reference/role-types.ts';
import { type Actor, isCentral, isCentralEditor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { TaskStatus } from './schema.ts';

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
