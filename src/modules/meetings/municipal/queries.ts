import { and, asc, count, desc, eq, gt, gte, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { municipality, person } from '../../../platform/identity/schema.ts';
import { byDanishName, danishCompare } from '../../../platform/views/format.ts';
import { hasEnded } from '../meeting-row.ts';
import { meetingRowsVisibleTo } from '../policy.ts';
import { meeting, meetingAgendaItem, meetingAttendee, meetingInput, type MeetingInputKind } from '../schema.ts';
import type { MeetingHead } from '../sections.ts';

/** The most registrations one list shows (98 municipalities with a handful each fit many times). */
export const MAX_ATTENDEES = 2000;
/** The most people of one municipality offered in the attendee picker. */
export const MAX_PEOPLE = 500;
/** Coming meetings offered in the selects. */
export const MAX_MEETING_OPTIONS = 20;
/** Input on one page of /moeder/input and of the API. */
export const INPUT_PAGE_SIZE = 50;
/** Input in the meeting page's section. */
export const MAX_SECTION_INPUT = 100;

export type AttendeeRow = {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  personId: string | null;
  name: string;
  email: string;
  online: boolean;
  registeredAt: Date;
};

/** An attendee as the lists and the remove form show it, with the municipality's name. */
const attendeeColumns = {
  id: meetingAttendee.id,
  municipalityCode: meetingAttendee.municipalityCode,
  municipalityName: municipality.name,
  personId: meetingAttendee.personId,
  name: meetingAttendee.name,
  email: meetingAttendee.email,
  online: meetingAttendee.online,
  registeredAt: meetingAttendee.registeredAt,
};

/** A meeting's registrations the actor may see (central staff: all, or one municipality's; a municipality: its own), by municipality and name. */
export async function listAttendees(db: Db, actor: Actor, meetingId: string, code?: string): Promise<AttendeeRow[]> {
  const rows = await db
    .select(attendeeColumns)
    .from(meetingAttendee)
    .innerJoin(municipality, eq(municipality.code, meetingAttendee.municipalityCode))
    .where(and(eq(meetingAttendee.meetingId, meetingId), meetingRowsVisibleTo(actor, meetingAttendee.municipalityCode), code ? eq(meetingAttendee.municipalityCode, code) : undefined))
    .orderBy(asc(meetingAttendee.registeredAt), asc(meetingAttendee.id))
    .limit(MAX_ATTENDEES);
  return rows.sort((a, b) => danishCompare(a.municipalityName, b.municipalityName) || danishCompare(a.name, b.name));
}

export type AttendanceCount = { code: string; name: string; attendees: number; online: number };

/** Registrations per municipality (at most 98 rows), in Danish order of the municipality's name. */
export async function attendanceCounts(db: Db, meetingId: string): Promise<AttendanceCount[]> {
  const rows = await db
    .select({
      code: meetingAttendee.municipalityCode,
      name: municipality.name,
      attendees: count(),
      online: sql<number>`count(*) filter (where ${meetingAttendee.online})`.mapWith(Number),
    })
    .from(meetingAttendee)
    .innerJoin(municipality, eq(municipality.code, meetingAttendee.municipalityCode))
    .where(eq(meetingAttendee.meetingId, meetingId))
    .groupBy(meetingAttendee.municipalityCode, municipality.name);
  return rows.sort(byDanishName);
}

export type PersonOption = { value: string; label: string };

/** The municipality's active people of the role gallery, for the attendee picker. */
export async function municipalityPeople(db: Db, code: string): Promise<PersonOption[]> {
  const rows = await db
    .select({ id: person.id, name: person.name, title: person.title })
    .from(person)
    .where(and(eq(person.municipalityCode, code), eq(person.active, true)))
    .limit(MAX_PEOPLE);
  return rows.sort(byDanishName).map((p) => ({ value: p.id, label: p.title ? `${p.name} (${p.title})` : p.name }));
}

export type MeetingOption = { id: string; title: string; startsAt: Date };

/** Meetings that have not started yet, nearest first: what input can be for and be placed on. */
export function comingMeetings(db: Db, now: Date, limit = MAX_MEETING_OPTIONS): Promise<MeetingOption[]> {
  return db
    .select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt })
    .from(meeting)
    .where(gt(meeting.startsAt, now))
    .orderBy(asc(meeting.startsAt), asc(meeting.id))
    .limit(limit);
}

/** The central list's meeting filter: the coming meetings and those of the last year, newest first. */
export function filterMeetings(db: Db, now: Date): Promise<MeetingOption[]> {
  const yearAgo = new Date(now.getTime() - 366 * 24 * 3600_000);
  return db
    .select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt })
    .from(meeting)
    .where(gte(meeting.startsAt, yearAgo))
    .orderBy(desc(meeting.startsAt), asc(meeting.id))
    .limit(50);
}

