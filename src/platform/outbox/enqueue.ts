import type { Db } from '../../db/client.ts';
import { outboxMail } from './schema.ts';

export type NewMail = {
  to: string;
  cc?: string | null;
  subject: string;
  body: string;
  kind: string;
  municipalityCode?: string | null;
  /** Mails with the same key are the same mail: a repeated request queues nothing new. */
  dedupeKey?: string | null;
};

/** Queues a mail in the caller's transaction; the worker sends it only after that transaction commits. */
export function enqueueMail(tx: Db, mail: NewMail, now: Date): Promise<void> {
  return enqueueMails(tx, [mail], now);
}

/** The outbox row of a mail queued now. */
const row = (mail: NewMail, now: Date) => ({
  toAddress: mail.to,
  ccAddress: mail.cc ?? null,
  subject: mail.subject,
  body: mail.body,
  kind: mail.kind,
  municipalityCode: mail.municipalityCode ?? null,
  dedupeKey: mail.dedupeKey ?? null,
  createdAt: now,
  nextAttemptAt: now,
});

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters at nine a mail. */
const BATCH = 1000;

/**
 * enqueueMail for many mails at once (a follow-up to every municipality's program leaders): one
 * INSERT per thousand mails instead of one per mail; a dedupe key already queued is skipped alike.
 */
export async function enqueueMails(tx: Db, mails: readonly NewMail[], now: Date): Promise<void> {
  for (let i = 0; i < mails.length; i += BATCH) {
    await tx
      .insert(outboxMail)
      .values(mails.slice(i, i + BATCH).map((mail) => row(mail, now)))
      .onConflictDoNothing({ target: outboxMail.dedupeKey });
  }
}
