import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { verifyPassword } from '../../../platform/auth/secrets.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { AppError, conflict, forbidden, invalid, notFound, parseInput } from '../../../platform/errors.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { formatDateTimeLong } from '../../../platform/views/format.ts';
import { userAccount } from '../../../platform/identity/schema.ts';
import { TYPE_LABELS } from '../labels.ts';
import { loadAgreement } from '../load-agreement.ts';
import { agreement, agreementSignature, agreementVersion } from '../schema.ts';
import { acceptAttempt, attemptKeys, reserveAttempt } from '../../../platform/auth/login-throttle.ts';
import { listSignatures, type SignatureView } from './signature-queries.ts';

export type ActorCtx = Ctx & { actor: Actor };

const trimmed = (empty: string, max: number, tooLong: string) =>
  z
    .string({ message: empty })
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, empty).max(max, tooLong));

export const signerFields = {
  signerName: trimmed('Skriv underskriverens navn', 200, 'Navnet må højst være 200 tegn'),
  signerTitle: trimmed('Skriv underskriverens titel eller stilling', 200, 'Titlen må højst være 200 tegn'),
};

const versionIdField = z.string({ message: 'Aftalens version mangler. Genindlæs siden og prøv igen.' }).uuid('Aftalens version er ugyldig. Genindlæs siden og prøv igen.');

export const signInput = z.object({
  versionId: versionIdField,
  ...signerFields,
  password: z.string({ message: 'Skriv din adgangskode' }).min(1, 'Skriv din adgangskode').max(1000, 'Adgangskoden er forkert'),
  // The form's checkbox sends "on"; the API sends true.
  confirm: z.preprocess(
    (v) => v === true || v === 'on' || v === 'true',
    z.literal(true, { message: 'Bekræft at du har læst aftalen og underskriver den på vegne af kommunen' }),
  ),
});

export type SignResult = { signature: SignatureView; alreadySigned: boolean };

const pendingBlocks = () =>
  conflict('Kommunen har allerede indsendt en underskrevet kopi af aftalen, som afventer KOMBITs godkendelse. Den skal godkendes eller afvises, før aftalen kan underskrives igen.');

const newVersion = () => conflict('Aftalen er kommet i en ny version, mens du læste den. Læs den nye version og underskriv den.');

/**
 * The agreement row locked against a new version while a signature goes in, checked once more
 * inside the transaction: open for signing, and the version the signer read still the current one.
 * A shared lock, so municipalities signing at the same time do not wait for each other.
 */
export async function lockForSigning(tx: Db, agreementId: string, versionId: string | null) {
  const [row] = await tx
    .select({ status: agreement.status, currentVersionId: agreement.currentVersionId })
    .from(agreement)
    .where(eq(agreement.id, agreementId))
    .for('share');
  if (!row) throw notFound('Aftalen findes ikke.');
  if (row.status !== 'sent') throw forbidden('Aftalen er lukket for underskrift.');
  if (!row.currentVersionId) throw conflict('Aftalen har ingen version at underskrive.');
  if (versionId !== null && versionId !== row.currentVersionId) throw newVersion();
  const [version] = await tx
    .select({ id: agreementVersion.id, number: agreementVersion.number, sha256: agreementVersion.sha256 })
    .from(agreementVersion)
    .where(eq(agreementVersion.id, row.currentVersionId));
  return version!;
}

/**
 * Inserts a signature unless the municipality already has a current one. The partial unique index
 * agreement_signature_current decides, so a double click or two people at once leave exactly one:
 * the loser's insert waits for the winner's commit and then does nothing.
 */
export async function insertCurrentSignature(tx: Db, values: typeof agreementSignature.$inferInsert) {
  const [inserted] = await tx
    .insert(agreementSignature)
    .values(values)
    .onConflictDoNothing({
      target: [agreementSignature.agreementId, agreementSignature.municipalityCode],
      where: sql`${agreementSignature.supersededAt} is null and ${agreementSignature.state} <> 'rejected'`,
    })
    .returning({ id: agreementSignature.id });
  if (inserted) return { inserted: true as const, id: inserted.id };
  const [existing] = await tx
    .select({ id: agreementSignature.id, state: agreementSignature.state, method: agreementSignature.method, uploadSha256: agreementSignature.uploadSha256 })
    .from(agreementSignature)
    .where(
      and(
        eq(agreementSignature.agreementId, values.agreementId),
        eq(agreementSignature.municipalityCode, values.municipalityCode),
        isNull(agreementSignature.supersededAt),
        ne(agreementSignature.state, 'rejected'),
      ),
    );
  // Only possible if the winner was rolled back after all; the caller's retry will then succeed.
  if (!existing) throw conflict('Underskriften kunne ikke gemmes. Prøv igen.');
  return { inserted: false as const, ...existing };
}

