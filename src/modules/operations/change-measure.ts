import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { notFound, parseInput } from '../../platform/errors.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { measureChangeInput } from './inputs.ts';
import { authorizeOperations } from './policy.ts';
import { operationsMeasure } from './schema.ts';

export const measureNotFound = () => notFound('Tiltaget findes ikke.');

/** Sets a measure's state and end month; the values it already has change nothing and audit nothing. */
export async function changeMeasure(ctx: Ctx & { actor: Actor | null }, id: string, raw: unknown): Promise<{ changed: boolean }> {
  authorizeOperations(ctx.actor, 'edit');
  if (!isUuid(id)) throw measureNotFound();
  const input = parseInput(measureChangeInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(operationsMeasure).where(eq(operationsMeasure.id, id)).for('update');
    if (!current) throw measureNotFound();
    if (current.state === input.state && current.endMonth === input.endMonth) return { changed: false };
    await tx.update(operationsMeasure).set({ ...input, updatedAt: ctx.now }).where(eq(operationsMeasure.id, id));
    await recordAudit(tx, ctx, {
      action: 'operations.measure_saved',
      entityType: 'operations_measure',
      entityId: id,
      before: { state: current.state, endMonth: current.endMonth },
      after: input,
    });
    return { changed: true };
  });
}
