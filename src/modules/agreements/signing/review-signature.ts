import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { isCentral } from '../../../platform/context.ts';
import { conflict, notFound, parseInput } from '../../../platform/errors.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { person, userAccount } from '../../../platform/identity/schema.ts';
import { loadAgreement } from '../load-agreement.ts';
import { agreementSignature } from '../schema.ts';
import type { ActorCtx } from './sign-agreement.ts';
import { listSignatures, type SignatureView, visibleSignature } from './signature-queries.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';

export const rejectInput = z.object({
  reason: z
    .string({ message: 'Skriv hvorfor den indsendte kopi afvises' })
    .transform((s) => s.replace(/\r\n/g, '\n').trim())
    .pipe(z.string().min(1, 'Skriv hvorfor den indsendte kopi afvises').max(2000, 'Begrundelsen må højst være 2.000 tegn')),
});

export type ReviewResult = { changed: boolean; signature: SignatureView };

/** The signature row locked for the review, so two reviewers cannot both decide. */
async function lockSignature(tx: Db, agreementId: string, signatureId: string) {
  if (!isUuid(signatureId)) throw notFound('Underskriften findes ikke.');
  const [row] = await tx
    .select({
      id: agreementSignature.id,
      municipalityCode: agreementSignature.municipalityCode,
      method: agreementSignature.method,
      state: agreementSignature.state,
      supersededAt: agreementSignature.supersededAt,
      signerUserId: agreementSignature.signerUserId,
      rejectReason: agreementSignature.rejectReason,
      versionId: agreementSignature.versionId,
    })
    .from(agreementSignature)
    .where(and(eq(agreementSignature.id, signatureId), eq(agreementSignature.agreementId, agreementId)))
    .for('update');
  if (!row) throw notFound('Underskriften findes ikke.');
  return row;
}

/**
 * The agreement for a review, after the policy: reviewing is for central editors. A municipality's
 * user who reads the agreement gets 403 for their own municipality's signature, but another
 * municipality's signature (or none) answers 404 first, like everything else of another municipality.
 */
async function loadForReview(ctx: ActorCtx, agreementId: string, signatureId: string) {
  if (!isCentral(ctx.actor)) {
    const a = await loadAgreement(ctx.db, ctx.actor, agreementId, 'read');
    await visibleSignature(ctx.db, ctx.actor, a.id, signatureId);
  }
  return loadAgreement(ctx.db, ctx.actor, agreementId, 'manage');
}

async function present(ctx: ActorCtx, agreementId: string, signatureId: string, changed: boolean): Promise<ReviewResult> {
  const [signature] = await listSignatures(ctx.db, agreementId, { signatureId });
  return { changed, signature: signature! };
}

/**
 * Central staff accept an uploaded signed copy: from now on it counts as the municipality's
 * signature. Accepting one already accepted changes nothing; a rejected one, or one a new version
 * has superseded while it waited, cannot be accepted (409).
 */
export async function acceptSignature(ctx: ActorCtx, agreementId: string, signatureId: string): Promise<ReviewResult> {
  const a = await loadForReview(ctx, agreementId, signatureId);
  const changed = await ctx.db.transaction(async (tx) => {
    const s = await lockSignature(tx, a.id, signatureId);
    if (s.state === 'signed') return false;
    if (s.state === 'rejected') throw conflict('Den indsendte kopi er afvist og kan ikke godkendes. Kommunen kan indsende en ny.');
    if (s.supersededAt) throw conflict('Aftalen er kommet i en ny version, mens kopien ventede. Den kan ikke længere godkendes; afvis den, så kommunen kan underskrive den nye version.');
    await tx
      .update(agreementSignature)
      .set({ state: 'signed', reviewedBy: ctx.actor.userId, reviewedAt: ctx.now })
      .where(eq(agreementSignature.id, s.id));
    await recordAudit(tx, ctx, {
      action: 'agreement.signature_accepted',
      entityType: 'agreement',
      entityId: a.id,
      municipalityCode: s.municipalityCode,
      before: { signatureId: s.id, state: s.state },
      after: { signatureId: s.id, state: 'signed' },
    });
    return true;
  });
  return present(ctx, a.id, signatureId, changed);
}

/**
 * Central staff reject an uploaded signed copy with a reason (wrong document, missing signature…).
 * It stops being current, so the municipality can sign or upload again; the uploader is told why.
 * Rejecting it again changes nothing; an accepted signature cannot be rejected (409).
 */
export async function rejectSignature(ctx: ActorCtx, agreementId: string, signatureId: string, raw: unknown): Promise<ReviewResult> {
  const a = await loadForReview(ctx, agreementId, signatureId);
  const input = parseInput(rejectInput, raw);
  const changed = await ctx.db.transaction(async (tx) => {
    const s = await lockSignature(tx, a.id, signatureId);
    if (s.state === 'rejected') return false;
    if (s.state === 'signed') throw conflict('Underskriften er godkendt og kan ikke afvises.');
    await tx
      .update(agreementSignature)
      .set({ state: 'rejected', rejectReason: input.reason, reviewedBy: ctx.actor.userId, reviewedAt: ctx.now })
      .where(eq(agreementSignature.id, s.id));
    await recordAudit(tx, ctx, {
      action: 'agreement.signature_rejected',
      entityType: 'agreement',
      entityId: a.id,
      municipalityCode: s.municipalityCode,
      before: { signatureId: s.id, state: s.state },
      after: { signatureId: s.id, state: 'rejected', reason: input.reason },
    });
    const uploader = s.signerUserId
      ? await tx
          .select({ email: person.email, userId: userAccount.id, digestMode: userAccount.digestMode })
          .from(userAccount)
          .innerJoin(person, eq(person.id, userAccount.personId))
          .where(and(eq(userAccount.id, s.signerUserId), eq(userAccount.disabled, false), eq(person.active, true)))
      : [];
    await notify(
      tx,
      ctx.now,
      uploader.map((u) => ({ ...u, municipalityCode: s.municipalityCode })),
      {
        subject: `Den indsendte underskrift af ${a.title} er afvist`,
        body:
          `KOMBIT har afvist den underskrevne kopi af "${a.title}", som blev indsendt for kommunen.\n\n` +
          `Begrundelse:\n${input.reason}\n\n` +
          `Aftalen er derfor ikke underskrevet endnu. Underskriv den i Samspil eller indsend en ny kopi: ${ctx.config.publicUrl}/aftaler/${a.id}\n`,
        kind: 'agreement.signature_rejected',
        dedupeKey: `agreement-signature-rejected:${s.id}`,
      },
    );
    return true;
  });
  return present(ctx, a.id, signatureId, changed);
}
