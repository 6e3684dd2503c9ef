import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { danishDay } from '../../../platform/days.ts';
import { conflict } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity, storedAnswer } from '../../../platform/idempotency/claim-request.ts';
import { enqueueMails, type NewMail } from '../../../platform/outbox/enqueue.ts';
import { authorizeFollowUp } from '../policy.ts';
import { meetingFollowUp } from '../schema.ts';
import { followUpText } from './follow-up-text.ts';
import { hasStarted } from '../meeting-row.ts';
import { loadFollowUpMeeting } from './load-meeting.ts';
import { allMunicipalities } from './municipalities.ts';
import { owedSections } from './owed.ts';
import { loadFollowUpRecipients, recipientKey, type FollowUpRecipient } from './recipients.ts';
import { followUpDedupeKey, sentRecipients } from './sent-rows.ts';

export type SendResult = { meetingId: string; recipients: number; municipalities: number };

/** The outbox's kind for these mails. */
export const FOLLOW_UP_MAIL_KIND = 'meeting.follow_up';

/**
 * Sends the meeting's follow-up to the program leaders of all 98 municipalities who have not had it.
 *
 * The texts are made first, outside the transaction (each municipality's owed sections: a fixed
 * number of statements per municipality, and only for municipalities with someone still to mail).
 * Then one transaction: the request key (a double click answers the first click's result), one
 * INSERT … ON CONFLICT DO NOTHING RETURNING of a row per recipient, the mails of exactly the rows
 * that insert returned (one batched INSERT into the outbox), one audit row. The row's primary key
 * (meeting, municipality, person) is what makes it once per recipient: a second send, a second worker or a retry
 * after a restart inserts nothing for those already there, so it queues nothing for them; a
 * concurrent twin waits on the key until the first commits. Rows go in in one order (by key), so
 * two such sends cannot deadlock.
 */
export async function sendFollowUp(ctx: Ctx & { actor: Actor }, meetingId: string, clientKey?: string): Promise<SendResult> {
  authorizeFollowUp(ctx.actor, 'send');
  const meeting = await loadFollowUpMeeting(ctx.db, meetingId);
  if (!hasStarted(meeting, ctx.now)) {
    throw conflict('Mødet er ikke begyndt endnu. Opfølgningen kan først sendes, når mødet er holdt.');
  }
  const identity = requestIdentity('meeting-follow-up', ctx.actor.userId, clientKey, { meetingId: meeting.id });
  // A repeated click gives the first answer without building 98 summaries again.
  const repeated = await storedAnswer<SendResult>(ctx.db, identity, ctx.now);
  if (repeated) return repeated;

  const already = await sentRecipients(ctx.db, meeting.id);
  const pending = (await loadFollowUpRecipients(ctx.db)).filter((r) => !already.has(recipientKey(r.municipalityCode, r.personId)));
  const byCode = new Map<string, FollowUpRecipient[]>();
  for (const r of pending) byCode.set(r.municipalityCode, [...(byCode.get(r.municipalityCode) ?? []), r]);
  const names = new Map((byCode.size > 0 ? await allMunicipalities(ctx.db) : []).map((m) => [m.code, m.name]));
  const today = danishDay(ctx.now);
  const texts = new Map<string, { subject: string; text: string }>();
  for (const code of [...byCode.keys()].sort()) {
    const sections = await owedSections(ctx, code, today);
    texts.set(code, followUpText({ meeting, municipalityName: names.get(code) ?? code, sections, today, publicUrl: ctx.config.publicUrl }));
  }
  const rows = pending
    .filter((r) => texts.has(r.municipalityCode))
    .sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode) || a.personId.localeCompare(b.personId))
    .map((r) => ({
      meetingId: meeting.id,
      personId: r.personId,
      municipalityCode: r.municipalityCode,
      email: r.email,
      subject: texts.get(r.municipalityCode)!.subject,
      sentAt: ctx.now,
      sentBy: ctx.actor.userId,
    }));

  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<SendResult>(tx, identity, ctx.now);
    if (first) return first;
    const inserted =
      rows.length === 0
        ? []
        : await tx
            .insert(meetingFollowUp)
            .values(rows)
            .onConflictDoNothing({ target: [meetingFollowUp.meetingId, meetingFollowUp.municipalityCode, meetingFollowUp.personId] })
            .returning({ personId: meetingFollowUp.personId, municipalityCode: meetingFollowUp.municipalityCode, email: meetingFollowUp.email });
    const mails: NewMail[] = inserted.map((r) => {
      const t = texts.get(r.municipalityCode)!;
      return { to: r.email, subject: t.subject, body: t.text, kind: FOLLOW_UP_MAIL_KIND, municipalityCode: r.municipalityCode, dedupeKey: followUpDedupeKey(meeting.id, r.municipalityCode, r.personId) };
    });
    await enqueueMails(tx, mails, ctx.now);
    const result: SendResult = { meetingId: meeting.id, recipients: inserted.length, municipalities: new Set(inserted.map((r) => r.municipalityCode)).size };
    if (inserted.length > 0) {
      await recordAudit(tx, ctx, {
        action: 'meeting.follow_up_sent',
        entityType: 'meeting',
        entityId: meeting.id,
        after: { title: meeting.title, recipients: result.recipients, municipalities: result.municipalities },
      });
    }
    return answerRequest(tx, identity, result);
  });
}
