import { eq, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { aulaCategories, type AulaCategory } from '../categories.ts';
import { authorizeAulaMunicipality } from '../policy.ts';
import { aulaRelevantCategory } from '../schema.ts';

/**
 * Stores which categories the municipality journalises: a row for each of the nine, so a later
 * change of a category's default does not silently change a municipality that has chosen. When the
 * choice is what the municipality already has (its rows, or the defaults before it chose), nothing
 * is written or logged.
 */
export async function saveRelevantCategories(ctx: Ctx & { actor: Actor }, code: string, relevant: ReadonlySet<AulaCategory>): Promise<{ changed: boolean }> {
  authorizeAulaMunicipality(ctx.actor, code, 'edit');
  return ctx.db.transaction(async (tx) => {
    // One writer per municipality at a time, so a double submit compares against the first one's rows.
    await rawRows(tx, sql`select pg_advisory_xact_lock(hashtext('aula_relevant_category'), hashtext(${code}))`);
    const rows = await tx.select().from(aulaRelevantCategory).where(eq(aulaRelevantCategory.municipalityCode, code));
    const stored = new Map(rows.map((r) => [r.category, r.relevant]));
    const before = Object.fromEntries(aulaCategories.map((c) => [c.key, stored.get(c.key) ?? c.relevantByDefault]));
    const after = Object.fromEntries(aulaCategories.map((c) => [c.key, relevant.has(c.key)]));
    if (aulaCategories.every((c) => before[c.key] === after[c.key])) return { changed: false };
    await tx
      .insert(aulaRelevantCategory)
      .values(aulaCategories.map((c) => ({ municipalityCode: code, category: c.key, relevant: after[c.key]!, updatedAt: ctx.now, updatedBy: ctx.actor.userId })))
      .onConflictDoUpdate({
        target: [aulaRelevantCategory.municipalityCode, aulaRelevantCategory.category],
        set: { relevant: sql`excluded.relevant`, updatedAt: ctx.now, updatedBy: ctx.actor.userId },
      });
    await recordAudit(tx, ctx, { action: 'aula.relevant_categories_saved', entityType: 'aula_municipality', entityId: code, municipalityCode: code, before, after });
    return { changed: true };
  });
}