export const receiptPath = (agreementId: string, signatureId: string) => `/aftaler/${agreementId}/underskrifter/${signatureId}/kvittering`;

/**
 * The municipality signs the current version in Samspil: the signer confirms name and title, types
 * their password again and confirms having read the version. Central staff cannot sign on a
 * municipality's behalf (loadAgreement 'sign': 403). Signing again once signed changes nothing
 * (alreadySigned), with no second audit row or mail.
 */
export async function signAgreement(ctx: ActorCtx, agreementId: string, raw: unknown, request: { ip: string }): Promise<SignResult> {
  const a = await loadAgreement(ctx.db, ctx.actor, agreementId, 'sign');
  const code = ctx.actor.municipalityCode!;
  const input = parseInput(signInput, raw);

  // Someone with a stolen session could otherwise guess the password here, where the login's
  // throttle does not look: the same budget per IP and user, counted before the password is checked.
  const keys = attemptKeys('sign', request.ip, ctx.actor.userId);
  if (!(await reserveAttempt(ctx.db, keys, ctx.now))) {
    throw new AppError(429, 'too_many_attempts', 'Du har skrevet en forkert adgangskode for mange gange. Vent et kvarter og prøv igen.', {
      password: 'For mange forkerte forsøg. Vent et kvarter og prøv igen.',
    });
  }
  const [account] = await ctx.db
    .select({ passwordHash: userAccount.passwordHash, digestMode: userAccount.digestMode })
    .from(userAccount)
    .where(eq(userAccount.id, ctx.actor.userId));
  if (!(await verifyPassword(account?.passwordHash ?? null, input.password))) {
    throw invalid({ password: 'Adgangskoden er forkert' }, 'Adgangskoden er forkert. Aftalen er ikke underskrevet.');
  }
  await acceptAttempt(ctx.db, keys, ctx.now);

  const outcome = await ctx.db.transaction(async (tx) => {
    const version = await lockForSigning(tx, a.id, input.versionId);
    const result = await insertCurrentSignature(tx, {
      agreementId: a.id,
      versionId: version.id,
      municipalityCode: code,
      method: 'samspil',
      state: 'signed',
      signerUserId: ctx.actor.userId,
      signerPersonId: ctx.actor.personId,
      signerName: input.signerName,
      signerTitle: input.signerTitle,
      signedAt: ctx.now,
      versionSha256: version.sha256,
      ip: request.ip,
    });
    if (!result.inserted) {
      if (result.state === 'pending') throw pendingBlocks();
      return { id: result.id, alreadySigned: true };
    }
    await recordAudit(tx, ctx, {
      action: 'agreement.signed',
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
        ip: request.ip,
      },
    });
    const url = ctx.config.publicUrl;
    await notify(
      tx,
      ctx.now,
      [{ email: ctx.actor.email, userId: ctx.actor.userId, digestMode: account?.digestMode ?? null, municipalityCode: code }],
      {
        subject: `Kvittering for underskrift: ${a.title}`,
        body:
          `Du har underskrevet "${a.title}" (${TYPE_LABELS[a.type]}, version ${version.number}) på vegne af ${ctx.actor.municipalityName ?? code} Kommune ${formatDateTimeLong(ctx.now)}.\n\n` +
          `Underskriver: ${input.signerName}, ${input.signerTitle}\n` +
          `Versionens SHA-256: ${version.sha256}\n\n` +
          `Kvittering (PDF): ${url}${receiptPath(a.id, result.id)}\n` +
          `Aftalen: ${url}/aftaler/${a.id}\n`,
        kind: 'agreement.signed',
        dedupeKey: `agreement-signed:${result.id}`,
      },
    );
    return { id: result.id, alreadySigned: false };
  });
  const [signature] = await listSignatures(ctx.db, a.id, { signatureId: outcome.id });
  return { signature: signature!, alreadySigned: outcome.alreadySigned };
}
