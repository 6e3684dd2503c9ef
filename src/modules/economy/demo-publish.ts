import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { rawRows, type Db } from '../../db/client.ts';
import { loadActor } from '../../platform/auth/load-actor.ts';
import { userAccount } from '../../platform/identity/schema.ts';
import { danishDay, danishTime } from '../../platform/days.ts';
import { outboxMail } from '../../platform/outbox/schema.ts';
import { DEMO_ECONOMY_PUBLICATIONS } from './demo.ts';
import { publishDocuments } from './documents/publish-documents.ts';

/** The municipality the demo's stories follow. */
const FAXE = '0320';

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
  await markHistoryOpened(db, now);
}

/**
 * A municipality opens its documents within days of getting them, so in the demo everything
 * published more than 30 days ago has been opened three days after publishing, except Faxe's
 * newest document: Faxe's IT chief and økonomikontakt still have it waiting on their front page.
 */
async function markHistoryOpened(db: Db, now: Date): Promise<void> {
  await rawRows(
    db,
    sql`update economy_document d set first_opened_at = p.published_at + interval '3 days'
        from economy_publication p
        where p.year = d.year and p.kind = d.kind and d.first_opened_at is null
          and p.published_at < ${new Date(now.getTime() - 30 * 86_400_000).toISOString()}::timestamptz
          and not (d.municipality_code = ${FAXE} and (d.year, d.kind) = (select year, kind from economy_publication order by published_at desc limit 1))`,
  );
}
