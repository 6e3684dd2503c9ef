import { and, asc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { municipality, person, roleAssignment, roleType, solution, userAccount } from '../../../platform/identity/schema.ts';
import type { AgreementRow } from '../load-agreement.ts';
import {
  agreement,
  agreementFile,
  agreementSignature,
  agreementSolution,
  agreementTarget,
  agreementVersion,
  type AgreementType,
  type AgreementStatus,
} from '../schema.ts';
import { loadStatuses, type StatusRow } from '../status.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';

/** A signature as pages, API and receipts show it: never the uploaded bytes. */
export type SignatureView = {
  id: string;
  agreementId: string;
  versionId: string;
  versionNumber: number;
  municipalityCode: string;
  municipalityName: string;
  method: 'samspil' | 'upload';
  state: 'signed' | 'pending' | 'rejected';
  signerUserId: string | null;
  signerName: string;
  signerTitle: string;
  signedAt: Date;
  versionSha256: string;
  ip: string;
  uploadFilename: string | null;
  uploadSize: number | null;
  uploadSha256: string | null;
  reviewedAt: Date | null;
  reviewerName: string | null;
  rejectReason: string | null;
  supersededAt: Date | null;
  supersededByVersionNumber: number | null;
};

/** Counts: signed and not superseded. Pending ones are current but do not count yet. */
export const isCurrent = (s: Pick<SignatureView, 'state' | 'supersededAt'>) => s.supersededAt === null && s.state !== 'rejected';

/** Pending first, then current, then superseded and rejected; newest first within each. */
function signatureRank(s: SignatureView): number {
  if (s.state === 'pending' && s.supersededAt === null) return 0;
  if (isCurrent(s)) return 1;
  return 2;
}

export function sortSignatures(rows: SignatureView[]): SignatureView[] {
  return [...rows].sort(
    (a, b) => signatureRank(a) - signatureRank(b) || danishCompare(a.municipalityName, b.municipalityName) || b.signedAt.getTime() - a.signedAt.getTime(),
  );
}

/**
 * The signatures of one agreement (optionally of one municipality, or one signature), with version
 * numbers, municipality names and the reviewer's name: one query, however many rows.
 */
export async function listSignatures(db: Db, agreementId: string, filter: { municipalityCode?: string; signatureId?: string } = {}): Promise<SignatureView[]> {
  const where = [eq(agreementSignature.agreementId, agreementId)];
  if (filter.municipalityCode) where.push(eq(agreementSignature.municipalityCode, filter.municipalityCode));
  if (filter.signatureId) where.push(eq(agreementSignature.id, filter.signatureId));
  const rows = await db
    .select({
      id: agreementSignature.id,
      agreementId: agreementSignature.agreementId,
      versionId: agreementSignature.versionId,
      versionNumber: agreementVersion.number,
      municipalityCode: agreementSignature.municipalityCode,
      municipalityName: municipality.name,
      method: agreementSignature.method,
      state: agreementSignature.state,
      signerUserId: agreementSignature.signerUserId,
      signerName: agreementSignature.signerName,
      signerTitle: agreementSignature.signerTitle,
      signedAt: agreementSignature.signedAt,
      versionSha256: agreementSignature.versionSha256,
      ip: agreementSignature.ip,
      uploadFilename: agreementSignature.uploadFilename,
      uploadSize: agreementSignature.uploadSize,
      uploadSha256: agreementSignature.uploadSha256,
      reviewedAt: agreementSignature.reviewedAt,
      reviewedBy: agreementSignature.reviewedBy,
      rejectReason: agreementSignature.rejectReason,
      supersededAt: agreementSignature.supersededAt,
      supersededByVersionId: agreementSignature.supersededByVersionId,
    })
    .from(agreementSignature)
    .innerJoin(agreementVersion, eq(agreementVersion.id, agreementSignature.versionId))
    .innerJoin(municipality, eq(municipality.code, agreementSignature.municipalityCode))
    .where(and(...where));
  if (rows.length === 0) return [];
  // Reviewer names and superseding version numbers in one more query each, only when needed.
  const reviewerIds = [...new Set(rows.flatMap((r) => (r.reviewedBy ? [r.reviewedBy] : [])))];
  const versionIds = [...new Set(rows.flatMap((r) => (r.supersededByVersionId ? [r.supersededByVersionId] : [])))];
  const [reviewers, versions] = await Promise.all([
    reviewerIds.length > 0 ? reviewerNames(db, reviewerIds) : new Map<string, string>(),
    versionIds.length > 0
      ? db
          .select({ id: agreementVersion.id, number: agreementVersion.number })
          .from(agreementVersion)
          .where(inArray(agreementVersion.id, versionIds))
          .then((vs) => new Map(vs.map((v) => [v.id, v.number])))
      : new Map<string, number>(),
  ]);
  return sortSignatures(
    rows.map(({ reviewedBy, supersededByVersionId, ...r }) => ({
      ...r,
      reviewerName: reviewedBy ? (reviewers.get(reviewedBy) ?? null) : null,
      supersededByVersionNumber: supersededByVersionId ? (versions.get(supersededByVersionId) ?? null) : null,
    })),
  );
}

async function reviewerNames(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: userAccount.id, name: person.name })
    .from(userAccount)
    .innerJoin(person, eq(person.id, userAccount.personId))
    .where(inArray(userAccount.id, userIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * One signature of the agreement as the actor may see it: central staff every one, a municipality
 * only its own (another municipality's answers 404, as if it did not exist).
 */
export async function visibleSignature(db: Db, actor: Actor, agreementId: string, signatureId: string): Promise<SignatureView> {
  if (!isUuid(signatureId)) throw notFound('Underskriften findes ikke.');
  const [s] = await listSignatures(db, agreementId, { signatureId });
  if (!s || (actor.municipalityCode !== null && s.municipalityCode !== actor.municipalityCode)) throw notFound('Underskriften findes ikke.');
  return s;
}

/** The uploaded signed PDF of a signature, for download. */
export async function signatureUpload(db: Db, agreementId: string, signatureId: string) {
  const [row] = await db
    .select({
      filename: agreementSignature.uploadFilename,
      contentType: agreementSignature.uploadContentType,
      content: agreementSignature.uploadContent,
    })
    .from(agreementSignature)
    .where(and(eq(agreementSignature.id, signatureId), eq(agreementSignature.agreementId, agreementId)));
  if (!row?.content || !row.filename) throw notFound('Der er ingen uploadet fil til underskriften.');
  return { filename: row.filename, contentType: row.contentType ?? 'application/pdf', content: row.content };
}

export type VersionFile = { id: string; kind: 'document' | 'annex'; position: number; title: string; filename: string; size: number; sha256: string };
export type VersionView = { id: string; number: number; sha256: string; changeNote: string; createdAt: Date };

/** Every version of the agreement (oldest first) and the files of one of them, without their bytes. */
export async function versionsAndFiles(db: Db, agreementId: string, versionId: string | null): Promise<{ versions: VersionView[]; files: VersionFile[] }> {
  const [versions, files] = await Promise.all([
    db
      .select({ id: agreementVersion.id, number: agreementVersion.number, sha256: agreementVersion.sha256, changeNote: agreementVersion.changeNote, createdAt: agreementVersion.createdAt })
      .from(agreementVersion)
      .where(eq(agreementVersion.agreementId, agreementId))
      .orderBy(asc(agreementVersion.number)),
    versionId
      ? db
          .select({
            id: agreementFile.id,
            kind: agreementFile.kind,
            position: agreementFile.position,
            title: agreementFile.title,
            filename: agreementFile.filename,
            size: agreementFile.size,
            sha256: agreementFile.sha256,
          })
          .from(agreementFile)
          .where(eq(agreementFile.versionId, versionId))
          .orderBy(asc(agreementFile.position))
      : Promise.resolve([] as VersionFile[]),
  ]);
  return { versions, files };
}

// ---------------------------------------------------------------- the municipality's side

export type MunicipalAgreementRow = {
  id: string;
  type: AgreementType;
  title: string;
  status: AgreementStatus;
  deadline: string | null;
  own: StatusRow;
  /** Who signs for the municipality: the role of the latest dispatch and who holds it there now. */
  signers: { roleLabel: string | null; solutionName: string | null; people: { personId: string; name: string }[] };
};

/**
 * "Aftaler" for one municipality: every agreement sent to it (never drafts) with its own status and
 * who in the municipality signs it. A constant number of queries (loadStatuses' few, plus two).
 */
export async function municipalAgreements(db: Db, municipalityCode: string): Promise<MunicipalAgreementRow[]> {
  const [agreements, statuses, holders] = await Promise.all([
    db
      .select({
        id: agreement.id,
        type: agreement.type,
        title: agreement.title,
        status: agreement.status,
        deadline: agreement.deadline,
        audienceRoleKey: agreement.audienceRoleKey,
        audienceSolutionKey: agreement.audienceSolutionKey,
        roleLabel: roleType.labelDa,
        solutionName: solution.name,
      })
      .from(agreementTarget)
      .innerJoin(agreement, eq(agreement.id, agreementTarget.agreementId))
      .leftJoin(roleType, eq(roleType.key, agreement.audienceRoleKey))
      .leftJoin(solution, eq(solution.key, agreement.audienceSolutionKey))
      .where(and(eq(agreementTarget.municipalityCode, municipalityCode), ne(agreement.status, 'draft'))),
    loadStatuses(db, { municipalityCode }),
    // Everyone in the municipality's role gallery who holds a role some agreement sent to it is addressed to.
    db
      .selectDistinct({ roleKey: roleAssignment.roleTypeKey, solutionKey: roleAssignment.solutionKey, personId: person.id, name: person.name })
      .from(roleAssignment)
      .innerJoin(person, eq(person.id, roleAssignment.personId))
      .where(
        and(
          eq(roleAssignment.municipalityCode, municipalityCode),
          isNull(roleAssignment.removedAt),
          eq(person.active, true),
          inArray(
            roleAssignment.roleTypeKey,
            db
              .selectDistinct({ key: agreement.audienceRoleKey })
              .from(agreement)
              .innerJoin(agreementTarget, and(eq(agreementTarget.agreementId, agreement.id), eq(agreementTarget.municipalityCode, municipalityCode)))
              .where(isNotNull(agreement.audienceRoleKey)),
          ),
        ),
      ),
  ]);
  const own = new Map(statuses.map((s) => [s.agreementId, s]));
  holders.sort((a, b) => danishCompare(a.name, b.name));
  return agreements.flatMap(({ audienceRoleKey, audienceSolutionKey, roleLabel, solutionName, ...a }) => {
    const s = own.get(a.id);
    if (!s) return [];
    const people = holders
      .filter((h) => h.roleKey === audienceRoleKey && (audienceSolutionKey === null || h.solutionKey === audienceSolutionKey))
      .map(({ personId, name }) => ({ personId, name }));
    // One person may hold the role for several solutions: listed once.
    const unique = [...new Map(people.map((p) => [p.personId, p])).values()];
    return [{ ...a, own: s, signers: { roleLabel, solutionName, people: unique } }];
  });
}

/** Outstanding for the municipality while the agreement is open: what "Skal underskrives" lists. */
export const mustSign = (r: Pick<MunicipalAgreementRow, 'status' | 'own'>) => r.status === 'sent' && (r.own.status === 'not_signed' || r.own.status === 'in_dialogue');

export type MunicipalAgreementView = {
  agreement: AgreementRow;
  versions: VersionView[];
  current: VersionView | null;
  files: VersionFile[];
  solutions: { key: string; name: string }[];
  audienceSolutionName: string | null;
  own: StatusRow | null;
  signatures: SignatureView[];
  /** The signer's job title, to prefill the form */
  actorTitle: string;
};

/** What the municipality's agreement page shows, in a constant number of queries. */
export async function municipalAgreementView(db: Db, a: AgreementRow, municipalityCode: string, actorPersonId: string): Promise<MunicipalAgreementView> {
  const [{ versions, files }, solutions, statuses, signatures, me] = await Promise.all([
    versionsAndFiles(db, a.id, a.currentVersionId),
    db
      .select({ key: solution.key, name: solution.name, covered: agreementSolution.agreementId })
      .from(solution)
      .leftJoin(agreementSolution, and(eq(agreementSolution.solutionKey, solution.key), eq(agreementSolution.agreementId, a.id)))
      // The covered solutions (annex 1 for K98) and the audience's solution, for its name
      .where(a.audienceSolutionKey ? or(eq(agreementSolution.agreementId, a.id), eq(solution.key, a.audienceSolutionKey)) : eq(agreementSolution.agreementId, a.id))
      .orderBy(asc(solution.sort), asc(solution.key)),
    loadStatuses(db, { agreementIds: [a.id], municipalityCode }),
    listSignatures(db, a.id, { municipalityCode }),
    db.select({ title: person.title }).from(person).where(eq(person.id, actorPersonId)),
  ]);
  return {
    agreement: a,
    versions,
    current: versions.find((v) => v.id === a.currentVersionId) ?? null,
    files,
    solutions: solutions.filter((s) => s.covered !== null).map(({ key, name }) => ({ key, name })),
    audienceSolutionName: a.audienceSolutionKey ? (solutions.find((s) => s.key === a.audienceSolutionKey)?.name ?? null) : null,
    own: statuses[0] ?? null,
    signatures,
    actorTitle: me[0]?.title ?? '',
  };
}
