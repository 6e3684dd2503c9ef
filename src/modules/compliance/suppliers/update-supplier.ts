import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound, parseInput } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { complianceSupplier } from '../schema.ts';
import { authorizeSupplierAuthoring, checkSupplier, lockSuppliers, supplierColumns, supplierInput } from './supplier-input.ts';

type Columns = ReturnType<typeof supplierColumns>;

/**
 * Corrects a supplier's master data: every draft package that lists it shows the change; a
 * published package keeps the data as it was when it went out. Saving the same values again (a
 * double click, a retry) changes nothing and logs nothing (`changed: false`).
 */
export async function updateSupplier(ctx: Ctx & { actor: Actor }, supplierId: string, raw: unknown): Promise<{ id: string; changed: boolean }> {
  authorizeSupplierAuthoring(ctx.actor);
  if (!isUuid(supplierId)) throw notFound('Leverandøren findes ikke.');
  const input = parseInput(supplierInput, raw);
  return ctx.db.transaction(async (tx) => {
    await lockSuppliers(tx);
    const [current] = await tx.select().from(complianceSupplier).where(eq(complianceSupplier.id, supplierId));
    if (!current) throw notFound('Leverandøren findes ikke.');
    await checkSupplier(tx, input, supplierId);
    const after = supplierColumns(input);
    const before = Object.fromEntries(Object.keys(after).map((k) => [k, current[k as keyof Columns]])) as Columns;
    const changedKeys = (Object.keys(after) as (keyof Columns)[]).filter((k) => before[k] !== after[k]);
    if (changedKeys.length === 0) return { id: supplierId, changed: false };
    await tx
      .update(complianceSupplier)
      .set({ ...after, updatedAt: ctx.now })
      .where(eq(complianceSupplier.id, supplierId));
    const pick = (o: Columns) => Object.fromEntries(changedKeys.map((k) => [k, o[k]]));
    await recordAudit(tx, ctx, { action: 'compliance.supplier_updated', entityType: 'compliance_supplier', entityId: supplierId, before: pick(before), after: pick(after) });
    return { id: supplierId, changed: true };
  });
}
