import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadActor } from '../../platform/auth/load-actor.ts';
import { acceptAttempt, attemptKeys, reserveAttempt } from '../../platform/auth/login-throttle.ts';
import { verifyPassword } from '../../platform/auth/secrets.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, parseInput } from '../../platform/errors.ts';
import { municipality, userAccount } from '../../platform/identity/schema.ts';

export const loginInput = z.object({
  email: z.string().trim().min(1, 'Skriv din e-mailadresse').max(254),
  password: z.string().min(1, 'Skriv din adgangskode').max(200),
});

/**
 * Verifies the password and opens a session; the same message for unknown user and wrong password.
 * The attempt is counted before the password is checked, so parallel guesses cannot all be checked.
 */
export async function logIn(ctx: Ctx, raw: unknown, meta: { ip?: string; userAgent?: string }) {
  const input = parseInput(loginInput, raw);
  const keys = attemptKeys('login', meta.ip ?? '', input.email);
  if (!(await reserveAttempt(ctx.db, keys, ctx.now))) {
    throw new AppError(429, 'rate_limited', 'For mange forsøg. Vent lidt og prøv igen.');
  }
  const [user] = await ctx.db
    .select({ id: userAccount.id, passwordHash: userAccount.passwordHash, disabled: userAccount.disabled })
    .from(userAccount)
    .where(and(eq(sql`lower(${userAccount.email})`, input.email.toLowerCase()), eq(userAccount.disabled, false), isNotNull(userAccount.passwordHash)));
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  const actor = ok && user && !user.disabled ? await loadActor(ctx.db, user.id) : null;
  if (!actor) {
    throw new AppError(401, 'invalid_credentials', 'E-mailadressen eller adgangskoden er forkert.', {
      password: 'E-mailadressen eller adgangskoden er forkert',
    });
  }
  await refuseWhenSsoOnly(ctx, actor);
  await acceptAttempt(ctx.db, keys, ctx.now);
  return ctx.db.transaction(async (tx) => {
    const created = await createSession(tx, actor.userId, ctx.now, meta);
    await tx.update(userAccount).set({ lastLoginAt: ctx.now }).where(eq(userAccount.id, actor.userId));
    await recordAudit(tx, { ...ctx, actor }, {
      action: 'auth.login',
      entityType: 'user_account',
      entityId: actor.userId,
      municipalityCode: actor.municipalityCode,
      after: { ip: meta.ip ?? null },
    });
    return { ...created, actor };
  });
}

/**
 * A municipality set to "SSO only" (municipality.sso_only) takes its users' passwords out of use.
 * Checked only after the password proved right, so the answer reveals nothing to a guesser.
 * KOMBIT's own staff (no municipality) are never affected: the first central administrator keeps a
 * password. The refusal is audited in a transaction of its own.
 */
async function refuseWhenSsoOnly(ctx: Ctx, actor: { userId: string; municipalityCode: string | null; municipalityName: string | null }) {
  if (!actor.municipalityCode) return;
  const [m] = await ctx.db.select({ ssoOnly: municipality.ssoOnly }).from(municipality).where(eq(municipality.code, actor.municipalityCode));
  if (!m?.ssoOnly) return;
  await ctx.db.transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      action: 'auth.login_refused',
      entityType: 'user_account',
      entityId: actor.userId,
      municipalityCode: actor.municipalityCode,
      after: { method: 'password', reason: 'sso_only' },
    });
  });
  const message = `${actor.municipalityName ?? 'Din'} Kommune bruger kun single sign-on, så adgangskoder virker ikke. Log ind med Context Handler, eller med MitID Erhverv, hvis Context Handler er nede.`;
  throw new AppError(403, 'sso_only', message, { _: message });
}
