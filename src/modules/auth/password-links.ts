import { and, eq, gt, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { passwordReset, session } from '../../platform/auth/schema.ts';
import { hashPassword, randomToken, sha256 } from '../../platform/auth/secrets.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError, conflict, notFound, parseInput } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { enqueueMail } from '../../platform/outbox/enqueue.ts';
import { authorize, findPersonIn } from '../organisations/index.ts';
import { municipality, person, userAccount } from '../../platform/identity/schema.ts';

const LINK_HOURS = 72;

/**
 * An administrator sends a person a one-time link to choose a password; it both invites new users
 * and serves "forgot password". The account is created on first issue. Older open links die.
 * The same request twice (the same client key, or without one within seconds) sends one link and
 * one mail and answers both alike; the person row is locked so that links issued at the same time
 * by different administrators still leave only the newest open.
 */
export async function issuePasswordLink(ctx: Ctx & { actor: Actor }, municipalityCode: string, personId: string, clientKey?: string) {
  authorize(ctx.actor, 'manage', municipalityCode);
  const token = randomToken();
  return ctx.db.transaction(async (tx) => {
    const who = await findPersonIn(tx, municipalityCode, personId);
    const identity = requestIdentity('password-link', ctx.actor.userId, clientKey, { municipalityCode, personId, email: who.email });
    const first = await claimRequest<{ userId: string; newAccount: boolean }>(tx, identity, ctx.now);
    if (first) return first;
    const [locked] = await tx.select({ active: person.active }).from(person).where(eq(person.id, personId)).for('update');
    if (!locked?.active) throw conflict('Personen er deaktiveret og kan ikke få et login.');
    let [account] = await tx.select().from(userAccount).where(eq(userAccount.personId, personId));
    const isNew = !account;
    if (!account) {
      try {
        [account] = await tx.insert(userAccount).values({ personId, email: who.email, createdAt: ctx.now }).returning();
      } catch {
        throw conflict('E-mailadressen bruges allerede af en anden bruger.', { email: 'E-mailadressen bruges allerede af en anden bruger' });
      }
    }
    await tx
      .update(passwordReset)
      .set({ usedAt: ctx.now })
      .where(and(eq(passwordReset.userId, account!.id), isNull(passwordReset.usedAt)));
    await tx.insert(passwordReset).values({
      userId: account!.id,
      tokenHash: sha256(token),
      issuedBy: ctx.actor.userId,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + LINK_HOURS * 3600_000),
    });
    const link = `${ctx.config.publicUrl}/adgangskode/${token}`;
    await enqueueMail(
      tx,
      {
        to: who.email,
        subject: isNew ? 'Du er oprettet som bruger i Samspil' : 'Link til at vælge ny adgangskode i Samspil',
        body: [
          `Kære ${who.name}`,
          '',
          isNew
            ? `${ctx.actor.name} har oprettet dig som bruger i Samspil.`
            : `${ctx.actor.name} har sendt dig et link, så du kan vælge en ny adgangskode til Samspil.`,
          '',
          `Vælg din adgangskode her (linket virker én gang og udløber om ${LINK_HOURS} timer):`,
          link,
          '',
          'Venlig hilsen',
          'Samspil',
        ].join('\n'),
        kind: 'password-link',
        municipalityCode,
      },
      ctx.now,
    );
    await recordAudit(tx, ctx, {
      action: 'auth.password_link_issued',
      entityType: 'user_account',
      entityId: account!.id,
      municipalityCode,
      after: { personId, email: who.email, newAccount: isNew },
    });
    return answerRequest(tx, identity, { userId: account!.id, newAccount: isNew });
  });
}

export const newPasswordInput = z
  .object({
    password: z.string().min(10, 'Adgangskoden skal være mindst 10 tegn').max(200, 'Adgangskoden må højst være 200 tegn'),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'De to adgangskoder er ikke ens' });

export async function findOpenLink(ctx: Ctx, token: string) {
  const [row] = await ctx.db
    .select({
      id: passwordReset.id,
      userId: passwordReset.userId,
      name: person.name,
      email: userAccount.email,
      municipalityName: municipality.name,
      ssoOnly: sql<boolean>`coalesce(${municipality.ssoOnly}, false)`,
    })
    .from(passwordReset)
    .innerJoin(userAccount, eq(userAccount.id, passwordReset.userId))
    .innerJoin(person, eq(person.id, userAccount.personId))
    .leftJoin(municipality, eq(municipality.code, person.municipalityCode))
    // A link dies with its account: someone deactivated after the link was sent cannot use it.
    .where(
      and(
        eq(passwordReset.tokenHash, sha256(token)),
        isNull(passwordReset.usedAt),
        gt(passwordReset.expiresAt, ctx.now),
        eq(userAccount.disabled, false),
        eq(person.active, true),
      ),
    );
  return row ?? null;
}

/** Uses the link once (compare-and-set on used_at): a second submit finds it spent. */
export async function setPasswordWithLink(ctx: Ctx, token: string, raw: unknown) {
  const input = parseInput(newPasswordInput, raw);
  const link = await findOpenLink(ctx, token);
  if (!link) throw notFound('Linket er udløbet eller allerede brugt. Bed din administrator om et nyt.');
  if (link.ssoOnly) throw ssoOnlyRefusal(link.municipalityName);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const spent = await tx
      .update(passwordReset)
      .set({ usedAt: ctx.now })
      .where(and(eq(passwordReset.id, link.id), isNull(passwordReset.usedAt)))
      .returning({ id: passwordReset.id });
    if (spent.length === 0) throw notFound('Linket er udløbet eller allerede brugt. Bed din administrator om et nyt.');
    // Only accounts with a password claim their e-mail (user_account_email): an account without one
    // (made at a Context Handler login) may share it with a live password account, which then wins.
    const [taken] = await tx
      .select({ id: userAccount.id })
      .from(userAccount)
      .where(and(eq(sql`lower(${userAccount.email})`, link.email.toLowerCase()), eq(userAccount.disabled, false), isNotNull(userAccount.passwordHash), ne(userAccount.id, link.userId)));
    if (taken) throw emailTaken(link.email);
    try {
      await tx.update(userAccount).set({ passwordHash }).where(eq(userAccount.id, link.userId));
    } catch (error) {
      // Two such accounts choosing a password at the same moment: the second meets the index.
      if (isUniqueViolation(error, 'user_account_email')) throw emailTaken(link.email);
      throw error;
    }
    // A new password ends every existing session of that user.
    await tx.delete(session).where(eq(session.userId, link.userId));
    await recordAudit(tx, ctx, { action: 'auth.password_set', entityType: 'user_account', entityId: link.userId });
    return { email: link.email };
  });
}

/** The link page's answer for a user whose municipality has switched passwords off. */
export function ssoOnlyRefusal(municipalityName: string | null): AppError {
  return new AppError(
    403,
    'sso_only',
    `${municipalityName ?? 'Din'} Kommune bruger kun single sign-on, så du kan ikke vælge en adgangskode. Log ind med Context Handler, eller med MitID Erhverv, hvis Context Handler er nede.`,
  );
}

function emailTaken(email: string): AppError {
  return conflict(`E-mailadressen ${email} bruges allerede af en anden bruger med adgangskode i Samspil. Bed din administrator om at rette e-mailadressen, før du vælger en adgangskode.`, {
    password: 'E-mailadressen bruges allerede af en anden bruger med adgangskode',
  });
}
