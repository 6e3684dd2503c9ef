import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { municipality, roleType } from '../../../platform/identity/schema.ts';
import type { ContextHandlerAssertion } from '../assertion.ts';
import { type LoginOutcome, openSsoSession, type SsoMeta } from '../open-session.ts';
import { ssoPrivilegeMapping, ssoUnmappedPrivilege } from '../schema.ts';
import { findLoginPerson } from './find-login-person.ts';
import { parseOioBpp, type PrivilegeGroup, type SkippedGroup } from './parse-oiobpp.ts';
import { pairKey, type RolePair, syncRoles } from './sync-roles.ts';

/** More mappings than any real user system has; the mapping page refuses to add beyond it. */
export const MAX_MAPPINGS = 2000;

/**
 * A verified Context Handler assertion becomes a session. The rule, in one transaction:
 *
 * 1. The OIO-BPP document is read safely (parse-oiobpp.ts); an unreadable one refuses the login.
 * 2. Each privilege group's CVR scope is a municipality (municipality.cvr). A group whose CVR is
 *    no municipality, or whose scope is no CVR, is skipped and audited
 *    ('sso.privilege_group_skipped'). When no municipality remains the login is refused (403) with
 *    the CVR numbers in the message, and the refusal is audited ('auth.login_refused'). A document
 *    without any group falls back to the user's own CVR (then the user has no privileges there).
 *    KOMBIT's own CVR is not a municipality: central staff log in with a password.
 * 3. Each privilege maps through sso_privilege_mapping to (role type, solution) pairs. A privilege
 *    mapping to nothing is counted in sso_unmapped_privilege (shown on /sso/rettigheder) and grants
 *    nothing.
 * 4. Per municipality the person is found (find-login-person.ts: NameID, else e-mail, else
 *    created) and their roles there are brought in line (sync-roles.ts): pairs the mapping table
 *    names are Context Handler's (granted ones added, withdrawn ones removed), all other pairs are
 *    the role gallery's and are left alone. A grant that cannot be made (the role's maximum per
 *    municipality) is audited ('sso.role_not_granted') and the login goes on.
 * 5. A login whose privileges grant no role still logs in: the person sees their municipality
 *    without roles. One municipality opens a session; several go to the chooser.
 */
