import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { authorizeOperations } from './policy.ts';
import { operationsIncident } from './schema.ts';

export const incidentNotFound = () => notFound('Hændelsen findes ikke.');

/** Marks an incident resolved now. Compare-and-set: one already resolved stays as it was, and nothing is audited again. */
export async function resolveIncident(ctx: Ctx & { actor: Actor | null }, id: string): Promise<{ changed: boolean }> {
  authorizeOperations(ctx.actor, 'edit');
  if (!isUuid(id)) throw incidentNotFound();
  return ctx.db.transaction(async (tx) => {
    const [done] = await tx
      .update(operationsIncident)
      .set({ resolvedAt: ctx.now })
      .where(and(eq(operationsIncident.id, id), isNull(operationsIncident.resolvedAt)))
      .returning({ id: operationsIncident.id });
    if (!done) {
      const [exists] = await tx.select({ id: operationsIncident.id }).from(operationsIncident).where(eq(operationsIncident.id, id));
      if (!exists) throw incidentNotFound();
      return { changed: false };
    }
    await recordAudit(tx, ctx, { action: 'operations.incident_saved', entityType: 'operations_incident', entityId: id, before: { resolvedAt: null }, after: { resolvedAt: ctx.now.toISOString() } });
    return { changed: true };
  });
}
