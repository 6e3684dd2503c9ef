import { poolAmountSql } from '../budget/pool-amount.ts';
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';
import { municipality, person, solution, userAccount } from '../../../platform/identity/schema.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { council, councilMeeting, poolProposal, poolProposalStep, type CouncilKind } from '../schema.ts';
import { proposalStatuses, type ProposalStatus } from './statuses.ts';

/**
 * What the pool pages and API read. Each function is one statement whatever the number of
 * proposals, steps or solutions (the lists are capped by LIMIT, solutions come along as JSON), so
 * the pages cost the same with ten proposals as with ten thousand.
 */

export type Named = { key: string; name: string };

/** The solutions a proposal concerns, as JSON from a correlated subquery. */
const solutionsJson = sql<unknown>`(select coalesce(json_agg(json_build_object('key', s.key, 'name', s.name)), '[]'::json)
  from pool_proposal_solution ps join solution s on s.key = ps.solution_key where ps.proposal_id = ${poolProposal.id})`;

const lastStepAt = sql<Date | string | null>`(select max(st.decided_at) from pool_proposal_step st where st.proposal_id = ${poolProposal.id})`;

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function named(value: unknown): Named[] {
  const list = parseJson(value);
  if (!Array.isArray(list)) return [];
  return list
    .filter((x): x is Named => !!x && typeof x === 'object' && typeof (x as Named).key === 'string' && typeof (x as Named).name === 'string')
    .sort((a, b) => danishCompare(a.name, b.name));
}

const asDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

export type ProposalSummary = {
  id: string;
  number: number;
  year: number;
  title: string;
  estimatedCostOre: number;
  status: ProposalStatus;
  /** null: KOMBIT proposed it. */
  municipalityCode: string | null;
  municipalityName: string | null;
  solutions: Named[];
  createdAt: Date;
  lastStepAt: Date | null;
};

const summaryColumns = {
  id: poolProposal.id,
  number: poolProposal.number,
  year: poolProposal.year,
  title: poolProposal.title,
  estimatedCostOre: poolProposal.estimatedCostOre,
  status: poolProposal.status,
  municipalityCode: poolProposal.municipalityCode,
  municipalityName: municipality.name,
  solutions: solutionsJson,
  createdAt: poolProposal.createdAt,
  lastStepAt,
};

type SummaryRow = Omit<ProposalSummary, 'solutions' | 'lastStepAt'> & { solutions: unknown; lastStepAt: Date | string | null };
const toSummary = (r: SummaryRow): ProposalSummary => ({ ...r, solutions: named(r.solutions), lastStepAt: asDate(r.lastStepAt) });

export type ProposalFilter = { year?: number | undefined; status?: ProposalStatus | undefined; municipalityCode?: string | undefined };

