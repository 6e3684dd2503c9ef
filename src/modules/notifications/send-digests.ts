import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { pendingNotification } from '../../platform/notify/schema.ts';
import { outboxMail } from '../../platform/outbox/schema.ts';
import { person, userAccount } from '../../platform/identity/schema.ts';
import { danishTime } from '../../platform/days.ts';
import { danishDay } from '../../platform/views/format.ts';

/** The digest goes out at 07:00 Danish time with what arrived before then. */
export const DIGEST_HOUR = 7;
export const DIGEST_SUBJECT = 'Dagens oversigt fra Samspil';
/** Users handled per run; the rest follow a minute later. */
const USERS_PER_RUN = 500;

export const digestKey = (userId: string, day: string) => `digest:${userId}:${day}`;

/**
 * The daily digest for users who chose it over single mails. From 07:00 Danish time each day, every
 * user with notifications from before 07:00 that were not yet digested gets one mail listing them;
 * the mail is queued and the notifications marked digested in one transaction.
 *
 * Once a day per user: the outbox dedupe key digest:<user>:<day> allows one digest mail per Danish
 * day, a user who already has today's digest is not picked again (notifications arriving after
 * 07:00 wait for tomorrow's), and a second worker waits on the row locks of the notifications and
 * then finds them digested. Should the insert still meet today's key, nothing is marked: the
 * notifications go into tomorrow's digest rather than being lost.
 */
export async function sendDigests(db: Db, now: Date, config: Pick<Config, 'publicUrl'>) {
  const day = danishDay(now);
  const cutoff = danishTime(day, DIGEST_HOUR);
  if (now < cutoff) return { users: 0, notifications: 0 };
  const users = await db
    .selectDistinct({ userId: pendingNotification.userId })
    .from(pendingNotification)
    .where(
      and(
        isNull(pendingNotification.digestedAt),
        lt(pendingNotification.createdAt, cutoff),
        sql`not exists (select 1 from ${outboxMail} where ${outboxMail.dedupeKey} = 'digest:' || ${pendingNotification.userId} || ${`:${day}`})`,
      ),
    )
    .limit(USERS_PER_RUN);
  let sent = 0;
  let notifications = 0;
  for (const u of users) {
    const n = await digestUser(db, u.userId, { day, cutoff, now, publicUrl: config.publicUrl });
    if (n > 0) {
      sent++;
      notifications += n;
    }
  }
  return { users: sent, notifications };
}

async function digestUser(db: Db, userId: string, p: { day: string; cutoff: Date; now: Date; publicUrl: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const items = await tx
      .select({ id: pendingNotification.id, subject: pendingNotification.subject, body: pendingNotification.body, createdAt: pendingNotification.createdAt })
      .from(pendingNotification)
      .where(and(eq(pendingNotification.userId, userId), isNull(pendingNotification.digestedAt), lt(pendingNotification.createdAt, p.cutoff)))
      .orderBy(asc(pendingNotification.createdAt))
      .for('update');
    if (items.length === 0) return 0;
    const [who] = await tx
      .select({ email: userAccount.email, disabled: userAccount.disabled, name: person.name, active: person.active, municipalityCode: person.municipalityCode })
      .from(userAccount)
      .innerJoin(person, eq(person.id, userAccount.personId))
      .where(eq(userAccount.id, userId));
    const ids = items.map((i) => i.id);
    const markDigested = () => tx.update(pendingNotification).set({ digestedAt: p.now }).where(inArray(pendingNotification.id, ids));
    // Someone who left (account disabled, person deactivated) gets no mail; their backlog is dropped.
    if (!who || who.disabled || !who.active) {
      await markDigested();
      return 0;
    }
    const [queued] = await tx
      .insert(outboxMail)
      .values({
        toAddress: who.email,
        subject: DIGEST_SUBJECT,
        body: digestBody(who.name, items, p.publicUrl),
        kind: 'digest',
        municipalityCode: who.municipalityCode,
        dedupeKey: digestKey(userId, p.day),
        createdAt: p.now,
        nextAttemptAt: p.now,
      })
      .onConflictDoNothing({ target: outboxMail.dedupeKey })
      .returning({ id: outboxMail.id });
    if (!queued) return 0;
    await markDigested();
    return items.length;
  });
}

/** Each notification without its own greeting and signature, numbered, in the order they came. */
export function digestBody(name: string, items: { subject: string; body: string }[], publicUrl: string): string {
  const entries = items.map((item, i) => {
    const body = item.body
      .replace(/^Hej[^\n]*\n+/, '')
      .replace(/\n+(Med )?venlig hilsen\n[^\n]*\s*$/i, '')
      .trim();
    return `${i + 1}. ${item.subject}\n\n${body}`;
  });
  return [
    `Hej ${name}`,
    '',
    items.length === 1 ? 'Her er dagens oversigt fra Samspil med 1 besked:' : `Her er dagens oversigt fra Samspil med ${items.length} beskeder:`,
    '',
    entries.join('\n\n――――――――――\n\n'),
    '',
    'Du får én daglig oversigt i stedet for enkeltvise mails, fordi du har valgt det. Du kan ændre det her:',
    `${publicUrl}/profil/notifikationer`,
    '',
    'Med venlig hilsen',
    'KOMBIT',
  ].join('\n');
}
