import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { meeting } from './schema.ts';

// The meeting's own row as every part of the module loads it, and when it counts as begun or over.

export type MeetingRow = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineLink: string | null;
  practicalInfo: string;
  recordingLink: string | null;
  sequence: number;
  updatedAt: Date;
};

export const meetingColumns = {
  id: meeting.id,
  title: meeting.title,
  startsAt: meeting.startsAt,
  endsAt: meeting.endsAt,
  place: meeting.place,
  onlineLink: meeting.onlineLink,
  practicalInfo: meeting.practicalInfo,
  recordingLink: meeting.recordingLink,
  sequence: meeting.sequence,
  updatedAt: meeting.updatedAt,
};

/** One statement; null for an id that is not a meeting's. */
export async function loadMeetingRow(db: Db, id: string): Promise<MeetingRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select(meetingColumns).from(meeting).where(eq(meeting.id, id));
  return row ?? null;
}

/** The follow-up can be sent once the meeting has begun. */
export const hasStarted = (m: { startsAt: Date }, now: Date) => m.startsAt.getTime() <= now.getTime();

/** Registrations and input change until the meeting has ended. */
export const hasEnded = (m: { endsAt: Date }, now: Date) => m.endsAt.getTime() <= now.getTime();
