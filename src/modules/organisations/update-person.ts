import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { conflict, parseInput } from '../../platform/errors.ts';
import { findPersonIn, inGalleryTx, isUniqueViolation } from './gallery-tx.ts';
import { personInput } from './inputs.ts';
import { authorize } from './policy.ts';
import { person, userAccount } from './schema.ts';

export async function updatePerson(ctx: Ctx & { actor: Actor }, municipalityCode: string, personId: string, raw: unknown) {
  // Permission first: someone who may not change the gallery gets 403/404, never a form with errors.
  authorize(ctx.actor, 'manage', municipalityCode);
  const input = parseInput(personInput, raw);
  try {
    return await inGalleryTx(ctx, municipalityCode, async (tx) => {
      const before = await findPersonIn(tx, municipalityCode, personId);
      if (!before.active) throw conflict('En deaktiveret person kan ikke redigeres.');
      const unchanged =
        before.name === input.name && before.email === input.email && before.title === input.title && before.phone === input.phone;
      if (unchanged) return before;
      const [after] = await tx
        .update(person)
        .set({ ...input, updatedAt: ctx.now })
        .where(eq(person.id, personId))
        .returning();
      // The login follows the person's address, so a corrected e-mail keeps working for sign-in.
      await tx.update(userAccount).set({ email: input.email }).where(eq(userAccount.personId, personId));
      await recordAudit(tx, ctx, {
        action: 'person.updated',
        entityType: 'person',
        entityId: personId,
        municipalityCode,
        before: { name: before.name, email: before.email, title: before.title, phone: before.phone },
        after: input,
      });
      return after!;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'person_active_email') || isUniqueViolation(error, 'user_account_email')) {
      throw conflict('E-mailadressen bruges allerede af en anden.', { email: 'E-mailadressen bruges allerede af en anden' });
    }
    throw error;
  }
}
