import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { council, councilMeeting, councilMember, meetingFile, meetingItem, type CouncilKind, type MeetingFileKind } from '../schema.ts';

/**
 * The read models of the governance pages and API. Every list is one statement with a bound: the
 * councils are a handful (one Porteføljeråd and a Fagråd per area), a council meets about three
 * times a year, and the lists that could grow with the years carry a LIMIT.
 */

/** Councils listed at most (there are a handful; the bound only keeps a mistake from growing a page). */
export const MAX_COUNCILS = 100;
/** Meetings shown on a council's page, the most recent first: more than thirty years of three a year. */
export const MAX_COUNCIL_MEETINGS = 100;
/** Meetings the API lists at most in one answer (the most recent). */
export const MAX_API_MEETINGS = 500;
export const UPCOMING_ON_LANDING = 10;
export const MINUTES_ON_LANDING = 5;

export type CouncilSummary = {
  id: string;
  key: string;
  kind: CouncilKind;
  name: string;
  area: string | null;
  description: string;
  /** Seats with a member in them. */
  members: number;
  vacant: number;
  chair: string | null;
};

export type MeetingSummary = {
  id: string;
  councilKey: string;
  councilName: string;
  date: string;
  title: string;
  location: string;
  /** The newest referat file, if the minutes are out. */
  referatId: string | null;
};

/** The Porteføljeråd first, then the Fagråd by name in Danish order. */
export const councilOrder = (a: { kind: CouncilKind; name: string }, b: { kind: CouncilKind; name: string }) =>
  a.kind === b.kind ? danishCompare(a.name, b.name) : a.kind === 'portefoeljeraad' ? -1 : 1;

/** The newest referat of the meeting in the surrounding query, or null. */
const latestReferat = sql<string | null>`(select f.id from meeting_file f where f.meeting_id = ${councilMeeting.id} and f.kind = 'referat' order by f.uploaded_at desc, f.id limit 1)`;

/** Every council with its chair and how many seats are filled and vacant, in one statement. */
export async function listCouncils(db: Db): Promise<CouncilSummary[]> {
  const rows = await db
    .select({
      id: council.id,
      key: council.key,
      kind: council.kind,
      name: council.name,
      area: council.area,
      description: council.description,
      members: sql<number>`(count(${councilMember.id}) filter (where ${councilMember.name} is not null))::int`,
      vacant: sql<number>`(count(${councilMember.id}) filter (where ${councilMember.name} is null))::int`,
      // a council has at most one chair (saving a chair unmarks the other), so max() just picks that one
      chair: sql<string | null>`max(${councilMember.name}) filter (where ${councilMember.chair} and ${councilMember.name} is not null)`,
    })
    .from(council)
    .leftJoin(councilMember, eq(councilMember.councilId, council.id))
    .groupBy(council.id)
    .limit(MAX_COUNCILS);
  return rows.sort(councilOrder);
}

const meetingColumns = {
  id: councilMeeting.id,
  councilKey: council.key,
  councilName: council.name,
  date: councilMeeting.meetingDate,
  title: councilMeeting.title,
  location: councilMeeting.location,
  referatId: latestReferat,
};

function meetings(db: Db, where: SQL | undefined, order: 'asc' | 'desc', limit: number): Promise<MeetingSummary[]> {
  const by = order === 'asc' ? asc : desc;
  return db
    .select(meetingColumns)
    .from(councilMeeting)
    .innerJoin(council, eq(council.id, councilMeeting.councilId))
    .where(where)
    .orderBy(by(councilMeeting.meetingDate), by(councilMeeting.createdAt))
    .limit(limit);
}

/** The next meetings of all councils from `today` (a Danish day) on, soonest first. */
export const upcomingMeetings = (db: Db, today: string, limit = UPCOMING_ON_LANDING) => meetings(db, gte(councilMeeting.meetingDate, today), 'asc', limit);

