import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { rolesWithPrimary } from '../../../db/reference/role-types.ts';
import { type Actor, isCentral } from '../../../platform/context.ts';
import { forbidden } from '../../../platform/errors.ts';
import { roleType, solution } from '../../../platform/identity/schema.ts';
import { canAuthor } from '../policy.ts';
import { taskVisibleTo } from '../policy.ts';
import { municipalityRefs } from './resolve-targets.ts';
import { project, task, taskDeadlineChange, taskFile, taskStep, taskTarget } from '../schema.ts';
import { byDanishName } from '../../../platform/views/format.ts';

/**
 * Read models for authoring: reference lists for the form, drafts, "Kommende opgaver", projects
 * and one task's full definition. Each runs a fixed number of queries whatever the row count.
 */

/** Creating tasks and projects is for central administrators and consultants (no task to load yet). */
export function authorizeAuthoring(actor: Actor): void {
  if (canAuthor(actor)) return;
  throw forbidden(
    isCentral(actor)
      ? 'Kun administratorer og konsulenter i KOMBIT kan oprette og ændre opgaver.'
      : 'Opgaver oprettes af KOMBIT. Kommunens egne opgaver oprettes som lokale opgaver.',
  );
}

/** Lists across all tasks (drafts, projects) are for the joint organisation's staff. */
export function authorizeCentralReading(actor: Actor): void {
  if (!isCentral(actor)) throw forbidden('Denne oversigt er forbeholdt KOMBIT.');
}

export async function authoringReference(db: Db) {
  const [municipalities, roleTypes, solutions, projects] = await Promise.all([
    municipalityRefs(db),
    db.select().from(roleType).where(eq(roleType.scope, 'municipal')).orderBy(asc(roleType.sort)),
    db.select({ key: solution.key, name: solution.name }).from(solution).orderBy(asc(solution.sort)),
    db.select({ id: project.id, key: project.key, name: project.name }).from(project).then((p) => p.sort(byDanishName)),
  ]);
  return { municipalities, roleTypes, solutions, projects, rolesWithPrimary };
}
export type AuthoringReference = Awaited<ReturnType<typeof authoringReference>>;

export async function listProjects(db: Db) {
  const rows = await db
    .select({
      id: project.id,
      key: project.key,
      name: project.name,
      description: project.description,
      solutionKey: project.solutionKey,
      solutionName: solution.name,
      createdAt: project.createdAt,
      taskCount: sql<number>`(select count(*)::int from ${task} where ${task.projectId} = ${project.id} and ${task.localMunicipalityCode} is null)`,
    })
    .from(project)
    .leftJoin(solution, eq(solution.key, project.solutionKey));
  return rows.sort(byDanishName);
}

const summaryColumns = {
  id: task.id,
  code: task.code,
  title: task.title,
  description: task.description,
  status: task.status,
  deadline: task.deadline,
  announceAt: task.announceAt,
  publishAt: task.publishAt,
  critical: task.critical,
  crossCutting: task.crossCutting,
  optional: task.optional,
  updatedAt: task.updatedAt,
  projectName: project.name,
  targetCount: sql<number>`(select count(*)::int from ${taskTarget} where ${taskTarget.taskId} = ${task.id})`,
  stepCount: sql<number>`(select count(*)::int from ${taskStep} where ${taskStep.taskId} = ${task.id})`,
};

/** The joint organisation's drafts, most recently changed first. */
export async function listDrafts(db: Db, actor: Actor) {
  return db
    .select(summaryColumns)
    .from(task)
    .leftJoin(project, eq(project.id, task.projectId))
    .where(and(eq(task.status, 'draft'), isNull(task.localMunicipalityCode), taskVisibleTo(actor)))
    .orderBy(desc(task.updatedAt));
}
export type TaskSummary = Awaited<ReturnType<typeof listDrafts>>[number];

/**
 * "Kommende opgaver": announced, not yet actionable, as far as the task policy lets the actor read
 * them (central staff: all of them; a municipal user: those addressed to their municipality).
 */
export async function listUpcoming(db: Db, actor: Actor): Promise<TaskSummary[]> {
  return db
    .select(summaryColumns)
    .from(task)
    .leftJoin(project, eq(project.id, task.projectId))
    .where(and(eq(task.status, 'announced'), isNull(task.localMunicipalityCode), taskVisibleTo(actor)))
    .orderBy(asc(task.deadline), asc(task.code));
}

/** Everything an author sees of one task: steps, addressed municipalities, deadline history, attachments. */
export async function getTaskDefinition(db: Db, taskId: string) {
  const [t] = await db
    .select({
      task,
      projectName: project.name,
      audienceRoleLabel: roleType.labelDa,
      audienceSolutionName: solution.name,
    })
    .from(task)
    .leftJoin(project, eq(project.id, task.projectId))
    .leftJoin(roleType, eq(roleType.key, task.audienceRoleKey))
    .leftJoin(solution, eq(solution.key, task.audienceSolutionKey))
    .where(eq(task.id, taskId));
  if (!t) return null;
  const [steps, targets, deadlineChanges, files] = await Promise.all([
    db.select().from(taskStep).where(eq(taskStep.taskId, taskId)).orderBy(asc(taskStep.position)),
    db.select({ code: taskTarget.municipalityCode }).from(taskTarget).where(eq(taskTarget.taskId, taskId)).orderBy(asc(taskTarget.municipalityCode)),
    db.select().from(taskDeadlineChange).where(eq(taskDeadlineChange.taskId, taskId)).orderBy(asc(taskDeadlineChange.changedAt), asc(taskDeadlineChange.id)),
    db
      .select({
        id: taskFile.id,
        municipalityCode: taskFile.municipalityCode,
        filename: taskFile.filename,
        contentType: taskFile.contentType,
        size: taskFile.size,
        uploadedAt: taskFile.uploadedAt,
      })
      .from(taskFile)
      .where(and(eq(taskFile.taskId, taskId), eq(taskFile.purpose, 'attachment')))
      .orderBy(asc(taskFile.municipalityCode), asc(taskFile.filename)),
  ]);
  return {
    ...t.task,
    projectName: t.projectName,
    audienceRoleLabel: t.audienceRoleLabel,
    audienceSolutionName: t.audienceSolutionName,
    steps,
    targetCodes: targets.map((r) => r.code),
    deadlineChanges,
    attachments: files,
  };
}
export type TaskDefinition = NonNullable<Awaited<ReturnType<typeof getTaskDefinition>>>;

/** "Systemansvarlig for Aula (kun den primære)" – who the task is for, in running text. */
export function audienceText(d: { audienceRoleLabel: string | null; audienceSolutionName: string | null; audiencePrimaryOnly: boolean }): string {
  if (!d.audienceRoleLabel) return '–';
  return `${d.audienceRoleLabel}${d.audienceSolutionName ? ` for ${d.audienceSolutionName}` : ''}${d.audiencePrimaryOnly ? ' (kun den primære)' : ''}`;
}
