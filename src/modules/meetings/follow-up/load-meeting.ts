import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { meetingNotFound } from '../paths.ts';
import { meeting, meetingMaterial } from '../schema.ts';

export type FollowUpMeeting = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  recordingLink: string | null;
  /** Names only: the follow-up links to each file, it never reads the content. */
  materials: { id: string; filename: string }[];
};

/** The meeting with its materials' names, in two statements; 404 when there is none. */
export async function loadFollowUpMeeting(db: Db, id: string): Promise<FollowUpMeeting> {
  if (!isUuid(id)) throw meetingNotFound();
  const [m] = await db
    .select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, recordingLink: meeting.recordingLink })
    .from(meeting)
    .where(eq(meeting.id, id));
  if (!m) throw meetingNotFound();
  const materials = await db
    .select({ id: meetingMaterial.id, filename: meetingMaterial.filename })
    .from(meetingMaterial)
    .where(eq(meetingMaterial.meetingId, id))
    .orderBy(asc(meetingMaterial.uploadedAt), asc(meetingMaterial.filename), asc(meetingMaterial.id));
  return { ...m, materials };
}
