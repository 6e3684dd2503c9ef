import { inArray } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { danishDay } from '../../../platform/days.ts';
import { invalid } from '../../../platform/errors.ts';
import { solution } from '../../../platform/identity/schema.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { authorizeSubmitProposal } from '../policy.ts';
import { poolProposal, poolProposalSolution, poolProposalStep } from '../schema.ts';
import { YEARS_AHEAD, type ProposalInput } from './proposal-input.ts';

export type SubmittedProposal = { id: string; number: number };

/** The pool years a proposal may ask for: this year and the next few, in Danish days. */
export function submittableYears(now: Date): number[] {
  const thisYear = Number(danishDay(now).slice(0, 4));
  return Array.from({ length: YEARS_AHEAD + 1 }, (_, i) => thisYear + i);
}

/**
 * Puts a proposal into the pool for the actor's municipality (KOMBIT when central staff submit),
 * with its receipt as the first step, audited in the same transaction. The same request twice (the
 * form's key, an API client's Idempotency-Key, or the same content within seconds) makes one
 * proposal and answers both with it.
 */
export async function submitProposal(ctx: Ctx & { actor: Actor }, input: ProposalInput, clientKey?: string): Promise<SubmittedProposal & { created: boolean }> {
  authorizeSubmitProposal(ctx.actor);
  const years = submittableYears(ctx.now);
  if (!years.includes(input.year)) throw invalid({ year: `Vælg et år fra ${years[0]} til ${years.at(-1)}` });
  const known = await ctx.db.select({ key: solution.key }).from(solution).where(inArray(solution.key, input.solutions));
  const unknown = input.solutions.filter((k) => !known.some((s) => s.key === k));
  if (unknown.length > 0) throw invalid({ solutions: `Ukendt løsning: ${unknown.join(', ')}` });

  const identity = requestIdentity('pool-proposal-submit', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<SubmittedProposal>(tx, identity, ctx.now);
    if (first) return { ...first, created: false };
    const municipalityCode = ctx.actor.municipalityCode;
    const [created] = await tx
      .insert(poolProposal)
      .values({
        year: input.year,
        title: input.title,
        description: input.description,
        estimatedCostOre: input.estimatedCostOre,
        municipalityCode,
        proposedBy: ctx.actor.userId,
        status: 'modtaget',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: poolProposal.id, number: poolProposal.number });
    const { id, number } = created!;
    await tx.insert(poolProposalSolution).values(input.solutions.map((solutionKey) => ({ proposalId: id, solutionKey })));
    await tx.insert(poolProposalStep).values({ proposalId: id, status: 'modtaget', decision: '', decidedAt: ctx.now, decidedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, {
      action: 'pool.proposal_submitted',
      entityType: 'pool_proposal',
      entityId: id,
      municipalityCode,
      after: { number, ...input, municipalityCode, status: 'modtaget' },
    });
    return { ...(await answerRequest(tx, identity, { id, number })), created: true };
  });
}
