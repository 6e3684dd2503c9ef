import { and, asc, desc, eq, exists, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { danishDay, danishMidnight } from '../../platform/days.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { person, solution } from '../../platform/identity/schema.ts';
import { byDanishName } from '../../platform/views/format.ts';
import { project } from '../tasks/index.ts';
import { newsItemVisibleTo } from './policy.ts';
import { event, newsItem, newsItemProgramme, newsItemSolution } from './schema.ts';

/** Items on one page of /nyt and of the API. */
export const NEWS_PAGE_SIZE = 20;
/** Entries in the Atom feed: the newest, as feed readers only ever look at the top. */
export const FEED_SIZE = 50;
/** Events shown on one page, upcoming and past each. */
export const EVENTS_SHOWN = 100;

export type NewsRow = {
  id: string;
  title: string;
  body: string;
  publishOn: string;
  updatedAt: Date;
  contact: { id: string; name: string; title: string; email: string } | null;
  solutions: { key: string; name: string }[];
  programmes: { key: string; name: string }[];
};

const solutionFilter = (db: Db, key: string): SQL =>
  exists(
    db
      .select({ one: sql`1` })
      .from(newsItemSolution)
      .where(and(eq(newsItemSolution.newsId, newsItem.id), eq(newsItemSolution.solutionKey, key))),
  );

/** The rows with their contact person, then their solutions and programmes in two statements for the whole page. */
async function withLinks(db: Db, where: SQL | undefined, opts: { limit: number; offset?: number; order?: 'newest' }): Promise<{ rows: NewsRow[]; total: number }> {
  const base = await db
    .select({
      id: newsItem.id,
      title: newsItem.title,
      body: newsItem.body,
      publishOn: newsItem.publishOn,
      updatedAt: newsItem.updatedAt,
      contactId: person.id,
      contactName: person.name,
      contactTitle: person.title,
      contactEmail: person.email,
      total: sql<number>`count(*) over ()`,
    })
    .from(newsItem)
    .leftJoin(person, eq(person.id, newsItem.contactPersonId))
    .where(where)
    .orderBy(desc(newsItem.publishOn), desc(newsItem.createdAt), asc(newsItem.id))
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
  const ids = base.map((r) => r.id);
  const [sols, progs] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({ newsId: newsItemSolution.newsId, key: solution.key, name: solution.name, sort: solution.sort })
            .from(newsItemSolution)
            .innerJoin(solution, eq(solution.key, newsItemSolution.solutionKey))
            .where(inArray(newsItemSolution.newsId, ids))
            .orderBy(asc(solution.sort), asc(solution.key)),
          db
            .select({ newsId: newsItemProgramme.newsId, key: project.key, name: project.name })
            .from(newsItemProgramme)
            .innerJoin(project, eq(project.id, newsItemProgramme.projectId))
            .where(inArray(newsItemProgramme.newsId, ids)),
        ]);
  const rows = base.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    publishOn: r.publishOn,
    updatedAt: r.updatedAt,
    contact: r.contactId ? { id: r.contactId, name: r.contactName!, title: r.contactTitle!, email: r.contactEmail! } : null,
    solutions: sols.filter((s) => s.newsId === r.id).map(({ key, name }) => ({ key, name })),
    programmes: progs
      .filter((p) => p.newsId === r.id)
      .map(({ key, name }) => ({ key, name }))
      .sort(byDanishName),
  }));
  return { rows, total: Number(base[0]?.total ?? 0) };
}

/** A page of news, newest first: what the actor may read, optionally only for one solution. */
export function listNews(db: Db, actor: Actor | null, today: string, opts: { solution?: string | undefined; page?: number; size?: number }) {
  const size = opts.size ?? NEWS_PAGE_SIZE;
  const where = and(newsItemVisibleTo(actor, today), opts.solution ? solutionFilter(db, opts.solution) : undefined);
  return withLinks(db, where, { limit: size, offset: ((opts.page ?? 1) - 1) * size });
}

/** Published items only, whoever asks: the feed is read without a login. */
export const feedNews = (db: Db, today: string) => withLinks(db, lte(newsItem.publishOn, today), { limit: FEED_SIZE });

/** One item the actor may read, or null (a draft is null for a municipality: its 404 says nothing of it). */
export async function loadNewsItem(db: Db, actor: Actor | null, today: string, id: string): Promise<NewsRow | null> {
  if (!isUuid(id)) return null;
  const { rows } = await withLinks(db, and(eq(newsItem.id, id), newsItemVisibleTo(actor, today)), { limit: 1 });
  return rows[0] ?? null;
}

export type Option = { value: string; label: string };

/** The solutions, in the portfolio's order: the list's filter. */
export async function solutionOptions(db: Db): Promise<Option[]> {
  const rows = await db.select({ key: solution.key, name: solution.name }).from(solution).orderBy(asc(solution.sort), asc(solution.key)).limit(500);
  return rows.map((s) => ({ value: s.key, label: s.name }));
}

/** The form's choices: active central staff as contact people, the solutions and the programmes. */
export async function newsFormOptions(db: Db): Promise<{ people: Option[]; solutions: Option[]; programmes: Option[] }> {
  const [people, solutions, programmes] = await Promise.all([
    db
      .select({ id: person.id, name: person.name, title: person.title })
      .from(person)
      .where(and(isNull(person.municipalityCode), eq(person.active, true)))
      .limit(1000),
    solutionOptions(db),
    db.select({ key: project.key, name: project.name }).from(project).limit(500),
  ]);
  return {
    people: people.sort(byDanishName).map((p) => ({ value: p.id, label: p.title ? `${p.name}, ${p.title}` : p.name })),
    solutions,
    programmes: programmes.sort(byDanishName).map((p) => ({ value: p.key, label: p.name })),
  };
}

export type EventRow = typeof event.$inferSelect;

/** Upcoming events soonest first, and past ones latest first: each bounded. */
export async function listEvents(db: Db, now: Date): Promise<{ upcoming: EventRow[]; past: EventRow[] }> {
  // An event stays "upcoming" for the whole of its day.
  const dayStart = danishMidnight(danishDay(now));
  const [upcoming, past] = await Promise.all([
    db.select().from(event).where(gte(event.startsAt, dayStart)).orderBy(asc(event.startsAt), asc(event.id)).limit(EVENTS_SHOWN),
    db.select().from(event).where(sql`${event.startsAt} < ${dayStart}`).orderBy(desc(event.startsAt), asc(event.id)).limit(EVENTS_SHOWN),
  ]);
  return { upcoming, past };
}

export async function loadEvent(db: Db, id: string): Promise<EventRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(event).where(eq(event.id, id));
  return row ?? null;
}

/** A programme's news the actor may read, newest first (its page lists them): one bounded page. */
export function programmeNews(db: Db, actor: Actor | null, today: string, projectId: string, limit = 10) {
  const linked = exists(
    db
      .select({ one: sql`1` })
      .from(newsItemProgramme)
      .where(and(eq(newsItemProgramme.newsId, newsItem.id), eq(newsItemProgramme.projectId, projectId))),
  );
  return withLinks(db, and(newsItemVisibleTo(actor, today), linked), { limit });
}
