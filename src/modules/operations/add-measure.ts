import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { parseInput } from '../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { checkSolution } from './check-solution.ts';
import { measureInput } from './inputs.ts';
import { authorizeOperations } from './policy.ts';
import { operationsMeasure } from './schema.ts';

/** Adds a measure (the supplier's or KOMBIT's) last in the list; the same request twice adds it once. */
export async function addMeasure(ctx: Ctx & { actor: Actor | null }, raw: unknown, clientKey?: string): Promise<{ id: string; created: boolean }> {
  authorizeOperations(ctx.actor, 'edit');
  const input = parseInput(measureInput, raw);
  const identity = requestIdentity('operations-measure', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return { id: first.id, created: false };
    await checkSolution(tx, input.solutionKey);
    const [row] = await tx
      .insert(operationsMeasure)
      .values({ ...input, position: sql`(select coalesce(max(${operationsMeasure.position}) + 1, 0) from ${operationsMeasure})`, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: operationsMeasure.id });
    await recordAudit(tx, ctx, { action: 'operations.measure_saved', entityType: 'operations_measure', entityId: row!.id, after: input });
    return { ...(await answerRequest(tx, identity, { id: row!.id })), created: true };
  });
}
