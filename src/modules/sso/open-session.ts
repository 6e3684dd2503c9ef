import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { loadActor } from '../../platform/auth/load-actor.ts';
import type { LoginMethod } from '../../platform/auth/schema.ts';
import { randomToken, sha256 } from '../../platform/auth/secrets.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { municipality, person, userAccount } from '../../platform/identity/schema.ts';
import { claimOnce, takeOnce } from './once.ts';

export type SsoMeta = {
  ip?: string;
  userAgent?: string;
  method: Exclude<LoginMethod, 'password'>;
  samlNameId?: string | null;
  samlSessionIndex?: string | null;
};

export type LoginOutcome =
  | { kind: 'session'; sessionId: string; userId: string }
  /** Privileges in more than one municipality: the user picks one on /sso/vaelg-kommune. */
  | { kind: 'choose'; choice: string };

const CHOICE_MINUTES = 10;

/**
 * Opens a session for the one account a single sign-on login resolved to, or, when it resolved
 * to accounts in several municipalities, stores the choice for ten minutes. Runs in the caller's
 * transaction, after the caller has brought the roles in line.
 */
export async function openSsoSession(tx: Db, ctx: Ctx, userIds: string[], meta: SsoMeta): Promise<LoginOutcome> {
  if (userIds.length === 0) throw new AppError(403, 'no_account', 'Der er ingen bruger i Samspil til dette log ind.');
  if (userIds.length === 1) return startSession(tx, ctx, userIds[0]!, meta);
  const choice = randomToken();
  await claimOnce(tx, 'choice', sha256(choice), new Date(ctx.now.getTime() + CHOICE_MINUTES * 60_000), ctx.now, {
    userIds,
    method: meta.method,
    samlNameId: meta.samlNameId ?? null,
    samlSessionIndex: meta.samlSessionIndex ?? null,
  });
  return { kind: 'choose', choice };
}

async function startSession(tx: Db, ctx: Ctx, userId: string, meta: SsoMeta): Promise<LoginOutcome> {
  const actor = await loadActor(tx, userId);
  if (!actor) throw new AppError(403, 'account_disabled', 'Din bruger i Samspil er deaktiveret. Kontakt din KLIK-administrator.');
  const created = await createSession(tx, userId, ctx.now, meta);
  await tx.update(userAccount).set({ lastLoginAt: ctx.now }).where(eq(userAccount.id, userId));
  await recordAudit(tx, { ...ctx, actor }, {
    action: meta.method === 'context-handler' ? 'sso.login' : 'sso.backup_login',
    entityType: 'user_account',
    entityId: userId,
    municipalityCode: actor.municipalityCode,
    after: { ip: meta.ip ?? null },
  });
  return { kind: 'session', sessionId: created.id, userId };
}

export type ChoiceAccount = { userId: string; municipalityCode: string | null; municipalityName: string | null };

/** The accounts a stored choice offers (to show the chooser), or null when it has expired or been used. */
export async function choiceAccounts(db: Db, choice: Record<string, unknown> | null): Promise<ChoiceAccount[] | null> {
  const ids = Array.isArray(choice?.userIds) ? (choice.userIds as string[]) : null;
  if (!ids) return null;
  const rows = await db
    .select({ userId: userAccount.id, municipalityCode: person.municipalityCode, municipalityName: municipality.name })
    .from(userAccount)
    .innerJoin(person, eq(person.id, userAccount.personId))
    .leftJoin(municipality, eq(municipality.code, person.municipalityCode))
    .where(and(inArray(userAccount.id, ids), eq(userAccount.disabled, false), eq(person.active, true)));
  return rows;
}

/** Uses up a stored choice for one of its accounts: a second click finds it gone (410). */
export async function chooseAccount(ctx: Ctx, choice: string, userId: string, meta: { ip?: string; userAgent?: string }): Promise<LoginOutcome> {
  return ctx.db.transaction(async (tx) => {
    const stored = await takeOnce(tx, 'choice', sha256(choice), ctx.now);
    const ids = Array.isArray(stored?.userIds) ? (stored.userIds as string[]) : null;
    if (!stored || !ids) throw new AppError(410, 'choice_expired', 'Valget er udløbet eller allerede brugt. Log ind igen.');
    if (!ids.includes(userId)) throw new AppError(422, 'not_offered', 'Vælg en af kommunerne på listen.', { bruger: 'Vælg en af kommunerne på listen' });
    return startSession(tx, ctx, userId, {
      ...meta,
      method: stored.method === 'mitid-erhverv' ? 'mitid-erhverv' : 'context-handler',
      samlNameId: typeof stored.samlNameId === 'string' ? stored.samlNameId : null,
      samlSessionIndex: typeof stored.samlSessionIndex === 'string' ? stored.samlSessionIndex : null,
    });
  });
}
