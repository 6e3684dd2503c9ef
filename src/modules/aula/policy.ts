import { sql, type SQL } from 'drizzle-orm';
import { type Actor, isCentral, isCentralEditor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

/**
 * Who may see and do what in the Aula module (issue #12), written once.
 *
 * - The deletion rules concern every municipality: everyone signed in reads them; central
 *   administrators and consultants edit them.
 * - A municipality's Aula data (ESDH system, integration, archive, relevant categories, readiness,
 *   its institutions and secure-file inventory, its deletion preview) is its own: its users and
 *   central staff read it, another municipality gets 404. The municipality's Aula system owner
 *   (systemansvarlig for Aula) and its programleder keep it.
 */

export const AULA_SOLUTION = 'aula';

/** The municipality's Aula system owner or programleder: they keep its Aula registration. */
export const isAulaKeeper = (actor: Actor | null, code: string): boolean =>
  actor !== null &&
  actor.municipalityCode === code &&
  actor.roles.some((r) => r.roleTypeKey === 'programleder' || (r.roleTypeKey === 'systemansvarlig' && r.solutionKey === AULA_SOLUTION));

export function authorizeAulaRules(actor: Actor | null, action: 'read' | 'edit'): void {
  if (actor === null) throw notFound();
  if (action === 'edit' && !isCentralEditor(actor)) throw forbidden('Kun KOMBITs administratorer og konsulenter kan ændre slettereglerne.');
}

export const canReadAulaMunicipality = (actor: Actor | null, code: string): boolean => actor !== null && (isCentral(actor) || actor.municipalityCode === code);

/** Another municipality's Aula data does not exist for the actor: 404, never 403. */
export function authorizeAulaMunicipality(actor: Actor | null, code: string, action: 'read' | 'edit'): void {
  if (!canReadAulaMunicipality(actor, code)) throw notFound('Kommunen findes ikke.');
  if (action === 'edit' && !isAulaKeeper(actor, code)) throw forbidden('Kun kommunens systemansvarlige for Aula og programlederen kan ændre kommunens Aula-oplysninger.');
}

/** canReadAulaMunicipality over a municipality-code column, for lists, the preview and exports. */
export function aulaRowsVisibleTo(actor: Actor | null, column: SQL | { name: string }): SQL {
  if (actor === null) return sql`false`;
  if (isCentral(actor)) return sql`true`;
  return sql`${column} = ${actor.municipalityCode}`;
}

/** Only central staff see the overview of all 98. */
export function authorizeAulaOverview(actor: Actor | null): void {
  if (!isCentral(actor)) throw notFound();
}
