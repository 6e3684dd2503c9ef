import { eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { person } from '../../../platform/identity/schema.ts';
import { attachMitid } from './attach-mitid.ts';

/**
 * The logged-in user ties the MitID Erhverv they just used to their own person. Only the user who
 * started the round trip may finish it: a link started in someone else's session (a forwarded
 * address) would otherwise tie the victim's MitID Erhverv to the sender's account.
 */
export async function linkOwnMitid(ctx: Ctx & { actor: Actor }, startedBy: string | null, subject: string): Promise<{ created: boolean }> {
  if (startedBy !== ctx.actor.userId) {
    throw new AppError(403, 'link_other_user', 'Tilknytningen blev startet af en anden bruger. Log ind som dig selv og start forfra fra "Dit reservelogin".');
  }
  return ctx.db.transaction(async (tx) => {
    const [me] = await tx.select({ personId: person.id, municipalityCode: person.municipalityCode, name: person.name }).from(person).where(eq(person.id, ctx.actor.personId));
    if (!me) throw new AppError(404, 'not_found', 'Din bruger findes ikke længere.');
    return attachMitid(tx, ctx, me, subject, { via: 'self', by: ctx.actor.userId });
  });
}
