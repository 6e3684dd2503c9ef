import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { authorizeMappings } from '../policy.ts';
import { ssoPrivilegeMapping } from '../schema.ts';

/**
 * Removes a mapping. The roles it granted stay until each holder's next Context Handler login,
 * where the pair is no longer governed (if no other mapping names it) and is left to the gallery.
 * Removing it again finds nothing and writes nothing, so a double click removes once.
 */
export async function removeMapping(ctx: Ctx & { actor: Actor }, id: string): Promise<{ removed: boolean }> {
  authorizeMappings(ctx.actor);
  if (!isUuid(id)) throw notFound('Tilknytningen findes ikke.');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(ssoPrivilegeMapping).where(eq(ssoPrivilegeMapping.id, id)).returning();
    if (!row) return { removed: false };
    await recordAudit(tx, ctx, {
      action: 'sso.mapping_removed',
      entityType: 'sso_privilege_mapping',
      entityId: row.id,
      before: { privilege: row.privilege, roleTypeKey: row.roleTypeKey, solutionKey: row.solutionKey },
    });
    return { removed: true };
  });
}
