import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, parseInput } from '../../../platform/errors.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { authoringReference } from './queries.ts';
import { assertCodeFree, codeTaken, insertTargets, stepRows, taskColumns, validateTaskDefinition } from './create-task.ts';
import { clarifyTaskInput, updateTaskInput } from '../inputs.ts';
import { loadTask } from '../load-task.ts';
import { task, taskStep, taskTarget } from '../schema.ts';

const changedAnywhere = () => conflict('Opgaven er netop blevet ændret af en anden. Genindlæs siden og prøv igen.');

type Outcome = { changed: boolean };

/**
 * Edits a task. A draft or an announced task changes in full (steps and addressed municipalities
 * are replaced); the deadline of an announced task changes only through changeDeadline, which
 * keeps the history. Once published, code, steps and everything else are locked; only the
 * description can change, to add clarifications. Saving without changes writes nothing.
 */
export async function updateTask(ctx: Ctx & { actor: Actor }, taskId: string, raw: unknown): Promise<Outcome> {
  const current = await loadTask(ctx.db, ctx.actor, taskId, 'author');
  if (current.status === 'closed') throw conflict('Opgaven er lukket og kan ikke længere ændres.');
  if (current.status === 'published') return clarify(ctx, current, raw);

  const ref = await authoringReference(ctx.db);
  const input = validateTaskDefinition(updateTaskInput, raw, ref);
  const deadline = input.deadline ?? current.deadline;
  if (deadline !== current.deadline && current.status !== 'draft') {
    throw invalid({ deadline: 'Fristen på en annonceret opgave ændres med "Ændr frist", så ændringen og begrundelsen gemmes' });
  }
  // Once announced, the announce date records when that happened; the form cannot move it.
  const columns = { ...taskColumns(input), deadline, ...(current.status === 'draft' ? {} : { announceAt: current.announceAt }) };

  try {
    return await ctx.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(task).where(eq(task.id, taskId)).for('update');
      if (!locked || locked.status !== current.status) throw changedAnywhere();
      const steps = await tx.select().from(taskStep).where(eq(taskStep.taskId, taskId)).orderBy(taskStep.position);
      const targets = (await tx.select({ code: taskTarget.municipalityCode }).from(taskTarget).where(eq(taskTarget.taskId, taskId))).map((r) => r.code);

      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(columns)) {
        const old = locked[key as keyof typeof locked];
        const same = old instanceof Date || value instanceof Date ? (old as Date | null)?.getTime() === (value as Date | null)?.getTime() : old === value;
        if (!same) {
          before[key] = old;
          after[key] = value;
        }
      }
      const newSteps = stepRows(taskId, input.steps);
      const stepKey = (s: (typeof newSteps)[number]) =>
        JSON.stringify([s.position, s.title, s.instructions, s.answerKind, s.answerLabel, s.answerPattern, s.answerHint]);
      const stepsChanged = JSON.stringify(steps.map(stepKey)) !== JSON.stringify(newSteps.map(stepKey));
      if (stepsChanged) {
        before.steps = steps.length;
        after.steps = newSteps.length;
      }
      const added = input.targetCodes.filter((c) => !targets.includes(c));
      const removed = targets.filter((c) => !input.targetCodes.includes(c));
      if (added.length + removed.length > 0) {
        before.municipalities = targets.length;
        after.municipalities = input.targetCodes.length;
      }
      if (Object.keys(after).length === 0) return { changed: false };

      if ('code' in after) await assertCodeFree(tx, input.code, taskId);
      const updated = await tx
        .update(task)
        .set({ ...columns, updatedAt: ctx.now })
        .where(and(eq(task.id, taskId), eq(task.status, locked.status)))
        .returning({ id: task.id });
      if (updated.length === 0) throw changedAnywhere();
      if (stepsChanged) {
        // Nobody can answer before publishing, so a draft's or an announced task's steps have no answers yet.
        await tx.delete(taskStep).where(eq(taskStep.taskId, taskId));
        await tx.insert(taskStep).values(newSteps);
      }
      if (removed.length > 0) {
        await tx.delete(taskTarget).where(and(eq(taskTarget.taskId, taskId), inArray(taskTarget.municipalityCode, removed)));
      }
      await insertTargets(tx, taskId, added);
      await recordAudit(tx, ctx, { action: 'task.updated', entityType: 'task', entityId: taskId, before, after });
      return { changed: true };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'task_central_code')) throw codeTaken(input.code);
    throw error;
  }
}

/** A published task: only the description changes (clarifications), compare-and-set on status. */
async function clarify(ctx: Ctx & { actor: Actor }, current: { id: string; description: string }, raw: unknown): Promise<Outcome> {
  const input = parseInput(clarifyTaskInput, raw);
  if (input.description === current.description) return { changed: false };
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: task.status, description: task.description }).from(task).where(eq(task.id, current.id)).for('update');
    if (!locked || locked.status !== 'published') throw changedAnywhere();
    if (locked.description === input.description) return { changed: false };
    await tx
      .update(task)
      .set({ description: input.description, updatedAt: ctx.now })
      .where(and(eq(task.id, current.id), eq(task.status, 'published')));
    await recordAudit(tx, ctx, {
      action: 'task.updated',
      entityType: 'task',
      entityId: current.id,
      before: { description: locked.description },
      after: { description: input.description },
    });
    return { changed: true };
  });
}
