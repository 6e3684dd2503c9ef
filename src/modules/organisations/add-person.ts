import type { Actor, Ctx } from '../../platform/context.ts';
import { conflict, parseInput } from '../../platform/errors.ts';
import { inGalleryTx, isUniqueViolation } from './gallery-tx.ts';
import { insertPerson } from './gallery-writes.ts';
import { personInput } from './inputs.ts';
import { authorize } from './policy.ts';

export async function addPerson(ctx: Ctx & { actor: Actor }, municipalityCode: string, raw: unknown) {
  // Permission first: someone who may not change the gallery gets 403/404, never a form with errors.
  authorize(ctx.actor, 'manage', municipalityCode);
  const input = parseInput(personInput, raw);
  try {
    return await inGalleryTx(ctx, municipalityCode, async (tx) => {
      return insertPerson(tx, ctx, municipalityCode, input);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'person_active_email')) {
      throw conflict('Der findes allerede en aktiv person med den e-mailadresse i kommunen.', {
        email: 'E-mailadressen er allerede registreret i kommunens rollegalleri',
      });
    }
    throw error;
  }
}
