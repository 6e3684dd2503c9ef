import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, parseInput } from '../../../platform/errors.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { taskRecipients } from '../addressees.ts';
import { taskLink } from './change-task-status.ts';
import { deadlineInput } from '../inputs.ts';
import { loadTask } from '../load-task.ts';
import { task, taskDeadlineChange } from '../schema.ts';
import { scheduleNextReminder } from '../reminders/send-reminders.ts';
import { danishDay, formatDateLong, formatDayLong, formatDeadline } from '../../../platform/views/format.ts';

export type DeadlineOutcome = { changed: boolean; deadline: string; changeId: string | null };

/**
 * Moves a task's deadline, keeping the history with the reason ("30.05.2025 → 18.06.2025").
 * For a published task the addressees of the municipalities still working on it (not solved, not
 * marked not relevant) are told, by mail or in their digest. Asking for the deadline the task
 * already has changes nothing.
 */
export async function changeDeadline(ctx: Ctx & { actor: Actor }, taskId: string, raw: unknown): Promise<DeadlineOutcome> {
  const current = await loadTask(ctx.db, ctx.actor, taskId, 'author');
  if (current.status === 'closed') throw conflict('Opgaven er lukket; fristen kan ikke længere ændres.');
  const input = parseInput(deadlineInput, raw);
  if (input.deadline === current.deadline) return { changed: false, deadline: current.deadline, changeId: null };
  if (input.deadline < danishDay(ctx.now)) throw invalid({ deadline: 'Den nye frist kan ikke ligge før i dag' });

  return ctx.db.transaction(async (tx) => {
    const [t] = await tx.select().from(task).where(eq(task.id, taskId)).for('update');
    if (!t || t.status === 'closed') throw conflict('Opgaven er lukket; fristen kan ikke længere ændres.');
    if (t.deadline === input.deadline) return { changed: false, deadline: t.deadline, changeId: null };
    if (t.status !== 'published' && t.publishAt && danishDay(t.publishAt) > input.deadline) {
      throw invalid({ deadline: `Fristen kan ikke ligge før publiceringsdatoen ${formatDateLong(t.publishAt)}` });
    }
    const moved = await tx
      .update(task)
      .set({ deadline: input.deadline, updatedAt: ctx.now })
      .where(and(eq(task.id, taskId), eq(task.deadline, t.deadline)))
      .returning({ id: task.id });
    if (moved.length === 0) throw conflict('Fristen er netop blevet ændret af en anden. Genindlæs siden og prøv igen.');
    const [change] = await tx
      .insert(taskDeadlineChange)
      .values({ taskId, fromDeadline: t.deadline, toDeadline: input.deadline, reason: input.reason, changedBy: ctx.actor.userId, changedAt: ctx.now })
      .returning({ id: taskDeadlineChange.id });
    // The reminders follow the new deadline (only slots after now are scheduled).
    await scheduleNextReminder(tx, taskId, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'task.deadline_changed',
      entityType: 'task',
      entityId: taskId,
      before: { deadline: t.deadline },
      after: { deadline: input.deadline, reason: input.reason },
    });
    if (t.status === 'published') {
      const recipients = await taskRecipients(tx, t, { statuses: ['ikke_startet', 'i_gang'] });
      const body = [
        `Fristen for opgaven ${t.code} – ${t.title} er ændret.`,
        '',
        `Fristen er ændret fra ${formatDayLong(t.deadline)} til ${formatDayLong(input.deadline)}. Begrundelse: ${input.reason}`,
        '',
        `Ny frist: ${formatDayLong(input.deadline)}.`,
        '',
        `Se opgaven her: ${taskLink(ctx.config, taskId)}`,
        '',
        'Med venlig hilsen',
        'KOMBIT',
      ].join('\n');
      await notify(tx, ctx.now, recipients, {
        subject: `Ny frist for ${t.code} – ${t.title}: ${formatDeadline(input.deadline)}`,
        body,
        kind: 'task-deadline-changed',
        dedupeKey: `task-deadline:${taskId}:${change!.id}`,
      });
    }
    return { changed: true, deadline: input.deadline, changeId: change!.id };
  });
}
