import { and, asc, desc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, isCentral } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { person, solution } from '../../platform/identity/schema.ts';
import { keptUntilWrite } from '../../platform/kept-until-write.ts';
import { programmeNews } from '../news/index.ts';
import { project, projectMilestone, task, taskVisibleTo, type MilestoneState } from '../tasks/index.ts';
import { programmeAgreements, type ProgrammeAgreement } from './programme-agreements.ts';
import { programmeFigure, programmeFigurePoint, programmeStatus, type ProgrammeStatus } from './schema.ts';

/** Enough for every programme KOMBIT runs; the page says so if there were ever more. */
export const MAX_PROGRAMMES = 500;
const MAX_STATUSES = 200;
const MAX_MILESTONES = 500;
const MAX_FIGURES = 20;
/** Five years of daily points for each of a few figures. */
const MAX_POINTS = 20_000;
const MAX_TASKS = 200;
/** The newest news items on the page; the rest are on /nyt. */
export const NEWS_SHOWN = 10;

export type Responsible = { id: string; name: string; title: string; email: string } | null;
export type StatusEntry = { id: string; status: ProgrammeStatus; statusOn: string; comment: string; createdAt: Date };
export type ProgrammeMilestone = { id: string; title: string; description: string; startsOn: string; endsOn: string | null; state: MilestoneState; originalOn: string | null };
export type Figure = { id: string; name: string; unit: string; target: number | null; points: { on: string; value: number }[] };
export type ProgrammeRow = {
  id: string;
  key: string;
  name: string;
  solutionKey: string | null;
  solutionName: string | null;
  responsible: Responsible;
  status: { status: ProgrammeStatus; statusOn: string } | null;
  nextMilestone: { title: string; startsOn: string } | null;
};
export type Programme = ProgrammeRow & {
  description: string;
  statuses: StatusEntry[];
  milestones: ProgrammeMilestone[];
  figures: Figure[];
  tasks: { id: string; code: string; title: string; deadline: string; status: string }[];
  /** All tasks of the programme the reader may see; `tasks` holds at most MAX_TASKS of them. */
  tasksTotal: number;
  agreements: ProgrammeAgreement[];
  /** The newest items the actor may read, and how many there are in all. */
  news: { items: ProgrammeNews[]; total: number };
};
export type ProgrammeNews = { id: string; title: string; publishOn: string; contact: { name: string; email: string } | null };

const responsibleOf = (r: { pid: string | null; pname: string | null; ptitle: string | null; pemail: string | null }): Responsible =>
  r.pid ? { id: r.pid, name: r.pname ?? '', title: r.ptitle ?? '', email: r.pemail ?? '' } : null;

const baseColumns = {
  id: project.id,
  key: project.key,
  name: project.name,
  description: project.description,
  solutionKey: project.solutionKey,
  solutionName: solution.name,
  pid: person.id,
  pname: person.name,
  ptitle: person.title,
  pemail: person.email,
};

/** Every programme with its current status and next milestone not yet reached, in three statements. */
export async function listProgrammes(db: Db, today: string): Promise<ProgrammeRow[]> {
  const rows = await db
    .select(baseColumns)
    .from(project)
    .leftJoin(solution, eq(solution.key, project.solutionKey))
    .leftJoin(person, eq(person.id, project.responsiblePersonId))
    .limit(MAX_PROGRAMMES);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [statuses, next] = await Promise.all([
    db
      .selectDistinctOn([programmeStatus.projectId], { projectId: programmeStatus.projectId, status: programmeStatus.status, statusOn: programmeStatus.statusOn })
      .from(programmeStatus)
      .where(inArray(programmeStatus.projectId, ids))
      .orderBy(programmeStatus.projectId, desc(programmeStatus.statusOn), desc(programmeStatus.createdAt)),
    db
      .selectDistinctOn([projectMilestone.projectId], { projectId: projectMilestone.projectId, title: projectMilestone.title, startsOn: projectMilestone.startsOn })
      .from(projectMilestone)
      .where(and(inArray(projectMilestone.projectId, ids), gte(projectMilestone.startsOn, today), ne(projectMilestone.state, 'naaet')))
      .orderBy(projectMilestone.projectId, asc(projectMilestone.startsOn)),
  ]);
  const statusOf = new Map(statuses.map((s) => [s.projectId, { status: s.status, statusOn: s.statusOn }]));
  const nextOf = new Map(next.map((m) => [m.projectId, { title: m.title, startsOn: m.startsOn }]));
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    solutionKey: r.solutionKey,
    solutionName: r.solutionName,
    responsible: responsibleOf(r),
    status: statusOf.get(r.id) ?? null,
    nextMilestone: nextOf.get(r.id) ?? null,
  }));
}

