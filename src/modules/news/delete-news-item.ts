import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { authorizeNews } from './policy.ts';
import { newsItem } from './schema.ts';

/**
 * Deletes an item (its links go with it by cascade). Deleting one that is already gone answers
 * `deleted: false`, so a repeated click or retry is not an error.
 */
export async function deleteNewsItem(ctx: Ctx & { actor: Actor }, id: string): Promise<{ deleted: boolean }> {
  authorizeNews(ctx.actor, 'edit');
  if (!isUuid(id)) return { deleted: false };
  return ctx.db.transaction(async (tx) => {
    const [gone] = await tx.delete(newsItem).where(eq(newsItem.id, id)).returning({ title: newsItem.title, publishOn: newsItem.publishOn });
    if (!gone) return { deleted: false };
    await recordAudit(tx, ctx, { action: 'news.item_deleted', entityType: 'news_item', entityId: id, before: gone });
    return { deleted: true };
  });
}
