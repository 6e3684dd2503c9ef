import { sql, type SQL } from 'drizzle-orm';
import { type Actor, isCentral, isCentralEditor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

/**
 * Who may see and do what in the Borgerblikket module (issue #13), written once.
 *
 * - The KLE plan and the youth activation day concern every municipality: everyone signed in reads
 *   them; central administrators and consultants import a plan and set the day.
 * - A municipality's KLE configuration, its history, its "hvad ser borgeren?" checks and impact
 *   evaluations, and its part of the assessment are its own: its users and central staff read them,
 *   another municipality gets 404. The municipality's Borgerblikket system owner (systemansvarlig
 *   for Borgerblikket) and its programleder change the configuration and decide the assessment.
 * - The assessment as a whole (loading the extracts, publishing the task, the progress of the 98)
 *   is central: central staff read it, central administrators and consultants create it; a
 *   municipality's users get 404.
 */

export const BORGERBLIKKET_SOLUTION = 'borgerblikket';

/** The municipality's Borgerblikket system owner or programleder: they keep its configuration. */
export const isBorgerblikketKeeper = (actor: Actor | null, code: string): boolean =>
  actor !== null &&
  actor.municipalityCode === code &&
  actor.roles.some((r) => r.roleTypeKey === 'programleder' || (r.roleTypeKey === 'systemansvarlig' && r.solutionKey === BORGERBLIKKET_SOLUTION));

/** The plan and the activation day: everyone signed in reads; central editors change. */
export function authorizeBorgerblikketCommon(actor: Actor | null, action: 'read' | 'edit'): void {
  if (actor === null) throw notFound();
  if (action === 'edit' && !isCentralEditor(actor)) throw forbidden('Kun KOMBITs administratorer og konsulenter kan indlæse KLE-planen og ændre fælles indstillinger for Borgerblikket.');
}

export const canReadBorgerblikketMunicipality = (actor: Actor | null, code: string): boolean =>
  actor !== null && (isCentral(actor) || actor.municipalityCode === code);

/** Another municipality's configuration does not exist for the actor: 404, never 403. */
export function authorizeBorgerblikketMunicipality(actor: Actor | null, code: string, action: 'read' | 'edit'): void {
  if (!canReadBorgerblikketMunicipality(actor, code)) throw notFound('Kommunen findes ikke.');
  if (action === 'edit' && !isBorgerblikketKeeper(actor, code)) {
    throw forbidden('Kun kommunens systemansvarlige for Borgerblikket og programlederen kan ændre kommunens KLE-opsætning.');
  }
}

/** canReadBorgerblikketMunicipality over a municipality-code column, for lists, progress and exports. */
export function borgerblikketRowsVisibleTo(actor: Actor | null, column: SQL | { name: string }): SQL {
  if (actor === null) return sql`false`;
  if (isCentral(actor)) return sql`true`;
  return sql`${column} = ${actor.municipalityCode}`;
}

/** The 98 side by side (the list of configurations): central staff only; to a municipality's users it does not exist. */
export function authorizeBorgerblikketCentral(actor: Actor | null): void {
  if (!isCentral(actor)) throw notFound();
}

/** The assessment across the 98: central staff read it, central editors create and publish it. */
export function authorizeAssessmentCentral(actor: Actor | null, action: 'read' | 'edit'): void {
  authorizeBorgerblikketCentral(actor);
  if (action === 'edit' && !isCentralEditor(actor)) throw forbidden('Kun KOMBITs administratorer og konsulenter kan oprette og udsende vurderingen.');
}
