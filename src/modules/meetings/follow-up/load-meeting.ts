import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { loadMeetingRow } from '../meeting-row.ts';
import { meetingNotFound } from '../paths.ts';
import { meetingMaterial } from '../schema.ts';

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
  const m = await loadMeetingRow(db, id);
  if (!m) throw meetingNotFound();
  const materials = await db
    .select({ id: meetingMaterial.id, filename: meetingMaterial.filename })
    .from(meetingMaterial)
    .where(eq(meetingMaterial.meetingId, id))
    .orderBy(asc(meetingMaterial.uploadedAt), asc(meetingMaterial.filename), asc(meetingMaterial.id));
  return { id: m.id, title: m.title, startsAt: m.startsAt, endsAt: m.endsAt, recordingLink: m.recordingLink, materials };
}