export type InputRow = {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  kind: MeetingInputKind;
  title: string;
  body: string;
  submittedAt: Date;
  /** The meeting it was submitted for; null: the next meeting. */
  forMeeting: MeetingOption | null;
  /** The agenda item it became, with that item's meeting. */
  placed: { agendaItemId: string; meeting: MeetingOption } | null;
};

const forMeeting = alias(meeting, 'for_meeting');
const placedMeeting = alias(meeting, 'placed_meeting');

async function inputRows(db: Db, where: SQL | undefined, limit: number, offset = 0): Promise<{ rows: InputRow[]; total: number }> {
  const base = await db
    .select({
      id: meetingInput.id,
      municipalityCode: meetingInput.municipalityCode,
      municipalityName: municipality.name,
      kind: meetingInput.kind,
      title: meetingInput.title,
      body: meetingInput.body,
      submittedAt: meetingInput.submittedAt,
      forId: forMeeting.id,
      forTitle: forMeeting.title,
      forStartsAt: forMeeting.startsAt,
      agendaItemId: meetingInput.agendaItemId,
      placedId: placedMeeting.id,
      placedTitle: placedMeeting.title,
      placedStartsAt: placedMeeting.startsAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(meetingInput)
    .innerJoin(municipality, eq(municipality.code, meetingInput.municipalityCode))
    .leftJoin(forMeeting, eq(forMeeting.id, meetingInput.meetingId))
    .leftJoin(meetingAgendaItem, eq(meetingAgendaItem.id, meetingInput.agendaItemId))
    .leftJoin(placedMeeting, eq(placedMeeting.id, meetingAgendaItem.meetingId))
    .where(where)
    .orderBy(desc(meetingInput.submittedAt), asc(meetingInput.id))
    .limit(limit)
    .offset(offset);
  const rows = base.map((r) => ({
    id: r.id,
    municipalityCode: r.municipalityCode,
    municipalityName: r.municipalityName,
    kind: r.kind,
    title: r.title,
    body: r.body,
    submittedAt: r.submittedAt,
    forMeeting: r.forId ? { id: r.forId, title: r.forTitle!, startsAt: r.forStartsAt! } : null,
    placed: r.agendaItemId && r.placedId ? { agendaItemId: r.agendaItemId, meeting: { id: r.placedId, title: r.placedTitle!, startsAt: r.placedStartsAt! } } : null,
  }));
  return { rows, total: base[0]?.total ?? 0 };
}

export type InputFilter = { meeting?: string | undefined; unplaced?: boolean | undefined; page?: number | undefined };

/** The input the actor may see (central staff: every municipality's; a municipality: its own), newest first, a page at a time. */
export function listMeetingInput(db: Db, actor: Actor, filter: InputFilter): Promise<{ rows: InputRow[]; total: number }> {
  const page = filter.page ?? 1;
  const byMeeting = filter.meeting === 'naeste' ? isNull(meetingInput.meetingId) : filter.meeting ? eq(meetingInput.meetingId, filter.meeting) : undefined;
  const where = and(meetingRowsVisibleTo(actor, meetingInput.municipalityCode), byMeeting, filter.unplaced ? isNull(meetingInput.agendaItemId) : undefined);
  return inputRows(db, where, INPUT_PAGE_SIZE, (page - 1) * INPUT_PAGE_SIZE);
}

export async function loadMeetingInput(db: Db, id: string): Promise<InputRow | null> {
  const { rows } = await inputRows(db, eq(meetingInput.id, id), 1);
  return rows[0] ?? null;
}

/**
 * The meeting page's input: what was submitted for this meeting, and, while the meeting is still
 * ahead, what was submitted for "the next meeting" and is not placed yet.
 */
export async function inputForMeeting(db: Db, m: MeetingHead, now: Date): Promise<InputRow[]> {
  const forThis = eq(meetingInput.meetingId, m.id);
  const where = hasEnded(m, now) ? forThis : or(forThis, and(isNull(meetingInput.meetingId), isNull(meetingInput.agendaItemId)));
  const { rows } = await inputRows(db, where, MAX_SECTION_INPUT);
  return rows;
}

/** The next meeting still to start: where "næste møde" input goes by default. */
export async function nextMeeting(db: Db, now: Date): Promise<MeetingOption | null> {
  const [m] = await comingMeetings(db, now, 1);
  return m ?? null;
}

/** One registration of the meeting, whatever municipality it is (the caller checks who may see it). */
export async function loadAttendee(db: Db, meetingId: string, id: string): Promise<AttendeeRow | null> {
  const [row] = await db
    .select(attendeeColumns)
    .from(meetingAttendee)
    .innerJoin(municipality, eq(municipality.code, meetingAttendee.municipalityCode))
    .where(and(eq(meetingAttendee.meetingId, meetingId), eq(meetingAttendee.id, id)));
  return row ?? null;
}
