import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { authorizeGovernance } from '../policy.ts';
import { council, councilMeeting, poolProposal, poolProposalStep } from '../schema.ts';
import type { MoveInput } from './proposal-input.ts';
import { canMove, COUNCIL_FOR, refusedMoveMessage, STATUS_LABELS, type ProposalStatus } from './statuses.ts';

export type MovedProposal = { id: string; number: number; status: ProposalStatus };

const COUNCIL_WORDS = { fagraad: 'et fagråd', portefoeljeraad: 'Porteføljerådet' } as const;

/** The meeting must exist and belong to the kind of council that decides this move. */
async function checkMeeting(ctx: Ctx, meetingId: string, status: ProposalStatus): Promise<void> {
  const [m] = await ctx.db
    .select({ kind: council.kind })
    .from(councilMeeting)
    .innerJoin(council, eq(council.id, councilMeeting.councilId))
    .where(eq(councilMeeting.id, meetingId));
  if (!m) throw invalid({ meetingId: 'Vælg et møde fra listen' });
  const wanted = COUNCIL_FOR[status];
  if (m.kind !== wanted) throw invalid({ meetingId: `${STATUS_LABELS[status]} besluttes på et møde i ${COUNCIL_WORDS[wanted]}; vælg et af dets møder` });
}

/**
 * The secretariat records a council's decision on a proposal: the proposal's new status and the
 * step with the meeting, the decision in words, who and when, in one transaction with the audit
 * row. Only forward along the path (or out as afvist); a move the proposal has already made is
 * refused with its reason (409), and the same request twice answers the first's result.
 */
export async function moveProposal(ctx: Ctx & { actor: Actor }, number: number, input: MoveInput, clientKey?: string): Promise<MovedProposal & { moved: boolean }> {
  authorizeGovernance(ctx.actor, 'edit');
  const [current] = await ctx.db.select({ id: poolProposal.id }).from(poolProposal).where(eq(poolProposal.number, number));
  if (!current) throw notFound('Forslaget findes ikke.');
  if (input.meetingId !== null) await checkMeeting(ctx, input.meetingId, input.status);

  const identity = requestIdentity('pool-proposal-move', ctx.actor.userId, clientKey, { number, ...input });
  const refused = (from: ProposalStatus) => conflict(refusedMoveMessage(from, input.status), { status: refusedMoveMessage(from, input.status) });
  try {
    return await ctx.db.transaction(async (tx) => {
      const first = await claimRequest<MovedProposal>(tx, identity, ctx.now);
      if (first) return { ...first, moved: false };
      // The row lock makes two secretaries' moves of the same proposal take turns; the second sees the first's status.
      const [p] = await tx
        .select({ id: poolProposal.id, status: poolProposal.status, municipalityCode: poolProposal.municipalityCode })
        .from(poolProposal)
        .where(eq(poolProposal.id, current.id))
        .for('update');
      if (!p) throw notFound('Forslaget findes ikke.');
      if (!canMove(p.status, input.status)) throw refused(p.status);
      await tx
        .update(poolProposal)
        .set({ status: input.status, updatedAt: ctx.now })
        .where(and(eq(poolProposal.id, p.id), eq(poolProposal.status, p.status)));
      await tx.insert(poolProposalStep).values({
        proposalId: p.id,
        status: input.status,
        meetingId: input.meetingId,
        decision: input.decision,
        decidedAt: ctx.now,
        decidedBy: ctx.actor.userId,
      });
      await recordAudit(tx, ctx, {
        action: 'pool.proposal_moved',
        entityType: 'pool_proposal',
        entityId: p.id,
        municipalityCode: p.municipalityCode,
        before: { number, status: p.status },
        after: { number, status: input.status, meetingId: input.meetingId, decision: input.decision },
      });
      return { ...(await answerRequest(tx, identity, { id: p.id, number, status: input.status })), moved: true };
    });
  } catch (error) {
    // The step was taken once already (a status the proposal passed through): the index says so.
    if (isUniqueViolation(error, 'pool_proposal_step_once')) {
      const [now] = await ctx.db.select({ status: poolProposal.status }).from(poolProposal).where(eq(poolProposal.id, current.id));
      throw refused(now?.status ?? input.status);
    }
    throw error;
  }
}
