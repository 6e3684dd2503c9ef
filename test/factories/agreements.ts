import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { fileSha256, PDF, versionHash } from '../../src/modules/agreements/files.ts';
import {
  agreement,
  agreementDispatch,
  agreementFile,
  agreementSignature,
  agreementSolution,
  agreementTarget,
  agreementVersion,
  type AgreementStatus,
  type AgreementType,
} from '../../src/modules/agreements/schema.ts';
import { municipality } from '../../src/platform/identity/schema.ts';

let seq = 0;

/** A minimal PDF with distinct text, so every call has its own hash. */
export function tinyPdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, 'latin1');
}

export type BuildAgreement = {
  type?: AgreementType;
  title?: string;
  status?: AgreementStatus;
  solutions?: string[];
  audienceRoleKey?: string;
  audienceSolutionKey?: string | null;
  ccRoleKey?: string | null;
  deadline?: string;
  /** municipality codes addressed; default all 98 (none for a draft) */
  targets?: string[];
  /** when the dispatch happened; default now */
  sentAt?: Date;
};

/** An agreement straight in the database (version 1 with a document and one annex, dispatched), for tests of what comes after authoring. */
export async function buildAgreement(db: Db, o: BuildAgreement = {}) {
  seq++;
  const status = o.status ?? 'sent';
  const sentAt = o.sentAt ?? new Date();
  const deadline = o.deadline ?? '2030-06-30';
  const [a] = await db
    .insert(agreement)
    .values({
      type: o.type ?? 'databehandleraftale',
      title: o.title ?? `Testaftale ${seq}`,
      status,
      audienceRoleKey: status === 'draft' ? null : (o.audienceRoleKey ?? 'programleder'),
      audienceSolutionKey: o.audienceSolutionKey ?? null,
      ccRoleKey: o.ccRoleKey ?? null,
      deadline: status === 'draft' ? null : deadline,
      lastDispatchedAt: status === 'draft' ? null : sentAt,
    })
    .returning();
  if (o.solutions?.length) await db.insert(agreementSolution).values(o.solutions.map((solutionKey) => ({ agreementId: a!.id, solutionKey })));
  const version = await buildVersion(db, a!.id, 1, { requiresResign: true });
  const codes = status === 'draft' ? [] : (o.targets ?? (await db.select({ code: municipality.code }).from(municipality)).map((m) => m.code));
  if (codes.length > 0) {
    await db.insert(agreementTarget).values(codes.map((code) => ({ agreementId: a!.id, municipalityCode: code, addedAt: sentAt })));
    await db.insert(agreementDispatch).values({
      agreementId: a!.id,
      requestKey: randomUUID(),
      versionId: version.id,
      versionNumber: 1,
      roleKey: o.audienceRoleKey ?? 'programleder',
      solutionKey: o.audienceSolutionKey ?? null,
      ccRoleKey: o.ccRoleKey ?? null,
      deadline,
      municipalityCodes: codes,
      recipients: codes.length,
      sentAt,
    });
  }
  const [row] = await db.select().from(agreement).where(eq(agreement.id, a!.id));
  return { agreement: row!, version };
}

/** A version with a document and one annex; makes it the agreement's current version. */
export async function buildVersion(db: Db, agreementId: string, number: number, o: { requiresResign?: boolean; changeNote?: string } = {}) {
  const files = [
    { kind: 'document' as const, position: 0, title: 'Aftale', filename: `aftale-v${number}.pdf`, content: tinyPdf(`aftale ${agreementId} v${number}`) },
    { kind: 'annex' as const, position: 1, title: 'Bilag 1', filename: `bilag-1-v${number}.pdf`, content: tinyPdf(`bilag ${agreementId} v${number}`) },
  ].map((f) => ({ ...f, sha256: fileSha256(f.content), size: f.content.length, contentType: PDF }));
  const [v] = await db
    .insert(agreementVersion)
    .values({ agreementId, number, changeNote: o.changeNote ?? '', requiresResign: o.requiresResign ?? true, sha256: versionHash(files) })
    .returning();
  await db.insert(agreementFile).values(files.map((f) => ({ ...f, versionId: v!.id })));
  await db.update(agreement).set({ currentVersionId: v!.id }).where(eq(agreement.id, agreementId));
  return v!;
}

/** A current signature of the agreement's current version for a municipality. */
export async function buildSignature(
  db: Db,
  agreementId: string,
  municipalityCode: string,
  o: { state?: 'signed' | 'pending'; signedAt?: Date; method?: 'samspil' | 'upload' } = {},
) {
  const [a] = await db.select().from(agreement).where(eq(agreement.id, agreementId));
  const [v] = await db.select().from(agreementVersion).where(eq(agreementVersion.id, a!.currentVersionId!));
  const [s] = await db
    .insert(agreementSignature)
    .values({
      agreementId,
      versionId: v!.id,
      municipalityCode,
      method: o.method ?? 'samspil',
      state: o.state ?? 'signed',
      signerName: 'Test Underskriver',
      signerTitle: 'Kommunaldirektør',
      signedAt: o.signedAt ?? new Date(),
      versionSha256: v!.sha256,
      ip: '127.0.0.1',
    })
    .returning();
  return s!;
}
