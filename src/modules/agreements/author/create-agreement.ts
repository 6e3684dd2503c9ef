import { and, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import { solution, userAccount } from '../../../platform/identity/schema.ts';
import { authorizeAgreementAuthoring } from '../agreement-queries.ts';
import { prepareVersionFiles, uploadedFields, type PreparedVersion } from './parse-version-upload.ts';
import { agreement, agreementFile, agreementSolution, agreementTypes, agreementVersion } from '../schema.ts';

const trimmed = (max: number, label: string) =>
  z
    .string({ message: `${label} skal være tekst` })
    .max(max, `${label} må højst være ${max} tegn`)
    .optional()
    .transform((s) => (s ?? '').trim());

/** The fields besides the files; `solutions` may be repeated (checkboxes) or a list. */
export const createAgreementInput = z
  .object({
    type: z.enum(agreementTypes, { message: 'Vælg aftaletype' }),
    title: z
      .string({ message: 'Skriv aftalens titel' })
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'Skriv aftalens titel').max(200, 'Titlen må højst være 200 tegn')),
    description: trimmed(5000, 'Beskrivelsen'),
    solutions: z.preprocess(
      (v) => (v === undefined || v === '' ? [] : [v].flat()),
      z.array(z.string({ message: 'Vælg løsninger fra listen' })).min(1, 'Vælg mindst én løsning'),
    ),
  })
  .meta({ id: 'AgreementCreateFields' });

/** A double click or a retried upload within this time returns the draft already made. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * Creates a draft agreement with version 1 (its document and annexes) in one transaction, audited.
 * Nothing is written when any field or file is wrong; all errors come back together. Submitting the
 * same type, title and files again shortly after (double click, retry) returns the draft already
 * created instead of a twin (`created: false`).
 */
export async function createAgreement(ctx: Ctx & { actor: Actor }, body: unknown): Promise<{ id: string; created: boolean }> {
  authorizeAgreementAuthoring(ctx.actor);
  const errors: FieldErrors = {};
  const parsed = createAgreementInput.safeParse(uploadedFields(body));
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
  // The solutions are checked even when other fields fail, so all errors show together.
  const raw = uploadedFields(body).solutions;
  const keys = (raw === undefined ? [] : [raw].flat()).filter((k): k is string => typeof k === 'string' && k !== '');
  if (keys.length > 0) {
    const known = new Set((await ctx.db.select({ key: solution.key }).from(solution)).map((s) => s.key));
    const unknown = keys.filter((k) => !known.has(k));
    if (unknown.length > 0) errors.solutions = `Ukendt løsning: ${unknown.join(', ')}`;
  }
  const version = prepareVersionFiles(body, errors);
  if (!parsed.success || !version || Object.keys(errors).length > 0) throw invalid(errors);
  const input = { ...parsed.data, solutions: [...new Set(parsed.data.solutions)] };

  return ctx.db.transaction(async (tx) => {
    // One author's submissions one at a time, so a double click finds the first one's draft.
    await tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.id, ctx.actor.userId)).for('update');
    const [same] = await tx
      .select({ id: agreement.id })
      .from(agreement)
      .innerJoin(agreementVersion, eq(agreementVersion.id, agreement.currentVersionId))
      .where(
        and(
          eq(agreement.createdBy, ctx.actor.userId),
          eq(agreement.status, 'draft'),
          eq(agreement.type, input.type),
          eq(agreement.title, input.title),
          eq(agreementVersion.number, 1),
          eq(agreementVersion.sha256, version.sha256),
          gte(agreement.createdAt, new Date(ctx.now.getTime() - REPEAT_WINDOW_MS)),
        ),
      )
      .limit(1);
    if (same) return { id: same.id, created: false };

    const [created] = await tx
      .insert(agreement)
      .values({
        type: input.type,
        title: input.title,
        description: input.description,
        status: 'draft',
        createdBy: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: agreement.id });
    const id = created!.id;
    await tx.insert(agreementSolution).values(input.solutions.map((solutionKey) => ({ agreementId: id, solutionKey })));
    const versionId = await insertVersion(tx, ctx, id, 1, { changeNote: '', requiresResign: true }, version);
    await tx.update(agreement).set({ currentVersionId: versionId }).where(eq(agreement.id, id));
    await recordAudit(tx, ctx, {
      action: 'agreement.created',
      entityType: 'agreement',
      entityId: id,
      after: {
        type: input.type,
        title: input.title,
        status: 'draft',
        solutions: input.solutions,
        version: { number: 1, sha256: version.sha256, files: version.files.map((f) => ({ kind: f.kind, title: f.title, filename: f.filename, size: f.size, sha256: f.sha256 })) },
      },
    });
    return { id, created: true };
  });
}

/** Stores a version and its files; the caller makes it current and audits. */
export async function insertVersion(
  tx: Db,
  ctx: Ctx & { actor: Actor },
  agreementId: string,
  number: number,
  meta: { changeNote: string; requiresResign: boolean },
  version: PreparedVersion,
): Promise<string> {
  const [v] = await tx
    .insert(agreementVersion)
    .values({ agreementId, number, ...meta, sha256: version.sha256, createdBy: ctx.actor.userId, createdAt: ctx.now })
    .returning({ id: agreementVersion.id });
  await tx.insert(agreementFile).values(version.files.map((f) => ({ ...f, versionId: v!.id, uploadedBy: ctx.actor.userId, uploadedAt: ctx.now })));
  return v!.id;
}
