import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { projectMilestone } from '../tasks/index.ts';
import { programmeIdByKey } from './load-programmes.ts';
import { authorizeProgramme } from './policy.ts';

/**
 * Removes a milestone of the programme (Borgerblikket's timeline is the same table: its editors may
 * remove those too); the audit entry keeps the whole row. A double submit under the form's request
 * key answers as the first did; a milestone already gone answers `deleted: false`.
 */
export async function deleteProgrammeMilestone(ctx: Ctx & { actor: Actor | null }, key: string, milestoneId: string, clientKey?: string): Promise<{ deleted: boolean }> {
  authorizeProgramme(ctx.actor, 'edit');
  const projectId = await programmeIdByKey(ctx.db, key);
  if (!isUuid(milestoneId)) return { deleted: false };
  const identity = requestIdentity('programme-milestone-delete', ctx.actor.userId, clientKey, { projectId, milestoneId });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ deleted: boolean }>(tx, identity, ctx.now);
    if (first) return first;
    const [gone] = await tx
      .delete(projectMilestone)
      .where(and(eq(projectMilestone.id, milestoneId), eq(projectMilestone.projectId, projectId)))
      .returning();
    if (gone) {
      const { id: _id, projectId: _p, createdAt: _c, ...before } = gone;
      await recordAudit(tx, ctx, { action: 'programme.milestone_deleted', entityType: 'project_milestone', entityId: milestoneId, before: { key, ...before } });
    }
    return answerRequest(tx, identity, { deleted: Boolean(gone) });
  });
}
