import { and, eq, isNull } from 'drizzle-orm';
import { session } from '../../platform/auth/schema.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { findPersonIn, inGalleryTx } from './gallery-tx.ts';
import { promoteSuccessor } from './primary.ts';
import { person, roleAssignment, userAccount } from '../../platform/identity/schema.ts';

/**
 * A person who leaves keeps their record and role history; their roles end, a primary role passes
 * to the next holder, and their sign-in stops working at once.
 */
export async function deactivatePerson(ctx: Ctx & { actor: Actor }, municipalityCode: string, personId: string) {
  return inGalleryTx(ctx, municipalityCode, async (tx) => {
    const who = await findPersonIn(tx, municipalityCode, personId);
    if (!who.active) return { changed: false };
    const ending = await tx
      .select()
      .from(roleAssignment)
      .where(and(eq(roleAssignment.personId, personId), isNull(roleAssignment.removedAt)));
    await tx
      .update(roleAssignment)
      .set({ removedAt: ctx.now, isPrimary: false })
      .where(and(eq(roleAssignment.personId, personId), isNull(roleAssignment.removedAt)));
    for (const r of ending.filter((e) => e.isPrimary)) {
      await promoteSuccessor(tx, { municipalityCode, roleTypeKey: r.roleTypeKey, solutionKey: r.solutionKey }, r.id);
    }
    await tx.update(person).set({ active: false, deactivatedAt: ctx.now, updatedAt: ctx.now }).where(eq(person.id, personId));
    const users = await tx
      .update(userAccount)
      .set({ disabled: true })
      .where(eq(userAccount.personId, personId))
      .returning({ id: userAccount.id });
    for (const u of users) await tx.delete(session).where(eq(session.userId, u.id));
    await recordAudit(tx, ctx, {
      action: 'person.deactivated',
      entityType: 'person',
      entityId: personId,
      municipalityCode,
      before: { name: who.name, email: who.email, active: true, roles: ending.length },
      after: { active: false },
    });
    return { changed: true };
  });
}
