import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { loadPackage } from '../load-package.ts';
import { isRecipient } from '../policy.ts';
import { compliancePackageTarget } from '../schema.ts';
import { loadTargets } from './delivery-queries.ts';

export type AcknowledgeResult = {
  packageId: string;
  municipalityCode: string;
  acknowledgedAt: string;
  acknowledgedBy: { personId: string; name: string };
  /** false when the municipality had already acknowledged the package: the first acknowledgement stands. */
  changed: boolean;
};

/**
 * A municipality's recipient acknowledges receipt of a published package delivered to it. Once per
 * municipality: a second acknowledgement (by the other recipient, or a double click) keeps the first
 * and answers with it.
 */
export async function acknowledgePackage(ctx: Ctx & { actor: Actor }, packageId: string): Promise<AcknowledgeResult> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'read');
  const code = ctx.actor.municipalityCode;
  if (code === null || !isRecipient(ctx.actor)) throw forbidden('Kun kommunens udpegede modtagere af compliancepakken kan kvittere for modtagelsen.');
  return ctx.db.transaction(async (tx) => {
    const [mine] = await tx
      .update(compliancePackageTarget)
      .set({ acknowledgedAt: ctx.now, acknowledgedBy: ctx.actor.personId })
      .where(and(eq(compliancePackageTarget.packageId, pkg.id), eq(compliancePackageTarget.municipalityCode, code), isNull(compliancePackageTarget.acknowledgedAt)))
      .returning({ at: compliancePackageTarget.acknowledgedAt });
    if (mine) {
      await recordAudit(tx, ctx, {
        action: 'compliance.package_acknowledged',
        entityType: 'compliance_package',
        entityId: pkg.id,
        municipalityCode: code,
        after: { title: pkg.title, acknowledgedBy: ctx.actor.personId },
      });
      return { packageId: pkg.id, municipalityCode: code, acknowledgedAt: ctx.now.toISOString(), acknowledgedBy: { personId: ctx.actor.personId, name: ctx.actor.name }, changed: true };
    }
    const [target] = await loadTargets(tx, pkg.id, code);
    if (!target?.acknowledgedAt || !target.acknowledgedBy) throw notFound('Compliancepakken findes ikke.');
    return { packageId: pkg.id, municipalityCode: code, acknowledgedAt: target.acknowledgedAt.toISOString(), acknowledgedBy: target.acknowledgedBy, changed: false };
  });
}
