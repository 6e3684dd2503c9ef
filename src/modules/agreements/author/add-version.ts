import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, type FieldErrors } from '../../../platform/errors.ts';
import { insertVersion } from './create-agreement.ts';
import { loadAgreement } from '../load-agreement.ts';
import { lastValue, prepareVersionFiles, uploadedFields } from './parse-version-upload.ts';
import { agreement, agreementSignature, agreementVersion } from '../schema.ts';

const boolish = z.preprocess((v) => {
  const last = lastValue(v);
  if (last === undefined || last === '') return true;
  return last === true || last === 'on' || last === 'true' || last === '1';
}, z.boolean());

export const addVersionInput = z
  .object({
    changeNote: z
      .string({ message: 'Skriv hvad der er ændret' })
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'Skriv hvad der er ændret, fx "Rettet fejl i bilag 3"').max(1000, 'Ændringen må højst beskrives med 1000 tegn')),
    requiresResign: boolish,
  })
  .meta({ id: 'AgreementVersionFields' });

export type AddVersionResult = {
  versionId: string;
  number: number;
  /** false: the very same files and note as the current version were sent again (a retry); nothing changed */
  created: boolean;
  /** Municipalities whose current signature the new version superseded: they must sign again. */
  supersededMunicipalities: string[];
};

/**
 * A new version becomes current. When it requires re-signing, every current signature (signed or
 * awaiting review) of the agreement is superseded in the same transaction: it stays on record but
 * no longer counts, so those municipalities are "not signed" again. Without it, signatures of
 * earlier versions keep counting.
 */
export async function addVersion(ctx: Ctx & { actor: Actor }, agreementId: string, body: unknown): Promise<AddVersionResult> {
  const a = await loadAgreement(ctx.db, ctx.actor, agreementId, 'manage');
  if (a.status === 'closed') throw conflict('Aftalen er lukket; der kan ikke lægges nye versioner op.');
  const errors: FieldErrors = {};
  const parsed = addVersionInput.safeParse(uploadedFields(body));
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
  const version = prepareVersionFiles(body, errors);
  if (!parsed.success || !version || Object.keys(errors).length > 0) throw invalid(errors);
  const input = parsed.data;

  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(agreement).where(eq(agreement.id, agreementId)).for('update');
    if (!locked || locked.status === 'closed') throw conflict('Aftalen er lukket; der kan ikke lægges nye versioner op.');
    const [current] = await tx
      .select({ id: agreementVersion.id, number: agreementVersion.number, sha256: agreementVersion.sha256, changeNote: agreementVersion.changeNote })
      .from(agreementVersion)
      .where(eq(agreementVersion.agreementId, agreementId))
      .orderBy(desc(agreementVersion.number))
      .limit(1);
    if (current && current.sha256 === version.sha256) {
      // The same upload twice (double click, retry) changes nothing; other identical files are a mistake.
      if (current.number > 1 && current.changeNote === input.changeNote) {
        return { versionId: current.id, number: current.number, created: false, supersededMunicipalities: [] };
      }
      throw invalid({ document: `Dokumentet og bilagene er de samme som i version ${current.number}` });
    }
    const number = (current?.number ?? 0) + 1;
    const versionId = await insertVersion(tx, ctx, agreementId, number, input, version);
    await tx.update(agreement).set({ currentVersionId: versionId, updatedAt: ctx.now }).where(eq(agreement.id, agreementId));
    let superseded: string[] = [];
    if (input.requiresResign) {
      const rows = await tx
        .update(agreementSignature)
        .set({ supersededAt: ctx.now, supersededByVersionId: versionId })
        .where(
          and(
            eq(agreementSignature.agreementId, agreementId),
            isNull(agreementSignature.supersededAt),
            inArray(agreementSignature.state, ['signed', 'pending']),
          ),
        )
        .returning({ code: agreementSignature.municipalityCode });
      superseded = rows.map((r) => r.code).sort();
    }
    await recordAudit(tx, ctx, {
      action: 'agreement.version_added',
      entityType: 'agreement',
      entityId: agreementId,
      before: current ? { version: current.number, sha256: current.sha256 } : null,
      after: {
        version: number,
        sha256: version.sha256,
        changeNote: input.changeNote,
        requiresResign: input.requiresResign,
        files: version.files.map((f) => ({ kind: f.kind, title: f.title, filename: f.filename, size: f.size, sha256: f.sha256 })),
        supersededSignatures: superseded,
      },
    });
    return { versionId, number, created: true, supersededMunicipalities: superseded };
  });
}
