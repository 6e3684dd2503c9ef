import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { forbidden, notFound, parseInput } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { loadPackage, type PackageRow } from '../load-package.ts';
import { isRecipient } from '../policy.ts';
import { loadRiskScale, type RiskScale } from '../risk-scales.ts';
import { complianceResponseMeasure, complianceRisk, complianceRiskResponse } from '../schema.ts';
import { responseSchema, type ResponseInput } from './response-input.ts';

export type ActorCtx = Ctx & { actor: Actor };

export type RespondTarget = {
  pkg: PackageRow;
  risk: { id: string; ref: string; threat: string };
  municipalityCode: string;
};

/**
 * The package and risk a municipality's recipient responds to. The package policy answers first
 * (a draft, or a package not delivered to the municipality, is 404; the programleder who sees the
 * delivery but not the content 403); central staff read the package but have no municipality to
 * answer for (403); a risk of another package is 404.
 */
export async function loadRespondTarget(ctx: ActorCtx, packageId: string, riskId: string): Promise<RespondTarget> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'read');
  const code = ctx.actor.municipalityCode;
  if (code === null || !isRecipient(ctx.actor)) throw forbidden('Kun kommunens udpegede modtagere af compliancepakker kan svare på pakkens risici.');
  if (!isUuid(riskId)) throw notFound('Risikoen findes ikke i pakken.');
  const [risk] = await ctx.db
    .select({ id: complianceRisk.id, ref: complianceRisk.ref, threat: complianceRisk.threat })
    .from(complianceRisk)
    .where(and(eq(complianceRisk.id, riskId), eq(complianceRisk.packageId, pkg.id)));
  if (!risk) throw notFound('Risikoen findes ikke i pakken.');
  return { pkg, risk, municipalityCode: code };
}

export const packageScale = (ctx: Ctx, pkg: Pick<PackageRow, 'scaleKey'>): Promise<RiskScale> => loadRiskScale(ctx.db, pkg.scaleKey);

const sameResponse = (a: ResponseInput, b: ResponseInput) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The municipality's response to a risk: one row per (risk, municipality), given again it replaces
 * the previous answer and its measures. The same request twice (a double click, a client's retry)
 * writes and logs once; an answer that says what is already stored writes nothing.
 */
export async function saveResponse(ctx: ActorCtx, packageId: string, riskId: string, raw: unknown, clientKey?: string): Promise<{ changed: boolean; riskRef: string }> {
  const { pkg, risk, municipalityCode } = await loadRespondTarget(ctx, packageId, riskId);
  const input = parseInput(responseSchema(await packageScale(ctx, pkg)), raw);
  const identity = requestIdentity('compliance-risk-response', ctx.actor.userId, clientKey, { riskId: risk.id, input });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ changed: boolean; riskRef: string }>(tx, identity, ctx.now);
    if (first) return first;
    const where = and(eq(complianceRiskResponse.riskId, risk.id), eq(complianceRiskResponse.municipalityCode, municipalityCode));
    const [existing] = await tx.select().from(complianceRiskResponse).where(where).for('update');
    let before: ResponseInput | null = null;
    if (existing) {
      const measures = await tx
        .select({ description: complianceResponseMeasure.description, owner: complianceResponseMeasure.owner, deadline: complianceResponseMeasure.deadline })
        .from(complianceResponseMeasure)
        .where(eq(complianceResponseMeasure.responseId, existing.id))
        .orderBy(asc(complianceResponseMeasure.sort), asc(complianceResponseMeasure.id));
      before = {
        response: existing.response,
        reason: existing.reason,
        residualLikelihood: existing.residualLikelihood,
        residualConsequence: existing.residualConsequence,
        measures,
      };
      if (sameResponse(before, input)) return answerRequest(tx, identity, { changed: false, riskRef: risk.ref });
    }
    const values = {
      response: input.response,
      reason: input.reason,
      residualLikelihood: input.residualLikelihood,
      residualConsequence: input.residualConsequence,
      updatedBy: ctx.actor.personId,
      updatedAt: ctx.now,
    };
    const [row] = await tx
      .insert(complianceRiskResponse)
      .values({ packageId: pkg.id, riskId: risk.id, municipalityCode, ...values })
      .onConflictDoUpdate({ target: [complianceRiskResponse.riskId, complianceRiskResponse.municipalityCode], set: values })
      .returning({ id: complianceRiskResponse.id });
    await tx.delete(complianceResponseMeasure).where(eq(complianceResponseMeasure.responseId, row!.id));
    if (input.measures.length > 0) {
      await tx.insert(complianceResponseMeasure).values(input.measures.map((m, i) => ({ responseId: row!.id, ...m, sort: i + 1 })));
    }
    await recordAudit(tx, ctx, {
      action: 'compliance.risk_response_saved',
      entityType: 'compliance_package',
      entityId: pkg.id,
      municipalityCode,
      before: before && { risk: risk.ref, ...before },
      after: { risk: risk.ref, ...input },
    });
    return answerRequest(tx, identity, { changed: true, riskRef: risk.ref });
  });
}
