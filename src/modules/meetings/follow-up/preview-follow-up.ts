import type { Actor, Ctx } from '../../../platform/context.ts';
import { danishDay } from '../../../platform/days.ts';
import { authorizeFollowUp, authorizeMeeting } from '../policy.ts';
import { followUpText } from './follow-up-text.ts';
import { loadFollowUpMeeting, type FollowUpMeeting } from './load-meeting.ts';
import { oneMunicipality, type MunicipalityName } from './municipalities.ts';
import { owedSections } from './owed.ts';
import { loadFollowUpRecipients } from './recipients.ts';
import { sentText, sentToMunicipality } from './sent-rows.ts';

export type PreviewRecipient = { personId: string; name: string; email: string; sentAt: Date | null };

export type FollowUpPreview = {
  meeting: FollowUpMeeting;
  municipality: MunicipalityName;
  /** The current program leaders, each with when they had the follow-up (null: the next send mails them). */
  recipients: PreviewRecipient[];
  subject: string;
  /** What a send now would mail, character for character. */
  text: string;
  /** What was mailed to the municipality's first recipient, as the outbox holds it. */
  sent: { at: Date; text: string | null } | null;
  /** Program leaders who had it and no longer hold the role, so the page still says who got it. */
  formerRecipients: { email: string; sentAt: Date }[];
};

/**
 * One municipality's follow-up as it will be sent: its program leaders, the subject and the text
 * (materials, recording, what it owes); and what it was sent already. Central staff see any
 * municipality's, a municipality's users only their own (another: 404).
 * Statements: meeting 2, municipality 1, recipients 1, sent rows 1, the sent text 1, and the owed
 * sections (tasks, agreements, compliance, economy: 1 each).
 */
export async function previewFollowUp(ctx: Ctx & { actor: Actor }, meetingId: string, code: string): Promise<FollowUpPreview> {
  authorizeMeeting(ctx.actor, 'read');
  authorizeFollowUp(ctx.actor, 'preview', code);
  return previewOfMeeting(ctx, await loadFollowUpMeeting(ctx.db, meetingId), code);
}

/** previewFollowUp for a meeting the caller has loaded, after the same checks. */
export async function previewOfMeeting(ctx: Ctx & { actor: Actor }, meeting: FollowUpMeeting, code: string): Promise<FollowUpPreview> {
  authorizeFollowUp(ctx.actor, 'preview', code);
  const municipality = await oneMunicipality(ctx.db, code);
  const today = danishDay(ctx.now);
  const leaders = await loadFollowUpRecipients(ctx.db, code);
  const sentRows = await sentToMunicipality(ctx.db, meeting.id, code);
  const sentAt = new Map(sentRows.map((r) => [r.personId, r.sentAt]));
  const sections = await owedSections(ctx, code, today);
  const { subject, text } = followUpText({ meeting, municipalityName: municipality.name, sections, today, publicUrl: ctx.config.publicUrl });
  const first = sentRows[0];
  const leaderIds = new Set(leaders.map((l) => l.personId));
  return {
    meeting,
    municipality,
    recipients: leaders.map((l) => ({ personId: l.personId, name: l.name, email: l.email, sentAt: sentAt.get(l.personId) ?? null })),
    subject,
    text,
    sent: first ? { at: first.sentAt, text: await sentText(ctx.db, meeting.id, code, first) } : null,
    formerRecipients: sentRows.filter((r) => !leaderIds.has(r.personId)).map((r) => ({ email: r.email, sentAt: r.sentAt })),
  };
}
