import { and, asc, count, eq, isNull, lte } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { AppError, conflict, invalid } from '../../../platform/errors.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { roleType, solution } from '../../../platform/identity/schema.ts';
import { taskRecipients } from '../addressees.ts';
import { audienceText } from './queries.ts';
import { loadTask, type TaskRow } from '../load-task.ts';
import { markdownToText } from '../markdown.ts';
import { scheduleNextReminder } from '../reminders/send-reminders.ts';
import { task, taskTarget, type TaskStatus } from '../schema.ts';
import { danishDay, formatDayLong, formatDeadline } from '../../../platform/views/format.ts';

/**
 * draft → announced → published → closed. Every change is a compare-and-set on the status under a
 * row lock, so a repeated or concurrent request finds the task already moved and does nothing:
 * no second audit entry, no second set of mails.
 */
export type StatusOutcome = {
  status: TaskStatus;
  /** false when the request found the task already where it asked it to go */
  changed: boolean;
  /** set when publishing waits for the task's publish date (the scheduler publishes it then) */
  scheduledFor: Date | null;
};

export const taskLink = (config: Pick<Config, 'publicUrl'>, taskId: string) => `${config.publicUrl}/opgaver/${taskId}`;

async function lockTask(tx: Db, taskId: string): Promise<TaskRow> {
  const [row] = await tx.select().from(task).where(eq(task.id, taskId)).for('update');
  if (!row) throw new AppError(404, 'not_found', 'Opgaven findes ikke.');
  return row;
}

/** UPDATE … WHERE status = expected; fails loudly if someone else moved the task in between. */
async function moveStatus(tx: Db, taskId: string, from: TaskStatus, set: Partial<typeof task.$inferInsert>): Promise<void> {
  const moved = await tx
    .update(task)
    .set(set)
    .where(and(eq(task.id, taskId), eq(task.status, from)))
    .returning({ id: task.id });
  if (moved.length === 0) throw conflict('Opgaven er netop blevet ændret af en anden. Genindlæs siden og prøv igen.');
}

async function assertHasTargets(tx: Db, taskId: string): Promise<void> {
  const [row] = await tx.select({ n: count() }).from(taskTarget).where(eq(taskTarget.taskId, taskId));
  if (!row || row.n === 0) throw invalid({ targets: 'Opgaven er ikke rettet til nogen kommuner' }, 'Vælg hvilke kommuner opgaven er til, før den annonceres eller publiceres.');
}

/** Shown under "Kommende opgaver" with title, expected deadline and description; nobody is mailed. */
export async function announceTask(ctx: Ctx & { actor: Actor }, taskId: string): Promise<StatusOutcome> {
  await loadTask(ctx.db, ctx.actor, taskId, 'author');
  return ctx.db.transaction(async (tx) => {
    const t = await lockTask(tx, taskId);
    if (t.status === 'announced') return { status: t.status, changed: false, scheduledFor: t.publishAt && t.publishAt > ctx.now ? t.publishAt : null };
    if (t.status !== 'draft') throw conflict(t.status === 'closed' ? 'Opgaven er lukket.' : 'Opgaven er allerede publiceret.');
    await announce(tx, ctx, t);
    return { status: 'announced', changed: true, scheduledFor: t.publishAt && t.publishAt > ctx.now ? t.publishAt : null };
  });
}

async function announce(tx: Db, ctx: Ctx, t: TaskRow): Promise<void> {
  await assertHasTargets(tx, t.id);
  // From now on the announce date records when it was announced (a draft's date was only a plan).
  const announceAt = ctx.now;
  await moveStatus(tx, t.id, 'draft', { status: 'announced', announceAt, updatedAt: ctx.now });
  await recordAudit(tx, ctx, {
    action: 'task.announced',
    entityType: 'task',
    entityId: t.id,
    before: { status: 'draft' },
    after: { status: 'announced', announceAt: announceAt.toISOString(), publishAt: t.publishAt?.toISOString() ?? null },
  });
}

/**
 * Publishes a draft or an announced task: the addressed municipalities can act on it and the
 * addressees are told (mail, or a line in their daily digest). With a publish date in the future
 * the task is announced now and the scheduler publishes it on that date (publishDueTasks).
 */
export async function publishTask(ctx: Ctx & { actor: Actor }, taskId: string): Promise<StatusOutcome> {
  await loadTask(ctx.db, ctx.actor, taskId, 'author');
  return ctx.db.transaction((tx) => publishLocked(tx, ctx, taskId));
}

