import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { loadActor } from '../../platform/auth/load-actor.ts';
import { userAccount } from '../../platform/identity/schema.ts';
import { danishDay, danishTime } from '../../platform/days.ts';
import { outboxMail } from '../../platform/outbox/schema.ts';
import { DEMO_ECONOMY_PUBLICATIONS } from './demo.ts';
import { publishDocuments } from './documents/publish-documents.ts';

/**
 * The demo's published documents, made by the publishing use case itself (frozen content, the lock
 * on the year's prices, the mails), on the day of the history. Only what has happened by `now` is
 * published. The mails of that history were sent long ago: they are marked sent on the day, so the
 * outbox does not try to deliver a year-old notice when the demo server starts.
 */
export async function publishDemoEconomy(db: Db, config: Config, now: Date): Promise<void> {
  const today = danishDay(now);
  for (const p of DEMO_ECONOMY_PUBLICATIONS) {
    if (p.publishedOn > today) continue;
    const [account] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, p.by));
    const actor = account ? await loadActor(db, account.id) : null;
    if (!actor) throw new Error(`the demo's economy consultant ${p.by} is missing`);
    const at = danishTime(p.publishedOn, 10);
    const result = await publishDocuments({ actor, db, now: at, requestId: `demo-${p.kind}-${p.year}`, config }, p.year, p.kind);
    if (result.alreadyPublished) continue;
    await db
      .update(outboxMail)
      .set({ status: 'sent', sentAt: at, nextAttemptAt: at })
      .where(and(eq(outboxMail.status, 'pending'), eq(outboxMail.kind, 'economy-document'), eq(outboxMail.createdAt, at)));
  }
}