/** The latest meetings whose minutes (a referat file) are out, newest first. */
export const latestMinutes = (db: Db, limit = MINUTES_ON_LANDING) =>
  meetings(db, sql`exists (select 1 from meeting_file f where f.meeting_id = ${councilMeeting.id} and f.kind = 'referat')`, 'desc', limit);

/** A council's meetings, the most recent first. */
export const councilMeetings = (db: Db, councilId: string) => meetings(db, eq(councilMeeting.councilId, councilId), 'desc', MAX_COUNCIL_MEETINGS);

/** Meetings for the API: of one year and/or one council, the most recent MAX_API_MEETINGS. */
export async function findMeetings(db: Db, filter: { year?: number | undefined; councilKey?: string | undefined }): Promise<{ meetings: MeetingSummary[]; truncated: boolean }> {
  const where = and(
    filter.year === undefined ? undefined : and(gte(councilMeeting.meetingDate, `${filter.year}-01-01`), lte(councilMeeting.meetingDate, `${filter.year}-12-31`)),
    filter.councilKey === undefined ? undefined : eq(council.key, filter.councilKey),
  );
  const rows = await meetings(db, where, 'desc', MAX_API_MEETINGS + 1);
  return { meetings: rows.slice(0, MAX_API_MEETINGS).reverse(), truncated: rows.length > MAX_API_MEETINGS };
}

export type MemberRow = {
  id: string;
  seat: string;
  name: string | null;
  organisation: string;
  municipalityCode: string | null;
  chair: boolean;
  sort: number;
};

/** A council's seats in their order (a council has a few dozen at most). */
export async function councilMembers(db: Db, councilId: string): Promise<MemberRow[]> {
  return db
    .select({
      id: councilMember.id,
      seat: councilMember.seat,
      name: councilMember.name,
      organisation: councilMember.organisation,
      municipalityCode: councilMember.municipalityCode,
      chair: councilMember.chair,
      sort: councilMember.sort,
    })
    .from(councilMember)
    .where(eq(councilMember.councilId, councilId))
    .orderBy(asc(councilMember.sort), asc(councilMember.id));
}

export type ItemRow = { id: string; position: number; title: string; description: string; decision: string | null };
export type FileRow = { id: string; kind: MeetingFileKind; filename: string; contentType: string; size: number; sha256: string; uploadedAt: Date };

/** The agenda in order (at most MAX_ITEMS by the write's rule). */
export const meetingItems = (db: Db, meetingId: string): Promise<ItemRow[]> =>
  db
    .select({ id: meetingItem.id, position: meetingItem.position, title: meetingItem.title, description: meetingItem.description, decision: meetingItem.decision })
    .from(meetingItem)
    .where(eq(meetingItem.meetingId, meetingId))
    .orderBy(asc(meetingItem.position));

/** The meeting's files without their content, dagsorden and referat before bilag, oldest first. */
export const meetingFiles = (db: Db, meetingId: string): Promise<FileRow[]> =>
  db
    .select({
      id: meetingFile.id,
      kind: meetingFile.kind,
      filename: meetingFile.filename,
      contentType: meetingFile.contentType,
      size: meetingFile.size,
      sha256: meetingFile.sha256,
      uploadedAt: meetingFile.uploadedAt,
    })
    .from(meetingFile)
    .where(eq(meetingFile.meetingId, meetingId))
    .orderBy(sql`case ${meetingFile.kind} when 'dagsorden' then 0 when 'referat' then 1 else 2 end`, asc(meetingFile.uploadedAt), asc(meetingFile.id));

/** The page and download addresses, written once. */
export const councilHref = (key: string) => `/styring/raad/${key}`;
export const meetingHref = (id: string) => `/styring/moeder/${id}`;
export const fileHref = (meetingId: string, fileId: string) => `/styring/moeder/${meetingId}/filer/${fileId}`;

/** The 98 municipalities for a member's select, in Danish order (a naturally bounded list). */
export async function municipalityOptions(db: Db): Promise<{ code: string; name: string }[]> {
  const rows = await db.select({ code: municipality.code, name: municipality.name }).from(municipality);
  return rows.sort((a, b) => danishCompare(a.name, b.name));
}
