import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import { parseInput } from '../../../platform/errors.ts';
import type { AgreementNote } from './notes-queries.ts';
import { type ActorCtx, insertNote, loadThreadAgreement, lockTarget, optionalNote } from './post-note.ts';
import { agreementTarget } from '../schema.ts';

const chooseMessage = 'Vælg, om der er dialog med kommunen';

/** The form posts "true"/"false"; the API sends a boolean. */
export const dialogueInput = z.object({
  inDialogue: z
    .union([z.boolean(), z.enum(['true', 'false'])], { message: chooseMessage })
    .transform((v) => v === true || v === 'true'),
  note: optionalNote,
});

export const dialogueBody = z
  .object({
    inDialogue: z.boolean(),
    note: z.string().optional().describe('Tilføjes kommunens tråd i samme transaktion (højst 4.000 tegn)'),
  })
  .meta({ id: 'AgreementDialogueChange' });

export type DialogueResult = {
  /** false when the municipality already stood so (a repeated request) */
  changed: boolean;
  inDialogue: boolean;
  dialogueSince: Date | null;
  note: AgreementNote | null;
};

/**
 * Central editors mark that a dialogue with a municipality is going on (it is then left out of
 * reminders and marked in the outstanding list) or has ended. An optional note goes into the
 * municipality's thread in the same transaction, so the reason is on record with the change.
 */
export async function setDialogue(ctx: ActorCtx, agreementId: string, municipalityCode: string, raw: unknown): Promise<DialogueResult> {
  const a = await loadThreadAgreement(ctx, agreementId, municipalityCode, 'manage');
  const input = parseInput(dialogueInput, raw);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const target = await lockTarget(tx, a.id, municipalityCode);
    let { inDialogue, dialogueSince } = target;
    let changed = false;
    if (target.inDialogue !== input.inDialogue) {
      inDialogue = input.inDialogue;
      dialogueSince = input.inDialogue ? ctx.now : null;
      await tx
        .update(agreementTarget)
        .set({ inDialogue, dialogueSince })
        .where(and(eq(agreementTarget.agreementId, a.id), eq(agreementTarget.municipalityCode, municipalityCode)));
      await recordAudit(tx, txCtx, {
        action: 'agreement.dialogue_changed',
        entityType: 'agreement',
        entityId: a.id,
        municipalityCode,
        before: { inDialogue: target.inDialogue, dialogueSince: target.dialogueSince },
        after: { inDialogue, dialogueSince },
      });
      changed = true;
    }
    const note = input.note ? (await insertNote(tx, txCtx, a, municipalityCode, input.note)).note : null;
    return { changed, inDialogue, dialogueSince, note };
  });
}
