import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { type Actor, type Ctx, isCentral } from '../../../platform/context.ts';
import { notFound, parseInput } from '../../../platform/errors.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { agreementRecipients } from '../addressees.ts';
import { type AgreementRow, loadAgreement } from '../load-agreement.ts';
import type { AgreementNote } from './notes-queries.ts';
import type { AgreementAction } from '../policy.ts';
import { agreementNote, agreementTarget } from '../schema.ts';

export type ActorCtx = Ctx & { actor: Actor };

export const MAX_NOTE_CHARS = 4000;

const noteText = (required: string) =>
  z
    .string({ message: required })
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, required).max(MAX_NOTE_CHARS, 'Noten må højst være 4.000 tegn'));

export const noteInput = z.object({ body: noteText('Skriv en note') });

/** The request body as the API documents it (the use case parses and trims it). */
export const noteBody = z.object({ body: z.string().describe('Højst 4.000 tegn') }).meta({ id: 'AgreementNewNote' });

/** An optional note in another form (the dialogue toggle): blank means none. */
export const optionalNote = z
  .string({ message: 'Noten skal være tekst' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().max(MAX_NOTE_CHARS, 'Noten må højst være 4.000 tegn'))
  .optional()
  .transform((s) => (s ? s : undefined));

/**
 * The agreement behind one municipality's thread, after the policy. A municipal user only ever
 * reaches their own municipality's thread (another's answers 404 before the agreement is even
 * looked up), and a municipality the agreement was not sent to has no thread.
 */
export async function loadThreadAgreement(ctx: ActorCtx, agreementId: string, municipalityCode: string, action: AgreementAction) {
  if (!isCentral(ctx.actor) && ctx.actor.municipalityCode !== municipalityCode) throw notFound('Aftalen findes ikke.');
  const a = await loadAgreement(ctx.db, ctx.actor, agreementId, action);
  if (!/^\d{4}$/.test(municipalityCode)) throw notFound('Kommunen findes ikke.');
  const [target] = await ctx.db
    .select({ code: agreementTarget.municipalityCode })
    .from(agreementTarget)
    .where(and(eq(agreementTarget.agreementId, a.id), eq(agreementTarget.municipalityCode, municipalityCode)));
  if (!target) throw notFound('Aftalen er ikke sendt til kommunen.');
  return a;
}

/** Locks the municipality's target row, so notes and dialogue changes to one thread queue up behind each other. */
export async function lockTarget(tx: Db, agreementId: string, municipalityCode: string) {
  const [target] = await tx
    .select()
    .from(agreementTarget)
    .where(and(eq(agreementTarget.agreementId, agreementId), eq(agreementTarget.municipalityCode, municipalityCode)))
    .for('update');
  if (!target) throw notFound('Aftalen er ikke sendt til kommunen.');
  return target;
}

/**
 * Adds a note in the caller's transaction, which holds the target row's lock. The same text from
 * the same person as the thread's newest note is a double click or a retried request: nothing is
 * added (there is no idempotency key column, and the lock makes this check race-free). A note from
 * central staff is mailed to the municipality's addressees; a municipality's note mails nobody
 * centrally, it shows on the status page.
 */
export async function insertNote(
  tx: Db,
  ctx: ActorCtx,
  a: Pick<AgreementRow, 'id' | 'title' | 'audienceRoleKey' | 'audienceSolutionKey' | 'ccRoleKey'>,
  municipalityCode: string,
  body: string,
): Promise<{ changed: boolean; note: AgreementNote }> {
  const fromCentral = isCentral(ctx.actor);
  const [last] = await tx
    .select()
    .from(agreementNote)
    .where(and(eq(agreementNote.agreementId, a.id), eq(agreementNote.municipalityCode, municipalityCode)))
    .orderBy(desc(agreementNote.createdAt), desc(agreementNote.id))
    .limit(1);
  if (last && last.authorUserId === ctx.actor.userId && last.body === body) return { changed: false, note: last };

  const [note] = await tx
    .insert(agreementNote)
    .values({ agreementId: a.id, municipalityCode, authorUserId: ctx.actor.userId, authorName: ctx.actor.name, fromCentral, body, createdAt: ctx.now })
    .returning();
  await recordAudit(tx, ctx, {
    action: 'agreement.note_posted',
    entityType: 'agreement',
    entityId: a.id,
    municipalityCode,
    after: { noteId: note!.id, fromCentral, body },
  });
  if (fromCentral && a.audienceRoleKey) {
    const audience = { roleKey: a.audienceRoleKey, solutionKey: a.audienceSolutionKey, ccRoleKey: a.ccRoleKey };
    const recipients = await agreementRecipients(tx, audience, [municipalityCode], { includeCc: false });
    await notify(tx, ctx.now, recipients, {
      subject: `Ny note fra KOMBIT om aftalen "${a.title}"`,
      body:
        `${ctx.actor.name} fra KOMBIT har skrevet en note til jeres kommune om aftalen "${a.title}":\n\n` +
        `${body}\n\nSe noterne og svar: ${ctx.config.publicUrl}/aftaler/${a.id}/kommuner/${municipalityCode}#noter\n`,
      kind: 'agreement-note',
      dedupeKey: `agreement-note:${note!.id}`,
    });
  }
  return { changed: true, note: note! };
}

/**
 * A note in the thread of (agreement, municipality): central editors and the municipality's
 * addressees, programleder and KLIK-administrator write; central staff and the municipality read.
 */
export async function postNote(ctx: ActorCtx, agreementId: string, municipalityCode: string, raw: unknown) {
  const a = await loadThreadAgreement(ctx, agreementId, municipalityCode, 'note');
  const input = parseInput(noteInput, raw);
  return ctx.db.transaction(async (tx) => {
    await lockTarget(tx, a.id, municipalityCode);
    return insertNote(tx, { ...ctx, db: tx }, a, municipalityCode, input.body);
  });
}