async function publishLocked(tx: Db, ctx: Ctx, taskId: string): Promise<StatusOutcome> {
  const t = await lockTask(tx, taskId);
  if (t.status === 'published') return { status: t.status, changed: false, scheduledFor: null };
  if (t.status === 'closed') throw conflict('Opgaven er lukket og kan ikke publiceres igen.');
  if (t.publishAt && t.publishAt > ctx.now) {
    if (t.status === 'announced') return { status: t.status, changed: false, scheduledFor: t.publishAt };
    await announce(tx, ctx, t);
    return { status: 'announced', changed: true, scheduledFor: t.publishAt };
  }
  if (danishDay(ctx.now) > t.deadline) {
    throw invalid({ deadline: `Fristen ${formatDayLong(t.deadline)} er overskredet. Ændr fristen, før opgaven publiceres.` });
  }
  await assertHasTargets(tx, t.id);
  await moveStatus(tx, t.id, t.status, { status: 'published', publishedAt: ctx.now, updatedAt: ctx.now });
  await scheduleNextReminder(tx, t.id, ctx.now);
  await recordAudit(tx, ctx, {
    action: 'task.published',
    entityType: 'task',
    entityId: t.id,
    before: { status: t.status },
    after: { status: 'published', deadline: t.deadline },
  });
  const recipients = await taskRecipients(tx, t);
  const mail = await publishedMail(tx, ctx.config, t);
  await notify(tx, ctx.now, recipients, { ...mail, kind: 'task-published', dedupeKey: `task-published:${t.id}` });
  return { status: 'published', changed: true, scheduledFor: null };
}

/** The mail to the addressees when a task is published (plain text, Danish, with a deep link). */
export async function publishedMail(db: Db, config: Pick<Config, 'publicUrl'>, t: TaskRow): Promise<{ subject: string; body: string }> {
  const [audience] = await db
    .select({ audienceRoleLabel: roleType.labelDa, audienceSolutionName: solution.name })
    .from(roleType)
    .leftJoin(solution, eq(solution.key, t.audienceSolutionKey ?? ''))
    .where(eq(roleType.key, t.audienceRoleKey ?? ''));
  const kinds = [t.critical ? 'kritisk' : '', t.crossCutting ? 'tværgående' : ''].filter(Boolean);
  const lines = [
    `KOMBIT har publiceret en ny ${t.optional ? 'valgfri ' : ''}opgave til jeres kommune.`,
    '',
    `Opgave: ${t.code} – ${t.title}`,
    `Frist: ${formatDeadline(t.deadline)} (${formatDayLong(t.deadline)})`,
  ];
  if (audience) lines.push(`Til: ${audienceText({ ...audience, audiencePrimaryOnly: t.audiencePrimaryOnly })}`);
  if (kinds.length > 0) lines.push(`Opgaven er ${kinds.join(' og ')}.`);
  if (t.optional) lines.push('Opgaven er valgfri.');
  if (t.consequence.trim()) lines.push('', `Hvis opgaven ikke løses: ${markdownToText(t.consequence)}`);
  lines.push(
    '',
    `Se opgaven og svar her: ${taskLink(config, t.id)}`,
    '',
    'Du får denne mail, fordi du står i jeres rollegalleri i KLIK med den rolle, opgaven er rettet til.',
    `Vil du hellere have én samlet mail om dagen, kan du vælge det her: ${config.publicUrl}/profil/notifikationer`,
    '',
    'Med venlig hilsen',
    'KOMBIT',
  );
  return { subject: `Ny opgave: ${t.code} – ${t.title}`, body: lines.join('\n') };
}

/** Ends a published task. Nobody is mailed; the task stays readable as history. */
export async function closeTask(ctx: Ctx & { actor: Actor }, taskId: string): Promise<StatusOutcome> {
  await loadTask(ctx.db, ctx.actor, taskId, 'author');
  return ctx.db.transaction(async (tx) => {
    const t = await lockTask(tx, taskId);
    if (t.status === 'closed') return { status: t.status, changed: false, scheduledFor: null };
    if (t.status !== 'published') throw conflict('Kun publicerede opgaver kan lukkes.');
    await moveStatus(tx, t.id, 'published', { status: 'closed', closedAt: ctx.now, updatedAt: ctx.now });
    await scheduleNextReminder(tx, t.id, ctx.now);
    await recordAudit(tx, ctx, { action: 'task.closed', entityType: 'task', entityId: t.id, before: { status: 'published' }, after: { status: 'closed' } });
    return { status: 'closed', changed: true, scheduledFor: null };
  });
}

export type DueResult = { published: string[]; failed: { taskId: string; code: string; message: string }[] };

/**
 * For the scheduler: publishes announced tasks whose publish date has come, each in its own
 * transaction with the same logic as an author's publish (audited as 'system'). A task that cannot
 * be published (e.g. its deadline has passed) is reported and left for an author; the others go on.
 */
export async function publishDueTasks(db: Db, now: Date, config: Config): Promise<DueResult> {
  const due = await db
    .select({ id: task.id, code: task.code })
    .from(task)
    .where(and(eq(task.status, 'announced'), lte(task.publishAt, now), isNull(task.localMunicipalityCode)))
    .orderBy(asc(task.publishAt), asc(task.code));
  const result: DueResult = { published: [], failed: [] };
  for (const d of due) {
    const ctx: Ctx = { actor: null, db, now, requestId: `scheduler:publish:${now.toISOString()}`, config };
    try {
      const outcome = await db.transaction((tx) => publishLocked(tx, ctx, d.id));
      if (outcome.changed && outcome.status === 'published') result.published.push(d.id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ taskId: d.id, code: d.code, message: Object.values(error.fieldErrors)[0] ?? error.message });
    }
  }
  return result;
}
