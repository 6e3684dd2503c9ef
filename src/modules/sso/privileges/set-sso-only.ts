import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { AppError, notFound, parseInput } from '../../../platform/errors.ts';
import { session } from '../../../platform/auth/schema.ts';
import { municipality, person, userAccount } from '../../../platform/identity/schema.ts';
import { authorizeManageLogins } from '../policy.ts';

const NO_CONTEXT_HANDLER = 'Kun single sign-on kan ikke slås til, fordi Samspil ikke er sat op til log ind med Context Handler. Så kunne kommunens brugere slet ikke logge ind.';

export const ssoOnlyInput = z.object({ ssoOnly: z.boolean({ error: 'Vælg om adgangskoder skal virke' }) });

/** The municipality's login settings as the page and the API show them (null: no such municipality). */
export async function loadLoginSettings(ctx: Ctx & { actor: Actor }, code: string) {
  authorizeManageLogins(ctx.actor, code);
  const [row] = await ctx.db.select({ code: municipality.code, name: municipality.name, ssoOnly: municipality.ssoOnly }).from(municipality).where(eq(municipality.code, code));
  if (!row) throw notFound();
  return row;
}

/**
 * Switches a municipality to "SSO only" (its users' passwords stop working; they log in through
 * Context Handler or MitID Erhverv) or back; switching it on ends the municipality's users' open
 * password sessions in the same transaction. KOMBIT's own staff are never affected. Setting the value
 * it already has writes nothing, so a double click or a repeated PUT is harmless. Switching it on is
 * refused (422) while this server has no Context Handler configured.
 */
export async function setSsoOnly(ctx: Ctx & { actor: Actor }, code: string, raw: unknown): Promise<{ code: string; name: string; ssoOnly: boolean; changed: boolean }> {
  authorizeManageLogins(ctx.actor, code);
  const input = parseInput(ssoOnlyInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ code: municipality.code, name: municipality.name, ssoOnly: municipality.ssoOnly }).from(municipality).where(eq(municipality.code, code)).for('update');
    if (!row) throw notFound();
    // Without a Context Handler on this server nobody of the municipality could log in at all.
    if (input.ssoOnly && !ctx.config.saml) throw new AppError(422, 'sso_not_configured', NO_CONTEXT_HANDLER, { ssoOnly: NO_CONTEXT_HANDLER });
    if (row.ssoOnly === input.ssoOnly) return { ...row, changed: false };
    await tx.update(municipality).set({ ssoOnly: input.ssoOnly }).where(eq(municipality.code, code));
    // Passwords stop working now, not when today's password sessions expire: they end with the switch.
    const ended = input.ssoOnly
      ? await tx
          .delete(session)
          .where(and(eq(session.method, 'password'), inArray(session.userId, tx.select({ id: userAccount.id }).from(userAccount).innerJoin(person, eq(person.id, userAccount.personId)).where(eq(person.municipalityCode, code)))))
          .returning({ userId: session.userId })
      : [];
    await recordAudit(tx, ctx, {
      action: 'sso.sso_only_changed',
      entityType: 'municipality',
      entityId: code,
      municipalityCode: code,
      before: { ssoOnly: row.ssoOnly },
      after: { ssoOnly: input.ssoOnly, ...(input.ssoOnly ? { passwordSessionsEnded: ended.length } : {}) },
    });
    return { ...row, ssoOnly: input.ssoOnly, changed: true };
  });
}
