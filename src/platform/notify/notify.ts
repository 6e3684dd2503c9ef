import type { Db } from '../../db/client.ts';
import { enqueueMail } from '../outbox/enqueue.ts';
import { outboxMail } from '../outbox/schema.ts';
import { pendingNotification } from './schema.ts';

export type NotifyRecipient = {
  email: string;
  userId: string | null;
  digestMode: string | null;
  municipalityCode: string | null;
};

export type Notification = {
  subject: string;
  body: string;
  kind: string;
  /** Makes the notification idempotent per recipient: the same key and e-mail queue one mail. */
  dedupeKey: string;
};

/**
 * Tells people something, in the caller's transaction: a mail in the outbox, or, for users who
 * chose the daily digest, a line in tomorrow morning's digest.
 */
export async function notify(tx: Db, now: Date, recipients: NotifyRecipient[], n: Notification): Promise<void> {
  const seen = new Set<string>();
  for (const r of recipients) {
    const email = r.email.toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    if (r.userId && r.digestMode === 'daily') {
      await tx.insert(pendingNotification).values({ userId: r.userId, subject: n.subject, body: n.body, createdAt: now });
    } else {
      await enqueueMail(
        tx,
        { to: r.email, subject: n.subject, body: n.body, kind: n.kind, municipalityCode: r.municipalityCode, dedupeKey: `${n.dedupeKey}:${email}` },
        now,
      );
    }
  }
}

/**
 * The same as `notify` for many notifications at once (a publication to every municipality): each
 * item its own recipients and text, queued with a fixed number of statements however many there
 * are, so one request does not run a statement per recipient.
 */
export async function notifyEach(tx: Db, now: Date, items: { recipient: NotifyRecipient; notification: Notification }[]): Promise<void> {
  const seen = new Set<string>();
  const digest: (typeof pendingNotification.$inferInsert)[] = [];
  const mails: (typeof outboxMail.$inferInsert)[] = [];
  for (const { recipient: r, notification: n } of items) {
    const email = r.email.toLowerCase();
    const dedupeKey = `${n.dedupeKey}:${email}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    if (r.userId && r.digestMode === 'daily') digest.push({ userId: r.userId, subject: n.subject, body: n.body, createdAt: now });
    else mails.push({ toAddress: r.email, subject: n.subject, body: n.body, kind: n.kind, municipalityCode: r.municipalityCode, dedupeKey, createdAt: now, nextAttemptAt: now });
  }
  if (digest.length > 0) await tx.insert(pendingNotification).values(digest);
  if (mails.length > 0) await tx.insert(outboxMail).values(mails).onConflictDoNothing({ target: outboxMail.dedupeKey });
}
