import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, notFound, parseInput } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import { compliancePackage, complianceRisk, complianceRiskMeasure } from '../schema.ts';
import { loadPackageScale } from './load-risks.ts';
import { assertOnScale, riskInput, type RiskInput } from './risk-input.ts';

export type ActorCtx = Ctx & { actor: Actor };
export type SavedRisk = { id: string; ref: string; created: boolean };

/** Locks the package row, so a publish running at the same time either froze this risk or waits for it. */
export async function lockDraft(tx: Db, packageId: string): Promise<void> {
  const [row] = await tx.select({ status: compliancePackage.status }).from(compliancePackage).where(eq(compliancePackage.id, packageId)).for('update');
  if (!row) throw notFound('Compliancepakken findes ikke.');
  assertDraft(row);
}

const rowOf = (input: RiskInput) => ({
  ref: input.ref,
  threat: input.threat,
  impact: input.impact,
  likelihood: input.likelihood,
  consequence: input.consequence,
  existingMeasures: input.existingMeasures,
  residualLikelihood: input.residualLikelihood,
  residualConsequence: input.residualConsequence,
  treatment: input.treatment,
  rationale: input.rationale,
});

/**
 * Creates (riskId null) or replaces a risk of a draft package with its planned measures. Values
 * outside the package's scale are refused (422); consistency problems are not: they are warnings
 * the pages and the API show with the saved risk. The same request twice (a double click, a
 * retried call) saves once and answers both alike.
 */
export async function saveRisk(ctx: ActorCtx, packageId: string, riskId: string | null, raw: unknown, clientKey?: string): Promise<SavedRisk> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  assertDraft(pkg.facts);
  if (riskId !== null && !isUuid(riskId)) throw notFound('Risikoen findes ikke.');
  const input = parseInput(riskInput, raw);
  assertOnScale(input, await loadPackageScale(ctx.db, pkg));
  const identity = requestIdentity('compliance-risk-save', ctx.actor.userId, clientKey, { packageId: pkg.id, riskId, input });
  try {
    return await ctx.db.transaction(async (tx) => {
      const first = await claimRequest<SavedRisk>(tx, identity, ctx.now);
      if (first) return first;
      await lockDraft(tx, pkg.id);
      const refs = await tx.select({ id: complianceRisk.id, ref: complianceRisk.ref }).from(complianceRisk).where(eq(complianceRisk.packageId, pkg.id));
      if (riskId !== null && !refs.some((r) => r.id === riskId)) throw notFound('Risikoen findes ikke i pakken.');
      // R3 and r3 would read as the same risk in every list and file.
      if (refs.some((r) => r.id !== riskId && r.ref.toUpperCase() === input.ref.toUpperCase())) {
        throw invalid({ ref: `Pakken har allerede en risiko med nummeret ${input.ref}` });
      }

      let id: string;
      let before: unknown = null;
      if (riskId === null) {
        const [last] = await tx.select({ sort: max(complianceRisk.sort) }).from(complianceRisk).where(eq(complianceRisk.packageId, pkg.id));
        const [created] = await tx
          .insert(complianceRisk)
          .values({ packageId: pkg.id, ...rowOf(input), sort: (last?.sort ?? 0) + 1 })
          .returning({ id: complianceRisk.id });
        id = created!.id;
      } else {
        id = riskId;
        const [old] = await tx.select().from(complianceRisk).where(and(eq(complianceRisk.id, id), eq(complianceRisk.packageId, pkg.id)));
        const oldMeasures = await tx
          .select({ description: complianceRiskMeasure.description, owner: complianceRiskMeasure.owner, deadline: complianceRiskMeasure.deadline })
          .from(complianceRiskMeasure)
          .where(eq(complianceRiskMeasure.riskId, id))
          .orderBy(complianceRiskMeasure.sort);
        const { packageId: _p, id: _i, sort: _s, ...fields } = old!;
        before = { ...fields, measures: oldMeasures };
        await tx.update(complianceRisk).set(rowOf(input)).where(eq(complianceRisk.id, id));
        await tx.delete(complianceRiskMeasure).where(eq(complianceRiskMeasure.riskId, id));
      }
      if (input.measures.length > 0) {
        await tx.insert(complianceRiskMeasure).values(input.measures.map((m, i) => ({ riskId: id, description: m.description, owner: m.owner, deadline: m.deadline, sort: i + 1 })));
      }
      await tx.update(compliancePackage).set({ updatedAt: ctx.now }).where(eq(compliancePackage.id, pkg.id));
      await recordAudit(tx, ctx, {
        action: 'compliance.risk_saved',
        entityType: 'compliance_risk',
        entityId: id,
        before,
        after: { packageId: pkg.id, ...rowOf(input), measures: input.measures },
      });
      return answerRequest(tx, identity, { id, ref: input.ref, created: riskId === null });
    });
  } catch (error) {
    // Two different requests racing for one number: the index decides, the loser gets the field error.
    if (isUniqueViolation(error, 'compliance_risk_ref')) throw invalid({ ref: `Pakken har allerede en risiko med nummeret ${input.ref}` });
    throw error;
  }
}
