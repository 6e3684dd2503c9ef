import { and, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { municipalAdminRoles } from '../../db/reference/role-types.ts';
import { type Actor, isCentral, isCentralEditor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { agreement, agreementTarget, type AgreementStatus } from './schema.ts';

/** What of an agreement the policy needs; loaded once and passed in (policies are synchronous). */
export type AgreementFacts = {
  status: AgreementStatus;
  audienceRoleKey: string | null;
  audienceSolutionKey: string | null;
  /** Is the actor's municipality among the addressed ones? (false for central actors) */
  addressesActorMunicipality: boolean;
};

/**
 * read: see the agreement (a municipality only its own status, notes and signatures);
 * manage: write versions, dispatch, remind, set dialogue, review uploaded signatures;
 * sign: sign or upload a signed copy for the actor's municipality;
 * note: write a note in the municipality's thread.
 */
export type AgreementAction = 'read' | 'manage' | 'sign' | 'note';

/** The addressees of the latest dispatch, as the actor holds that role in their municipality. */
export function isSigner(actor: Actor, a: Pick<AgreementFacts, 'audienceRoleKey' | 'audienceSolutionKey'>): boolean {
  if (!a.audienceRoleKey) return false;
  return actor.roles.some(
    (r) => r.roleTypeKey === a.audienceRoleKey && (a.audienceSolutionKey === null || r.solutionKey === a.audienceSolutionKey),
  );
}

/**
 * Central staff read every agreement; administrators and consultants manage them. A municipality
 * sees an agreement once it was sent to it (never drafts, never someone else's). Its addressees
 * sign while the agreement is open; its addressees and its programleder/KLIK-administrator write notes.
 */
export function can(actor: Actor, action: AgreementAction, a: AgreementFacts): boolean {
  if (isCentral(actor)) {
    if (action === 'read') return true;
    if (action === 'manage' || action === 'note') return isCentralEditor(actor);
    return false;
  }
  if (!a.addressesActorMunicipality || a.status === 'draft') return false;
  if (action === 'read') return true;
  if (action === 'sign') return a.status === 'sent' && isSigner(actor, a);
  if (action === 'note') return isSigner(actor, a) || actor.roles.some((r) => municipalAdminRoles.includes(r.roleTypeKey));
  return false;
}

/** Throws 404 when the actor may not even know the agreement exists, 403 when they may see but not do. */
export function authorizeAgreement(actor: Actor, action: AgreementAction, a: AgreementFacts): void {
  if (can(actor, action, a)) return;
  if (action !== 'read' && can(actor, 'read', a)) {
    if (action === 'sign' && a.status === 'closed') throw forbidden('Aftalen er lukket for underskrift.');
    if (action === 'sign') throw forbidden('Kun modtagerne af aftalen i kommunen kan underskrive den.');
    throw forbidden('Du har ikke adgang til at gøre dette.');
  }
  throw notFound('Aftalen findes ikke.');
}

// ---------------------------------------------------------------- the same rules in SQL
//
// Lists that cannot load every agreement and ask can() row by row use these conditions instead.

/**
 * can(actor, 'read', …) for a query over `agreement` joined to `agreement_target`: central staff
 * every addressed municipality's row, a municipality its own rows of agreements sent to it.
 */
export function agreementTargetVisibleTo(actor: Actor): SQL {
  if (isCentral(actor)) return sql`true`;
  const code = actor.municipalityCode;
  if (code === null) return sql`false`;
  return and(eq(agreementTarget.municipalityCode, code), ne(agreement.status, 'draft'))!;
}

/**
 * can(actor, 'read', …) for a query over `agreement` alone (one row per agreement, e.g. a link to
 * it): the rule of agreementTargetVisibleTo, asked of the agreement's own target rows. Central
 * staff every agreement, drafts too; a municipality those sent to it.
 */
export function agreementVisibleTo(actor: Actor): SQL {
  if (isCentral(actor)) return sql`true`;
  return sql`exists (select 1 from ${agreementTarget} where ${agreementTarget.agreementId} = ${agreement.id} and ${agreementTargetVisibleTo(actor)})`;
}

/** isSigner over the agreement row: the audience role (for its solution) as one of the actor's roles. */
export function signerSql(actor: Actor): SQL {
  if (isCentral(actor)) return sql`false`;
  const held = actor.roles.map((r) =>
    and(
      eq(agreement.audienceRoleKey, r.roleTypeKey),
      r.solutionKey === null ? isNull(agreement.audienceSolutionKey) : or(isNull(agreement.audienceSolutionKey), eq(agreement.audienceSolutionKey, r.solutionKey)),
    ),
  );
  return held.length > 0 ? or(...held)! : sql`false`;
}
