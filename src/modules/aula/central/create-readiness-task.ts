import type { Actor, Ctx } from '../../../platform/context.ts';
import { forbidden, invalid } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { canAuthor, createTask, publishTask } from '../../tasks/index.ts';
import { AULA_SOLUTION, authorizeAulaOverview } from '../policy.ts';
import { READINESS_TASK_STEPS } from './readiness-task.ts';

export type ReadinessTaskInput = { code: string; title: string; description: string; deadline: string; municipalityCodes: string[] };

/** Central staff who author KLIK tasks; other central staff 403, a municipality's users 404 (the overview does not exist for them). */
export function authorizeReadinessTask(actor: Actor): void {
  authorizeAulaOverview(actor);
  if (!canAuthor(actor)) throw forbidden('Kun administratorer og konsulenter i KOMBIT kan oprette opgaver.');
}

/**
 * One KLIK task to the Aula system owners of the chosen municipalities, created and published in
 * one transaction through the tasks module's own use cases (they authorise the author, check every
 * field and audit). A repeat of the same form (its request key) answers the first task's id
 * instead of making a second; a new form with a used code is refused by the code's uniqueness.
 */
export async function createReadinessTask(ctx: Ctx & { actor: Actor }, raw: ReadinessTaskInput, clientKey: string | undefined): Promise<{ id: string }> {
  // Before any field is read: who may not author tasks learns nothing from the input's errors.
  authorizeReadinessTask(ctx.actor);
  const codes = [...new Set(raw.municipalityCodes)].sort();
  if (codes.length === 0) throw invalid({ kommuner: 'Vælg mindst én kommune i oversigten' }, 'Opgaven er ikke oprettet.');
  const input = {
    code: raw.code,
    title: raw.title,
    description: raw.description,
    deadline: raw.deadline,
    audienceRoleKey: 'systemansvarlig',
    audienceSolutionKey: AULA_SOLUTION,
    targets: { mode: 'list', codes },
    steps: READINESS_TASK_STEPS.map((s) => ({ ...s, answerKind: 'none' })),
  };
  const identity = requestIdentity('aula-readiness-task', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return first;
    const inTx = { ...ctx, db: tx };
    const { id } = await createTask(inTx, input);
    await publishTask(inTx, id);
    return answerRequest(tx, identity, { id });
  });
}
