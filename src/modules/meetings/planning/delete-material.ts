import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { authorizeMeeting } from '../policy.ts';
import { meetingMaterial } from '../schema.ts';
import { lockMeeting } from './save-agenda-item.ts';

/** Takes a file off the meeting. One already gone answers `deleted: false`. */
export async function deleteMaterial(ctx: Ctx & { actor: Actor }, meetingId: string, materialId: string): Promise<{ deleted: boolean }> {
  authorizeMeeting(ctx.actor, 'edit');
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    if (!isUuid(materialId)) return { deleted: false };
    const [gone] = await tx
      .delete(meetingMaterial)
      .where(and(eq(meetingMaterial.id, materialId), eq(meetingMaterial.meetingId, meetingId)))
      .returning({ filename: meetingMaterial.filename, sha256: meetingMaterial.sha256, size: meetingMaterial.size });
    if (!gone) return { deleted: false };
    await recordAudit(tx, ctx, { action: 'meeting.material_deleted', entityType: 'meeting', entityId: meetingId, before: { materialId, ...gone } });
    return { deleted: true };
  });
}
