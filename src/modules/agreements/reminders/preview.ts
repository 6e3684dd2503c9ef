import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { type Actor, type Ctx, isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { offsetLabel, parseStoredSlot } from '../../../platform/reminders/schedule.ts';
import { danishCompare, formatDayLong } from '../../../platform/views/format.ts';
import { person, userAccount } from '../../../platform/identity/schema.ts';
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

/** An agreement has a few dozen rounds at most; the cap only guards the page. */
const MAX_ROUNDS = 200;

/** The agreement's reminder history: one line per round (slot), newest first. */
export async function agreementReminderHistory(db: Db, agreementId: string): Promise<AgreementReminderRound[]> {
  const rows = await db
    .select({
      slot: agreementReminder.slot,
      manual: agreementReminder.manual,
      sentAt: sql<Date>`min(${agreementReminder.sentAt})`.mapWith(agreementReminder.sentAt),
      sentByName: sql<string | null>`max(${person.name})`,
      recipients: sql<number>`count(*)`.mapWith(Number),
      municipalities: sql<number>`count(distinct ${agreementReminder.municipalityCode})`.mapWith(Number),
    })
    .from(agreementReminder)
    .leftJoin(userAccount, eq(userAccount.id, agreementReminder.sentBy))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .where(eq(agreementReminder.agreementId, agreementId))
    .groupBy(agreementReminder.slot, agreementReminder.manual)
    .orderBy(desc(sql`min(${agreementReminder.sentAt})`), agreementReminder.slot)
    .limit(MAX_ROUNDS);
  return rows.map((r) => ({ ...r, label: roundLabel(r.slot, r.manual) }));
}

export function roundLabel(slot: string, manual: boolean): string {
  const parsed = parseStoredSlot(slot);
  if (manual || parsed?.manual) return 'Manuel påmindelse';
  if (!parsed) return `Automatisk: ${slot}`;
  return `Automatisk: ${offsetLabel(parsed.offset)} (frist ${formatDayLong(parsed.deadline)})`;
}
