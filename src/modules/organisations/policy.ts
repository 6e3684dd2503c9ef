import { municipalAdminRoles } from '../../db/reference/role-types.ts';
import { type Actor, isCentral, isCentralAdmin } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

export type GalleryAction = 'read' | 'manage';

/**
 * Central staff read every municipality's gallery; central administrators manage all of them.
 * A municipality's programleder and KLIK-administrator manage their own; other municipal users
 * only read their own. Anything else about another municipality is answered as "not found".
 */
export function can(actor: Actor, action: GalleryAction, municipalityCode: string): boolean {
  if (isCentralAdmin(actor)) return true;
  if (isCentral(actor)) return action === 'read';
  if (actor.municipalityCode !== municipalityCode) return false;
  if (action === 'read') return true;
  return actor.roles.some((r) => municipalAdminRoles.includes(r.roleTypeKey));
}

export function authorize(actor: Actor, action: GalleryAction, municipalityCode: string): void {
  if (can(actor, action, municipalityCode)) return;
  // Own municipality but not allowed: say so. Someone else's: do not even confirm it exists.
  if (isCentral(actor) || actor.municipalityCode === municipalityCode) throw forbidden();
  throw notFound();
}

/** Cross-municipality overviews are for the joint organisation's staff. */
/** Whether `authorizeCentralOverview` lets the actor in; the menu shows "Rolleoverblik" by it. */
export const mayReadCentralOverview = (actor: Actor): boolean => isCentral(actor);

export function authorizeCentralOverview(actor: Actor): void {
  if (!mayReadCentralOverview(actor)) throw forbidden('Oversigten på tværs af kommuner er forbeholdt KOMBIT.');
}

export const allowedGalleryActions = (actor: Actor, code: string) => ({
  manage: can(actor, 'manage', code),
});
