import { and, asc, eq, ilike, inArray, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { municipality, person, solution, userAccount } from '../../../platform/identity/schema.ts';
import type { TaskRow } from '../load-task.ts';
import { canAuthor } from '../policy.ts';
import { targetVisibleTo, taskVisibleTo } from '../policy.ts';
import {
  project,
  stepAnswer,
  task,
  taskDeadlineChange,
  taskFile,
  taskStatuses,
  taskStep,
  taskTarget,
  type AnswerKind,
  type TargetStatus,
  type TaskStatus,
} from '../schema.ts';
import { isOverdue } from '../status.ts';
import { municipalTaskColumns } from '../task-columns.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';

/**
 * Read models of the central side (dashboard, a task's overview, a municipality's tasks). Each runs
 * a fixed number of statements whatever the number of tasks, municipalities or answers: rows come
 * from one join, answers of a task from one query pivoted here, counts from one grouped query.
 */

export const PAGE_SIZE = 100;

/** Not solved and not excused: what "mangler" means on every central page. */
export const MISSING_STATUSES: TargetStatus[] = ['ikke_startet', 'i_gang'];
export const isMissing = (s: TargetStatus) => MISSING_STATUSES.includes(s);

import { byDanishName, danishDay, danishList, formatDayLong, formatDeadline } from '../../../platform/views/format.ts';
import { containsPattern } from '../../../platform/like-pattern.ts';

// ---------------------------------------------------------------- counts

export type TargetCounts = {
  addressed: number;
  ikke_startet: number;
  i_gang: number;
  loest: number;
  ikke_relevant: number;
  /** neither solved nor not relevant */
  missing: number;
};

const emptyCounts = (): TargetCounts => ({ addressed: 0, ikke_startet: 0, i_gang: 0, loest: 0, ikke_relevant: 0, missing: 0 });

/** Per task and status, one grouped query over task_target (always run, so the count of statements is fixed). */
export async function targetCounts(db: Db, taskIds: string[]): Promise<Map<string, TargetCounts>> {
  const rows = await db
    .select({ taskId: taskTarget.taskId, status: taskTarget.status, n: sql<number>`count(*)::int` })
    .from(taskTarget)
    .where(taskIds.length > 0 ? inArray(taskTarget.taskId, taskIds) : sql`false`)
    .groupBy(taskTarget.taskId, taskTarget.status);
  const byTask = new Map<string, TargetCounts>();
  for (const r of rows) {
    const c = byTask.get(r.taskId) ?? emptyCounts();
    const n = Number(r.n);
    c[r.status] += n;
    c.addressed += n;
    if (isMissing(r.status)) c.missing += n;
    byTask.set(r.taskId, c);
  }
  return byTask;
}

// ---------------------------------------------------------------- dashboard and task list

export type TaskListFilters = {
  status: TaskStatus | null;
  projectId: string | null;
  solutionKey: string | null;
  q: string;
  page: number;
};

/** Reads filters from a query string (page or API); unknown values are ignored rather than refused. */
export function parseTaskListFilters(q: Record<string, unknown>, actor: Actor): TaskListFilters {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
  const status = str(q.status);
  const page = Number.parseInt(str(q.side ?? q.page), 10);
  return {
    // Drafts are work in progress of the authors; other central staff see what has gone out.
    status: (taskStatuses as readonly string[]).includes(status) && (status !== 'draft' || canAuthor(actor)) ? (status as TaskStatus) : null,
    projectId: isUuid(str(q.projekt ?? q.project)) ? str(q.projekt ?? q.project) : null,
    solutionKey: str(q.loesning ?? q.solution) || null,
    q: str(q.q).slice(0, 200),
    page: Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

const taskListColumns = {
  id: task.id,
  code: task.code,
  title: task.title,
  status: task.status,
  deadline: task.deadline,
  critical: task.critical,
  crossCutting: task.crossCutting,
  optional: task.optional,
  projectId: task.projectId,
  projectName: project.name,
  solutionKey: task.solutionKey,
};

export type TaskListItem = {
  id: string;
  code: string;
  title: string;
  status: TaskStatus;
  deadline: string;
  critical: boolean;
  crossCutting: boolean;
  optional: boolean;
  projectId: string | null;
  projectName: string | null;
  solutionKey: string | null;
  counts: TargetCounts;
  /** the deadline has passed in Denmark and somebody is still missing */
  overdue: boolean;
};

const withCounts = (rows: Omit<TaskListItem, 'counts' | 'overdue'>[], counts: Map<string, TargetCounts>, today: string): TaskListItem[] =>
  rows.map((r) => {
    const c = counts.get(r.id) ?? emptyCounts();
    return { ...r, counts: c, overdue: r.status === 'published' && c.missing > 0 && today > r.deadline };
  });

/** The filtered list of central tasks, PAGE_SIZE per page, and how many match (two statements). */
async function taskPage(db: Db, actor: Actor, f: TaskListFilters) {
  const conds: (SQL | undefined)[] = [isNull(task.localMunicipalityCode), taskVisibleTo(actor)];
  if (f.status) conds.push(eq(task.status, f.status));
  else if (!canAuthor(actor)) conds.push(ne(task.status, 'draft'));
  if (f.projectId) conds.push(eq(task.projectId, f.projectId));
  if (f.solutionKey) conds.push(eq(task.solutionKey, f.solutionKey));
  if (f.q) conds.push(or(ilike(task.code, containsPattern(f.q)), ilike(task.title, containsPattern(f.q))));
  const where = and(...conds);
  const rows = await db
    .select(taskListColumns)
    .from(task)
    .leftJoin(project, eq(project.id, task.projectId))
    .where(where)
    .orderBy(
      sql`case ${task.status} when 'published' then 0 when 'announced' then 1 when 'draft' then 2 else 3 end`,
      asc(task.deadline),
      asc(task.code),
    )
    .limit(PAGE_SIZE)
    .offset((f.page - 1) * PAGE_SIZE);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(task).where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

/**
 * The dashboard: open critical or cross-cutting tasks with how many are missing, and the filtered
 * list of all tasks. Six statements: the open critical ones, the page and its total, their counts, projects, solutions.
 */
export async function dashboard(db: Db, actor: Actor, f: TaskListFilters, now: Date) {
  const today = danishDay(now);
  const critical = await db
    .select(taskListColumns)
    .from(task)
    .leftJoin(project, eq(project.id, task.projectId))
    .where(and(eq(task.status, 'published'), isNull(task.localMunicipalityCode), taskVisibleTo(actor), or(eq(task.critical, true), eq(task.crossCutting, true))))
    .orderBy(asc(task.deadline), asc(task.code))
    .limit(PAGE_SIZE + 1);
  const page = await taskPage(db, actor, f);
  const counts = await targetCounts(db, [...new Set([...critical.slice(0, PAGE_SIZE), ...page.rows].map((r) => r.id))]);
  const projects = (await db.select({ id: project.id, name: project.name }).from(project)).sort(byDanishName);
  const solutions = await db.select({ key: solution.key, name: solution.name }).from(solution).orderBy(asc(solution.sort), asc(solution.key));
  return {
    critical: withCounts(critical.slice(0, PAGE_SIZE), counts, today),
    moreCritical: critical.length > PAGE_SIZE,
    tasks: withCounts(page.rows, counts, today),
    total: page.total,
    projects,
    solutions,
  };
}

/** The API's task list: the page of tasks with counts (three statements). */
export async function listTasks(db: Db, actor: Actor, f: TaskListFilters, now: Date) {
  const page = await taskPage(db, actor, f);
  const counts = await targetCounts(db, page.rows.map((r) => r.id));
  return { tasks: withCounts(page.rows, counts, danishDay(now)), total: page.total };
}

// ---------------------------------------------------------------- a task's overview

export type OverviewColumn = { stepId: string; position: number; header: string; kind: AnswerKind };

export type AnswerCell = { value: string | null; completed: boolean; fileId: string | null; filename: string | null; text: string };

export type OverviewRow = {
  code: string;
  name: string;
  status: TargetStatus;
  overdue: boolean;
  missing: boolean;
  responsible: { id: string; name: string; email: string; phone: string } | null;
  lastActivityAt: Date | null;
  solvedAt: Date | null;
  notRelevantReason: string | null;
  /** The municipality wrote last in its thread: a question waiting for KOMBIT's answer. */
  openQuestion: boolean;
  /** keyed by step id */
  answers: Record<string, AnswerCell>;
};

const YES = new Set(['ja', 'yes', 'true', '1']);
const NO = new Set(['nej', 'no', 'false', '0']);

/** What the overview and the export show for an answer: the value, Ja/Nej, the file's name, ✓ for a completed step without answer. */
export function answerText(kind: AnswerKind, a: Pick<AnswerCell, 'value' | 'completed' | 'filename'>): string {
  const v = a.value?.trim() ?? '';
  switch (kind) {
    case 'none':
      return a.completed ? '✓' : '';
    case 'yes_no':
      return YES.has(v.toLowerCase()) ? 'Ja' : NO.has(v.toLowerCase()) ? 'Nej' : v;
    case 'file':
      return a.filename ?? v;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDeadline(v) : v;
    default:
      return v;
  }
}

/**
 * Everything on a task's overview in four statements: the steps, the addressed municipalities with
 * their responsible person, every answer of the task (pivoted into columns here), and the deadline
 * history. Rows are in Danish alphabetical order of the municipality's name.
 */
export async function taskOverview(db: Db, t: Pick<TaskRow, 'id' | 'deadline'>, now: Date) {
  const steps = await db
    .select({ id: taskStep.id, position: taskStep.position, title: taskStep.title, answerKind: taskStep.answerKind, answerLabel: taskStep.answerLabel })
    .from(taskStep)
    .where(eq(taskStep.taskId, t.id))
    .orderBy(asc(taskStep.position));
  const targets = await db
    .select({
      code: taskTarget.municipalityCode,
      name: municipality.name,
      status: taskTarget.status,
      responsibleId: person.id,
      responsibleName: person.name,
      responsibleEmail: person.email,
      responsiblePhone: person.phone,
      lastActivityAt: taskTarget.lastActivityAt,
      solvedAt: taskTarget.solvedAt,
      notRelevantReason: taskTarget.notRelevantReason,
      // In the same statement (no query per municipality): who wrote last in the thread.
      openQuestion: sql<boolean>`coalesce((select not m.from_central from task_message m
        where m.task_id = ${taskTarget.taskId} and m.municipality_code = ${taskTarget.municipalityCode}
        order by m.created_at desc limit 1), false)`,
    })
    .from(taskTarget)
    .innerJoin(municipality, eq(municipality.code, taskTarget.municipalityCode))
    .leftJoin(person, eq(person.id, taskTarget.responsiblePersonId))
    .where(eq(taskTarget.taskId, t.id));
  const answers = await db
    .select({
      stepId: stepAnswer.stepId,
      code: stepAnswer.municipalityCode,
      value: stepAnswer.value,
      completed: stepAnswer.completed,
      fileId: stepAnswer.fileId,
      filename: taskFile.filename,
    })
    .from(stepAnswer)
    .leftJoin(taskFile, eq(taskFile.id, stepAnswer.fileId))
    .where(eq(stepAnswer.taskId, t.id));
  const deadlineChanges = await db
    .select({
      fromDeadline: taskDeadlineChange.fromDeadline,
      toDeadline: taskDeadlineChange.toDeadline,
      reason: taskDeadlineChange.reason,
      changedAt: taskDeadlineChange.changedAt,
      changedBy: person.name,
    })
    .from(taskDeadlineChange)
    .leftJoin(userAccount, eq(userAccount.id, taskDeadlineChange.changedBy))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .where(eq(taskDeadlineChange.taskId, t.id))
    .orderBy(asc(taskDeadlineChange.changedAt));

  const kindOf = new Map(steps.map((s) => [s.id, s.answerKind]));
  const byMunicipality = new Map<string, Record<string, AnswerCell>>();
  for (const a of answers) {
    const kind = kindOf.get(a.stepId);
    if (!kind) continue;
    const cells = byMunicipality.get(a.code) ?? {};
    cells[a.stepId] = { value: a.value, completed: a.completed, fileId: a.fileId, filename: a.filename, text: answerText(kind, a) };
    byMunicipality.set(a.code, cells);
  }

  const rows: OverviewRow[] = targets
    .map((r) => ({
      code: r.code,
      name: r.name,
      status: r.status,
      overdue: isOverdue(t.deadline, r.status, now),
      missing: isMissing(r.status),
      responsible: r.responsibleId ? { id: r.responsibleId, name: r.responsibleName ?? '', email: r.responsibleEmail ?? '', phone: r.responsiblePhone ?? '' } : null,
      lastActivityAt: r.lastActivityAt,
      solvedAt: r.solvedAt,
      notRelevantReason: r.notRelevantReason,
      openQuestion: Boolean(r.openQuestion),
      answers: byMunicipality.get(r.code) ?? {},
    }))
    .sort((a, b) => byDanishName(a, b) || a.code.localeCompare(b.code));

  const counts = emptyCounts();
  for (const r of rows) {
    counts[r.status]++;
    counts.addressed++;
    if (r.missing) counts.missing++;
  }
  const columns: OverviewColumn[] = steps.map((s) => ({
    stepId: s.id,
    position: s.position,
    header: s.answerLabel.trim() || s.title,
    kind: s.answerKind,
  }));
  return { columns, rows, counts, overdueCount: rows.filter((r) => r.overdue).length, openQuestions: rows.filter((r) => r.openQuestion).length, deadlineChanges };
}

export type TaskOverview = Awaited<ReturnType<typeof taskOverview>>;

/**
 * "Pr. 26. maj 2025 mangler 3 kommuner at løse opgaven: Brøndby, Faxe og Norddjurs". The names come in the
 * order given (the overview's: Danish alphabetical), "kommune" in the singular for one, and a plain
 * statement when nobody is missing.
 */
export function missingSentence(now: Date, names: string[]): string {
  if (names.length === 0) return 'Alle kommuner har løst opgaven';
  const noun = names.length === 1 ? 'kommune' : 'kommuner';
  return `Pr. ${formatDayLong(danishDay(now))} mangler ${names.length} ${noun} at løse opgaven: ${danishList(names)}`;
}

// ---------------------------------------------------------------- a municipality's tasks

export type MunicipalityTask = {
  id: string;
  code: string;
  title: string;
  taskStatus: TaskStatus;
  deadline: string;
  critical: boolean;
  crossCutting: boolean;
  optional: boolean;
  local: boolean;
  projectName: string | null;
  status: TargetStatus;
  overdue: boolean;
  responsible: { id: string; name: string; email: string; phone: string } | null;
  lastActivityAt: Date | null;
};

/**
 * The tasks addressed to one municipality (never drafts) that the actor may read (policy.ts:
 * targetVisibleTo), open ones first by deadline, PAGE_SIZE per page; plus how many there are in all
 * and how many are open, missing and overdue. Two statements.
 */
export async function municipalityTasks(db: Db, actor: Actor, code: string, opts: { page: number; missingOnly: boolean }, now: Date) {
  const today = danishDay(now);
  const base = and(eq(taskTarget.municipalityCode, code), ne(task.status, 'draft'), targetVisibleTo(actor));
  const where = opts.missingOnly ? and(base, inArray(taskTarget.status, MISSING_STATUSES), eq(task.status, 'published')) : base;
  const rows = await db
    .select({
      ...municipalTaskColumns,
      localCode: task.localMunicipalityCode,
      projectName: project.name,
      status: taskTarget.status,
      responsibleId: person.id,
      responsibleName: person.name,
      responsibleEmail: person.email,
      responsiblePhone: person.phone,
      lastActivityAt: taskTarget.lastActivityAt,
    })
    .from(taskTarget)
    .innerJoin(task, eq(task.id, taskTarget.taskId))
    .leftJoin(project, eq(project.id, task.projectId))
    .leftJoin(person, eq(person.id, taskTarget.responsiblePersonId))
    .where(where)
    .orderBy(
      sql`case ${task.status} when 'published' then 0 when 'announced' then 1 else 2 end`,
      asc(task.deadline),
      asc(task.code),
      asc(task.id),
    )
    .limit(PAGE_SIZE)
    .offset((opts.page - 1) * PAGE_SIZE);
  const missingSql = notInArray(taskTarget.status, ['loest', 'ikke_relevant']);
  const [summary] = await db
    .select({
      all: sql<number>`count(*)::int`,
      open: sql<number>`(count(*) filter (where ${task.status} = 'published'))::int`,
      missing: sql<number>`(count(*) filter (where ${task.status} = 'published' and ${missingSql}))::int`,
      overdue: sql<number>`(count(*) filter (where ${task.status} = 'published' and ${missingSql} and ${task.deadline} < ${today}))::int`,
    })
    .from(taskTarget)
    .innerJoin(task, eq(task.id, taskTarget.taskId))
    .where(base);
  const tasks: MunicipalityTask[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    taskStatus: r.taskStatus,
    deadline: r.deadline,
    critical: r.critical,
    crossCutting: r.crossCutting,
    optional: r.optional,
    local: r.localCode !== null,
    projectName: r.projectName,
    status: r.status,
    overdue: r.taskStatus !== 'announced' && isOverdue(r.deadline, r.status, now),
    responsible: r.responsibleId ? { id: r.responsibleId, name: r.responsibleName ?? '', email: r.responsibleEmail ?? '', phone: r.responsiblePhone ?? '' } : null,
    lastActivityAt: r.lastActivityAt,
  }));
  return {
    tasks,
    // The missing filter is exactly what the summary counts as missing.
    total: opts.missingOnly ? Number(summary?.missing ?? 0) : Number(summary?.all ?? 0),
    summary: {
      all: Number(summary?.all ?? 0),
      open: Number(summary?.open ?? 0),
      missing: Number(summary?.missing ?? 0),
      overdue: Number(summary?.overdue ?? 0),
    },
  };
}
