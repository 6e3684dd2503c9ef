import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { isCentral } from '../../../platform/context.ts';
import { forbidden, parseInput } from '../../../platform/errors.ts';
import { notify, type NotifyRecipient } from '../../../platform/notify/notify.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { inTargetTx, loadTargetTask, refreshTargetStatus, type ActorCtx } from '../refresh-target-status.ts';
import { taskMessage } from '../schema.ts';

export const postMessageInput = z.object({
  body: z
    .string({ message: 'Skriv en besked' })
    .transform((s) => s.replace(/\r\n/g, '\n').trim())
    .pipe(z.string().min(1, 'Skriv en besked').max(5000, 'Beskeden må højst være 5.000 tegn')),
});

/** The municipality's responsible person for the task, or else its program leaders. */
async function replyRecipients(tx: Db, municipalityCode: string, responsiblePersonId: string | null): Promise<NotifyRecipient[]> {
  const columns = { email: person.email, userId: userAccount.id, digestMode: userAccount.digestMode };
  if (responsiblePersonId) {
    const rows = await tx
      .select(columns)
      .from(person)
      .leftJoin(userAccount, and(eq(userAccount.personId, person.id), eq(userAccount.disabled, false)))
      .where(and(eq(person.id, responsiblePersonId), eq(person.active, true)));
    if (rows.length > 0) return rows.map((r) => ({ ...r, municipalityCode }));
  }
  const leaders = await tx
    .selectDistinct(columns)
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .leftJoin(userAccount, and(eq(userAccount.personId, person.id), eq(userAccount.disabled, false)))
    .where(
      and(
        eq(roleAssignment.municipalityCode, municipalityCode),
        eq(roleAssignment.roleTypeKey, 'programleder'),
        isNull(roleAssignment.removedAt),
        eq(person.active, true),
      ),
    );
  return leaders.map((r) => ({ ...r, municipalityCode }));
}

/**
 * A message in the thread of (task, municipality). Municipal users ask (the task must be open for
 * them, as for any answer); any central staff member who can read the task replies, and the reply
 * is mailed to the municipality's responsible person for the task (or its program leaders when
 * nobody is responsible). A municipality's question mails nobody centrally: it shows on the
 * central overview. The same text posted again by the same person right after is a no-op.
 */
export async function postMessage(ctx: ActorCtx, taskId: string, municipalityCode: string, raw: unknown) {
  const fromCentral = isCentral(ctx.actor);
  const t = await loadTargetTask(ctx, taskId, municipalityCode, fromCentral ? 'read' : 'act');
  // A draft has not reached the municipality: a reply would mail them about a task they cannot see.
  if (fromCentral && t.status === 'draft') throw forbidden('Opgaven er en kladde og er ikke sendt til kommunen endnu.');
  const input = parseInput(postMessageInput, raw);
  return inTargetTx(ctx, t, municipalityCode, { requireOpen: !fromCentral }, async (tx, target) => {
    const [last] = await tx
      .select()
      .from(taskMessage)
      .where(and(eq(taskMessage.taskId, t.id), eq(taskMessage.municipalityCode, municipalityCode)))
      .orderBy(desc(taskMessage.createdAt), desc(taskMessage.id))
      .limit(1);
    if (last && last.authorUserId === ctx.actor.userId && last.body === input.body) return { changed: false, message: last };

    const [message] = await tx
      .insert(taskMessage)
      .values({
        taskId: t.id,
        municipalityCode,
        authorUserId: ctx.actor.userId,
        authorName: ctx.actor.name,
        fromCentral,
        body: input.body,
        createdAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'task.message_posted',
      entityType: 'task',
      entityId: t.id,
      municipalityCode,
      after: { messageId: message!.id, fromCentral, body: input.body },
    });
    await refreshTargetStatus(tx, target, ctx.now, { municipalActivity: !fromCentral });

    if (fromCentral) {
      const recipients = await replyRecipients(tx, municipalityCode, target.responsiblePersonId);
      await notify(tx, ctx.now, recipients, {
        subject: `Svar fra KOMBIT om opgaven ${t.code}`,
        body:
          `${ctx.actor.name} fra KOMBIT har svaret i tråden om opgaven "${t.title}" (${t.code}):\n\n` +
          `${input.body}\n\nSe tråden og svar: ${ctx.config.publicUrl}/opgaver/${t.id}#beskeder\n`,
        kind: 'task.message_reply',
        dedupeKey: `task-message:${message!.id}`,
      });
    }
    return { changed: true, message: message! };
  });
}
