import type { Db } from '../../db/client.ts';
import { enqueueMail } from '../outbox/enqueue.ts';
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
