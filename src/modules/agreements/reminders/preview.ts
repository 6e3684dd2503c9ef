import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { type Actor, type Ctx, isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { reminderRounds, type ReminderLog } from '../../../platform/reminders/history.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { loadAgreement } from '../load-agreement.ts';
import { agreementReminderText } from './text.ts';
import { agreementReminder } from '../schema.ts';
import { remindedRecipients } from './send-reminders.ts';
import { type MunicipalStatus, OUTSTANDING, REMINDED } from '../status.ts';
import type { ReminderRound } from '../../../platform/reminders/views.tsx';

/**
 * Reminders are a tool of central editors. Municipal users get 404 (they may not even learn the
 * page exists); central staff who only read agreements get 403.
 */
export async function loadReminderAgreement(ctx: Ctx & { actor: Actor }, agreementId: string) {
  if (!isCentral(ctx.actor)) throw notFound('Aftalen findes ikke.');
  return loadAgreement(ctx.db, ctx.actor, agreementId, 'manage');
}

export type PreviewRecipient = { municipalityCode: string; municipalityName: string; name: string; email: string };

export type AgreementReminderPreview = {
  /** Generated per preview and posted back, so a double click sends one round. */
  roundId: string;
  /** Reminders can be sent for agreements out for signature only. */
  open: boolean;
  subject: string;
  body: string;
  recipients: PreviewRecipient[];
  /** Every municipality that has not signed, with how many of its people get the reminder (0 = nobody holds the role). */
  municipalities: { code: string; name: string; status: MunicipalStatus; recipients: number }[];
  /** Outstanding, but not reminded: in dialogue with central staff. Also those whose upload awaits review. */
  notReminded: { code: string; name: string; status: MunicipalStatus }[];
};

/**
 * What "send reminder" would do now: exactly the people deliverRound would mail (holders of the
 * audience role in municipalities that have not signed) and the exact text.
 */
export async function previewAgreementReminder(ctx: Ctx & { actor: Actor }, agreementId: string) {
  const a = await loadReminderAgreement(ctx, agreementId);
  const open = a.status === 'sent';
  const text = agreementReminderText({ agreement: a, now: ctx.now, publicUrl: ctx.config.publicUrl });
  const preview: AgreementReminderPreview = { roundId: randomUUID(), open, ...text, recipients: [], municipalities: [], notReminded: [] };
  if (!open) return { agreement: a, preview };
  const { recipients, statuses } = await remindedRecipients(ctx.db, a);
  const nameOf = new Map(statuses.map((s) => [s.municipalityCode, s.municipalityName]));
  preview.recipients = recipients
    .map((r) => ({ municipalityCode: r.municipalityCode, municipalityName: nameOf.get(r.municipalityCode) ?? r.municipalityCode, name: r.name, email: r.email }))
    .sort((x, y) => danishCompare(x.municipalityName, y.municipalityName) || danishCompare(x.name, y.name));
  const counts = new Map<string, number>();
  for (const r of recipients) counts.set(r.municipalityCode, (counts.get(r.municipalityCode) ?? 0) + 1);
  // loadStatuses returns the rows in Danish order already.
  preview.municipalities = statuses
    .filter((s) => REMINDED.includes(s.status))
    .map((s) => ({ code: s.municipalityCode, name: s.municipalityName, status: s.status, recipients: counts.get(s.municipalityCode) ?? 0 }));
  preview.notReminded = statuses
    .filter((s) => !REMINDED.includes(s.status) && (OUTSTANDING.includes(s.status) || s.status === 'pending'))
    .map((s) => ({ code: s.municipalityCode, name: s.municipalityName, status: s.status }));
  return { agreement: a, preview };
}

export type AgreementReminderRound = ReminderRound;

const agreementReminderLog: ReminderLog = {
  table: agreementReminder,
  owner: agreementReminder.agreementId,
  slot: agreementReminder.slot,
  manual: agreementReminder.manual,
  sentAt: agreementReminder.sentAt,
  sentBy: agreementReminder.sentBy,
  municipalityCode: agreementReminder.municipalityCode,
};

/** The agreement's reminder history: one line per round (slot), newest first. */
export const agreementReminderHistory = (db: Db, agreementId: string): Promise<AgreementReminderRound[]> =>
  reminderRounds(db, agreementReminderLog, agreementId);
