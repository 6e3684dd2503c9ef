import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { councilMember } from '../schema.ts';
import { loadCouncil } from './load.ts';
import { authorizeGovernance } from './policy.ts';
import { memberNotFound } from './save-member.ts';

/**
 * Removes a seat from a council, audited with what it held. A seat that is already gone (the second
 * of a double click) changes nothing (`changed: false`); to keep a seat but empty it, save it
 * without a name instead.
 */
export async function removeMember(ctx: Ctx & { actor: Actor }, key: string, memberId: string): Promise<{ changed: boolean }> {
  authorizeGovernance(ctx.actor, 'edit');
  if (!isUuid(memberId)) throw memberNotFound();
  return ctx.db.transaction(async (tx) => {
    const c = await loadCouncil(tx, key, { forUpdate: true });
    const [gone] = await tx
      .delete(councilMember)
      .where(and(eq(councilMember.id, memberId), eq(councilMember.councilId, c.id)))
      .returning();
    if (!gone) return { changed: false };
    await recordAudit(tx, ctx, {
      action: 'governance.member_removed',
      entityType: 'council',
      entityId: c.id,
      before: { council: c.key, memberId, seat: gone.seat, name: gone.name, organisation: gone.organisation, municipalityCode: gone.municipalityCode, chair: gone.chair },
    });
    return { changed: true };
  });
}
