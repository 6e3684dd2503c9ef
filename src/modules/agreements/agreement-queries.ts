import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { type Actor, isCentral, isCentralEditor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { byDanishName, danishCompare } from '../../platform/views/format.ts';
import { municipality, roleType, solution } from '../../platform/identity/schema.ts';
import { historyLines, type HistoryLine, loadHistoryRows } from './history.ts';
import { agreement, agreementFile, agreementSignature, agreementSolution, agreementTarget, agreementVersion } from './schema.ts';
import { countStatusesSql } from './status-sql.ts';
import { countStatuses, emptyCounts, loadStatuses, type StatusCounts, type StatusRow } from './status.ts';

/**
 * Read models for the agreements' central pages and the API: reference lists for the forms, the
 * list of agreements with their counts, and one agreement in full. Each runs a fixed number of
 * queries however many agreements, versions, files and municipalities there are.
 */

/**
 * Creating agreements is for central administrators and consultants. For municipal users the
 * authoring pages do not exist (404); other central staff may read but not write (403).
 */
export function authorizeAgreementAuthoring(actor: Actor): void {
  if (!isCentral(actor)) throw notFound('Siden findes ikke.');
  if (!isCentralEditor(actor)) throw forbidden('Kun administratorer og konsulenter i KOMBIT kan oprette og ændre aftaler.');
}

export async function agreementReference(db: Db) {
  const [solutions, roleTypes, municipalities] = await Promise.all([
    db.select({ key: solution.key, name: solution.name, k98: solution.k98 }).from(solution).orderBy(asc(solution.sort), asc(solution.key)),
    db
      .select({ key: roleType.key, label: roleType.labelDa, perSolution: roleType.perSolution })
      .from(roleType)
      .where(eq(roleType.scope, 'municipal'))
      .orderBy(asc(roleType.sort)),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
  ]);
  return { solutions, roleTypes, municipalities: municipalities.sort(byDanishName) };
}
export type AgreementReference = Awaited<ReturnType<typeof agreementReference>>;

export type SolutionRef = { key: string; name: string; k98: boolean };

async function solutionsOf(db: Db, agreementIds: string[]): Promise<Map<string, SolutionRef[]>> {
  const out = new Map<string, SolutionRef[]>();
  if (agreementIds.length === 0) return out;
  const rows = await db
    .select({ agreementId: agreementSolution.agreementId, key: solution.key, name: solution.name, k98: solution.k98 })
    .from(agreementSolution)
    .innerJoin(solution, eq(solution.key, agreementSolution.solutionKey))
    .where(inArray(agreementSolution.agreementId, agreementIds))
    .orderBy(asc(solution.sort), asc(solution.key));
  for (const { agreementId, ...s } of rows) out.set(agreementId, [...(out.get(agreementId) ?? []), s]);
  return out;
}

export type AgreementSummary = {
  id: string;
  type: (typeof agreement.$inferSelect)['type'];
  title: string;
  status: (typeof agreement.$inferSelect)['status'];
  deadline: string | null;
  audienceRoleKey: string | null;
  audienceSolutionKey: string | null;
  ccRoleKey: string | null;
  currentVersionNumber: number | null;
  lastDispatchedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  solutions: SolutionRef[];
  /** Central actors: every addressed municipality counted. Municipal actors: null. */
  counts: StatusCounts | null;
  /** Municipal actors: their own municipality's row. Central actors: null. */
  own: StatusRow | null;
};

/**
 * Central staff: every agreement, newest first, with counts. A municipality's user: the agreements
 * sent to their municipality (never drafts), each with only their own municipality's status.
 */
export async function listAgreements(db: Db, actor: Actor): Promise<AgreementSummary[]> {
  const central = isCentral(actor);
  const code = actor.municipalityCode;
  if (!central && !code) return [];
  const where = central
    ? undefined
    : and(
        ne(agreement.status, 'draft'),
        sql`exists(select 1 from ${agreementTarget} where ${agreementTarget.agreementId} = ${agreement.id} and ${agreementTarget.municipalityCode} = ${code})`,
      );
  const rows = await db
    .select({
      id: agreement.id,
      type: agreement.type,
      title: agreement.title,
      status: agreement.status,
      deadline: agreement.deadline,
      audienceRoleKey: agreement.audienceRoleKey,
      audienceSolutionKey: agreement.audienceSolutionKey,
      ccRoleKey: agreement.ccRoleKey,
      currentVersionNumber: agreementVersion.number,
      lastDispatchedAt: agreement.lastDispatchedAt,
      createdAt: agreement.createdAt,
      updatedAt: agreement.updatedAt,
    })
    .from(agreement)
    .leftJoin(agreementVersion, eq(agreementVersion.id, agreement.currentVersionId))
    .where(where)
    .orderBy(desc(agreement.createdAt));
  rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || danishCompare(a.title, b.title));
  const ids = rows.map((r) => r.id);
  // Central staff see counts (one GROUP BY in the database); a municipality its own rows in full.
  const [solutions, counts, statuses] = await Promise.all([
    solutionsOf(db, ids),
    central ? countStatusesSql(db, ids) : new Map<string, StatusCounts>(),
    central ? ([] as StatusRow[]) : loadStatuses(db, { agreementIds: ids, municipalityCode: code! }),
  ]);
  const ownRow = new Map(statuses.map((s) => [s.agreementId, s]));
  return rows.map((r) => ({
    ...r,
    solutions: solutions.get(r.id) ?? [],
    counts: central ? (counts.get(r.id) ?? emptyCounts()) : null,
    own: central ? null : (ownRow.get(r.id) ?? null),
  }));
}

