import { eq, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, parseInput } from '../../../platform/errors.ts';
import { council } from '../schema.ts';
import { councilColumns, newCouncilInput } from './council-input.ts';
import { authorizeGovernance } from './policy.ts';

/** Council writes one at a time, so the key and the one-Porteføljeråd checks see each other's rows. */
export async function lockCouncils(tx: Db): Promise<void> {
  await rawRows(tx, sql`select pg_advisory_xact_lock(hashtext('council'))`);
}

/** The agreement has one Porteføljeråd: a second one is refused, whichever form tries to make it. */
export async function checkOnePortfolioCouncil(tx: Db, kind: string, selfId: string | null): Promise<void> {
  if (kind !== 'portefoeljeraad') return;
  const [other] = await tx.select({ id: council.id, name: council.name }).from(council).where(eq(council.kind, 'portefoeljeraad'));
  if (other && other.id !== selfId) {
    throw conflict(`Der er allerede et porteføljeråd: ${other.name}. K98-aftalen har ét.`, { kind: `${other.name} er allerede porteføljerådet` });
  }
}

/**
 * Creates a council under its key (the address /styring/raad/<key>), audited in the same
 * transaction. The key is the natural identity: the same council sent again (a double click, a
 * retry) creates nothing and answers `created: false`; another council under a key in use is 409.
 */
export async function createCouncil(ctx: Ctx & { actor: Actor }, raw: unknown): Promise<{ key: string; created: boolean }> {
  authorizeGovernance(ctx.actor, 'edit');
  const input = parseInput(newCouncilInput, raw);
  const columns = councilColumns(input);
  return ctx.db.transaction(async (tx) => {
    await lockCouncils(tx);
    const [existing] = await tx.select().from(council).where(eq(council.key, input.key));
    if (existing) {
      const same = (Object.keys(columns) as (keyof typeof columns)[]).every((k) => existing[k] === columns[k]);
      if (same) return { key: input.key, created: false };
      throw conflict(`Nøglen ${input.key} bruges allerede af ${existing.name}. Vælg en anden nøgle, eller ret det eksisterende råd.`, {
        key: `Bruges allerede af ${existing.name}`,
      });
    }
    await checkOnePortfolioCouncil(tx, input.kind, null);
    const [row] = await tx
      .insert(council)
      .values({ key: input.key, ...columns })
      .returning({ id: council.id });
    await recordAudit(tx, ctx, { action: 'governance.council_saved', entityType: 'council', entityId: row!.id, after: { key: input.key, ...columns } });
    return { key: input.key, created: true };
  });
}
