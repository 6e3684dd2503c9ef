import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import { conflict, parseInput } from '../../../platform/errors.ts';
import { inTargetTx, loadTargetTask, refreshTargetStatus, type ActorCtx } from '../refresh-target-status.ts';
import { taskTarget } from '../schema.ts';

export const notRelevantInput = z.object({
  reason: z
    .string({ message: 'Skriv hvorfor opgaven ikke er relevant for kommunen' })
    .transform((s) => s.replace(/\r\n/g, '\n').trim())
    .pipe(z.string().min(1, 'Skriv hvorfor opgaven ikke er relevant for kommunen').max(2000, 'Begrundelsen må højst være 2.000 tegn')),
});

const onlyOptional = () => conflict('Kun valgfrie opgaver kan markeres som ikke relevante.');

/** An optional task is marked "ikke relevant" for the municipality, with a reason. The same reason again is a no-op. */
export async function markNotRelevant(ctx: ActorCtx, taskId: string, municipalityCode: string, raw: unknown) {
  const t = await loadTargetTask(ctx, taskId, municipalityCode, 'act');
  if (!t.optional) throw onlyOptional();
  const input = parseInput(notRelevantInput, raw);
  return inTargetTx(ctx, t, municipalityCode, { requireOpen: true }, async (tx, target) => {
    if (target.notRelevantReason === input.reason) return { changed: false, status: target.status };
    await tx
      .update(taskTarget)
      .set({ notRelevantReason: input.reason })
      .where(and(eq(taskTarget.taskId, t.id), eq(taskTarget.municipalityCode, municipalityCode)));
    await recordAudit(tx, ctx, {
      action: 'task.marked_not_relevant',
      entityType: 'task',
      entityId: t.id,
      municipalityCode,
      before: { status: target.status, reason: target.notRelevantReason },
      after: { reason: input.reason },
    });
    const status = await refreshTargetStatus(tx, { ...target, notRelevantReason: input.reason }, ctx.now, { municipalActivity: true });
    return { changed: true, status };
  });
}

/** Undoes "ikke relevant": the status is derived from the answers again. A no-op when not marked. */
export async function markRelevant(ctx: ActorCtx, taskId: string, municipalityCode: string) {
  const t = await loadTargetTask(ctx, taskId, municipalityCode, 'act');
  if (!t.optional) throw onlyOptional();
  return inTargetTx(ctx, t, municipalityCode, { requireOpen: true }, async (tx, target) => {
    if (target.notRelevantReason === null) return { changed: false, status: target.status };
    await tx
      .update(taskTarget)
      .set({ notRelevantReason: null })
      .where(and(eq(taskTarget.taskId, t.id), eq(taskTarget.municipalityCode, municipalityCode)));
    await recordAudit(tx, ctx, {
      action: 'task.marked_relevant',
      entityType: 'task',
      entityId: t.id,
      municipalityCode,
      before: { reason: target.notRelevantReason },
    });
    const status = await refreshTargetStatus(tx, { ...target, notRelevantReason: null }, ctx.now, { municipalActivity: true });
    return { changed: true, status };
  });
}
