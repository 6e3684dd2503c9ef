import { and, asc, count, countDistinct, eq, min } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { outboxMail } from '../../../platform/outbox/schema.ts';
import { meetingRowsVisibleTo } from '../policy.ts';
import { meetingFollowUp } from '../schema.ts';
import { recipientKey } from './recipients.ts';

export type FollowUpStatus = { sentAt: Date | null; recipients: number; municipalities: number };

/** The outbox key of one recipient's follow-up: the same key twice queues one mail. */
export const followUpDedupeKey = (meetingId: string, code: string, personId: string) => `meeting-follow-up:${meetingId}:${code}:${personId}`;

/**
 * When the follow-up was first sent and to how many, as far as the actor may see: central staff the
 * whole meeting, a municipality its own rows. One statement.
 */
export async function followUpStatus(db: Db, actor: Actor, meetingId: string): Promise<FollowUpStatus> {
  const [r] = await db
    .select({ sentAt: min(meetingFollowUp.sentAt), recipients: count(), municipalities: countDistinct(meetingFollowUp.municipalityCode) })
    .from(meetingFollowUp)
    .where(and(eq(meetingFollowUp.meetingId, meetingId), meetingRowsVisibleTo(actor, meetingFollowUp.municipalityCode)));
  return { sentAt: r?.sentAt ? new Date(r.sentAt) : null, recipients: Number(r?.recipients ?? 0), municipalities: Number(r?.municipalities ?? 0) };
}

export type SentRow = { personId: string; email: string; subject: string; sentAt: Date };

/** Who in the municipality has had the follow-up of the meeting, first sent first. One statement. */
export function sentToMunicipality(db: Db, meetingId: string, code: string): Promise<SentRow[]> {
  return db
    .select({ personId: meetingFollowUp.personId, email: meetingFollowUp.email, subject: meetingFollowUp.subject, sentAt: meetingFollowUp.sentAt })
    .from(meetingFollowUp)
    .where(and(eq(meetingFollowUp.meetingId, meetingId), eq(meetingFollowUp.municipalityCode, code)))
    .orderBy(asc(meetingFollowUp.sentAt), asc(meetingFollowUp.personId));
}

/** The text the municipality's first recipient was sent, as the outbox holds it (null when it is gone). One statement. */
export async function sentText(db: Db, meetingId: string, code: string, first: SentRow | undefined): Promise<string | null> {
  if (!first) return null;
  const [m] = await db
    .select({ body: outboxMail.body })
    .from(outboxMail)
    .where(eq(outboxMail.dedupeKey, followUpDedupeKey(meetingId, code, first.personId)))
    .limit(1);
  return m?.body ?? null;
}

/** Every recipient (recipientKey: municipality and person) who has had the meeting's follow-up. One statement. */
export async function sentRecipients(db: Db, meetingId: string): Promise<Set<string>> {
  const rows = await db.select({ code: meetingFollowUp.municipalityCode, personId: meetingFollowUp.personId }).from(meetingFollowUp).where(eq(meetingFollowUp.meetingId, meetingId));
  return new Set(rows.map((r) => recipientKey(r.code, r.personId)));
}

