import { and, asc, between, eq, exists } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { council, councilMeeting, meetingFile } from '../schema.ts';
import type { MinutesLink } from './content.ts';

/** More than any year's meetings (three a year per council); a guard, not a page size. */
const MAX_MEETINGS = 200;

/**
 * The councils' meetings held in a year that have minutes (a `referat` file), oldest first: the
 * documents link them, so a municipality can read what was decided about the money. Read when a
 * document is shown, not frozen into it: minutes written after publishing belong there too. One
 * statement.
 */
export async function loadMinutes(db: Db, year: number): Promise<MinutesLink[]> {
  const rows = await db
    .select({ meetingId: councilMeeting.id, date: councilMeeting.meetingDate, title: councilMeeting.title, councilName: council.name, councilSort: council.sort })
    .from(councilMeeting)
    .innerJoin(council, eq(council.id, councilMeeting.councilId))
    .where(
      and(
        between(councilMeeting.meetingDate, `${year}-01-01`, `${year}-12-31`),
        exists(
          db
            .select({ one: meetingFile.id })
            .from(meetingFile)
            .where(and(eq(meetingFile.meetingId, councilMeeting.id), eq(meetingFile.kind, 'referat'))),
        ),
      ),
    )
    .orderBy(asc(councilMeeting.meetingDate), asc(council.sort))
    .limit(MAX_MEETINGS);
  return rows.map((r) => ({ meetingId: r.meetingId, date: r.date, title: r.title, councilName: r.councilName }));
}
