import { and, eq, sql, type SQL } from 'drizzle-orm';
import { municipalAdminRoles } from '../../db/reference/role-types.ts';
import { type Actor, holds, isCentral } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { compliancePackage, compliancePackageTarget, type PackageStatus } from './schema.ts';

/** The municipal role whose holders (at most two per municipality) receive the packages. */
export const RECIPIENT_ROLE = 'compliancepakke-modtager';
/** The central role that authors packages; other central staff read them. */
export const AUTHOR_ROLE = 'informationssikkerhed';

/** What of a package the policy needs; loaded once and passed in (policies are synchronous). */
export type PackageFacts = {
  status: PackageStatus;
  /** Was the package delivered to the actor's municipality? (false for central actors) */
  deliveredToActorMunicipality: boolean;
};

/**
 * read: the package's content (central staff always; in a municipality only its designated
 * recipients, once delivered), which includes downloading it, responding to its risks and
 * acknowledging it;
 * status: whether the municipality's recipients are registered, opened and acknowledged it, and the
 * access log (central staff; the municipality's recipients, programleder and KLIK-administrator);
 * author: edit a draft, publish it, start next year's copy (central information security).
 */
export type PackageAction = 'read' | 'status' | 'author';

export const isRecipient = (actor: Actor) => actor.municipalityCode !== null && holds(actor, RECIPIENT_ROLE);
export const isComplianceAuthor = (actor: Actor) => isCentral(actor) && holds(actor, AUTHOR_ROLE);
/** Who sees a municipality's delivery status: its recipients and its administrators. */
export const seesMunicipalStatus = (actor: Actor) =>
  isRecipient(actor) || actor.roles.some((r) => municipalAdminRoles.includes(r.roleTypeKey));

export function can(actor: Actor, action: PackageAction, p: PackageFacts): boolean {
  if (isCentral(actor)) return action === 'author' ? isComplianceAuthor(actor) : true;
  if (p.status !== 'published' || !p.deliveredToActorMunicipality) return false;
  if (action === 'read') return isRecipient(actor);
  if (action === 'status') return seesMunicipalStatus(actor);
  return false;
}

/** 404 when the actor may not know the package exists; 403 when they see it but may not do this. */
export function authorizePackage(actor: Actor, action: PackageAction, p: PackageFacts): void {
  if (can(actor, action, p)) return;
  if (can(actor, 'status', p)) {
    if (action === 'read') throw forbidden('Kun kommunens udpegede modtagere af compliancepakker kan åbne pakken.');
    throw forbidden('Kun KOMBITs informationssikkerhed kan redigere compliancepakker.');
  }
  throw notFound('Compliancepakken findes ikke.');
}

/** A published package no longer changes; the next year's copy is where changes go. */
export function assertDraft(p: Pick<PackageFacts, 'status'>): void {
  if (p.status !== 'draft') throw forbidden('Pakken er offentliggjort og kan ikke længere ændres. Ret i næste års pakke.');
}

// ---------------------------------------------------------------- the same rules in SQL

/**
 * can(actor, 'status', …) over `compliance_package`, for lists: central staff every package, a
 * municipality's recipients and administrators the published packages delivered to it, others none.
 */
export function packageListedFor(actor: Actor): SQL {
  if (isCentral(actor)) return sql`true`;
  const code = actor.municipalityCode;
  if (code === null || !seesMunicipalStatus(actor)) return sql`false`;
  // drizzle's exists() over a raw sql fragment prints no parentheses, so the subquery carries its own
  return and(
    eq(compliancePackage.status, 'published'),
    sql`exists (select 1 from ${compliancePackageTarget} where ${compliancePackageTarget.packageId} = ${compliancePackage.id} and ${compliancePackageTarget.municipalityCode} = ${code})`,
  )!;
}

/** A municipality's rows (targets, access log, responses): central staff all, a municipality its own. */
export function municipalityRowsFor(actor: Actor, column: SQL | { name: string }): SQL {
  if (isCentral(actor)) return sql`true`;
  if (actor.municipalityCode === null) return sql`false`;
  return sql`${column} = ${actor.municipalityCode}`;
}
