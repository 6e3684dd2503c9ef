import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { notFound, parseInput } from '../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { projectMilestone } from '../tasks/index.ts';
import { milestoneInput } from './inputs.ts';
import { programmeIdByKey } from './load-programmes.ts';
import { authorizeProgramme } from './policy.ts';

/**
 * Adds a milestone (milestoneId null) or changes one. A milestone whose day changes keeps the day
 * it was first planned in original_on, and is marked moved unless it is being marked done, so the
 * page can say "flyttet fra …" however many times it moves.
 */
export async function saveProgrammeMilestone(
  ctx: Ctx & { actor: Actor | null },
  key: string,
  milestoneId: string | null,
  raw: unknown,
  clientKey?: string,
): Promise<{ id: string; created: boolean }> {
  authorizeProgramme(ctx.actor, 'edit');
  const input = parseInput(milestoneInput, raw);
  const projectId = await programmeIdByKey(ctx.db, key);
  const identity = requestIdentity('programme-milestone', ctx.actor.userId, clientKey, { projectId, milestoneId, ...input });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return { id: first.id, created: false };
    let id: string;
    let before: unknown = null;
    let after: Record<string, unknown> = { ...input, originalOn: null };
    if (milestoneId === null) {
      const [row] = await tx
        .insert(projectMilestone)
        .values({ projectId, ...input, createdAt: ctx.now })
        .returning({ id: projectMilestone.id });
      id = row!.id;
    } else {
      const [old] = await tx
        .select()
        .from(projectMilestone)
        .where(and(eq(projectMilestone.id, milestoneId), eq(projectMilestone.projectId, projectId)))
        .for('update');
      if (!old) throw notFound('Milepælen findes ikke.');
      const moved = old.startsOn !== input.startsOn;
      const originalOn = old.originalOn ?? (moved ? old.startsOn : null);
      const state = moved && input.state === 'planlagt' ? 'flyttet' : input.state;
      after = { ...input, state, originalOn };
      await tx.update(projectMilestone).set(after).where(eq(projectMilestone.id, milestoneId));
      id = milestoneId;
      before = { title: old.title, startsOn: old.startsOn, endsOn: old.endsOn, state: old.state, originalOn: old.originalOn, description: old.description };
    }
    await recordAudit(tx, ctx, { action: 'programme.milestone_saved', entityType: 'project_milestone', entityId: id, before, after: { key, ...after } });
    return { ...(await answerRequest(tx, identity, { id })), created: milestoneId === null };
  });
}
