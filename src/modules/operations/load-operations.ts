import { and, asc, desc, eq, gte, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { danishDay, danishMidnight } from '../../platform/days.ts';
import { solution } from '../../platform/identity/schema.ts';
import { byDanishName, danishCompare } from '../../platform/views/format.ts';
import { addMonths, meets } from './inputs.ts';
import { measureStates, operationsIncident, operationsMeasure, operationsRcaItem, operationsSla, rcaStates, type IncidentSeverity, type MeasureState, type RcaState } from './schema.ts';

/** Most months one view covers: three years of monthly figures. */
export const MAX_MONTHS = 36;
/** The newest incidents shown; older ones are left out (the page says so). */
export const INCIDENTS_SHOWN = 50;
/** RCA items and measures are few (the deck: 21 and 6); these limits only keep a runaway list bounded. */
export const RCA_SHOWN = 500;
export const MEASURES_SHOWN = 200;
const SLA_ROWS = 5000;

export type SlaRow = { solutionKey: string; solutionName: string; month: string; measure: string; unit: string; target: number; achieved: number | null; higherIsBetter: boolean; note: string; met: boolean | null };
export type IncidentRow = { id: string; solutionKey: string; solutionName: string; title: string; description: string; severity: IncidentSeverity; startedAt: Date; resolvedAt: Date | null };
export type RcaRow = { id: string; solutionKey: string | null; solutionName: string | null; title: string; owner: string; state: RcaState; dueOn: string | null; closedOn: string | null };
export type MeasureRow = { id: string; solutionKey: string | null; solutionName: string | null; title: string; description: string; owner: string; state: MeasureState; endMonth: string | null };
/** Per month: the SLA targets with a reported value, and how many of them were met. */
export type MonthTally = { month: string; met: number; missed: number; reported: number };

export type OperationsSummary = {
  /** The newest month in the range with a reported value. */
  latestMonth: string | null;
  solutionsMet: number;
  solutionsReported: number;
  rcaTotal: number;
  rcaOpen: number;
  rcaByState: Record<RcaState, number>;
  measuresByState: Record<MeasureState, number>;
};

export type Operations = {
  from: string;
  to: string;
  months: string[];
  sla: SlaRow[];
  tally: MonthTally[];
  incidents: IncidentRow[];
  incidentsTotal: number;
  rcaItems: RcaRow[];
  measures: MeasureRow[];
  summary: OperationsSummary;
};

/** The default range: the twelve months before the current one (the last full months). */
export function defaultRange(today: string): { from: string; to: string } {
  const current = `${today.slice(0, 7)}-01`;
  return { from: addMonths(current, -12), to: addMonths(current, -1) };
}

/**
 * Operations for the months from..to (yyyy-mm-01): SLA figures, incidents begun in the range (the
 * newest first), every RCA item and measure. Four statements whatever the range.
 */
export async function loadOperations(db: Db, from: string, to: string): Promise<Operations> {
  const months: string[] = [];
  for (let m = from; m <= to && months.length < MAX_MONTHS; m = addMonths(m, 1)) months.push(m);
  const last = months[months.length - 1] ?? from;
  const [slaRows, incidents, rcaItems, measures] = await Promise.all([
    db
      .select({
        solutionKey: operationsSla.solutionKey,
        solutionName: solution.name,
        month: operationsSla.month,
        measure: operationsSla.measure,
        unit: operationsSla.unit,
        target: operationsSla.target,
        achieved: operationsSla.achieved,
        higherIsBetter: operationsSla.higherIsBetter,
        note: operationsSla.note,
      })
      .from(operationsSla)
      .innerJoin(solution, eq(solution.key, operationsSla.solutionKey))
      .where(and(gte(operationsSla.month, from), lte(operationsSla.month, last)))
      .orderBy(asc(operationsSla.month), asc(operationsSla.solutionKey), asc(operationsSla.measure))
      .limit(SLA_ROWS),
    db
      .select({ ...incidentColumns, total: sql<number>`count(*) over ()` })
      .from(operationsIncident)
      .innerJoin(solution, eq(solution.key, operationsIncident.solutionKey))
      .where(and(gte(operationsIncident.startedAt, danishMidnight(from)), lt(operationsIncident.startedAt, danishMidnight(addMonths(last, 1)))))
      .orderBy(desc(operationsIncident.startedAt), asc(operationsIncident.id))
      .limit(INCIDENTS_SHOWN),
    loadRcaItems(db),
    loadMeasures(db),
  ]);
  const sla = slaRows.map((r) => ({ ...r, met: meets(r) })).sort((a, b) => (a.month === b.month ? danishCompare(a.solutionName, b.solutionName) || danishCompare(a.measure, b.measure) : a.month < b.month ? -1 : 1));
  const tally = months.map((month) => {
    const rows = sla.filter((r) => r.month === month && r.met !== null);
    const met = rows.filter((r) => r.met).length;
    return { month, met, missed: rows.length - met, reported: rows.length };
  });
  return {
    from,
    to: last,
    months,
    sla,
    tally,
    incidents: incidents.map(({ total: _total, ...r }) => r),
    incidentsTotal: Number(incidents[0]?.total ?? 0),
    rcaItems,
    measures,
    summary: summarise(sla, rcaItems, measures),
  };
}

function summarise(sla: SlaRow[], rca: RcaRow[], measures: MeasureRow[]): OperationsSummary {
  const reported = sla.filter((r) => r.met !== null);
  const latestMonth = reported.reduce<string | null>((m, r) => (m === null || r.month > m ? r.month : m), null);
  // A solution meets its targets in a month when every one of its reported measures does.
  const perSolution = new Map<string, boolean>();
  for (const r of reported) if (r.month === latestMonth) perSolution.set(r.solutionKey, (perSolution.get(r.solutionKey) ?? true) && r.met === true);
  const rcaByState = Object.fromEntries(rcaStates.map((s) => [s, rca.filter((r) => r.state === s).length])) as Record<RcaState, number>;
  return {
    latestMonth,
    solutionsMet: [...perSolution.values()].filter(Boolean).length,
    solutionsReported: perSolution.size,
    rcaTotal: rca.length,
    rcaOpen: rcaByState.aaben + rcaByState.i_gang,
    rcaByState,
    measuresByState: Object.fromEntries(measureStates.map((s) => [s, measures.filter((m) => m.state === s).length])) as Record<MeasureState, number>,
  };
}

/** The solutions the forms offer, in Danish order. */
export async function solutionOptions(db: Db): Promise<{ value: string; label: string }[]> {
  const rows = await db.select({ key: solution.key, name: solution.name }).from(solution).limit(500);
  return rows.sort(byDanishName).map((s) => ({ value: s.key, label: s.name }));
}

/** Today's month and the range a page or the API shows when none is asked for. */
export const rangeFor = (now: Date) => defaultRange(danishDay(now));

/** An incident as every list shows it, with its solution's name. */
const incidentColumns = {
  id: operationsIncident.id,
  solutionKey: operationsIncident.solutionKey,
  solutionName: solution.name,
  title: operationsIncident.title,
  description: operationsIncident.description,
  severity: operationsIncident.severity,
  startedAt: operationsIncident.startedAt,
  resolvedAt: operationsIncident.resolvedAt,
};

/** The unresolved incidents, newest first, for the editors' page; or the one with the id, resolved or not. */
export async function openIncidents(db: Db, id?: string): Promise<IncidentRow[]> {
  return db
    .select(incidentColumns)
    .from(operationsIncident)
    .innerJoin(solution, eq(solution.key, operationsIncident.solutionKey))
    .where(id === undefined ? isNull(operationsIncident.resolvedAt) : eq(operationsIncident.id, id))
    .orderBy(desc(operationsIncident.startedAt), asc(operationsIncident.id))
    .limit(INCIDENTS_SHOWN);
}

/** Every RCA item in the editors' order (bounded), or the one with the id. */
export async function loadRcaItems(db: Db, id?: string): Promise<RcaRow[]> {
  return db
    .select({
      id: operationsRcaItem.id,
      solutionKey: operationsRcaItem.solutionKey,
      solutionName: solution.name,
      title: operationsRcaItem.title,
      owner: operationsRcaItem.owner,
      state: operationsRcaItem.state,
      dueOn: operationsRcaItem.dueOn,
      closedOn: operationsRcaItem.closedOn,
    })
    .from(operationsRcaItem)
    .leftJoin(solution, eq(solution.key, operationsRcaItem.solutionKey))
    .where(id === undefined ? undefined : eq(operationsRcaItem.id, id))
    .orderBy(asc(operationsRcaItem.position), asc(operationsRcaItem.createdAt), asc(operationsRcaItem.id))
    .limit(RCA_SHOWN);
}

/** Every measure in the editors' order (bounded), or the one with the id. */
export async function loadMeasures(db: Db, id?: string): Promise<MeasureRow[]> {
  return db
    .select({
      id: operationsMeasure.id,
      solutionKey: operationsMeasure.solutionKey,
      solutionName: solution.name,
      title: operationsMeasure.title,
      description: operationsMeasure.description,
      owner: operationsMeasure.owner,
      state: operationsMeasure.state,
      endMonth: operationsMeasure.endMonth,
    })
    .from(operationsMeasure)
    .leftJoin(solution, eq(solution.key, operationsMeasure.solutionKey))
    .where(id === undefined ? undefined : eq(operationsMeasure.id, id))
    .orderBy(asc(operationsMeasure.position), asc(operationsMeasure.createdAt), asc(operationsMeasure.id))
    .limit(MEASURES_SHOWN);
}