export async function completeContextHandlerLogin(ctx: Ctx, assertion: ContextHandlerAssertion, meta: Omit<SsoMeta, 'method'>): Promise<LoginOutcome> {
  let parsed: { groups: PrivilegeGroup[]; skipped: SkippedGroup[] };
  try {
    parsed = assertion.privilegesXml ? parseOioBpp(assertion.privilegesXml) : { groups: [], skipped: [] };
  } catch (error) {
    if (error instanceof AppError) await recordRefusal(ctx, assertion, { reason: 'invalid_privileges', message: error.message });
    throw error;
  }
  // No privilege document, or one without any group: the user's own organisation (assertion.cvr)
  // stands in as the one group, with no privileges. When it is a municipality the user logs in
  // there with no role Context Handler governs: roles the mapping names are withdrawn (Context
  // Handler is the authority on them and now grants none), the role gallery's roles stay. This is
  // deliberate and no wider than a privilege that maps to nothing: Context Handler has vouched for
  // the user as staff of that very municipality (so the e-mail match in find-login-person.ts is
  // within their own organisation), and a person without roles is a state the gallery knows too;
  // refusing would lock out the gallery's people whose municipality grants Samspil no user-system
  // role. Without an own CVR, or when it is no municipality, the login is refused (unknown_cvr).
  const groups = parsed.groups.length === 0 && parsed.skipped.length === 0 && assertion.cvr ? [{ cvr: assertion.cvr, privileges: [], constraints: [] }] : parsed.groups;

  type Result = { outcome: LoginOutcome } | { blocked: string } | { refused: string[] };
  const result = await ctx.db.transaction(async (tx): Promise<Result> => {
    const cvrs = groups.map((g) => g.cvr);
    // The municipalities' rows are locked in code order (as the gallery locks one), so concurrent
    // logins and gallery writes in the same municipality take turns and never deadlock.
    const known = cvrs.length === 0 ? [] : await tx.select({ code: municipality.code, cvr: municipality.cvr }).from(municipality).where(inArray(municipality.cvr, cvrs)).orderBy(municipality.code).for('update');
    const codeOf = new Map(known.map((m) => [m.cvr!, m.code]));
    const unknownCvrs = cvrs.filter((c) => !codeOf.has(c));
    if (known.length === 0) return { refused: unknownCvrs };

    const mappings = await tx
      .select({ privilege: ssoPrivilegeMapping.privilege, roleTypeKey: ssoPrivilegeMapping.roleTypeKey, solutionKey: ssoPrivilegeMapping.solutionKey })
      .from(ssoPrivilegeMapping)
      // A stable order, so the same mappings count at every login should there ever be more than the
      // limit: the oldest, which were there before any excess.
      .orderBy(ssoPrivilegeMapping.createdAt, ssoPrivilegeMapping.id)
      .limit(MAX_MAPPINGS);
    const governed = new Set(mappings.map(pairKey));
    const types = new Map((await tx.select().from(roleType)).map((t) => [t.key, t]));

    const userIds: string[] = [];
    const refusedHere: string[] = [];
    for (const group of groups) {
      const code = codeOf.get(group.cvr);
      if (!code) {
        await recordAudit(tx, ctx, { action: 'sso.privilege_group_skipped', entityType: 'sso_login', after: { nameId: assertion.nameId, cvr: group.cvr, reason: 'CVR-nummeret er ikke en kommune i Samspil.' } });
        continue;
      }
      const who = await findLoginPerson(tx, ctx, code, group.cvr, assertion);
      if ('refused' in who) {
        refusedHere.push(who.refused);
        continue;
      }
      const granted = new Map<string, RolePair>();
      for (const privilege of group.privileges) {
        const hits = mappings.filter((m) => m.privilege === privilege);
        if (hits.length === 0) await recordUnmapped(tx, ctx, privilege, group.cvr);
        for (const m of hits) granted.set(pairKey(m), { roleTypeKey: m.roleTypeKey, solutionKey: m.solutionKey });
      }
      const synced = await syncRoles(tx, ctx, { municipalityCode: code, personId: who.personId, personName: who.name }, [...granted.values()], governed, types);
      for (const n of synced.notGranted) {
        await recordAudit(tx, ctx, { action: 'sso.role_not_granted', entityType: 'person', entityId: who.personId, municipalityCode: code, after: { personName: who.name, ...n } });
      }
      userIds.push(who.userId);
    }
    for (const s of parsed.skipped) {
      await recordAudit(tx, ctx, { action: 'sso.privilege_group_skipped', entityType: 'sso_login', after: { nameId: assertion.nameId, scope: s.scope, reason: s.reason } });
    }
    if (userIds.length === 0) return { blocked: refusedHere[0] ?? 'Der er ingen bruger i Samspil til dette log ind.' };
    return { outcome: await openSsoSession(tx, ctx, userIds, { ...meta, method: 'context-handler', samlNameId: assertion.nameId, samlSessionIndex: assertion.sessionIndex }) };
  });

  if ('outcome' in result) return result.outcome;
  if ('blocked' in result) {
    await recordRefusal(ctx, assertion, { reason: 'no_account', message: result.blocked });
    throw new AppError(403, 'no_account', result.blocked);
  }
  // No CVR at all: the document's groups were all scoped to something else (a P-number, nothing).
  const message =
    result.refused.length > 0
      ? `Du kan ikke logge ind i Samspil: dine rettigheder fra Context Handler gælder CVR-nummer ${result.refused.join(', ')}, som ikke er en kommune i Samspil. Kontakt KOMBIT, hvis det er en fejl.`
      : 'Du kan ikke logge ind i Samspil: dine rettigheder fra Context Handler nævner ingen kommune ved CVR-nummer. Kontakt KOMBIT, hvis det er en fejl.';
  await recordRefusal(ctx, assertion, { reason: 'unknown_cvr', message, cvrs: result.refused });
  throw new AppError(403, 'unknown_cvr', message);
}

/** A privilege that maps to nothing: counted, with when it was first and last seen, never granted. */
async function recordUnmapped(tx: Db, ctx: Ctx, privilege: string, cvr: string): Promise<void> {
  await tx
    .insert(ssoUnmappedPrivilege)
    .values({ privilege, scopeCvr: cvr, firstSeenAt: ctx.now, lastSeenAt: ctx.now, times: 1 })
    .onConflictDoUpdate({ target: [ssoUnmappedPrivilege.privilege, ssoUnmappedPrivilege.scopeCvr], set: { times: sql`${ssoUnmappedPrivilege.times} + 1`, lastSeenAt: ctx.now } });
}

/** A refused login leaves a trace of its own, outside the transaction the refusal rolled back. */
async function recordRefusal(ctx: Ctx, assertion: ContextHandlerAssertion, why: Record<string, unknown>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await recordAudit(tx, ctx, { action: 'auth.login_refused', entityType: 'sso_login', after: { method: 'context-handler', nameId: assertion.nameId, cvr: assertion.cvr, ...why } });
  });
}
