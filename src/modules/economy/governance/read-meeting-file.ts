import { and, eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { meetingFile } from '../schema.ts';
import { fileNotFound } from './delete-meeting-file.ts';
import { authorizeGovernance } from './policy.ts';

/** A meeting's file with its content, for everyone signed in: the minutes are shared with all 98 municipalities. */
export async function readMeetingFile(ctx: Ctx & { actor: Actor }, meetingId: string, fileId: string) {
  authorizeGovernance(ctx.actor, 'read');
  if (!isUuid(meetingId) || !isUuid(fileId)) throw fileNotFound();
  const [file] = await ctx.db
    .select()
    .from(meetingFile)
    .where(and(eq(meetingFile.id, fileId), eq(meetingFile.meetingId, meetingId)));
  if (!file) throw fileNotFound();
  return file;
}
