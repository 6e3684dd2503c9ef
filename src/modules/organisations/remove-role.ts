import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { inGalleryTx } from './gallery-tx.ts';
import { promoteSuccessor } from './primary.ts';
import { roleAssignment } from '../../platform/identity/schema.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';

/** Ends an assignment (kept as history). Removing an already removed role is a no-op. */
export async function removeRole(ctx: Ctx & { actor: Actor }, municipalityCode: string, personId: string, assignmentId: string) {
  if (!isUuid(assignmentId)) throw notFound('Rollen findes ikke.');
  return inGalleryTx(ctx, municipalityCode, async (tx) => {
    const [row] = await tx
      .select()
      .from(roleAssignment)
      .where(
        and(
          eq(roleAssignment.id, assignmentId),
          eq(roleAssignment.personId, personId),
          eq(roleAssignment.municipalityCode, municipalityCode),
        ),
      );
    if (!row) throw notFound('Rollen findes ikke.');
    if (row.removedAt) return { changed: false };
    await tx
      .update(roleAssignment)
      .set({ removedAt: ctx.now, isPrimary: false })
      .where(and(eq(roleAssignment.id, assignmentId), isNull(roleAssignment.removedAt)));
    const promoted = row.isPrimary
      ? await promoteSuccessor(tx, { municipalityCode, roleTypeKey: row.roleTypeKey, solutionKey: row.solutionKey }, row.id)
      : null;
    await recordAudit(tx, ctx, {
      action: 'role.removed',
      entityType: 'role_assignment',
      entityId: row.id,
      municipalityCode,
      before: { personId, roleTypeKey: row.roleTypeKey, solutionKey: row.solutionKey, isPrimary: row.isPrimary },
      after: promoted ? { newPrimaryAssignmentId: promoted } : null,
    });
    return { changed: true };
  });
}