/** The programme's id and name by its key, or 404. */
export async function programmeByKey(db: Db, key: string): Promise<{ id: string; name: string }> {
  const [row] = await db.select({ id: project.id, name: project.name }).from(project).where(eq(project.key, key));
  if (!row) throw notFound('Programmet findes ikke.');
  return row;
}

export const programmeIdByKey = async (db: Db, key: string): Promise<string> => (await programmeByKey(db, key)).id;

/**
 * What every reader of a programme sees alike, in five statements: the programme, its status
 * history (newest first), milestones in date order, and key figures with their points. Kept until
 * the next write on the embedded database, where a read holds up every other request; the same
 * read on PostgreSQL runs beside them and is not kept.
 */
function loadShared(db: Db, key: string) {
  return keptUntilWrite(db, `programme:${key}`, async () => {
    const [row] = await db
      .select(baseColumns)
      .from(project)
      .leftJoin(solution, eq(solution.key, project.solutionKey))
      .leftJoin(person, eq(person.id, project.responsiblePersonId))
      .where(eq(project.key, key));
    if (!row) throw notFound('Programmet findes ikke.');
    const [statuses, milestones, figures] = await Promise.all([
      db
        .select({ id: programmeStatus.id, status: programmeStatus.status, statusOn: programmeStatus.statusOn, comment: programmeStatus.comment, createdAt: programmeStatus.createdAt })
        .from(programmeStatus)
        .where(eq(programmeStatus.projectId, row.id))
        .orderBy(desc(programmeStatus.statusOn), desc(programmeStatus.createdAt))
        .limit(MAX_STATUSES),
      db
        .select({
          id: projectMilestone.id,
          title: projectMilestone.title,
          description: projectMilestone.description,
          startsOn: projectMilestone.startsOn,
          endsOn: projectMilestone.endsOn,
          state: projectMilestone.state,
          originalOn: projectMilestone.originalOn,
        })
        .from(projectMilestone)
        .where(eq(projectMilestone.projectId, row.id))
        .orderBy(asc(projectMilestone.startsOn), asc(projectMilestone.createdAt))
        .limit(MAX_MILESTONES),
      loadFigures(db, row.id),
    ]);
    return { row, statuses, milestones, figures };
  });
}

/**
 * One programme's status page in at most eleven statements, whatever its size: the part every
 * reader shares (five, see loadShared), the linked tasks the actor may read (tasks' own read rule,
 * so a municipality never sees another's local task), the agreements of its solution as the
 * agreements' read rule allows (two) and its news as the news' read rule allows (three: items,
 * their solutions, their programmes). On the embedded database the shared part, the agreements (per
 * municipality, or central staff) and the news (municipalities, or central staff) are kept until
 * the next write, and so are the user's tasks, so a repeated read by the same user costs none.
 */
