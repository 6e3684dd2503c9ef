import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { parseInput } from '../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { programmeIdByKey } from './load-programmes.ts';
import { statusInput } from './inputs.ts';
import { authorizeProgramme } from './policy.ts';
import { programmeStatus } from './schema.ts';

/**
 * Adds a status (green, yellow or red on a day, with a comment) to the programme's history; the
 * newest day is the current status. The same request twice adds it once.
 */
export async function setProgrammeStatus(ctx: Ctx & { actor: Actor | null }, key: string, raw: unknown, clientKey?: string): Promise<{ id: string; created: boolean }> {
  authorizeProgramme(ctx.actor, 'edit');
  const actor = ctx.actor;
  const input = parseInput(statusInput, raw);
  const projectId = await programmeIdByKey(ctx.db, key);
  const identity = requestIdentity('programme-status', actor.userId, clientKey, { projectId, ...input });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return { id: first.id, created: false };
    const [row] = await tx
      .insert(programmeStatus)
      .values({ projectId, ...input, createdAt: ctx.now, createdBy: actor.userId })
      .returning({ id: programmeStatus.id });
    await recordAudit(tx, ctx, { action: 'programme.status_set', entityType: 'project', entityId: projectId, after: { key, ...input } });
    return { ...(await answerRequest(tx, identity, { id: row!.id })), created: true };
  });
}
