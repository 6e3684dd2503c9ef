import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { complianceSupplier } from '../schema.ts';
import { authorizeSupplierAuthoring, checkSupplier, lockSuppliers, supplierColumns, supplierInput } from './supplier-input.ts';

/**
 * Adds a supplier to the master data, audited in the same transaction. Nothing is written when a
 * field is wrong. The same request twice (a double click, a client's retry with the same key)
 * creates one supplier and answers both with it (`created: false` the second time).
 */
export async function createSupplier(ctx: Ctx & { actor: Actor }, raw: unknown, clientKey?: string): Promise<{ id: string; created: boolean }> {
  authorizeSupplierAuthoring(ctx.actor);
  const input = parseInput(supplierInput, raw);
  const identity = requestIdentity('compliance-supplier-create', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return { id: first.id, created: false };
    await lockSuppliers(tx);
    await checkSupplier(tx, input, null);
    const [row] = await tx
      .insert(complianceSupplier)
      .values({ ...supplierColumns(input), createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: complianceSupplier.id });
    const id = row!.id;
    await recordAudit(tx, ctx, { action: 'compliance.supplier_created', entityType: 'compliance_supplier', entityId: id, after: supplierColumns(input) });
    await answerRequest(tx, identity, { id });
    return { id, created: true };
  });
}
