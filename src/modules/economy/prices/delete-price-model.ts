import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { authorizeEconomy } from '../policy.ts';
import { priceModel, priceUnitPrice, priceUsage } from '../schema.ts';
import { assertYearOpen } from './assert-year-open.ts';
import { assertYearParam } from './solution-of.ts';
import { modelNotFound } from './update-price-model.ts';

/**
 * Deletes a price model of an open year with its unit prices and counts (by cascade); the audit
 * entry keeps all three. A repeated delete (double click, client retry) answers as the first did
 * instead of 404.
 */
export async function deletePriceModel(ctx: Ctx & { actor: Actor }, year: number, id: string, clientKey?: string): Promise<{ label: string; solutionKey: string }> {
  authorizeEconomy(ctx.actor, 'edit');
  assertYearParam(year);
  await assertYearOpen(ctx.db, year);
  const identity = requestIdentity('economy-price-model-delete', ctx.actor.userId, clientKey, { year, id });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ label: string; solutionKey: string }>(tx, identity, ctx.now);
    if (first) return first;
    const [m] = await tx.select().from(priceModel).where(and(eq(priceModel.id, id), eq(priceModel.year, year))).for('update');
    if (!m) throw modelNotFound();
    await assertYearOpen(tx, year);
    // One after the other: a transaction is one connection, which runs one statement at a time.
    const units = await tx.select({ label: priceUnitPrice.label, unitPriceOre: priceUnitPrice.unitPriceOre }).from(priceUnitPrice).where(eq(priceUnitPrice.priceModelId, id)).orderBy(asc(priceUnitPrice.position));
    const usage = await tx.select({ code: priceUsage.municipalityCode, quantity: priceUsage.quantity }).from(priceUsage).where(eq(priceUsage.priceModelId, id));
    await tx.delete(priceModel).where(eq(priceModel.id, id));
    const { updatedAt: _at, updatedBy: _by, ...kept } = m;
    await recordAudit(tx, ctx, {
      action: 'economy.price_model_deleted',
      entityType: 'price_model',
      entityId: id,
      before: { ...kept, unitPrices: units, usage: Object.fromEntries(usage.map((u) => [u.code, u.quantity])) },
    });
    return answerRequest(tx, identity, { label: m.label, solutionKey: m.solutionKey });
  });
}
