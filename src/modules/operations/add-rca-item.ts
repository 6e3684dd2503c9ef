import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { danishDay } from '../../platform/days.ts';
import { parseInput } from '../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { checkSolution } from './check-solution.ts';
import { rcaInput } from './inputs.ts';
import { authorizeOperations } from './policy.ts';
import { operationsRcaItem } from './schema.ts';

/** Adds a follow-up item of a root-cause analysis, last in the list; one added as closed is closed today. */
export async function addRcaItem(ctx: Ctx & { actor: Actor | null }, raw: unknown, clientKey?: string): Promise<{ id: string; created: boolean }> {
  authorizeOperations(ctx.actor, 'edit');
  const input = parseInput(rcaInput, raw);
  const identity = requestIdentity('operations-rca', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return { id: first.id, created: false };
    await checkSolution(tx, input.solutionKey);
    const closedOn = input.state === 'lukket' ? danishDay(ctx.now) : null;
    const [row] = await tx
      .insert(operationsRcaItem)
      .values({
        ...input,
        closedOn,
        position: sql`(select coalesce(max(${operationsRcaItem.position}) + 1, 0) from ${operationsRcaItem})`,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: operationsRcaItem.id });
    await recordAudit(tx, ctx, { action: 'operations.rca_item_saved', entityType: 'operations_rca_item', entityId: row!.id, after: { ...input, closedOn } });
    return { ...(await answerRequest(tx, identity, { id: row!.id })), created: true };
  });
}
