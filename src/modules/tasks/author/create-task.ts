import { and, eq, isNull, ne } from 'drizzle-orm';
import type { ZodType } from 'zod';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, type FieldErrors } from '../../../platform/errors.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { authoringReference, authorizeAuthoring, type AuthoringReference } from './queries.ts';
import { createTaskInput, targetsInput, type CreateTaskInput, type StepInput, type UpdateTaskInput } from '../inputs.ts';
import { resolveTargets } from './resolve-targets.ts';
import { task, taskStep, taskTarget } from '../schema.ts';

/**
 * Parses a task definition and checks it against the reference data (roles, solutions, projects,
 * municipalities), collecting every field's error into one 422 so a form shows them all at once.
 * Returns the input with the resolved municipality codes.
 */
export function validateTaskDefinition<T extends CreateTaskInput | UpdateTaskInput>(
  schema: ZodType<T>,
  raw: unknown,
  ref: AuthoringReference,
): T & { targetCodes: string[] } {
  const errors: FieldErrors = {};
  const add = (key: string, message: string) => {
    errors[key] ??= message;
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) add(issue.path.join('.') || '_', issue.message);

  // The addressed municipalities are checked even when other fields fail, so all errors show together.
  let targetCodes: string[] = [];
  const rawTargets = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).targets : undefined;
  const targets = targetsInput.safeParse(rawTargets);
  if (targets.success) {
    const resolved = resolveTargets(ref.municipalities, targets.data);
    if ('errors' in resolved) for (const [k, v] of Object.entries(resolved.errors)) add(k, v);
    else targetCodes = resolved.codes;
  }

  if (parsed.success) {
    const input = parsed.data;
    const role = ref.roleTypes.find((r) => r.key === input.audienceRoleKey);
    const knownSolution = (key: string | undefined) => key === undefined || ref.solutions.some((s) => s.key === key);
    if (!role) {
      add('audienceRoleKey', 'Vælg en af kommunernes roller');
    } else if (role.perSolution) {
      if (!input.audienceSolutionKey) add('audienceSolutionKey', `Vælg hvilken løsning opgaven er til ${role.labelDa.toLowerCase()} for`);
      else if (!knownSolution(input.audienceSolutionKey)) add('audienceSolutionKey', 'Vælg en løsning fra listen');
    } else if (input.audienceSolutionKey) {
      add('audienceSolutionKey', `Rollen ${role.labelDa} gælder hele kommunen og har ingen løsning`);
    }
    if (input.audiencePrimaryOnly && role && !ref.rolesWithPrimary.includes(role.key)) {
      add('audiencePrimaryOnly', `Kun systemansvarlige har en primær; rollen ${role.labelDa} har ikke`);
    }
    if (!knownSolution(input.solutionKey)) add('solutionKey', 'Vælg en løsning fra listen');
    if (input.projectId && !ref.projects.some((p) => p.id === input.projectId)) add('projectId', 'Vælg et projekt fra listen');
  }
  if (Object.keys(errors).length > 0 || !parsed.success) throw invalid(errors);
  return { ...parsed.data, targetCodes };
}

export const codeTaken = (code: string) =>
  conflict(`Der findes allerede en opgave med koden ${code}.`, { code: `Koden ${code} er allerede brugt af en anden opgave` });

/** The code must be unique among the joint organisation's tasks (also enforced by task_central_code). */
export async function assertCodeFree(tx: Db, code: string, exceptTaskId?: string): Promise<void> {
  const where = [eq(task.code, code), isNull(task.localMunicipalityCode)];
  if (exceptTaskId) where.push(ne(task.id, exceptTaskId));
  const [taken] = await tx.select({ id: task.id }).from(task).where(and(...where));
  if (taken) throw codeTaken(code);
}

export function stepRows(taskId: string, steps: StepInput[]) {
  return steps.map((s, i) => ({
    taskId,
    position: i + 1,
    title: s.title,
    instructions: s.instructions,
    answerKind: s.answerKind,
    answerLabel: s.answerLabel,
    answerPattern: s.answerKind === 'identifier' ? (s.answerPattern ?? null) : null,
    answerHint: s.answerHint,
  }));
}

/** The addressed municipalities are stored from the start; task.status keeps drafts from municipalities. */
export async function insertTargets(tx: Db, taskId: string, codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  await tx
    .insert(taskTarget)
    .values(codes.map((municipalityCode) => ({ taskId, municipalityCode })))
    .onConflictDoNothing();
}

/** The task columns an author sets (the same for a new draft and an edit). */
export function taskColumns(input: CreateTaskInput | UpdateTaskInput) {
  return {
    code: input.code,
    title: input.title,
    description: input.description,
    consequence: input.consequence,
    projectId: input.projectId ?? null,
    // A task for system owners of a solution is about that solution unless the author says otherwise.
    solutionKey: input.solutionKey ?? input.audienceSolutionKey ?? null,
    audienceRoleKey: input.audienceRoleKey,
    audienceSolutionKey: input.audienceSolutionKey ?? null,
    audiencePrimaryOnly: input.audiencePrimaryOnly,
    critical: input.critical,
    crossCutting: input.crossCutting,
    optional: input.optional,
    announceAt: input.announceAt ?? null,
    publishAt: input.publishAt ?? null,
  };
}

/** Creates a draft: the task, its steps and its addressed municipalities, audited in one transaction. */
export async function createTask(ctx: Ctx & { actor: Actor }, raw: unknown): Promise<{ id: string }> {
  authorizeAuthoring(ctx.actor);
  const ref = await authoringReference(ctx.db);
  const input = validateTaskDefinition(createTaskInput, raw, ref);
  try {
    return await ctx.db.transaction(async (tx) => {
      await assertCodeFree(tx, input.code);
      const [created] = await tx
        .insert(task)
        .values({ ...taskColumns(input), deadline: input.deadline, status: 'draft', createdBy: ctx.actor.userId, createdAt: ctx.now, updatedAt: ctx.now })
        .returning({ id: task.id });
      const id = created!.id;
      await tx.insert(taskStep).values(stepRows(id, input.steps));
      await insertTargets(tx, id, input.targetCodes);
      await recordAudit(tx, ctx, {
        action: 'task.created',
        entityType: 'task',
        entityId: id,
        after: { code: input.code, title: input.title, status: 'draft', deadline: input.deadline, steps: input.steps.length, municipalities: input.targetCodes.length },
      });
      return { id };
    });
  } catch (error) {
    // Two authors saving the same code at once: the unique index decides, the loser gets the field error.
    if (isUniqueViolation(error, 'task_central_code')) throw codeTaken(input.code);
    throw error;
  }
}
