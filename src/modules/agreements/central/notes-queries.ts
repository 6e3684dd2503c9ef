import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { organisation } from '../../../platform/identity/schema.ts';
import { agreementNote, agreementSignature, agreementTarget, agreementVersion } from '../schema.ts';
import { countStatuses, emptyCounts, loadStatuses, type StatusCounts, type StatusRow } from '../status.ts';

export type AgreementNote = {
  id: string;
  municipalityCode: string;
  authorName: string;
  fromCentral: boolean;
  body: string;
  createdAt: Date;
};

const noteColumns = {
  id: agreementNote.id,
  municipalityCode: agreementNote.municipalityCode,
  authorName: agreementNote.authorName,
  fromCentral: agreementNote.fromCentral,
  body: agreementNote.body,
  createdAt: agreementNote.createdAt,
};

/** A thread holds a handful of notes; the cap only guards the page. */
const MAX_NOTES = 500;

/** The notes of one municipality about one agreement, oldest first. */
export async function noteThread(db: Db, agreementId: string, municipalityCode: string): Promise<AgreementNote[]> {
  return db
    .select(noteColumns)
    .from(agreementNote)
    .where(and(eq(agreementNote.agreementId, agreementId), eq(agreementNote.municipalityCode, municipalityCode)))
    .orderBy(asc(agreementNote.createdAt), asc(agreementNote.id))
    .limit(MAX_NOTES);
}

/** The newest note of every municipality's thread (or of one), in one query. */
export async function lastNotes(db: Db, agreementId: string, municipalityCode?: string): Promise<Map<string, AgreementNote>> {
  const where = [eq(agreementNote.agreementId, agreementId)];
  if (municipalityCode) where.push(eq(agreementNote.municipalityCode, municipalityCode));
  const rows = await db
    .selectDistinctOn([agreementNote.municipalityCode], noteColumns)
    .from(agreementNote)
    .where(and(...where))
    .orderBy(agreementNote.municipalityCode, desc(agreementNote.createdAt), desc(agreementNote.id));
  return new Map(rows.map((r) => [r.municipalityCode, r]));
}

/** "KOMBIT" as the organisation calls itself in the reference data. */
export async function organisationName(db: Db): Promise<string> {
  const [row] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.key, 'kombit'));
  return row?.name ?? 'KOMBIT';
}

export type StatusOverviewRow = StatusRow & { lastNote: AgreementNote | null };

export type StatusOverview = {
  rows: StatusOverviewRow[];
  counts: StatusCounts;
  organisationName: string;
};

/**
 * What the status page, its export and the status API show: every addressed municipality (or the
 * one asked for) with its status and the newest note of its thread. Four to six queries, however
 * many municipalities.
 */
export async function statusOverview(db: Db, agreementId: string, municipalityCode?: string): Promise<StatusOverview> {
  const filter = municipalityCode ? { agreementIds: [agreementId], municipalityCode } : { agreementIds: [agreementId] };
  const [statuses, notes, orgName] = await Promise.all([loadStatuses(db, filter), lastNotes(db, agreementId, municipalityCode), organisationName(db)]);
  const rows = statuses.map((r) => ({ ...r, lastNote: notes.get(r.municipalityCode) ?? null }));
  return { rows, counts: countStatuses(statuses).get(agreementId) ?? emptyCounts(), organisationName: orgName };
}

export type SignatureRecord = {
  id: string;
  versionNumber: number;
  method: 'samspil' | 'upload';
  state: 'signed' | 'pending' | 'rejected';
  signerName: string;
  signerTitle: string;
  signedAt: Date;
  reviewedAt: Date | null;
  rejectReason: string | null;
  supersededAt: Date | null;
  /** Current: neither superseded by a version requiring re-signing nor rejected */
  current: boolean;
};

/** Every signature one municipality made of the agreement, newest first: current, superseded and rejected. */
export async function signatureRecords(db: Db, agreementId: string, municipalityCode: string): Promise<SignatureRecord[]> {
  const rows = await db
    .select({
      id: agreementSignature.id,
      versionNumber: agreementVersion.number,
      method: agreementSignature.method,
      state: agreementSignature.state,
      signerName: agreementSignature.signerName,
      signerTitle: agreementSignature.signerTitle,
      signedAt: agreementSignature.signedAt,
      reviewedAt: agreementSignature.reviewedAt,
      rejectReason: agreementSignature.rejectReason,
      supersededAt: agreementSignature.supersededAt,
    })
    .from(agreementSignature)
    .innerJoin(agreementVersion, eq(agreementVersion.id, agreementSignature.versionId))
    .where(and(eq(agreementSignature.agreementId, agreementId), eq(agreementSignature.municipalityCode, municipalityCode)))
    .orderBy(desc(agreementSignature.signedAt), desc(agreementSignature.id));
  return rows.map((r) => ({ ...r, current: r.supersededAt === null && r.state !== 'rejected' }));
}

/** Is the municipality addressed by the agreement? Notes, dialogue and the page exist only for addressed ones. */
export async function isAddressed(db: Db, agreementId: string, municipalityCode: string): Promise<boolean> {
  const [row] = await db
    .select({ code: agreementTarget.municipalityCode })
    .from(agreementTarget)
    .where(and(eq(agreementTarget.agreementId, agreementId), eq(agreementTarget.municipalityCode, municipalityCode)));
  return Boolean(row);
}
