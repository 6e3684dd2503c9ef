import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { type AgreementAction, type AgreementFacts, authorizeAgreement } from './policy.ts';
import { agreement, agreementTarget } from './schema.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';

export type AgreementRow = typeof agreement.$inferSelect;

/**
 * Loads an agreement and checks the policy in one place. Whether the actor's municipality is
 * addressed is part of the same query, so another municipality's agreement answers 404.
 */
export async function loadAgreement(
  db: Db,
  actor: Actor,
  agreementId: string,
  action: AgreementAction,
): Promise<AgreementRow & { facts: AgreementFacts }> {
  if (!isUuid(agreementId)) throw notFound('Aftalen findes ikke.');
  const code = actor.municipalityCode;
  const [row] = await db
    .select({
      agreement,
      addressed: code
        ? sql<boolean>`exists(select 1 from ${agreementTarget} where ${agreementTarget.agreementId} = ${agreement.id} and ${agreementTarget.municipalityCode} = ${code})`
        : sql<boolean>`false`,
    })
    .from(agreement)
    .where(eq(agreement.id, agreementId));
  if (!row) throw notFound('Aftalen findes ikke.');
  const facts: AgreementFacts = {
    status: row.agreement.status,
    audienceRoleKey: row.agreement.audienceRoleKey,
    audienceSolutionKey: row.agreement.audienceSolutionKey,
    addressesActorMunicipality: Boolean(row.addressed),
  };
  authorizeAgreement(actor, action, facts);
  return { ...row.agreement, facts };
}
