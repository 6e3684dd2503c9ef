import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { danishDay } from '../../../platform/days.ts';
import { person } from '../../../platform/identity/schema.ts';
import { byDanishName, danishCompare } from '../../../platform/views/format.ts';
import { agreement, agreementVisibleTo } from '../../agreements/index.ts';
import { newsItem, newsItemVisibleTo } from '../../news/index.ts';
import { project, task, taskVisibleTo } from '../../tasks/index.ts';
import { loadMeetingRow, meetingColumns, type MeetingRow } from '../meeting-row.ts';
import { meetingNotFound } from '../paths.ts';
import { meeting, meetingAgendaItem, meetingAgendaLink, meetingAgendaPresenter, meetingMaterial, type AgendaLinkKind } from '../schema.ts';

export type AgendaLink = { kind: AgendaLinkKind; id: string; title: string; href: string };
export type AgendaItem = {
  id: string;
  position: number;
  title: string;
  minutes: number | null;
  description: string;
  presenters: { id: string; name: string; title: string }[];
  links: AgendaLink[];
};
export type MaterialRow = { id: string; filename: string; contentType: string; size: number; sha256: string; uploadedAt: Date };
export type MeetingDetail = MeetingRow & { agenda: AgendaItem[]; materials: MaterialRow[] };

/** Meetings on one page of past meetings, and the most coming meetings listed (there are a handful a year). */
export const PAST_PAGE_SIZE = 20;
export const UPCOMING_SHOWN = 50;

/** Coming meetings (not yet ended), nearest first, and one page of past ones, latest first. */
export async function listMeetings(db: Db, now: Date, page: number): Promise<{ upcoming: MeetingRow[]; past: MeetingRow[]; pastTotal: number }> {
  const [upcoming, past] = await Promise.all([
    db.select(meetingColumns).from(meeting).where(gte(meeting.endsAt, now)).orderBy(asc(meeting.startsAt), asc(meeting.id)).limit(UPCOMING_SHOWN),
    db
      .select({ ...meetingColumns, total: sql<number>`count(*) over ()` })
      .from(meeting)
      .where(lt(meeting.endsAt, now))
      .orderBy(desc(meeting.startsAt), asc(meeting.id))
      .limit(PAST_PAGE_SIZE)
      .offset((page - 1) * PAST_PAGE_SIZE),
  ]);
  return { upcoming, past: past.map(({ total: _t, ...r }) => r), pastTotal: Number(past[0]?.total ?? 0) };
}

/** The API's list: from a moment on (or all), ordered by start, bounded. */
export const API_MEETINGS_LIMIT = 200;
export async function findMeetings(db: Db, from: Date | undefined): Promise<MeetingRow[]> {
  return db
    .select(meetingColumns)
    .from(meeting)
    .where(from ? gte(meeting.endsAt, from) : undefined)
    .orderBy(from ? asc(meeting.startsAt) : desc(meeting.startsAt), asc(meeting.id))
    .limit(API_MEETINGS_LIMIT);
}

/**
 * Whether the actor may read what a link points at, as SQL over the joined rows: a news item, a
 * task and an agreement as their own modules' read rules say (`newsItemVisibleTo`, `taskVisibleTo`,
 * `agreementVisibleTo`), every programme. A link the reader may not read is left out, title and all.
 */
function linkVisible(actor: Actor, today: string): SQL {
  return sql`case
    when ${meetingAgendaLink.newsId} is not null then ${newsItemVisibleTo(actor, today)}
    when ${meetingAgendaLink.projectId} is not null then true
    when ${meetingAgendaLink.taskId} is not null then coalesce(${taskVisibleTo(actor)}, false)
    else coalesce(${agreementVisibleTo(actor)}, false) end`;
}

