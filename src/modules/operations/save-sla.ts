import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { parseInput } from '../../platform/errors.ts';
import { checkSolution } from './check-solution.ts';
import { slaInput, type SlaInput } from './inputs.ts';
import { authorizeOperations } from './policy.ts';
import { operationsSla } from './schema.ts';

const FIELDS = ['unit', 'target', 'achieved', 'higherIsBetter', 'note'] as const;

/**
 * Records a solution's SLA figure for a month (one row per solution, month and measure): a new
 * one is added, an existing one corrected. The same values again write nothing, so a double
 * submit or a retried request changes and audits once.
 */
export async function saveSla(ctx: Ctx & { actor: Actor | null }, raw: unknown): Promise<{ input: SlaInput; solutionName: string; changed: boolean; created: boolean }> {
  authorizeOperations(ctx.actor, 'edit');
  const input = parseInput(slaInput, raw);
  return ctx.db.transaction(async (tx) => {
    const solutionName = (await checkSolution(tx, input.solutionKey)) ?? input.solutionKey;
    const key = and(eq(operationsSla.solutionKey, input.solutionKey), eq(operationsSla.month, input.month), eq(operationsSla.measure, input.measure));
    const [current] = await tx.select().from(operationsSla).where(key).for('update');
    const changed = current ? FIELDS.filter((f) => current[f] !== input[f]) : [...FIELDS];
    if (changed.length === 0) return { input, solutionName, changed: false, created: false };
    const values = { unit: input.unit, target: input.target, achieved: input.achieved, higherIsBetter: input.higherIsBetter, note: input.note, updatedAt: ctx.now };
    // Two editors adding the same month at once: the later one's values win, as a correction would.
    await tx
      .insert(operationsSla)
      .values({ solutionKey: input.solutionKey, month: input.month, measure: input.measure, ...values })
      .onConflictDoUpdate({ target: [operationsSla.solutionKey, operationsSla.month, operationsSla.measure], set: values });
    const pick = (o: Record<string, unknown>) => Object.fromEntries(changed.map((f) => [f, o[f]]));
    await recordAudit(tx, ctx, {
      action: 'operations.sla_saved',
      entityType: 'operations_sla',
      entityId: `${input.solutionKey}/${input.month.slice(0, 7)}/${input.measure}`,
      before: current ? pick(current) : null,
      after: pick(input),
    });
    return { input, solutionName, changed: true, created: !current };
  });
}
