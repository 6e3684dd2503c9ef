import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, isCentralAdmin } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { outboxMail } from '../../platform/outbox/schema.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';

/** Whether `authorizeOutbox` lets the actor in; the menu shows "Udgående post" by it. */
export const mayReadOutbox = (actor: Actor): boolean => isCentralAdmin(actor);

export function authorizeOutbox(actor: Actor) {
  if (!mayReadOutbox(actor)) throw forbidden('Udgående post er forbeholdt administratorer i KOMBIT.');
}

export async function listOutbox(db: Db, limit = 200) {
  return db
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
    .orderBy(desc(outboxMail.createdAt))
    .limit(limit);
}

export async function getOutboxMail(db: Db, id: string) {
  if (!isUuid(id)) throw notFound();
  const [row] = await db.select().from(outboxMail).where(eq(outboxMail.id, id));
  if (!row) throw notFound('Mailen findes ikke.');
  return row;
}

export const STATUS_DA: Record<string, string> = {
  pending: 'Venter',
  sending: 'Sendes',
  sent: 'Sendt',
  failed: 'Fejlet',
  uncertain: 'Usikker – kontrollér',
};
