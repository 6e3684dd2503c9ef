import { type SQL, sql } from 'drizzle-orm';
import { type Actor, holds, isCentral, isCentralAdmin } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { person } from '../../platform/identity/schema.ts';

/**
 * Single sign-on's read and write rules, each check beside the SQL condition lists use.
 * - The privilege mapping and the unmapped privileges: central administrators only (others 403).
 * - Who has no backup login: central staff across the 98; a municipality's KLIK-administrator its
 *   own; another municipality answers 404.
 * - Linking or unlinking someone's MitID Erhverv and "SSO only": the municipality's
 *   KLIK-administrator and central administrators.
 */
export const mayEditMappings = (actor: Actor): boolean => isCentralAdmin(actor);

export function authorizeMappings(actor: Actor): void {
  if (!mayEditMappings(actor)) throw forbidden('Tilknytning af rettigheder er forbeholdt KOMBITs administratorer.');
}

const isKlikAdminOf = (actor: Actor, code: string) => actor.municipalityCode === code && holds(actor, 'klik-administrator');

/** Reading who has no backup login in one municipality. */
export function mayReadBackupReport(actor: Actor, code: string): boolean {
  return isCentral(actor) || isKlikAdminOf(actor, code);
}

export function authorizeBackupReport(actor: Actor, code: string): void {
  if (mayReadBackupReport(actor, code)) return;
  if (actor.municipalityCode === code) throw forbidden('Oversigten over reservelogin er for kommunens KLIK-administrator.');
  throw notFound();
}

/** The central list across the 98. */
export function authorizeBackupOverview(actor: Actor): void {
  if (!isCentral(actor)) throw forbidden('Oversigten på tværs af kommuner er forbeholdt KOMBIT.');
}

/** Linking a person's MitID Erhverv by hand, and switching passwords off for a municipality. */
export function mayManageLogins(actor: Actor, code: string): boolean {
  return isCentralAdmin(actor) || isKlikAdminOf(actor, code);
}

export function authorizeManageLogins(actor: Actor, code: string): void {
  if (mayManageLogins(actor, code)) return;
  if (isCentral(actor) || actor.municipalityCode === code) throw forbidden();
  throw notFound();
}

/** The people whose backup state the actor may list: the same rule as `mayReadBackupReport`, in SQL. */
export function backupReportScope(actor: Actor): SQL {
  if (isCentral(actor)) return sql`true`;
  if (actor.municipalityCode && holds(actor, 'klik-administrator')) return sql`${person.municipalityCode} = ${actor.municipalityCode}`;
  return sql`false`;
}
