import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import { AppError, conflict, type FieldErrors, invalid, parseInput } from '../../../platform/errors.ts';
import { isPdf } from '../../../platform/files/content-type.ts';
import { fileSha256, MAX_AGREEMENT_FILE_BYTES, PDF } from '../files.ts';
import { loadAgreement } from '../load-agreement.ts';
import type { SignatureUpload } from './parse-signature-upload.ts';
import { type ActorCtx, insertCurrentSignature, lockForSigning, signerFields, type SignResult } from './sign-agreement.ts';
import { listSignatures } from './signature-queries.ts';

export const uploadInput = z.object({
  ...signerFields,
  // Optional for API callers; the page sends the version the user looked at, so a new version in between is noticed.
  versionId: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined))
    .pipe(z.string().uuid('Aftalens version er ugyldig. Genindlæs siden og prøv igen.').optional()),
});

const LIMIT_MB = Math.round(MAX_AGREEMENT_FILE_BYTES / (1024 * 1024));

/** A signed PDF by content: the browser's claim about the type is not trusted. */
function checkFile(upload: SignatureUpload): FieldErrors {
  const f = upload.file;
  if (!f) return { fil: 'Vælg den underskrevne aftale som PDF-fil' };
  if (f.content.length === 0) return { fil: 'Filen er tom' };
  if (f.content.length > MAX_AGREEMENT_FILE_BYTES) return { fil: `Filen må højst fylde ${LIMIT_MB} MB` };
  if (!isPdf(f.content)) return { fil: 'Filen skal være en PDF-fil' };
  return {};
}

/**
 * A municipality that signed the agreement outside Samspil (on paper, with its own signature
 * solution) uploads the signed PDF. It counts once central staff accept it (state pending until
 * then). It takes the municipality's one current place like a signature made in Samspil: while
 * it awaits review, nothing more can be signed or uploaded (409). The very same file sent again
 * while it is pending is a no-op (alreadySigned), so a retried upload is safe.
 */
export async function uploadSignature(ctx: ActorCtx, agreementId: string, upload: SignatureUpload, request: { ip: string }): Promise<SignResult> {
  const a = await loadAgreement(ctx.db, ctx.actor, agreementId, 'sign');
  const code = ctx.actor.municipalityCode!;
  // Every problem at once: the file's and the fields'.
  const fileErrors = checkFile(upload);
  let input: z.infer<typeof uploadInput>;
  try {
    input = parseInput(uploadInput, upload.fields);
  } catch (error) {
    if (error instanceof AppError) throw invalid({ ...fileErrors, ...error.fieldErrors });
    throw error;
  }
  if (Object.keys(fileErrors).length > 0) throw invalid(fileErrors);
  const file = upload.file!;
  const sha256 = fileSha256(file.content);

  const outcome = await ctx.db.transaction(async (tx) => {
    const version = await lockForSigning(tx, a.id, input.versionId ?? null);
    const result = await insertCurrentSignature(tx, {
      agreementId: a.id,
      versionId: version.id,
      municipalityCode: code,
      method: 'upload',
      state: 'pending',
      signerUserId: ctx.actor.userId,
      signerPersonId: ctx.actor.personId,
      signerName: input.signerName,
      signerTitle: input.signerTitle,
      signedAt: ctx.now,
      versionSha256: version.sha256,
      ip: request.ip,
      uploadFilename: file.filename,
      uploadContentType: PDF,
      uploadSize: file.content.length,
      uploadSha256: sha256,
      uploadContent: file.content,
    });
    if (!result.inserted) {
      if (result.state === 'pending' && result.uploadSha256 === sha256) return { id: result.id, alreadySigned: true };
      if (result.state === 'pending') {
        throw conflict('Kommunen har allerede indsendt en underskrevet kopi af aftalen, som afventer KOMBITs godkendelse.', {
          fil: 'Der afventer allerede en indsendt kopi',
        });
      }
      throw conflict('Kommunen har allerede underskrevet den gældende version af aftalen.', { fil: 'Aftalen er allerede underskrevet' });
    }
    await recordAudit(tx, ctx, {
      action: 'agreement.signature_uploaded',
      entityType: 'agreement',
      entityId: a.id,
      municipalityCode: code,
      after: {
        signatureId: result.id,
        versionId: version.id,
        versionNumber: version.number,
        versionSha256: version.sha256,
        signerName: input.signerName,
        signerTitle: input.signerTitle,
        filename: file.filename,
        size: file.content.length,
        sha256,
      },
    });
    return { id: result.id, alreadySigned: false };
  });
  const [signature] = await listSignatures(ctx.db, a.id, { signatureId: outcome.id });
  return { signature: signature!, alreadySigned: outcome.alreadySigned };
}
