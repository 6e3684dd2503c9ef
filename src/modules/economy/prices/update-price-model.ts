import { and, asc, count, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { authorizeEconomy } from '../policy.ts';
import { priceModel, priceUnitPrice, priceUsage } from '../schema.ts';
import { assertYearOpen } from './assert-year-open.ts';
import { checkPriceModel, priceModelColumns, sameModel, type PriceModelInput } from './price-model-input.ts';
import { assertLabelFree, assertYearParam, labelTaken, solutionOf } from './solution-of.ts';

export const modelNotFound = () => notFound('Prismodellen findes ikke.');

/**
 * Changes a price model of an open year. Saving what is already stored changes and logs nothing,
 * so a double submit is harmless. A model that stops being a usage model loses its unit prices and
 * its counts (the audit entry keeps what they were); a usage model's unit prices are replaced.
 */
export async function updatePriceModel(ctx: Ctx & { actor: Actor }, year: number, id: string, raw: unknown): Promise<{ changed: boolean }> {
  authorizeEconomy(ctx.actor, 'edit');
  assertYearParam(year);
  await assertYearOpen(ctx.db, year);
  const input = checkPriceModel(raw);
  const sol = await solutionOf(ctx.db, input.solution);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [m] = await tx.select().from(priceModel).where(and(eq(priceModel.id, id), eq(priceModel.year, year))).for('update');
      if (!m) throw modelNotFound();
      await assertYearOpen(tx, year);
      const units = await tx
        .select({ label: priceUnitPrice.label, unitPriceOre: priceUnitPrice.unitPriceOre })
        .from(priceUnitPrice)
        .where(eq(priceUnitPrice.priceModelId, id))
        .orderBy(asc(priceUnitPrice.position));
      const before: PriceModelInput = {
        solution: m.solutionKey,
        label: m.label,
        kind: m.kind,
        rateOre: m.rateOre,
        amountOre: m.amountOre,
        kink: m.kinkThreshold === null || m.kinkReducedPercent === null ? null : { thresholdCitizens: m.kinkThreshold, reducedPercent: m.kinkReducedPercent },
        usageUnit: m.usageUnit,
        unitPrices: units,
        sort: m.sort,
      };
      if (sameModel(before, input)) return { changed: false };
      await assertLabelFree(tx, { year, solutionKey: sol.key, solutionName: sol.name, label: input.label, exceptId: id });
      await tx
        .update(priceModel)
        .set(priceModelColumns(input, sol.key, { userId: ctx.actor.userId, now: ctx.now }))
        .where(eq(priceModel.id, id));
      await tx.delete(priceUnitPrice).where(eq(priceUnitPrice.priceModelId, id));
      if (input.unitPrices.length > 0) {
        await tx.insert(priceUnitPrice).values(input.unitPrices.map((u, i) => ({ priceModelId: id, position: i + 1, label: u.label, unitPriceOre: u.unitPriceOre })));
      }
      let usageRemoved = 0;
      if (input.kind !== 'usage' && m.kind === 'usage') {
        const [n] = await tx.select({ n: count() }).from(priceUsage).where(eq(priceUsage.priceModelId, id));
        usageRemoved = n?.n ?? 0;
        await tx.delete(priceUsage).where(eq(priceUsage.priceModelId, id));
      }
      await recordAudit(tx, ctx, {
        action: 'economy.price_model_updated',
        entityType: 'price_model',
        entityId: id,
        before: { year, ...before },
        after: { year, ...input, ...(usageRemoved > 0 ? { usageRemoved } : {}) },
      });
      return { changed: true };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'price_model_year_solution_label')) throw labelTaken(input.label, sol.name, year);
    throw error;
  }
}
