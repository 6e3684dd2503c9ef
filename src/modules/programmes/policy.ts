import { type Actor, isCentralEditor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

/**
 * Programmes (issue #14 point 1): every signed-in user reads a programme's status page, its
 * history, milestones and key figures; central administrators and consultants edit them.
 */
export function authorizeProgramme(actor: Actor | null, action: 'read' | 'edit'): asserts actor is Actor {
  if (actor === null) throw notFound();
  if (action === 'edit' && !isCentralEditor(actor)) throw forbidden('Kun KOMBITs administratorer og konsulenter kan ændre programmerne.');
}

export const canEditProgramme = (actor: Actor | null): boolean => actor !== null && isCentralEditor(actor);
