import { eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../../platform/context.ts';
import { conflict, parseInput } from '../../platform/errors.ts';
import { findPersonIn, inGalleryTx, isUniqueViolation } from './gallery-tx.ts';
import { changePerson } from './gallery-writes.ts';
import { personInput } from './inputs.ts';
import { authorize } from './policy.ts';
import { userAccount } from '../../platform/identity/schema.ts';

export async function updatePerson(ctx: Ctx & { actor: Actor }, municipalityCode: string, personId: string, raw: unknown) {
  // Permission first: someone who may not change the gallery gets 403/404, never a form with errors.
  authorize(ctx.actor, 'manage', municipalityCode);
  const input = parseInput(personInput, raw);
  try {
    return await inGalleryTx(ctx, municipalityCode, async (tx) => {
      const before = await findPersonIn(tx, municipalityCode, personId);
      if (!before.active) throw conflict('En deaktiveret person kan ikke redigeres.');
      if (!(await changePerson(tx, ctx, municipalityCode, before, input))) return { changed: false };
      // The login follows the person's address, so a corrected e-mail keeps working for sign-in.
      await tx.update(userAccount).set({ email: input.email }).where(eq(userAccount.personId, personId));
      return { changed: true };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'person_active_email') || isUniqueViolation(error, 'user_account_email')) {
      throw conflict('E-mailadressen bruges allerede af en anden.', { email: 'E-mailadressen bruges allerede af en anden' });
    }
    throw error;
  }
}
