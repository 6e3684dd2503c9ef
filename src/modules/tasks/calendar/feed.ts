import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { type Actor, isCentral } from '../../../platform/context.ts';
import { listUpcoming } from '../author/queries.ts';
import { buildCalendar, type IcsEvent } from '../../../platform/ical.ts';
import { targetCounts } from '../central/queries.ts';
import { listMyTasks } from '../municipal/my-tasks-queries.ts';
import { project, task, taskTarget } from '../schema.ts';
import { TARGET_STATUS_DA, TASK_STATUS_DA } from '../status.ts';
import { taskVisibleTo } from '../policy.ts';
import { danishCompare } from '../../../platform/views/format.ts';

/**
 * What a user's calendar feed lists: one all-day event on the deadline of each task that is theirs.
 *
 * - A municipal user: exactly "Mine opgaver" (listMyTasks without filters: published and closed
 *   tasks addressed to their roles, or all of the municipality's for programleder and
 *   KLIK-administrator, or where they are named responsible/executor, plus the municipality's local
 *   tasks) and "Kommende opgaver" (listUpcoming: announced tasks they may read). Never drafts.
 * - Central staff: every task from the joint organisation that has left the draft stage
 *   (announced, published, closed), with the counts per status in the description. They read all
 *   of those tasks anyway; drafts are left out because their deadlines are not settled.
 *
 * A fixed number of queries whatever the number of tasks.
 */

export const CALENDAR_NAME = 'Samspil – mine frister';
const PRODID = '-//Samspil//Kalender med frister//DA';

export type FeedTask = {
  id: string;
  code: string;
  title: string;
  deadline: string;
  lastModified: Date;
  /** Lines of the event's description, before the link. */
  lines: string[];
  link: string;
};

const summary = (t: { code: string; title: string }) => `Frist: ${t.code} – ${t.title}`;

async function municipalTasks(db: Db, actor: Actor, now: Date, publicUrl: string): Promise<FeedTask[]> {
  const code = actor.municipalityCode;
  if (!code) return [];
  const mine = await listMyTasks(db, actor, {}, now);
  const upcoming = await listUpcoming(db, actor);
  const ids = [...mine.map((r) => r.id), ...upcoming.map((r) => r.id)];
  // When each task, or the municipality's work on it, last changed: one query for all of them.
  const changes =
    ids.length === 0
      ? []
      : await db
          .select({ id: task.id, updatedAt: task.updatedAt, lastActivityAt: taskTarget.lastActivityAt })
          .from(task)
          .leftJoin(taskTarget, and(eq(taskTarget.taskId, task.id), eq(taskTarget.municipalityCode, code)))
          .where(inArray(task.id, ids));
  const changed = new Map(changes.map((c) => [c.id, c.lastActivityAt && c.lastActivityAt > c.updatedAt ? c.lastActivityAt : c.updatedAt]));
  const link = (id: string) => `${publicUrl}/opgaver/${id}`;
  const fromMine = mine.map(
    (r): FeedTask => ({
      id: r.id,
      code: r.code,
      title: r.title,
      deadline: r.deadline,
      lastModified: changed.get(r.id) ?? now,
      link: link(r.id),
      lines: [
        `Status: ${TARGET_STATUS_DA[r.status]}${r.overdue ? ' (forsinket)' : ''}`,
        ...(r.taskStatus === 'closed' ? ['Opgaven er lukket og kan ikke længere besvares.'] : []),
        ...(r.local ? ['Lokal opgave'] : r.projectName ? [`Projekt: ${r.projectName}`] : []),
        `Ansvarlig: ${r.responsibleName ?? 'Ingen'}`,
      ],
    }),
  );
  const fromUpcoming = upcoming.map(
    (r): FeedTask => ({
      id: r.id,
      code: r.code,
      title: r.title,
      deadline: r.deadline,
      lastModified: changed.get(r.id) ?? r.updatedAt,
      link: link(r.id),
      lines: [
        `Status: ${TASK_STATUS_DA.announced} – opgaven kan endnu ikke besvares.`,
        ...(r.projectName ? [`Projekt: ${r.projectName}`] : []),
      ],
    }),
  );
  return [...fromMine, ...fromUpcoming];
}

async function centralTasks(db: Db, actor: Actor, publicUrl: string): Promise<FeedTask[]> {
  const rows = await db
    .select({
      id: task.id,
      code: task.code,
      title: task.title,
      status: task.status,
      deadline: task.deadline,
      updatedAt: task.updatedAt,
      projectName: project.name,
    })
    .from(task)
    .leftJoin(project, eq(project.id, task.projectId))
    .where(and(isNull(task.localMunicipalityCode), ne(task.status, 'draft'), taskVisibleTo(actor)))
    .orderBy(asc(task.deadline), asc(task.code));
  const counts = await targetCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const c = counts.get(r.id);
    const tally = c
      ? [
          `${c.addressed} kommuner: ${c.loest} løst, ${c.ikke_relevant} ikke relevant, ${c.i_gang} i gang, ${c.ikke_startet} ikke startet.`,
        ]
      : [];
    return {
      id: r.id,
      code: r.code,
      title: r.title,
      deadline: r.deadline,
      lastModified: r.updatedAt,
      link: `${publicUrl}/opgaver/${r.id}/overblik`,
      lines: [`Status: ${TASK_STATUS_DA[r.status]}`, ...(r.projectName ? [`Projekt: ${r.projectName}`] : []), ...tally],
    };
  });
}

/** The tasks in the actor's feed, ordered by deadline and code. */
export async function feedTasks(db: Db, actor: Actor, now: Date, publicUrl: string): Promise<FeedTask[]> {
  const list = isCentral(actor) ? await centralTasks(db, actor, publicUrl) : await municipalTasks(db, actor, now, publicUrl);
  return list.sort((a, b) => (a.deadline === b.deadline ? danishCompare(a.code, b.code) : a.deadline < b.deadline ? -1 : 1));
}

export function feedEvent(t: FeedTask): IcsEvent {
  return {
    uid: `task-${t.id}@samspil`,
    day: t.deadline,
    summary: summary(t),
    description: [...t.lines, '', `Se opgaven i Samspil: ${t.link}`].join('\n'),
    url: t.link,
    lastModified: t.lastModified,
  };
}

/** The actor's feed as an iCalendar document. */
export async function renderFeed(db: Db, actor: Actor, now: Date, publicUrl: string): Promise<string> {
  const tasks = await feedTasks(db, actor, now, publicUrl);
  return buildCalendar({
    prodId: PRODID,
    name: CALENDAR_NAME,
    description: `Frister for dine opgaver i Samspil (${actor.name})`,
    now,
    events: tasks.map(feedEvent),
  });
}
