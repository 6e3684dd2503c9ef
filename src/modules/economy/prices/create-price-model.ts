import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { authorizeEconomy } from '../policy.ts';
import { priceModel, priceUnitPrice } from '../schema.ts';
import { assertYearOpen } from './assert-year-open.ts';
import { checkPriceModel, priceModelColumns } from './price-model-input.ts';
import { assertLabelFree, assertYearParam, labelTaken, solutionOf } from './solution-of.ts';

/**
 * Adds a price model to a year's solution, with its unit prices, audited in the same transaction.
 * A locked year refuses (409). The same request twice (the form's key, an API client's
 * Idempotency-Key, or the same content within seconds) makes one model and answers both with it; a
 * second model under a label the solution already uses is refused on the label.
 */
export async function createPriceModel(ctx: Ctx & { actor: Actor }, year: number, raw: unknown, clientKey?: string): Promise<{ id: string; created: boolean }> {
  authorizeEconomy(ctx.actor, 'edit');
  assertYearParam(year);
  await assertYearOpen(ctx.db, year);
  const input = checkPriceModel(raw);
  const sol = await solutionOf(ctx.db, input.solution);
  const identity = requestIdentity('economy-price-model-create', ctx.actor.userId, clientKey, { year, ...input });
  try {
    return await ctx.db.transaction(async (tx) => {
      const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
      if (first) return { id: first.id, created: false };
      await assertYearOpen(tx, year);
      await assertLabelFree(tx, { year, solutionKey: sol.key, solutionName: sol.name, label: input.label });
      const [row] = await tx
        .insert(priceModel)
        .values({ year, ...priceModelColumns(input, sol.key, { userId: ctx.actor.userId, now: ctx.now }) })
        .returning({ id: priceModel.id });
      const id = row!.id;
      if (input.unitPrices.length > 0) {
        await tx.insert(priceUnitPrice).values(input.unitPrices.map((u, i) => ({ priceModelId: id, position: i + 1, label: u.label, unitPriceOre: u.unitPriceOre })));
      }
      await recordAudit(tx, ctx, { action: 'economy.price_model_created', entityType: 'price_model', entityId: id, after: { year, ...input } });
      return { ...(await answerRequest(tx, identity, { id })), created: true };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'price_model_year_solution_label')) throw labelTaken(input.label, sol.name, year);
    throw error;
  }
}
