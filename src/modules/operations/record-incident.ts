import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { danishTime, parseTimeOfDay } from '../../platform/days.ts';
import { parseInput } from '../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { checkSolution } from './check-solution.ts';
import { incidentInput } from './inputs.ts';
import { authorizeOperations } from './policy.ts';
import { operationsIncident } from './schema.ts';

/** Records an incident on a solution; the same request twice (request key or quick resend) records it once. */
export async function recordIncident(ctx: Ctx & { actor: Actor | null }, raw: unknown, clientKey?: string): Promise<{ id: string; created: boolean }> {
  authorizeOperations(ctx.actor, 'edit');
  const actor = ctx.actor;
  const input = parseInput(incidentInput, raw);
  const { hour, minute } = parseTimeOfDay(input.startedTime)!;
  const startedAt = danishTime(input.startedOn, hour, minute);
  const identity = requestIdentity('operations-incident', actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return { id: first.id, created: false };
    await checkSolution(tx, input.solutionKey);
    const [row] = await tx
      .insert(operationsIncident)
      .values({ solutionKey: input.solutionKey, title: input.title, description: input.description, severity: input.severity, startedAt, createdAt: ctx.now, createdBy: actor.userId })
      .returning({ id: operationsIncident.id });
    await recordAudit(tx, ctx, { action: 'operations.incident_saved', entityType: 'operations_incident', entityId: row!.id, after: { ...input, startedAt: startedAt.toISOString() } });
    return { ...(await answerRequest(tx, identity, { id: row!.id })), created: true };
  });
}
