import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { danishDay } from '../../platform/days.ts';
import { notFound, parseInput } from '../../platform/errors.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { rcaStateInput } from './inputs.ts';
import { authorizeOperations } from './policy.ts';
import { operationsRcaItem } from './schema.ts';

export const rcaNotFound = () => notFound('Opfølgningspunktet findes ikke.');

/**
 * Moves an RCA item to a state: closing it records today as its closing day, reopening clears the
 * day. The state it already has changes nothing and audits nothing.
 */
export async function changeRcaState(ctx: Ctx & { actor: Actor | null }, id: string, raw: unknown): Promise<{ changed: boolean }> {
  authorizeOperations(ctx.actor, 'edit');
  if (!isUuid(id)) throw rcaNotFound();
  const { state } = parseInput(rcaStateInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(operationsRcaItem).where(eq(operationsRcaItem.id, id)).for('update');
    if (!current) throw rcaNotFound();
    if (current.state === state) return { changed: false };
    const closedOn = state === 'lukket' ? danishDay(ctx.now) : null;
    await tx.update(operationsRcaItem).set({ state, closedOn, updatedAt: ctx.now }).where(eq(operationsRcaItem.id, id));
    await recordAudit(tx, ctx, {
      action: 'operations.rca_item_saved',
      entityType: 'operations_rca_item',
      entityId: id,
      before: { state: current.state, closedOn: current.closedOn },
      after: { state, closedOn },
    });
    return { changed: true };
  });
}
