import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import { complianceActivity } from '../schema.ts';
import { lockDraft } from './lock-draft.ts';

/**
 * Deletes a processing activity of a draft package; its legal bases, categories and column G links
 * go with it (the foreign keys cascade). Deleting one already gone changes nothing
 * (`deleted: false`), so a double click or a retry is harmless.
 */
export async function deleteActivity(ctx: Ctx & { actor: Actor }, packageId: string, activityId: string): Promise<{ deleted: boolean; ref: string | null }> {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  assertDraft(pkg);
  if (!isUuid(activityId)) throw notFound('Behandlingsaktiviteten findes ikke.');
  return ctx.db.transaction(async (tx) => {
    await lockDraft(tx, pkg.id, ctx.now);
    const [gone] = await tx
      .delete(complianceActivity)
      .where(and(eq(complianceActivity.id, activityId), eq(complianceActivity.packageId, pkg.id)))
      .returning({ ref: complianceActivity.ref, name: complianceActivity.name });
    if (!gone) return { deleted: false, ref: null };
    await recordAudit(tx, ctx, {
      action: 'compliance.activity_deleted',
      entityType: 'compliance_activity',
      entityId: activityId,
      before: { packageId: pkg.id, ref: gone.ref, name: gone.name },
    });
    return { deleted: true, ref: gone.ref };
  });
}
