import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { parseInput } from '../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { checkNewsReferences } from './check-references.ts';
import { newsInput } from './news-input.ts';
import { authorizeNews } from './policy.ts';
import { newsItem, newsItemProgramme, newsItemSolution } from './schema.ts';

/**
 * Writes a new "Kort nyt" item with its solutions and programmes, audited in the same transaction.
 * The form's request key (or the API's Idempotency-Key) makes a double submit write one item and
 * answer both with it.
 */
export async function createNewsItem(ctx: Ctx & { actor: Actor }, raw: unknown, clientKey?: string): Promise<{ id: string }> {
  authorizeNews(ctx.actor, 'edit');
  const input = parseInput(newsInput, raw);
  const identity = requestIdentity('news-item', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return first;
    const { programmeIds } = await checkNewsReferences(tx, input);
    const [row] = await tx
      .insert(newsItem)
      .values({ title: input.title, body: input.body, contactPersonId: input.contactPersonId, publishOn: input.publishOn, createdAt: ctx.now, updatedAt: ctx.now, createdBy: ctx.actor.userId })
      .returning({ id: newsItem.id });
    const id = row!.id;
    if (input.solutions.length > 0) await tx.insert(newsItemSolution).values(input.solutions.map((solutionKey) => ({ newsId: id, solutionKey })));
    if (programmeIds.length > 0) await tx.insert(newsItemProgramme).values(programmeIds.map((projectId) => ({ newsId: id, projectId })));
    await recordAudit(tx, ctx, { action: 'news.item_saved', entityType: 'news_item', entityId: id, after: { ...input } });
    return answerRequest(tx, identity, { id });
  });
}
