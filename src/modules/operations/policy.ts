import { type Actor, isCentral } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

/**
 * Operations stability (issue #14 point 2): everyone signed in reads the operations page and its
 * API; central administrators, consultants and the central operations role (drift) record SLA
 * figures, incidents, RCA items and measures.
 */
const EDITORS = ['administrator', 'konsulent', 'drift'];

export const canEditOperations = (actor: Actor | null): boolean =>
  actor !== null && isCentral(actor) && actor.roles.some((r) => EDITORS.includes(r.roleTypeKey));

export function authorizeOperations(actor: Actor | null, action: 'read' | 'edit'): asserts actor is Actor {
  if (actor === null) throw notFound();
  if (action === 'edit' && !canEditOperations(actor)) throw forbidden('Kun KOMBITs administratorer, konsulenter og drift kan registrere driftsoplysninger.');
}