export type AgreementFileInfo = {
  id: string;
  kind: 'document' | 'annex';
  position: number;
  title: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
};
export type AgreementVersionInfo = {
  id: string;
  number: number;
  changeNote: string;
  requiresResign: boolean;
  sha256: string;
  createdAt: Date;
  current: boolean;
  files: AgreementFileInfo[];
};

/**
 * One agreement in full for the detail page and the API. Statuses: every addressed municipality for
 * central actors, only their own for a municipality's user (whose history also leaves out counts).
 * The caller has already loaded the agreement through loadAgreement (policy checked). A fixed
 * number of queries: the agreement with its labels and solutions, versions with files, the
 * statuses, and the dispatches and reminder rounds behind the history.
 */
export async function getAgreementDetail(db: Db, actor: Actor, agreementId: string) {
  const central = isCentral(actor);
  const code = central ? null : actor.municipalityCode;
  const ccRole = alias(roleType, 'cc_role');
  const [[head], versionRows, statuses] = await Promise.all([
    db
      .select({
        agreement,
        audienceRoleLabel: roleType.labelDa,
        audienceSolutionName: solution.name,
        ccRoleLabel: ccRole.labelDa,
        solutions: sql<SolutionRef[]>`coalesce((
          select json_agg(json_build_object('key', s.key, 'name', s.name, 'k98', s.k98) order by s.sort, s.key)
          from ${agreementSolution} x join ${solution} s on s.key = x.solution_key
          where x.agreement_id = ${agreement.id}), '[]'::json)`,
        municipalityCount: sql<number>`(select count(*) from ${municipality})`.mapWith(Number),
        // Signatures the current version superseded: "n municipalities must sign again".
        supersededByCurrent: sql<number>`(select count(distinct s.municipality_code) from ${agreementSignature} s
          where s.agreement_id = ${agreement.id} and s.superseded_by_version_id = ${agreement.currentVersionId})`.mapWith(Number),
      })
      .from(agreement)
      .leftJoin(roleType, eq(roleType.key, agreement.audienceRoleKey))
      .leftJoin(solution, eq(solution.key, agreement.audienceSolutionKey))
      .leftJoin(ccRole, eq(ccRole.key, agreement.ccRoleKey))
      .where(eq(agreement.id, agreementId)),
    db
      .select({
        id: agreementVersion.id,
        number: agreementVersion.number,
        changeNote: agreementVersion.changeNote,
        requiresResign: agreementVersion.requiresResign,
        sha256: agreementVersion.sha256,
        createdAt: agreementVersion.createdAt,
        file: {
          id: agreementFile.id,
          kind: agreementFile.kind,
          position: agreementFile.position,
          title: agreementFile.title,
          filename: agreementFile.filename,
          contentType: agreementFile.contentType,
          size: agreementFile.size,
          sha256: agreementFile.sha256,
        },
      })
      .from(agreementVersion)
      .leftJoin(agreementFile, eq(agreementFile.versionId, agreementVersion.id))
      .where(eq(agreementVersion.agreementId, agreementId))
      .orderBy(desc(agreementVersion.number), asc(agreementFile.position)),
    loadStatuses(db, code ? { agreementIds: [agreementId], municipalityCode: code } : { agreementIds: [agreementId] }),
  ]);
  if (!head) return null;
  const a = head.agreement;
  const versions: AgreementVersionInfo[] = [];
  for (const r of versionRows) {
    let v = versions[versions.length - 1];
    if (!v || v.id !== r.id) {
      v = { id: r.id, number: r.number, changeNote: r.changeNote, requiresResign: r.requiresResign, sha256: r.sha256, createdAt: r.createdAt, current: r.id === a.currentVersionId, files: [] };
      versions.push(v);
    }
    if (r.file) v.files.push(r.file);
  }
  const historyRows = await loadHistoryRows(db, agreementId, { municipalityCode: code, versions, totalMunicipalities: head.municipalityCount });
  const latest = historyRows.dispatches[historyRows.dispatches.length - 1];
  return {
    ...a,
    audienceRoleLabel: head.audienceRoleLabel,
    audienceSolutionName: head.audienceSolutionName,
    ccRoleLabel: head.ccRoleLabel,
    solutions: head.solutions,
    versions,
    statuses,
    counts: central ? (countStatuses(statuses).get(agreementId) ?? emptyCounts()) : null,
    own: central ? null : (statuses[0] ?? null),
    history: historyLines(historyRows),
    latestDispatch: central && latest ? { municipalities: latest.municipalityCodes.length, recipients: latest.recipients, sentAt: latest.sentAt } : null,
    supersededByCurrent: central ? head.supersededByCurrent : 0,
  };
}
export type AgreementDetail = NonNullable<Awaited<ReturnType<typeof getAgreementDetail>>>;
export type { HistoryLine };

/** "Programleder", "Systemansvarlig for Byg og Miljø (cc: IT- og digitaliseringschef)" */
export function audienceText(d: Pick<AgreementDetail, 'audienceRoleLabel' | 'audienceSolutionName' | 'ccRoleLabel'>): string {
  if (!d.audienceRoleLabel) return '–';
  const to = d.audienceSolutionName ? `${d.audienceRoleLabel} for ${d.audienceSolutionName}` : d.audienceRoleLabel;
  return d.ccRoleLabel ? `${to} (cc: ${d.ccRoleLabel})` : to;
}
