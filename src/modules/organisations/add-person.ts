import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { conflict, parseInput } from '../../platform/errors.ts';
import { inGalleryTx, isUniqueViolation } from './gallery-tx.ts';
import { personInput } from './inputs.ts';
import { authorize } from './policy.ts';
import { person } from './schema.ts';

export async function addPerson(ctx: Ctx & { actor: Actor }, municipalityCode: string, raw: unknown) {
  // Permission first: someone who may not change the gallery gets 403/404, never a form with errors.
  authorize(ctx.actor, 'manage', municipalityCode);
  const input = parseInput(personInput, raw);
  try {
    return await inGalleryTx(ctx, municipalityCode, async (tx) => {
      const [created] = await tx
        .insert(person)
        .values({ ...input, municipalityCode, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      await recordAudit(tx, ctx, {
        action: 'person.created',
        entityType: 'person',
        entityId: created!.id,
        municipalityCode,
        after: input,
      });
      return created!;
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
