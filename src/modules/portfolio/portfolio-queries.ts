import { and, asc, eq, inArray, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { danishCompare } from '../../platform/views/format.ts';
import {
  agreement,
  agreementSolution,
  type AgreementStatus,
  type AgreementType,
  countStatusesSql,
  emptyCounts,
  municipalityStatusesSql,
  type MunicipalStatus,
  signedText,
  type StatusCounts,
} from '../agreements/index.ts';
import { solution, solutionPhases, type SolutionPhase } from '../../platform/identity/schema.ts';
import { task, taskVisibleTo } from '../tasks/index.ts';

export const PHASE_LABELS: Record<SolutionPhase, string> = {
  udvikling: 'Udvikling',
  indfasning: 'Indfasning',
  drift: 'Drift',
  udfasning: 'Udfasning',
};

export const phaseOptions = solutionPhases.map((value) => ({ value, label: PHASE_LABELS[value] }));

export const isPhase = (v: unknown): v is SolutionPhase => typeof v === 'string' && (solutionPhases as readonly string[]).includes(v);

export type PortfolioFilters = { k98: boolean | null; phase: SolutionPhase | null };

/** The page's ?k98=ja|nej&fase=drift; anything else means "all", as a hand-edited URL should. */
export function parsePortfolioFilters(q: { k98?: string; fase?: string }): PortfolioFilters {
  const k98 = (q.k98 ?? '').toLowerCase();
  const phase = (q.fase ?? '').toLowerCase();
  return { k98: k98 === 'ja' ? true : k98 === 'nej' ? false : null, phase: isPhase(phase) ? phase : null };
}

export type PortfolioAgreement = {
  id: string;
  title: string;
  type: AgreementType;
  status: AgreementStatus;
  /** Across every addressed municipality: aggregate numbers only, never which ones */
  counts: StatusCounts;
  /** For a municipal actor: is their municipality addressed, and where does it stand (their own data) */
  addressesActor: boolean;
  ownStatus: MunicipalStatus | null;
};

export type PortfolioTask = { id: string; code: string; title: string; status: 'announced' | 'published'; deadline: string };

export type PortfolioSolution = {
  key: string;
  name: string;
  k98: boolean;
  phase: SolutionPhase;
  productManager: string | null;
  agreements: PortfolioAgreement[];
  /** The first open tasks (all of them unless the caller asked for fewer), nearest deadline first */
  openTasks: PortfolioTask[];
  openTaskCount: number;
};

/**
 * Every solution (in the solution table's order) with its agreements' signing counts and its open
 * central tasks that the actor may read. Four to six queries however many solutions, agreements and tasks: the solutions,
 * the agreements behind them, their counts (one GROUP BY) and the actor's own statuses, and the tasks.
 */
export async function loadPortfolio(db: Db, actor: Actor, filters: PortfolioFilters & { key?: string; tasksShown?: number }): Promise<PortfolioSolution[]> {
  const where: SQL[] = [];
  if (filters.k98 !== null) where.push(eq(solution.k98, filters.k98));
  if (filters.phase) where.push(eq(solution.phase, filters.phase));
  if (filters.key !== undefined) where.push(eq(solution.key, filters.key));
  const solutions = await db
    .select({ key: solution.key, name: solution.name, k98: solution.k98, phase: solution.phase, productManager: solution.productManager })
    .from(solution)
    .where(and(...where))
    .orderBy(asc(solution.sort), asc(solution.key));
  if (solutions.length === 0) return [];
  const keys = solutions.map((s) => s.key);

  const [links, tasks] = await Promise.all([
    db
      .select({ solutionKey: agreementSolution.solutionKey, id: agreement.id, title: agreement.title, type: agreement.type, status: agreement.status })
      .from(agreementSolution)
      .innerJoin(agreement, eq(agreement.id, agreementSolution.agreementId))
      // Drafts are being prepared: nobody outside the authors should count on them yet.
      .where(and(inArray(agreementSolution.solutionKey, keys), ne(agreement.status, 'draft'))),
    openTasks(db, actor, keys, filters.tasksShown),
  ]);

  const agreementIds = [...new Set(links.map((l) => l.id))];
  // Counted in the database (status-sql.ts), the same rule as the agreements' own pages.
  const [counts, own] = await Promise.all([
    countStatusesSql(db, agreementIds),
    actor.municipalityCode ? municipalityStatusesSql(db, agreementIds, actor.municipalityCode) : new Map<string, MunicipalStatus>(),
  ]);

  const agreementsOf = new Map<string, PortfolioAgreement[]>();
  for (const l of links) {
    const list = agreementsOf.get(l.solutionKey) ?? [];
    list.push({
      id: l.id,
      title: l.title,
      type: l.type,
      status: l.status,
      counts: counts.get(l.id) ?? emptyCounts(),
      addressesActor: own.has(l.id),
      ownStatus: own.get(l.id) ?? null,
    });
    agreementsOf.set(l.solutionKey, list);
  }
  const tasksOf = new Map<string, PortfolioTask[]>();
  const taskCount = new Map<string, number>();
  for (const t of tasks) {
    taskCount.set(t.solutionKey!, t.total);
    const list = tasksOf.get(t.solutionKey!) ?? [];
    list.push({ id: t.id, code: t.code, title: t.title, status: t.status as PortfolioTask['status'], deadline: t.deadline });
    tasksOf.set(t.solutionKey!, list);
  }

  return solutions.map((s) => ({
    ...s,
    agreements: (agreementsOf.get(s.key) ?? []).sort((a, b) => danishCompare(a.title, b.title)),
    openTasks: tasksOf.get(s.key) ?? [],
    openTaskCount: taskCount.get(s.key) ?? 0,
  }));
}

/**
 * The open central tasks of the solutions that the actor may read, nearest deadline first, each
 * with its solution's total; with `shown`, only the first `shown` per solution leave the database
 * (the page lists five; with 2,000 tasks loading all of them was most of its time).
 */
async function openTasks(db: Db, actor: Actor, keys: string[], shown: number | undefined) {
  const ranked = db
    .select({
      id: task.id,
      code: task.code,
      title: task.title,
      status: task.status,
      deadline: task.deadline,
      solutionKey: task.solutionKey,
      rank: sql<number>`row_number() over (partition by ${task.solutionKey} order by ${task.deadline}, ${task.code})`.as('rank'),
      total: sql<number>`count(*) over (partition by ${task.solutionKey})`.as('total'),
    })
    .from(task)
    // A municipality's users see the tasks the task policy lets them read, so a task sent to
    // other municipalities shows neither in the list nor in its count.
    .where(and(inArray(task.solutionKey, keys), isNull(task.localMunicipalityCode), inArray(task.status, ['published', 'announced']), taskVisibleTo(actor)))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(shown === undefined ? undefined : lte(ranked.rank, shown))
    .orderBy(asc(ranked.deadline), asc(ranked.code));
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}

/** The agreements' own wording (agreements/status.ts), so the portfolio and the agreements list say the same. */
export { signedText };

export const outstandingText = (c: StatusCounts) => `${c.outstanding} mangler`;

export async function solutionExists(db: Db, key: string): Promise<boolean> {
  const [row] = await db.select({ key: solution.key }).from(solution).where(eq(solution.key, key));
  return Boolean(row);
}