function filterWhere(f: ProposalFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (f.year !== undefined) conditions.push(eq(poolProposal.year, f.year));
  if (f.status !== undefined) conditions.push(eq(poolProposal.status, f.status));
  if (f.municipalityCode !== undefined) conditions.push(eq(poolProposal.municipalityCode, f.municipalityCode));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/**
 * A page of proposals, newest first, with how many match in all (`count(*) over ()` in the same
 * statement; a page past the end returns no rows and a total of 0, which the callers treat as such).
 */
export async function listProposals(db: Db, f: ProposalFilter, page: { limit: number; offset: number }): Promise<{ items: ProposalSummary[]; total: number }> {
  const rows = await db
    .select({ ...summaryColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(poolProposal)
    .leftJoin(municipality, eq(municipality.code, poolProposal.municipalityCode))
    .where(filterWhere(f))
    .orderBy(desc(poolProposal.number))
    .limit(page.limit)
    .offset(page.offset);
  return { items: rows.map(({ total: _t, ...r }) => toSummary(r)), total: rows[0]?.total ?? 0 };
}

/** How many match, for a page past the end (the API still says how many there are). */
export async function countProposals(db: Db, f: ProposalFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(poolProposal).where(filterWhere(f));
  return row?.n ?? 0;
}

export type ProposalDetail = ProposalSummary & { description: string; proposedBy: string | null };

export async function loadProposal(db: Db, number: number): Promise<ProposalDetail | null> {
  const [row] = await db
    .select({ ...summaryColumns, description: poolProposal.description, proposedBy: poolProposal.proposedBy })
    .from(poolProposal)
    .leftJoin(municipality, eq(municipality.code, poolProposal.municipalityCode))
    .where(eq(poolProposal.number, number));
  return row ? { ...toSummary(row), description: row.description, proposedBy: row.proposedBy } : null;
}

export type ProposalStep = {
  status: ProposalStatus;
  decision: string;
  decidedAt: Date;
  decidedByName: string | null;
  meeting: { id: string; title: string; date: string; councilName: string } | null;
};

/** A proposal's steps in the order they were taken, each with its meeting and who recorded it. */
export async function proposalSteps(db: Db, proposalId: string): Promise<ProposalStep[]> {
  const rows = await db
    .select({
      status: poolProposalStep.status,
      decision: poolProposalStep.decision,
      decidedAt: poolProposalStep.decidedAt,
      decidedByName: person.name,
      meetingId: councilMeeting.id,
      meetingTitle: councilMeeting.title,
      meetingDate: councilMeeting.meetingDate,
      councilName: council.name,
    })
    .from(poolProposalStep)
    .leftJoin(userAccount, eq(userAccount.id, poolProposalStep.decidedBy))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .leftJoin(councilMeeting, eq(councilMeeting.id, poolProposalStep.meetingId))
    .leftJoin(council, eq(council.id, councilMeeting.councilId))
    .where(eq(poolProposalStep.proposalId, proposalId))
    .orderBy(asc(poolProposalStep.decidedAt), asc(sql`array_position(array['modtaget','behandlet_fagraad','indstillet','prioriteret','afvist'], ${poolProposalStep.status}::text)`));
  return rows.map((r) => ({
    status: r.status,
    decision: r.decision,
    decidedAt: r.decidedAt,
    decidedByName: r.decidedByName,
    meeting:
      r.meetingId && r.meetingTitle && r.meetingDate && r.councilName ? { id: r.meetingId, title: r.meetingTitle, date: r.meetingDate, councilName: r.councilName } : null,
  }));
}

export type PoolSummary = {
  year: number;
  /** The year's pool: the total cost budget's pool share per solution, the preliminary one where no total is made yet. */
  amountOre: number;
  /** samlet: every solution's total budget; foreloebigt: only preliminary ones; blandet: some of each; null: no budget yet. */
  budgetStage: 'samlet' | 'foreloebigt' | 'blandet' | null;
  prioritisedOre: number;
  /** Recommended to the Porteføljeråd, not decided yet. */
  recommendedOre: number;
  remainingOre: number;
  counts: Record<ProposalStatus, number>;
  total: number;
};

type SummaryDbRow = { amount: string | number; samlet: number; foreloebigt: number; by_status: unknown };

/** The pool of a year against its proposals, in one statement. */
export async function poolSummary(db: Db, year: number): Promise<PoolSummary> {
  const [row] = await rawRows<SummaryDbRow>(
    db,
    sql`select
      ${poolAmountSql(year)}::text as amount,
      (select count(*)::int from cost_budget where year = ${year} and stage = 'samlet') as samlet,
      (select count(*)::int from cost_budget cb where cb.year = ${year} and cb.stage = 'foreloebigt'
        and not exists (select 1 from cost_budget s where s.year = cb.year and s.solution_key = cb.solution_key and s.stage = 'samlet')) as foreloebigt,
      (select coalesce(json_agg(json_build_object('status', g.status, 'n', g.n, 'ore', g.ore)), '[]'::json)
        from (select status, count(*)::int as n, sum(estimated_cost_ore)::text as ore from pool_proposal where year = ${year} group by status) g) as by_status`,
  );
  const counts = Object.fromEntries(proposalStatuses.map((s) => [s, 0])) as Record<ProposalStatus, number>;
  const sums = Object.fromEntries(proposalStatuses.map((s) => [s, 0])) as Record<ProposalStatus, number>;
  const groups = parseJson(row?.by_status);
  for (const g of Array.isArray(groups) ? (groups as { status: ProposalStatus; n: number; ore: string }[]) : []) {
    counts[g.status] = Number(g.n);
    sums[g.status] = Number(g.ore);
  }
  const amountOre = Number(row?.amount ?? 0);
  const samlet = Number(row?.samlet ?? 0);
  const preliminary = Number(row?.foreloebigt ?? 0);
  return {
    year,
    amountOre,
    budgetStage: samlet > 0 && preliminary > 0 ? 'blandet' : samlet > 0 ? 'samlet' : preliminary > 0 ? 'foreloebigt' : null,
    prioritisedOre: sums.prioriteret,
    recommendedOre: sums.indstillet,
    remainingOre: amountOre - sums.prioriteret,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
  };
}

/** The years that have proposals or a pool in a budget, newest first, each saying whether it has proposals (one statement; a handful of rows). */
export async function poolYears(db: Db): Promise<{ year: number; proposals: boolean }[]> {
  const rows = await rawRows<{ year: number; proposals: boolean }>(
    db,
    sql`select year, bool_or(p) as proposals from (
        select distinct year, true as p from pool_proposal
        union all select distinct year, false as p from cost_budget where pool_ore > 0
      ) y group by year order by year desc limit 50`,
  );
  return rows.map((r) => ({ year: Number(r.year), proposals: r.proposals === true }));
}

export type MeetingOption = { id: string; date: string; title: string; councilName: string; kind: CouncilKind };

/** How many meetings a move form offers: three a year per council over two years leaves room. */
const MEETING_OPTIONS = 100;

/**
 * The meetings that may have decided on a proposal for `year`: those of the year before (when the
 * coming year's pool is prioritised) and of the year itself, newest first.
 */
export async function meetingOptions(db: Db, year: number): Promise<MeetingOption[]> {
  return db
    .select({ id: councilMeeting.id, date: councilMeeting.meetingDate, title: councilMeeting.title, councilName: council.name, kind: council.kind })
    .from(councilMeeting)
    .innerJoin(council, eq(council.id, councilMeeting.councilId))
    .where(and(gte(councilMeeting.meetingDate, `${year - 1}-01-01`), lte(councilMeeting.meetingDate, `${year}-12-31`)))
    .orderBy(desc(councilMeeting.meetingDate), asc(councilMeeting.id))
    .limit(MEETING_OPTIONS);
}

/** The solutions a proposal may concern, in Danish order (one statement; the fourteen). */
export async function solutionOptions(db: Db): Promise<Named[]> {
  const rows = await db.select({ key: solution.key, name: solution.name }).from(solution);
  return rows.sort((a, b) => danishCompare(a.name, b.name));
}
