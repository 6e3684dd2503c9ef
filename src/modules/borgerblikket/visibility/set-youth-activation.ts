import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { parseDay } from '../../../platform/days.ts';
import { invalid } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { authorizeBorgerblikketCommon } from '../policy.ts';
import { bbSetting } from '../schema.ts';

export type YouthActivation = { youthActivation: string | null; changed: boolean };

/** The day as the form («dd.mm.åååå», empty: not activated) or the API (yyyy-mm-dd or null) gives it. */
export function parseActivationDay(raw: unknown): string | null {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  const day = typeof raw === 'string' ? parseDay(raw) : null;
  if (!day) throw invalid({ youthActivation: 'Skriv dagen som dd.mm.åååå (eller lad feltet stå tomt, hvis visningen ikke er aktiveret)' }, 'Aktiveringsdagen er ikke gemt.');
  return day;
}

/**
 * Sets the day KOMBIT opened Mit Overblik to 15–17-year-olds (null: not activated). The rule reads
 * it as data, so moving it moves what every municipality's young citizens see. Central editors
 * only; audited in the same transaction; the same day again, or the same form twice, writes nothing.
 */
export async function setYouthActivation(ctx: Ctx & { actor: Actor }, raw: unknown, clientKey?: string): Promise<YouthActivation> {
  authorizeBorgerblikketCommon(ctx.actor, 'edit');
  if (raw === undefined) throw invalid({ youthActivation: 'Angiv dagen (åååå-mm-dd) eller null' }, 'Aktiveringsdagen er ikke gemt.');
  const day = parseActivationDay(raw);
  const identity = requestIdentity('borgerblikket-youth-activation', ctx.actor.userId, clientKey, { day });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<YouthActivation>(tx, identity, ctx.now);
    if (first) return first;
    const [was] = await tx.select({ day: bbSetting.youthActivation }).from(bbSetting).where(eq(bbSetting.id, 1)).for('update');
    const before = was?.day ?? null;
    if (was && before === day) return answerRequest(tx, identity, { youthActivation: day, changed: false });
    await tx
      .insert(bbSetting)
      .values({ id: 1, youthActivation: day, updatedAt: ctx.now, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({ target: bbSetting.id, set: { youthActivation: day, updatedAt: ctx.now, updatedBy: ctx.actor.userId } });
    await recordAudit(tx, ctx, { action: 'borgerblikket.youth_activation_set', entityType: 'borgerblikket_setting', entityId: 'youth_activation', before: { youthActivation: before }, after: { youthActivation: day } });
    return answerRequest(tx, identity, { youthActivation: day, changed: true });
  });
}
