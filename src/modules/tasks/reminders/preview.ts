import { byDanishName } from '../central/queries.ts';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Actor, type Ctx, isCentral } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { loadTask } from '../load-task.ts';
import { reminderText } from './text.ts';
import { MISSING, missingRecipients } from './send-reminders.ts';
import { taskTarget, type TargetStatus } from '../schema.ts';

/**
 * Reminders are a tool of the task's authors in the joint organisation. Municipal users get 404
 * (they may not even learn the page exists); central staff who only read tasks get 403.
 */
export async function loadReminderTask(ctx: Ctx & { actor: Actor }, taskId: string) {
  if (!isCentral(ctx.actor)) throw notFound('Opgaven findes ikke.');
  return loadTask(ctx.db, ctx.actor, taskId, 'author');
}

export type PreviewRecipient = {
  municipalityCode: string;
  municipalityName: string;
  status: TargetStatus;
  name: string;
  email: string;
};

export type ReminderPreview = {
  /** Generated per preview and posted back, so a double click sends one round. */
  roundId: string;
  /** Reminders can be sent for published tasks only. */
  open: boolean;
  subject: string;
  body: string;
  recipients: PreviewRecipient[];
  /** Every missing municipality, with how many of its people get the reminder (0 = nobody holds the role). */
  municipalities: { code: string; name: string; status: TargetStatus; recipients: number }[];
};

/**
 * What "send reminder to the missing" would do now: exactly the people deliverRound would mail
 * (addressees in municipalities whose status is ikke startet or i gang) and the exact text.
 */
export async function previewManualReminder(ctx: Ctx & { actor: Actor }, taskId: string) {
  const t = await loadReminderTask(ctx, taskId);
  const open = t.status === 'published';
  const text = reminderText({ task: t, now: ctx.now, publicUrl: ctx.config.publicUrl });
  const preview: ReminderPreview = { roundId: randomUUID(), open, ...text, recipients: [], municipalities: [] };
  if (!open) return { task: t, preview };
  const [people, missing] = await Promise.all([
    missingRecipients(ctx.db, t, { includeProgramLeaders: false }),
    ctx.db
      .select({ code: taskTarget.municipalityCode, name: municipality.name, status: taskTarget.status })
      .from(taskTarget)
      .innerJoin(municipality, eq(municipality.code, taskTarget.municipalityCode))
      .where(and(eq(taskTarget.taskId, t.id), inArray(taskTarget.status, MISSING)))
      .orderBy(asc(municipality.name)),
  ]);
  const byCode = new Map(missing.map((m) => [m.code, m]));
  preview.recipients = people
    .map((p) => ({ municipalityCode: p.municipalityCode, municipalityName: byCode.get(p.municipalityCode)?.name ?? p.municipalityCode, status: byCode.get(p.municipalityCode)?.status ?? 'ikke_startet', name: p.name, email: p.email }))
    .sort((a, b) => a.municipalityName.localeCompare(b.municipalityName, 'da') || a.name.localeCompare(b.name, 'da'));
  const counts = new Map<string, number>();
  for (const p of people) counts.set(p.municipalityCode, (counts.get(p.municipalityCode) ?? 0) + 1);
  // Danish order (Aarhus after Ærø), as on the overview; the database's collation may not know it.
  preview.municipalities = missing.map((m) => ({ ...m, recipients: counts.get(m.code) ?? 0 })).sort(byDanishName);
  return { task: t, preview };
}
