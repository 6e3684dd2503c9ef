import { and, desc, eq, exists, gte, isNull, lte, notExists, or, sql } from 'drizzle-orm';
import { excerpt } from '../../platform/attention/excerpt.ts';
import { registerAttentionProvider, type AttentionCtx, type AttentionItem } from '../../platform/attention/provider.ts';
import { roleAssignment } from '../../platform/identity/schema.ts';
import { markdownToText } from '../tasks/index.ts';
import { newsItem, newsItemSolution } from './schema.ts';

/** "Recent" on the front page: published within this many days. */
export const RECENT_DAYS = 30;
/** The front page shows at most this many; /nyt has the rest. */
export const SHOWN_NEWS = 5;

const dayMinus = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * A municipality "uses" a solution when one of its people holds an active role for it (Aula
 * systemansvarlig, …): the role gallery is the one place that says so. An item that names no
 * solution concerns everyone and is shown to every municipality. One statement.
 */
export async function recentNewsFor(ctx: AttentionCtx, code: string, today: string): Promise<AttentionItem[]> {
  const usedSolution = exists(
    ctx.db
      .select({ one: sql`1` })
      .from(newsItemSolution)
      .innerJoin(roleAssignment, eq(roleAssignment.solutionKey, newsItemSolution.solutionKey))
      .where(and(eq(newsItemSolution.newsId, newsItem.id), eq(roleAssignment.municipalityCode, code), isNull(roleAssignment.removedAt))),
  );
  const general = notExists(ctx.db.select({ one: sql`1` }).from(newsItemSolution).where(eq(newsItemSolution.newsId, newsItem.id)));
  const rows = await ctx.db
    .select({ id: newsItem.id, title: newsItem.title, body: newsItem.body, publishOn: newsItem.publishOn })
    .from(newsItem)
    .where(and(lte(newsItem.publishOn, today), gte(newsItem.publishOn, dayMinus(today, RECENT_DAYS)), or(usedSolution, general)))
    .orderBy(desc(newsItem.publishOn), desc(newsItem.createdAt))
    .limit(SHOWN_NEWS);
  return rows.map((r) => ({ kind: 'news.recent', severity: 'info', title: r.title, detail: excerpt(markdownToText(r.body)), href: `/nyt/${r.id}` }));
}

/** Registered with the module's routes: a municipal user's front page shows the recent news (the municipality page, which the meeting follow-up reads, lists what is owed, not news). */
export function registerNewsAttention(): void {
  registerAttentionProvider({
    key: 'news.recent',
    heading: 'Nyt',
    order: 90,
    statements: 1,
    forActor: (ctx, today) => (ctx.actor.municipalityCode === null ? null : recentNewsFor(ctx, ctx.actor.municipalityCode, today)),
  });
}
