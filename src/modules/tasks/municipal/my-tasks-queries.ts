import { and, asc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { person, solution } from '../../../platform/identity/schema.ts';
import { project, task, taskTarget, targetStatuses, type TargetStatus } from '../schema.ts';
import { isOverdue } from '../status.ts';
import { municipalTaskColumns } from '../task-columns.ts';
import { calendarDay } from '../../../platform/http/page-schemas.ts';
import { targetVisibleTo } from '../policy.ts';
import { byDanishName, danishDay } from '../../../platform/views/format.ts';

/** "Mine opgaver": the tasks a municipal user is to act on, with the municipality's status on each. */

export const STATUS_FILTERS = [...targetStatuses, 'forsinket'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export type MyTasksFilter = {
  projectKey?: string | undefined;
  solutionKey?: string | undefined;
  status?: StatusFilter | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
  critical?: boolean | undefined;
  crossCutting?: boolean | undefined;
  optional?: boolean | undefined;
};

const isoDay = calendarDay;
const flag = z.preprocess((v) => (v === 'on' || v === 'true' || v === '1' || v === true ? true : v === 'false' || v === '0' ? false : undefined), z.boolean().optional());
const text = z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional());

/** The filter form's query string (Danish names, as the page links them). Unknown values are ignored. */
export function pageFilter(query: unknown): MyTasksFilter {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const pick = <T,>(schema: z.ZodType<T>, v: unknown): T | undefined => {
    const r = schema.safeParse(v);
    return r.success ? r.data : undefined;
  };
  return {
    projectKey: pick(text, q.projekt),
    solutionKey: pick(text, q.loesning),
    status: pick(z.enum(STATUS_FILTERS), q.status),
    deadlineFrom: pick(isoDay, q['frist-fra']),
    deadlineTo: pick(isoDay, q['frist-til']),
    critical: pick(flag, q.kritisk),
    crossCutting: pick(flag, q.tvaergaaende),
    optional: pick(flag, q.valgfri),
  };
}

/** The API's query string (English names; 'overdue' for forsinket). Invalid values are a 422. */
export const apiFilterQuery = z.object({
  project: z.string().max(100).optional(),
  solution: z.string().max(100).optional(),
  status: z.enum([...targetStatuses, 'overdue']).optional(),
  deadlineFrom: isoDay.optional(),
  deadlineTo: isoDay.optional(),
  critical: z.enum(['true', 'false']).optional(),
  crossCutting: z.enum(['true', 'false']).optional(),
  optional: z.enum(['true', 'false']).optional(),
});

export function apiFilter(q: z.infer<typeof apiFilterQuery>): MyTasksFilter {
  const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
  return {
    projectKey: q.project,
    solutionKey: q.solution,
    status: q.status === 'overdue' ? 'forsinket' : q.status,
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
    critical: bool(q.critical),
    crossCutting: bool(q.crossCutting),
    optional: bool(q.optional),
  };
}

export type MyTaskRow = Awaited<ReturnType<typeof listMyTasks>>[number];

/**
 * One query, over the municipality's rows the task policy lets the actor read (policy.ts:
 * targetVisibleTo). Announced tasks are not actionable yet and live on /opgaver/kommende.
 */
export const MY_TASKS_PAGE_SIZE = 200;

/** `page` (1-based) limits the list to one page of MY_TASKS_PAGE_SIZE; without it every task is listed (API, calendar). */
export async function listMyTasks(db: Db, actor: Actor, f: MyTasksFilter, now: Date, page?: number) {
  const code = actor.municipalityCode;
  if (!code) return [];
  const today = danishDay(now);
  const where: (SQL | undefined)[] = [eq(taskTarget.municipalityCode, code), inArray(task.status, ['published', 'closed']), targetVisibleTo(actor)];
  if (f.projectKey) where.push(eq(project.key, f.projectKey));
  if (f.solutionKey) where.push(or(eq(task.solutionKey, f.solutionKey), eq(task.audienceSolutionKey, f.solutionKey)));
  if (f.status === 'forsinket') where.push(inArray(taskTarget.status, ['ikke_startet', 'i_gang']), lt(task.deadline, today));
  else if (f.status) where.push(eq(taskTarget.status, f.status));
  if (f.deadlineFrom) where.push(gte(task.deadline, f.deadlineFrom));
  if (f.deadlineTo) where.push(lte(task.deadline, f.deadlineTo));
  if (f.critical !== undefined) where.push(eq(task.critical, f.critical));
  if (f.crossCutting !== undefined) where.push(eq(task.crossCutting, f.crossCutting));
  if (f.optional !== undefined) where.push(eq(task.optional, f.optional));
  const rows = await db
    .select({
      ...municipalTaskColumns,
      local: sql<boolean>`${task.localMunicipalityCode} is not null`,
      projectKey: project.key,
      projectName: project.name,
      solutionKey: task.solutionKey,
      status: taskTarget.status,
      responsiblePersonId: taskTarget.responsiblePersonId,
      responsibleName: person.name,
    })
    .from(taskTarget)
    .innerJoin(task, eq(task.id, taskTarget.taskId))
    .leftJoin(project, eq(project.id, task.projectId))
    .leftJoin(person, eq(person.id, taskTarget.responsiblePersonId))
    .where(and(...where))
    .orderBy(asc(task.deadline), asc(task.code), asc(task.id))
    .limit(page ? MY_TASKS_PAGE_SIZE + 1 : 1_000_000)
    .offset(page ? (page - 1) * MY_TASKS_PAGE_SIZE : 0);
  return rows.map((r) => ({ ...r, local: Boolean(r.local), overdue: isOverdue(r.deadline, r.status as TargetStatus, now) }));
}

/** Projects and solutions for the filter form (two small reference lists). */
export async function filterOptions(db: Db) {
  const projects = (await db.select({ key: project.key, name: project.name }).from(project)).sort(byDanishName);
  const solutions = await db.select({ key: solution.key, name: solution.name }).from(solution).orderBy(asc(solution.sort));
  return { projects, solutions };
}
