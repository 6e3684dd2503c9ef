import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import { compliancePackage, complianceRisk, complianceRiskMeasure } from '../schema.ts';
import { type ActorCtx, lockDraft } from './save-risk.ts';

/**
 * Deletes a risk of a draft package with its planned measures (after the page's confirmation). A
 * second click on the confirmation answers as the first, instead of "the risk does not exist".
 */
export async function deleteRisk(ctx: ActorCtx, packageId: string, riskId: string, clientKey?: string): Promise<{ id: string; ref: string }> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  assertDraft(pkg.facts);
  if (!isUuid(riskId)) throw notFound('Risikoen findes ikke.');
  const identity = requestIdentity('compliance-risk-delete', ctx.actor.userId, clientKey, { packageId: pkg.id, riskId });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string; ref: string }>(tx, identity, ctx.now);
    if (first) return first;
    await lockDraft(tx, pkg.id);
    const [risk] = await tx.select().from(complianceRisk).where(and(eq(complianceRisk.id, riskId), eq(complianceRisk.packageId, pkg.id)));
    if (!risk) throw notFound('Risikoen findes ikke i pakken.');
    const measures = await tx
      .select({ description: complianceRiskMeasure.description, owner: complianceRiskMeasure.owner, deadline: complianceRiskMeasure.deadline })
      .from(complianceRiskMeasure)
      .where(eq(complianceRiskMeasure.riskId, riskId));
    await tx.delete(complianceRisk).where(eq(complianceRisk.id, riskId));
    await tx.update(compliancePackage).set({ updatedAt: ctx.now }).where(eq(compliancePackage.id, pkg.id));
    const { id: _i, sort: _s, ...fields } = risk;
    await recordAudit(tx, ctx, { action: 'compliance.risk_deleted', entityType: 'compliance_risk', entityId: riskId, before: { ...fields, measures } });
    return answerRequest(tx, identity, { id: riskId, ref: risk.ref });
  });
}
