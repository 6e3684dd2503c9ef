import { and, desc, eq, sql } from 'drizzle-orm';
import { rawRows } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { authorizeAulaMunicipality } from '../policy.ts';
import { aulaReadinessEvent, aulaRuleSet } from '../schema.ts';
import type { ReadinessInput } from './municipality-input.ts';

/**
 * Ticks or unticks an item of the municipality's readiness checklist, as a new event in its
 * history. An item already in the asked state gets no event, so a double submit (or a retried
 * call) makes one row. Confirming readiness for the deletion rules names the newest rule version,
 * so the history says which rules the municipality was ready for; once a newer version exists the
 * same confirmation can be given again for it.
 */
export async function recordReadiness(ctx: Ctx & { actor: Actor }, code: string, input: ReadinessInput): Promise<{ changed: boolean }> {
  authorizeAulaMunicipality(ctx.actor, code, 'edit');
  return ctx.db.transaction(async (tx) => {
    await rawRows(tx, sql`select pg_advisory_xact_lock(hashtext('aula_readiness_event'), hashtext(${code}))`);
    const [latest] = await tx
      .select({ done: aulaReadinessEvent.done, at: aulaReadinessEvent.at, ruleSetId: aulaReadinessEvent.ruleSetId })
      .from(aulaReadinessEvent)
      .where(and(eq(aulaReadinessEvent.municipalityCode, code), eq(aulaReadinessEvent.item, input.item)))
      .orderBy(desc(aulaReadinessEvent.at))
      .limit(1);
    const [rules] =
      input.item === 'klar_til_sletteregler' && input.done
        ? await tx.select({ id: aulaRuleSet.id }).from(aulaRuleSet).orderBy(desc(aulaRuleSet.activationDate)).limit(1)
        : [];
    // Ready for an earlier version is not ready for the newest: confirming again is a change.
    const sameRules = !rules || latest?.ruleSetId === rules.id;
    if ((latest?.done ?? false) === input.done && sameRules) return { changed: false };
    // The newest event of an item is its state, so an item's events must never share a time.
    const at = latest && latest.at.getTime() >= ctx.now.getTime() ? new Date(latest.at.getTime() + 1) : ctx.now;
    const [event] = await tx
      .insert(aulaReadinessEvent)
      .values({ municipalityCode: code, item: input.item, done: input.done, note: input.note, ruleSetId: rules?.id ?? null, at, by: ctx.actor.userId })
      .returning({ id: aulaReadinessEvent.id });
    await recordAudit(tx, ctx, {
      action: 'aula.readiness_changed',
      entityType: 'aula_readiness_event',
      entityId: event!.id,
      municipalityCode: code,
      before: { item: input.item, done: latest?.done ?? false },
      after: { item: input.item, done: input.done, note: input.note, ruleSetId: rules?.id ?? null },
    });
    return { changed: true };
  });
}
