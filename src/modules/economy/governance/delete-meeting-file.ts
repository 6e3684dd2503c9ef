import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { meetingFile } from '../schema.ts';
import { loadMeeting } from './load.ts';
import { authorizeGovernance } from './policy.ts';

export const fileNotFound = () => notFound('Filen findes ikke.');

/** Takes a file off a meeting, audited with its name and hash. A file already gone (a double click) changes nothing. */
export async function deleteMeetingFile(ctx: Ctx & { actor: Actor }, meetingId: string, fileId: string): Promise<{ changed: boolean }> {
  authorizeGovernance(ctx.actor, 'edit');
  if (!isUuid(fileId)) throw fileNotFound();
  return ctx.db.transaction(async (tx) => {
    const meeting = await loadMeeting(tx, meetingId, { forUpdate: true });
    const [gone] = await tx
      .delete(meetingFile)
      .where(and(eq(meetingFile.id, fileId), eq(meetingFile.meetingId, meeting.id)))
      .returning({ kind: meetingFile.kind, filename: meetingFile.filename, size: meetingFile.size, sha256: meetingFile.sha256 });
    if (!gone) return { changed: false };
    await recordAudit(tx, ctx, { action: 'governance.meeting_file_deleted', entityType: 'council_meeting', entityId: meeting.id, before: { fileId, ...gone } });
    return { changed: true };
  });
}
