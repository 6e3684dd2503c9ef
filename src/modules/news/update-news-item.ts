import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { notFound, parseInput } from '../../platform/errors.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { project } from '../tasks/index.ts';
import { checkNewsReferences } from './check-references.ts';
import { newsInput, type NewsInput } from './news-input.ts';
import { authorizeNews } from './policy.ts';
import { newsItem, newsItemProgramme, newsItemSolution } from './schema.ts';

export const newsNotFound = () => notFound('Nyheden findes ikke.');

/** Corrects an item; its solution and programme links are replaced by the ones sent. Unchanged values write nothing. */
export async function updateNewsItem(ctx: Ctx & { actor: Actor }, id: string, raw: unknown): Promise<{ id: string; changed: boolean }> {
  authorizeNews(ctx.actor, 'edit');
  if (!isUuid(id)) throw newsNotFound();
  const input = parseInput(newsInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(newsItem).where(eq(newsItem.id, id)).for('update');
    if (!current) throw newsNotFound();
    const { programmeIds } = await checkNewsReferences(tx, input);
    const [solutions, programmes] = await Promise.all([
      tx.select({ key: newsItemSolution.solutionKey }).from(newsItemSolution).where(eq(newsItemSolution.newsId, id)),
      tx.select({ key: project.key }).from(newsItemProgramme).innerJoin(project, eq(project.id, newsItemProgramme.projectId)).where(eq(newsItemProgramme.newsId, id)),
    ]);
    const before: NewsInput = {
      title: current.title,
      body: current.body,
      contactPersonId: current.contactPersonId,
      publishOn: current.publishOn,
      solutions: solutions.map((s) => s.key).sort(),
      programmes: programmes.map((p) => p.key).sort(),
    };
    const changed = (Object.keys(input) as (keyof NewsInput)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]));
    if (changed.length === 0) return { id, changed: false };
    await tx
      .update(newsItem)
      .set({ title: input.title, body: input.body, contactPersonId: input.contactPersonId, publishOn: input.publishOn, updatedAt: ctx.now })
      .where(eq(newsItem.id, id));
    await tx.delete(newsItemSolution).where(eq(newsItemSolution.newsId, id));
    if (input.solutions.length > 0) await tx.insert(newsItemSolution).values(input.solutions.map((solutionKey) => ({ newsId: id, solutionKey })));
    await tx.delete(newsItemProgramme).where(eq(newsItemProgramme.newsId, id));
    if (programmeIds.length > 0) await tx.insert(newsItemProgramme).values(programmeIds.map((projectId) => ({ newsId: id, projectId })));
    const pick = (o: NewsInput) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    await recordAudit(tx, ctx, { action: 'news.item_saved', entityType: 'news_item', entityId: id, before: pick(before), after: pick(input) });
    return { id, changed: true };
  });
}
