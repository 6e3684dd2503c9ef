import { aliasedTable, and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { municipality, person, solution, userAccount } from '../../platform/identity/schema.ts';
import type { TaskRow } from './load-task.ts';
import { project, stepAnswer, task, taskDeadlineChange, taskFile, taskMessage, taskStep, taskTarget } from './schema.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { byDanishName } from '../../platform/views/format.ts';

/**
 * Read models for one task as one municipality sees it (its own page, the central page for that
 * municipality, the API). A fixed number of queries whatever the number of steps, files or messages.
 */

export type StepView = Awaited<ReturnType<typeof loadSteps>>[number];
export type TargetView = NonNullable<Awaited<ReturnType<typeof getTargetView>>>;
export type FileView = TargetView['files'][number];
export type PersonOption = { id: string; name: string; title: string };

const responsible = aliasedTable(person, 'responsible');
const executor = aliasedTable(person, 'executor');
const answeredByPerson = aliasedTable(person, 'answered_by_person');

async function loadSteps(db: Db, taskId: string, code: string) {
  const rows = await db
    .select({
      id: taskStep.id,
      position: taskStep.position,
      title: taskStep.title,
      instructions: taskStep.instructions,
      answerKind: taskStep.answerKind,
      answerLabel: taskStep.answerLabel,
      answerPattern: taskStep.answerPattern,
      answerHint: taskStep.answerHint,
      value: stepAnswer.value,
      fileId: stepAnswer.fileId,
      completed: stepAnswer.completed,
      answeredAt: stepAnswer.answeredAt,
      answeredByName: answeredByPerson.name,
    })
    .from(taskStep)
    .leftJoin(stepAnswer, and(eq(stepAnswer.stepId, taskStep.id), eq(stepAnswer.municipalityCode, code)))
    .leftJoin(userAccount, eq(userAccount.id, stepAnswer.answeredBy))
    .leftJoin(answeredByPerson, eq(answeredByPerson.id, userAccount.personId))
    .where(eq(taskStep.taskId, taskId))
    .orderBy(asc(taskStep.position));
  return rows.map(({ value, fileId, completed, answeredAt, answeredByName, ...s }) => ({
    ...s,
    answer: answeredAt ? { value, fileId, completed: completed ?? false, answeredAt, answeredByName } : null,
  }));
}

/** Everything the municipality's task page shows, for one addressed municipality; null if not addressed. */
export async function getTargetView(db: Db, t: TaskRow, code: string) {
  // One after the other: inside a transaction a single connection must not get overlapping queries.
  const [target] = await db
    .select({
      status: taskTarget.status,
      notRelevantReason: taskTarget.notRelevantReason,
      solvedAt: taskTarget.solvedAt,
      lastActivityAt: taskTarget.lastActivityAt,
      responsiblePersonId: taskTarget.responsiblePersonId,
      responsibleName: responsible.name,
      executorPersonId: taskTarget.executorPersonId,
      executorName: executor.name,
      municipalityName: municipality.name,
      projectKey: project.key,
      projectName: project.name,
      solutionName: solution.name,
    })
    .from(taskTarget)
    .innerJoin(municipality, eq(municipality.code, taskTarget.municipalityCode))
    .innerJoin(task, eq(task.id, taskTarget.taskId))
    .leftJoin(project, eq(project.id, task.projectId))
    .leftJoin(solution, eq(solution.key, task.solutionKey))
    .leftJoin(responsible, eq(responsible.id, taskTarget.responsiblePersonId))
    .leftJoin(executor, eq(executor.id, taskTarget.executorPersonId))
    .where(and(eq(taskTarget.taskId, t.id), eq(taskTarget.municipalityCode, code)));
  if (!target) return null;
  const steps = await loadSteps(db, t.id, code);
  const deadlineChanges = await db
    .select({
      fromDeadline: taskDeadlineChange.fromDeadline,
      toDeadline: taskDeadlineChange.toDeadline,
      reason: taskDeadlineChange.reason,
      changedAt: taskDeadlineChange.changedAt,
    })
    .from(taskDeadlineChange)
    .where(eq(taskDeadlineChange.taskId, t.id))
    .orderBy(asc(taskDeadlineChange.changedAt));
  const files = await db
    .select({
      id: taskFile.id,
      municipalityCode: taskFile.municipalityCode,
      purpose: taskFile.purpose,
      filename: taskFile.filename,
      contentType: taskFile.contentType,
      size: taskFile.size,
      uploadedAt: taskFile.uploadedAt,
    })
    .from(taskFile)
    .where(and(eq(taskFile.taskId, t.id), or(isNull(taskFile.municipalityCode), eq(taskFile.municipalityCode, code))))
    .orderBy(asc(taskFile.uploadedAt));
  const messages = await db
    .select({
      id: taskMessage.id,
      authorName: taskMessage.authorName,
      fromCentral: taskMessage.fromCentral,
      body: taskMessage.body,
      createdAt: taskMessage.createdAt,
    })
    .from(taskMessage)
    .where(and(eq(taskMessage.taskId, t.id), eq(taskMessage.municipalityCode, code)))
    .orderBy(asc(taskMessage.createdAt), asc(taskMessage.id));
  return {
    task: t,
    municipalityCode: code,
    ...target,
    steps,
    deadlineChanges,
    attachments: files.filter((f) => f.purpose === 'attachment'),
    files,
    messages,
  };
}

/** The municipality's active people, for the responsible/executor selects. */
export async function activePeople(db: Db, code: string): Promise<PersonOption[]> {
  const people = await db
    .select({ id: person.id, name: person.name, title: person.title })
    .from(person)
    .where(and(eq(person.municipalityCode, code), eq(person.active, true)));
  return people.sort(byDanishName);
}

/** A file of the task, with its content; the caller decides whether the actor may have it. */
export async function findTaskFile(db: Db, taskId: string, fileId: string) {
  if (!isUuid(fileId)) return null;
  const [row] = await db
    .select()
    .from(taskFile)
    .where(and(eq(taskFile.id, fileId), eq(taskFile.taskId, taskId)));
  return row ?? null;
}