/** The agenda of one meeting (items, presenters, the links the actor may read) in three statements. */
export async function loadAgenda(db: Db, actor: Actor, meetingId: string, now: Date): Promise<AgendaItem[]> {
  const items = await db
    .select({ id: meetingAgendaItem.id, position: meetingAgendaItem.position, title: meetingAgendaItem.title, minutes: meetingAgendaItem.minutes, description: meetingAgendaItem.description })
    .from(meetingAgendaItem)
    .where(eq(meetingAgendaItem.meetingId, meetingId))
    .orderBy(asc(meetingAgendaItem.position), asc(meetingAgendaItem.createdAt));
  if (items.length === 0) return [];
  const ids = items.map((i) => i.id);
  const [presenters, links] = await Promise.all([
    db
      .select({ itemId: meetingAgendaPresenter.agendaItemId, id: person.id, name: person.name, title: person.title })
      .from(meetingAgendaPresenter)
      .innerJoin(person, eq(person.id, meetingAgendaPresenter.personId))
      .where(inArray(meetingAgendaPresenter.agendaItemId, ids)),
    db
      .select({
        itemId: meetingAgendaLink.agendaItemId,
        newsId: newsItem.id,
        newsTitle: newsItem.title,
        projectKey: project.key,
        projectId: project.id,
        projectName: project.name,
        taskId: task.id,
        taskCode: task.code,
        taskTitle: task.title,
        agreementId: agreement.id,
        agreementTitle: agreement.title,
      })
      .from(meetingAgendaLink)
      .leftJoin(newsItem, eq(newsItem.id, meetingAgendaLink.newsId))
      .leftJoin(project, eq(project.id, meetingAgendaLink.projectId))
      .leftJoin(task, eq(task.id, meetingAgendaLink.taskId))
      .leftJoin(agreement, eq(agreement.id, meetingAgendaLink.agreementId))
      .where(and(inArray(meetingAgendaLink.agendaItemId, ids), linkVisible(actor, danishDay(now)))),
  ]);
  const order: Record<AgendaLinkKind, number> = { news: 0, programme: 1, task: 2, agreement: 3 };
  return items.map((i) => ({
    ...i,
    presenters: presenters
      .filter((p) => p.itemId === i.id)
      .map(({ itemId: _i, ...p }) => p)
      .sort(byDanishName),
    links: links
      .filter((l) => l.itemId === i.id)
      .map((l): AgendaLink => {
        if (l.newsId) return { kind: 'news', id: l.newsId, title: l.newsTitle!, href: `/nyt/${l.newsId}` };
        if (l.projectId) return { kind: 'programme', id: l.projectId, title: l.projectName!, href: `/programmer/${encodeURIComponent(l.projectKey!)}` };
        if (l.taskId) return { kind: 'task', id: l.taskId, title: `${l.taskCode}: ${l.taskTitle}`, href: `/opgaver/${l.taskId}` };
        return { kind: 'agreement', id: l.agreementId!, title: l.agreementTitle!, href: `/aftaler/${l.agreementId}` };
      })
      .sort((a, b) => order[a.kind] - order[b.kind] || danishCompare(a.title, b.title)),
  }));
}

export async function loadMaterials(db: Db, meetingId: string): Promise<MaterialRow[]> {
  return db
    .select({ id: meetingMaterial.id, filename: meetingMaterial.filename, contentType: meetingMaterial.contentType, size: meetingMaterial.size, sha256: meetingMaterial.sha256, uploadedAt: meetingMaterial.uploadedAt })
    .from(meetingMaterial)
    .where(eq(meetingMaterial.meetingId, meetingId))
    .orderBy(asc(meetingMaterial.uploadedAt), asc(meetingMaterial.filename));
}

/** The meeting with its agenda and materials: five statements, or 404. */
export async function loadMeeting(db: Db, actor: Actor, id: string, now: Date): Promise<MeetingDetail> {
  const row = await loadMeetingRow(db, id);
  if (!row) throw meetingNotFound();
  const [agenda, materials] = await Promise.all([loadAgenda(db, actor, id, now), loadMaterials(db, id)]);
  return { ...row, agenda, materials };
}