export async function loadProgramme(db: Db, actor: Actor, key: string, today: string): Promise<Programme> {
  const { row, statuses, milestones, figures } = await loadShared(db, key);
  const central = isCentral(actor);
  const [tasks, agreements, news] = await Promise.all([
    // Who may read a task turns on the user's own roles and person (named executor), so per user.
    keptUntilWrite(db, `programme-tasks:${row.id}:${actor.userId}`, () =>
      db
        .select({ id: task.id, code: task.code, title: task.title, deadline: task.deadline, status: task.status, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(task)
        .where(and(eq(task.projectId, row.id), taskVisibleTo(actor)))
        // What is due next first, then the rest from the most recent deadline back: a reader of a
        // status page wants what is coming, not the programme's first tasks from years ago.
        .orderBy(sql`${task.deadline} < ${today}`, sql`case when ${task.deadline} >= ${today} then ${task.deadline} end asc`, desc(task.deadline), asc(task.code))
        .limit(MAX_TASKS),
    ),
    keptUntilWrite(db, `programme-agreements:${row.solutionKey ?? ''}:${central ? 'central' : (actor.municipalityCode ?? '')}`, () => programmeAgreements(db, actor, row.solutionKey)),
    // Drafts are the only difference between readers: central staff see them, municipalities do not.
    keptUntilWrite(db, `programme-news:${row.id}:${today}:${central ? 'central' : 'municipal'}`, () => programmeNews(db, actor, today, row.id, NEWS_SHOWN)),
  ]);
  const current = statuses[0];
  const nextMilestone = milestones.find((m) => m.startsOn >= today && m.state !== 'naaet');
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    solutionKey: row.solutionKey,
    solutionName: row.solutionName,
    responsible: responsibleOf(row),
    status: current ? { status: current.status, statusOn: current.statusOn } : null,
    nextMilestone: nextMilestone ? { title: nextMilestone.title, startsOn: nextMilestone.startsOn } : null,
    statuses,
    milestones,
    figures,
    tasks: tasks.map(({ total: _total, ...t }) => t),
    tasksTotal: Number(tasks[0]?.total ?? 0),
    agreements,
    news: {
      items: news.rows.map((n) => ({ id: n.id, title: n.title, publishOn: n.publishOn, contact: n.contact ? { name: n.contact.name, email: n.contact.email } : null })),
      total: news.total,
    },
  };
}

/** A programme's key figures in their order with their points by day: two statements. */
export async function loadFigures(db: Db, projectId: string): Promise<Figure[]> {
  const [figures, points] = await Promise.all([
    db
      .select({ id: programmeFigure.id, name: programmeFigure.name, unit: programmeFigure.unit, target: programmeFigure.target })
      .from(programmeFigure)
      .where(eq(programmeFigure.projectId, projectId))
      .orderBy(asc(programmeFigure.position), asc(programmeFigure.createdAt))
      .limit(MAX_FIGURES),
    db
      .select({ figureId: programmeFigurePoint.figureId, on: programmeFigurePoint.pointOn, value: programmeFigurePoint.value })
      .from(programmeFigurePoint)
      .innerJoin(programmeFigure, eq(programmeFigure.id, programmeFigurePoint.figureId))
      .where(eq(programmeFigure.projectId, projectId))
      .orderBy(asc(programmeFigurePoint.pointOn))
      .limit(MAX_POINTS),
  ]);
  const pointsOf = new Map<string, { on: string; value: number }[]>();
  for (const p of points) {
    const list = pointsOf.get(p.figureId) ?? [];
    list.push({ on: p.on, value: p.value });
    pointsOf.set(p.figureId, list);
  }
  return figures.map((f) => ({ ...f, points: pointsOf.get(f.id) ?? [] }));
}

/** Central staff who may be a programme's responsible person (active, no municipality), for the form's list. */
export async function centralPeople(db: Db): Promise<{ id: string; name: string; title: string }[]> {
  return db
    .select({ id: person.id, name: person.name, title: person.title })
    .from(person)
    .where(and(isNull(person.municipalityCode), eq(person.active, true)))
    .limit(1000);
}

