import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/errors.ts';
import { council } from '../schema.ts';
import { councilColumns, councilInput } from './council-input.ts';
import { checkOnePortfolioCouncil, lockCouncils } from './create-council.ts';
import { loadCouncil } from './load.ts';
import { authorizeGovernance } from './policy.ts';

type Columns = ReturnType<typeof councilColumns>;

/**
 * Corrects a council's kind, name, area and description; its key stays, so links to it keep
 * working. Saving the same values again changes nothing and logs nothing (`changed: false`).
 */
export async function updateCouncil(ctx: Ctx & { actor: Actor }, key: string, raw: unknown): Promise<{ key: string; changed: boolean }> {
  authorizeGovernance(ctx.actor, 'edit');
  const input = parseInput(councilInput, raw);
  const after = councilColumns(input);
  return ctx.db.transaction(async (tx) => {
    await lockCouncils(tx);
    const current = await loadCouncil(tx, key);
    const before: Columns = { kind: current.kind, name: current.name, area: current.area, description: current.description };
    const changed = (Object.keys(after) as (keyof Columns)[]).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) return { key, changed: false };
    await checkOnePortfolioCouncil(tx, after.kind, current.id);
    await tx.update(council).set(after).where(eq(council.id, current.id));
    const pick = (o: Columns) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    await recordAudit(tx, ctx, { action: 'governance.council_saved', entityType: 'council', entityId: current.id, before: { key, ...pick(before) }, after: { key, ...pick(after) } });
    return { key, changed: true };
  });
}
