import { asc, count, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, invalid } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { authorizeEconomy } from '../policy.ts';
import { priceModel, priceUnitPrice } from '../schema.ts';
import { assertYearOpen } from './assert-year-open.ts';
import { assertYearParam } from './solution-of.ts';

export const nextYearTakenMessage = (next: number) =>
  `${next} har allerede priser. Kopieringen ville blande to års priser, så intet er kopieret; ret ${next}s priser enkeltvis.`;

/**
 * Starts next year's prices as a copy of this year's: every model with its unit prices, but no
 * usage, since next year's counts are next year's. Refused when next year already has a model
 * (merging two years' prices is never what was meant) or is locked; the same request twice answers
 * as the first. Three inserts and one audit entry, whatever the number of models.
 */
export async function copyPrices(ctx: Ctx & { actor: Actor }, year: number, clientKey?: string): Promise<{ to: number; copied: number }> {
  authorizeEconomy(ctx.actor, 'edit');
  assertYearParam(year);
  const next = year + 1;
  assertYearParam(next);
  await assertYearOpen(ctx.db, next);
  const identity = requestIdentity('economy-prices-copy', ctx.actor.userId, clientKey, { year });
  const taken = () => conflict(nextYearTakenMessage(next), { aar: nextYearTakenMessage(next) });
  try {
    return await ctx.db.transaction(async (tx) => {
      const first = await claimRequest<{ to: number; copied: number }>(tx, identity, ctx.now);
      if (first) return first;
      await assertYearOpen(tx, next);
      const [existing] = await tx.select({ n: count() }).from(priceModel).where(eq(priceModel.year, next));
      if ((existing?.n ?? 0) > 0) throw taken();
      const models = await tx.select().from(priceModel).where(eq(priceModel.year, year)).orderBy(asc(priceModel.solutionKey), asc(priceModel.sort));
      if (models.length === 0) throw invalid({ aar: `Der er ingen priser for ${year} at kopiere.` }, `Der er ingen priser for ${year} at kopiere.`);
      const created = await tx
        .insert(priceModel)
        .values(
          models.map((m) => ({
            year: next,
            solutionKey: m.solutionKey,
            label: m.label,
            kind: m.kind,
            rateOre: m.rateOre,
            amountOre: m.amountOre,
            kinkThreshold: m.kinkThreshold,
            kinkReducedPercent: m.kinkReducedPercent,
            usageUnit: m.usageUnit,
            sort: m.sort,
            updatedAt: ctx.now,
            updatedBy: ctx.actor.userId,
          })),
        )
        .returning({ id: priceModel.id, solutionKey: priceModel.solutionKey, label: priceModel.label });
      // (year, solution, label) is unique, so it pairs each copy with its original.
      const newId = new Map(created.map((c) => [`${c.solutionKey}\u0000${c.label}`, c.id]));
      const oldToNew = new Map(models.map((m) => [m.id, newId.get(`${m.solutionKey}\u0000${m.label}`)!]));
      const units = await tx.select().from(priceUnitPrice).where(inArray(priceUnitPrice.priceModelId, models.map((m) => m.id)));
      if (units.length > 0) {
        await tx.insert(priceUnitPrice).values(units.map((u) => ({ ...u, priceModelId: oldToNew.get(u.priceModelId)! })));
      }
      await recordAudit(tx, ctx, {
        action: 'economy.prices_copied',
        entityType: 'economy_year',
        entityId: String(next),
        after: { from: year, to: next, models: models.map((m) => ({ solution: m.solutionKey, label: m.label, kind: m.kind })), unitPrices: units.length },
      });
      return answerRequest(tx, identity, { to: next, copied: models.length });
    });
  } catch (error) {
    // Two copies at the same moment: the unique index lets one through, the other gets the reason.
    if (isUniqueViolation(error, 'price_model_year_solution_label')) throw taken();
    throw error;
  }
}
