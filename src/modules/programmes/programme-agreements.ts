import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, isCentral } from '../../platform/context.ts';
import { danishCompare } from '../../platform/views/format.ts';
import {
  agreement,
  agreementSolution,
  type AgreementStatus,
  agreementVisibleTo,
  type AgreementType,
  countStatusesSql,
  municipalityStatusesSql,
  type MunicipalStatus,
  type StatusCounts,
} from '../agreements/index.ts';

/** More agreements than any solution has; the list says so if there were ever more. */
export const MAX_AGREEMENTS = 50;

export type ProgrammeAgreement = {
  id: string;
  title: string;
  type: AgreementType;
  status: AgreementStatus;
  /** Central staff: how the addressed municipalities stand (null for a draft, which is addressed to none yet). */
  counts: StatusCounts | null;
  /** A municipality's user: where their own municipality stands. */
  ownStatus: MunicipalStatus | null;
};

/**
 * The agreements concerning the programme's solution, as the agreements' own read rule allows:
 * central staff every one (drafts too) with the signing counts; a municipality's user only those
 * sent to its municipality, each with its own status and nothing about the others. Two statements.
 */
export async function programmeAgreements(db: Db, actor: Actor, solutionKey: string | null): Promise<ProgrammeAgreement[]> {
  if (solutionKey === null) return [];
  const central = isCentral(actor);
  const code = actor.municipalityCode;
  if (!central && code === null) return [];
  const rows = await db
    .select({ id: agreement.id, title: agreement.title, type: agreement.type, status: agreement.status })
    .from(agreementSolution)
    .innerJoin(agreement, eq(agreement.id, agreementSolution.agreementId))
    .where(and(eq(agreementSolution.solutionKey, solutionKey), agreementVisibleTo(actor)))
    .orderBy(agreement.createdAt, agreement.id)
    .limit(MAX_AGREEMENTS);
  const ids = rows.map((r) => r.id);
  const [counts, own] = await Promise.all([
    central ? countStatusesSql(db, ids) : Promise.resolve(new Map<string, StatusCounts>()),
    central ? Promise.resolve(new Map<string, MunicipalStatus>()) : municipalityStatusesSql(db, ids, code!),
  ]);
  return rows
    .map((r) => ({ ...r, counts: r.status === 'draft' ? null : (counts.get(r.id) ?? null), ownStatus: own.get(r.id) ?? null }))
    .sort((a, b) => danishCompare(a.title, b.title));
}
