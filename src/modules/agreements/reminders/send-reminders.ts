import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { reminderSchedule, type ReminderSlot, sweepsDeadlinesFrom, upcomingSlots } from '../../../platform/reminders/schedule.ts';
import { type AgreementRecipient, agreementRecipients } from '../addressees.ts';
import type { AgreementRow } from '../load-agreement.ts';
import { agreementReminderText } from './text.ts';
import { agreement } from '../schema.ts';
import { loadStatuses, REMINDED, type StatusRow } from '../status.ts';
import { type DueSweep, remindDue, sweepDue } from '../../../platform/reminders/sweep.ts';
import { recordRound } from '../../../platform/reminders/record-round.ts';
import { agreementReminderLog } from './queries.ts';


export type RoundAgreement = Pick<AgreementRow, 'id' | 'title' | 'deadline' | 'audienceRoleKey' | 'audienceSolutionKey' | 'ccRoleKey'>;

/**
 * Who a reminder goes to: the holders of the audience role in the municipalities that have not
 * signed (not those in dialogue or with an upload awaiting review), one per e-mail address. Also
 * returns the statuses it was computed from, for the preview.
 */
export async function remindedRecipients(db: Db, a: RoundAgreement): Promise<{ recipients: AgreementRecipient[]; statuses: StatusRow[] }> {
  const statuses = await loadStatuses(db, { agreementIds: [a.id] });
  if (!a.audienceRoleKey) return { recipients: [], statuses };
  const codes = statuses.filter((s) => REMINDED.includes(s.status)).map((s) => s.municipalityCode);
  const audience = { roleKey: a.audienceRoleKey, solutionKey: a.audienceSolutionKey, ccRoleKey: a.ccRoleKey };
  const all = await agreementRecipients(db, audience, codes, { includeCc: false });
  const byEmail = new Map<string, AgreementRecipient>();
  for (const r of all) if (!byEmail.has(r.email.toLowerCase())) byEmail.set(r.email.toLowerCase(), r);
  return { recipients: [...byEmail.values()], statuses };
}

export type Round = {
  /** 'd-7@2025-04-22' or 'manual-<uuid>' */
  slot: string;
  manual: boolean;
};

/**
 * Sends one round in the caller's transaction: recordRound logs the recipients and answers those
 * not logged before, and only they get a mail (outbox row or digest line) in the same transaction,
 * so nobody is mailed twice. The outbox dedupe key `agreement-reminder:<agreement>:<slot>:<email>`
 * is a second, independent guard.
 */
export async function deliverRound(tx: Db, ctx: Ctx, a: RoundAgreement, round: Round): Promise<{ recipients: number; municipalities: number }> {
  const { recipients } = await remindedRecipients(tx, a);
  const reached = await recordRound(tx, ctx, agreementReminderLog, a.id, round, recipients);
  if (reached.length === 0) return { recipients: 0, municipalities: 0 };
  const text = agreementReminderText({ agreement: a, now: ctx.now, publicUrl: ctx.config.publicUrl });
  await notify(tx, ctx.now, reached, { ...text, kind: 'agreement-reminder', dedupeKey: `agreement-reminder:${a.id}:${round.slot}` });
  const municipalities = [...new Set(reached.map((r) => r.municipalityCode))].sort();
  await recordAudit(tx, ctx, {
    action: 'agreement.reminder_sent',
    entityType: 'agreement',
    entityId: a.id,
    after: { slot: round.slot, manual: round.manual, recipients: reached.map((r) => r.email.toLowerCase()), municipalities },
  });
  return { recipients: reached.length, municipalities: municipalities.length };
}

type ScheduleRow = Pick<AgreementRow, 'status' | 'deadline' | 'reminderOffsets' | 'lastDispatchedAt'>;

/** The schedule as it stands: nothing up to the Danish day of the last dispatch, which mailed everyone itself. */
const scheduleOf = (a: ScheduleRow & { deadline: string }, now: Date) =>
  reminderSchedule({ deadline: a.deadline, offsets: a.reminderOffsets, now, mailedAt: a.lastDispatchedAt });

/** Out for signature, its next reminder come (or never set), with a deadline not so long past that reminders are over. */
const due = (now: Date) =>
  and(eq(agreement.status, 'sent'), gte(agreement.deadline, sweepsDeadlinesFrom(now)), or(lte(agreement.nextReminderAt, now), isNull(agreement.nextReminderAt)));

/** The agreement side of the shared sweep: agreements out for signature, with a deadline, whose next reminder has come. */
const agreementSweep: DueSweep<AgreementRow> = {
  requestId: 'aftale-paamindelser',
  async dueIds(db, now, limit) {
    const rows = await db.select({ id: agreement.id }).from(agreement).where(due(now)).orderBy(asc(agreement.nextReminderAt)).limit(limit);
    return rows.map((r) => r.id);
  },
  async lockDue(tx, id, now) {
    const [a] = await tx
      .select()
      .from(agreement)
      .where(and(eq(agreement.id, id), due(now)))
      .for('update');
    return a ?? null;
  },
  schedule: (a, now) => scheduleOf(a, now),
  // Overdue slots go to the same addressees as the others.
  deliver: (tx, ctx, a, round) => deliverRound(tx, ctx, a, { slot: round.slot, manual: false }),
  async setNextReminderAt(tx, id, next) {
    await tx.update(agreement).set({ nextReminderAt: next }).where(eq(agreement.id, id));
  },
};

/**
 * The reminder sweep: every agreement out for signature with a deadline whose next_reminder_at has
 * come (or was never set) gets its current slot sent to the municipalities that have not signed,
 * then its next_reminder_at moved on. One transaction per agreement.
 */
export async function sendDueAgreementReminders(db: Db, now: Date, config: Config, opts: { limit?: number } = {}) {
  const r = await sweepDue(db, agreementSweep, now, config, opts.limit);
  return { agreements: r.reminded, recipients: r.recipients, failed: r.failed.map((f) => ({ agreementId: f.id, message: f.message })) };
}

/** One agreement of the sweep, in its own transaction; null when it was not due (or another worker got there first). */
export const remindAgreement = (db: Db, agreementId: string, now: Date, config: Config): Promise<number | null> =>
  remindDue(db, agreementSweep, agreementId, now, config);

/**
 * Recomputes an agreement's next_reminder_at after anything that moves its schedule: a dispatch, a
 * new deadline or offsets, closing or reopening. Call it in the transaction that makes the change,
 * after the change. Only slots after `now` (and after the day of the last dispatch) are scheduled,
 * so a change never fires reminders that were due before it.
 */
export async function scheduleNextAgreementReminder(tx: Db, agreementId: string, now: Date): Promise<Date | null> {
  const [a] = await tx
    .select({ status: agreement.status, deadline: agreement.deadline, reminderOffsets: agreement.reminderOffsets, lastDispatchedAt: agreement.lastDispatchedAt })
    .from(agreement)
    .where(eq(agreement.id, agreementId));
  if (!a) return null;
  const next = a.status === 'sent' && a.deadline ? scheduleOf({ ...a, deadline: a.deadline }, now).wakeAt : null;
  await tx.update(agreement).set({ nextReminderAt: next }).where(eq(agreement.id, agreementId));
  return next;
}

/** The automatic reminders an agreement has coming (for the reminder page): its next few slots. */
export function upcomingAgreementReminders(a: ScheduleRow, now: Date): ReminderSlot[] {
  if (a.status !== 'sent' || !a.deadline) return [];
  return upcomingSlots({ deadline: a.deadline, offsets: a.reminderOffsets, mailedAt: a.lastDispatchedAt }, now);
}
