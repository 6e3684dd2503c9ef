import { and, count, desc, eq, gte, ilike, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type Actor, isCentralAdmin } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { outboxMail, outboxStatuses, type OutboxStatus } from '../../platform/outbox/schema.ts';
import { calendarDay, isUuid } from '../../platform/http/page-schemas.ts';
import { danishDaysRange } from '../../platform/days.ts';
import { containsPattern } from '../../platform/like-pattern.ts';

/** Whether `authorizeOutbox` lets the actor in; the menu shows "Udgående post" by it. */
export const mayReadOutbox = (actor: Actor): boolean => isCentralAdmin(actor);

export function authorizeOutbox(actor: Actor) {
  if (!mayReadOutbox(actor)) throw forbidden('Udgående post er forbeholdt administratorer i KOMBIT.');
}

export const STATUS_DA: Record<OutboxStatus, string> = {
  pending: 'Venter',
  sending: 'Sendes',
  sent: 'Sendt',
  failed: 'Fejlet',
  uncertain: 'Usikker – kontrollér',
};

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const searchText = z.preprocess(emptyToUndefined, z.string().trim().max(200, 'Søgeteksten må højst være 200 tegn').optional());
const day = z.preprocess(emptyToUndefined, calendarDay.optional());

/** The list's filters, the same for the page and the API (which names them in English). */
export const outboxFilterFields = {
  recipient: searchText,
  subject: searchText,
  status: z.preprocess(emptyToUndefined, z.enum(outboxStatuses, 'Vælg en af statusserne').optional()),
  from: day,
  to: day,
};
export const outboxFilter = z.object(outboxFilterFields);
export type OutboxFilter = z.infer<typeof outboxFilter>;

export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

function conditions(f: OutboxFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (f.recipient) where.push(ilike(outboxMail.toAddress, containsPattern(f.recipient)));
  if (f.subject) where.push(ilike(outboxMail.subject, containsPattern(f.subject)));
  if (f.status) where.push(eq(outboxMail.status, f.status));
  // Danish days: a mail queued at 00:30 on 1 June in Denmark was queued at 22:30 UTC on 31 May.
  const { start, end } = danishDaysRange(f.from, f.to);
  if (start) where.push(gte(outboxMail.createdAt, start));
  if (end) where.push(lt(outboxMail.createdAt, end));
  return and(...where);
}

/**
 * One page of the outbox, newest first, and how many mails match: two statements whatever the
 * outbox holds. The bodies stay in the table (only a mail's own page reads one); the order runs
 * along the created_at index, so a page costs the same on a large outbox as on a small one.
 */
export async function listOutbox(db: Db, f: OutboxFilter, page = 1, pageSize = PAGE_SIZE) {
  const where = conditions(f);
  const [counted] = await db.select({ total: count() }).from(outboxMail).where(where);
  const total = counted?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, pages);
  const rows = await db
    .select({
      id: outboxMail.id,
      createdAt: outboxMail.createdAt,
      toAddress: outboxMail.toAddress,
      subject: outboxMail.subject,
      kind: outboxMail.kind,
      status: outboxMail.status,
      attempts: outboxMail.attempts,
      sentAt: outboxMail.sentAt,
      lastError: outboxMail.lastError,
      municipalityCode: outboxMail.municipalityCode,
    })
    .from(outboxMail)
    .where(where)
    .orderBy(desc(outboxMail.createdAt), desc(outboxMail.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  return { rows, total, page: current, pages, pageSize };
}

export async function getOutboxMail(db: Db, id: string) {
  if (!isUuid(id)) throw notFound();
  const [row] = await db.select().from(outboxMail).where(eq(outboxMail.id, id));
  if (!row) throw notFound('Mailen findes ikke.');
  return row;
}
