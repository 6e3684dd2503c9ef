import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { byDanishName, danishCompare } from '../../../platform/views/format.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { agreement, type AgreementStatus, type AgreementType, agreementTypes } from '../schema.ts';
import { countStatusesSql, statusGridSql } from '../status-sql.ts';
import { emptyCounts, loadStatuses, type MunicipalStatus, type StatusCounts, type StatusRow } from '../status.ts';

export type MatrixAgreement = { id: string; title: string; type: AgreementType; status: AgreementStatus; counts: StatusCounts };

export type MatrixRow = {
  code: string;
  name: string;
  /** One per agreement, in the order of `agreements`; null where the agreement was not sent to the municipality. */
  cells: (MunicipalStatus | null)[];
};

export type Matrix = { type: AgreementType | null; agreements: MatrixAgreement[]; rows: MatrixRow[] };

/** ?type=…; anything else shows every type. */
export function parseMatrixType(value: unknown): AgreementType | null {
  return typeof value === 'string' && (agreementTypes as readonly string[]).includes(value) ? (value as AgreementType) : null;
}

async function matrixAxes(db: Db, type: AgreementType | null) {
  const where = [ne(agreement.status, 'draft')];
  if (type) where.push(eq(agreement.type, type));
  const [agreements, municipalities] = await Promise.all([
    db.select({ id: agreement.id, title: agreement.title, type: agreement.type, status: agreement.status }).from(agreement).where(and(...where)),
    db.select({ code: municipality.code, name: municipality.name }).from(municipality),
  ]);
  agreements.sort((a, b) => agreementTypes.indexOf(a.type) - agreementTypes.indexOf(b.type) || danishCompare(a.title, b.title));
  municipalities.sort(byDanishName);
  return { agreements, municipalities };
}

/**
 * Every municipality against every agreement that has been sent (drafts are nobody's business yet),
 * optionally of one type: agreements by type, then title; municipalities in Danish order. The
 * statuses and their counts come from the database (status-sql.ts): three statements however many
 * agreements and municipalities.
 */
export async function agreementMatrix(db: Db, type: AgreementType | null): Promise<Matrix> {
  const { agreements, municipalities } = await matrixAxes(db, type);
  const ids = agreements.map((a) => a.id);
  const { grid, counts } = await statusGridSql(db, ids);
  return {
    type,
    agreements: agreements.map((a) => ({ ...a, counts: counts.get(a.id) ?? emptyCounts() })),
    rows: municipalities.map((m) => {
      const cells = grid.get(m.code);
      return { ...m, cells: agreements.map((a) => cells?.get(a.id) ?? null) };
    }),
  };
}

export type MatrixDetailRow = { code: string; name: string; cells: (StatusRow | null)[] };

/**
 * The matrix with every cell's full status (the day a K98 signature replaced a connection
 * agreement), for the spreadsheet: downloaded now and then, so it may load the statuses row by row.
 */
export async function agreementMatrixDetail(db: Db, type: AgreementType | null): Promise<{ type: AgreementType | null; agreements: MatrixAgreement[]; rows: MatrixDetailRow[] }> {
  const { agreements, municipalities } = await matrixAxes(db, type);
  const ids = agreements.map((a) => a.id);
  const [statuses, counts] = await Promise.all([loadStatuses(db, { agreementIds: ids }), countStatusesSql(db, ids)]);
  const cell = new Map(statuses.map((s) => [`${s.agreementId}|${s.municipalityCode}`, s]));
  return {
    type,
    agreements: agreements.map((a) => ({ ...a, counts: counts.get(a.id) ?? emptyCounts() })),
    rows: municipalities.map((m) => ({ ...m, cells: agreements.map((a) => cell.get(`${a.id}|${m.code}`) ?? null) })),
  };
}
