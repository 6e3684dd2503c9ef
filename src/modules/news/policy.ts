import { lte, sql, type SQL } from 'drizzle-orm';
import { type Actor, isCentral, isCentralEditor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { newsItem } from './schema.ts';

/**
 * News and events (issue #14 points 3 and 4): every signed-in user reads what is published (from
 * its publish day); central staff also see items waiting for their day; central administrators
 * and consultants write. The Atom feed is for feed readers and carries published items only.
 */
export function authorizeNews(actor: Actor | null, action: 'read' | 'edit'): asserts actor is Actor {
  if (actor === null) throw notFound();
  if (action === 'edit' && !isCentralEditor(actor)) throw forbidden('Kun KOMBITs administratorer og konsulenter kan skrive nyheder og arrangementer.');
}

/** Items before their publish day are drafts: central staff see them, municipalities do not (404). */
export const seesUnpublished = (actor: Actor | null): boolean => isCentral(actor);

/** The read rule in SQL over `news_item`: published on or before `today`; central staff also the items waiting for their day. */
export const newsItemVisibleTo = (actor: Actor | null, today: string): SQL => (seesUnpublished(actor) ? sql`true` : lte(newsItem.publishOn, today));

export const canEditNews = (actor: Actor | null): boolean => actor !== null && isCentralEditor(actor);
