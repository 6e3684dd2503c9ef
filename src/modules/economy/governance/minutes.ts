import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { council, councilMeeting } from '../schema.ts';
import { fileHref, meetingHref } from './queries.ts';

export type Minutes = {
  meetingId: string;
  /** The council's name, e.g. "Porteføljerådet". */
  council: string;
  councilKey: string;
  /** The Danish day of the meeting, yyyy-mm-dd. */
  date: string;
  title: string;
  /** The newest referat file of the meeting (a download). */
  href: string;
  /** The meeting's page: agenda, decisions and all its files. */
  meetingHref: string;
};

/**
 * The minutes of a year, for the yearly documents' "link til referater fra fagråd og
 * Porteføljeråd": every meeting that year with a referat file, by date. One statement; a year has
 * a few meetings per council.
 */
export async function minutesOfYear(db: Db, year: number): Promise<Minutes[]> {
  const referat = sql<string>`(select f.id from meeting_file f where f.meeting_id = ${councilMeeting.id} and f.kind = 'referat' order by f.uploaded_at desc, f.id limit 1)`;
  const rows = await db
    .select({ meetingId: councilMeeting.id, council: council.name, councilKey: council.key, date: councilMeeting.meetingDate, title: councilMeeting.title, referatId: referat })
    .from(councilMeeting)
    .innerJoin(council, eq(council.id, councilMeeting.councilId))
    .where(
      and(
        gte(councilMeeting.meetingDate, `${year}-01-01`),
        lte(councilMeeting.meetingDate, `${year}-12-31`),
        sql`exists (select 1 from meeting_file f where f.meeting_id = ${councilMeeting.id} and f.kind = 'referat')`,
      ),
    )
    .orderBy(asc(councilMeeting.meetingDate), asc(councilMeeting.createdAt));
  return rows.map(({ referatId, ...m }) => ({ ...m, href: fileHref(m.meetingId, referatId), meetingHref: meetingHref(m.meetingId) }));
}
