import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { person, userAccount } from '../../../platform/identity/schema.ts';
import { type LoginOutcome, openSsoSession, type SsoMeta } from '../open-session.ts';
import { ssoIdentity } from '../schema.ts';
import { attachMitid } from './attach-mitid.ts';
import { normalizedSql } from './mitid-id.ts';

export type BackupLoginOutcome = LoginOutcome | { kind: 'not-linked'; subject: string };

/**
 * A verified MitID Erhverv subject becomes a session, matched only by identifier, never by name:
 * the people whose MitID Erhverv link has that subject, and the people whose Context Handler
 * login recorded it as their professional UUID (they get the link now, in the same transaction).
 * The roles are left as they are: the ones the last Context Handler login granted apply.
 */
export async function completeMitidLogin(ctx: Ctx, subject: string, meta: Omit<SsoMeta, 'method'>): Promise<BackupLoginOutcome> {
  return ctx.db.transaction(async (tx) => {
    const linked = await tx
      .select({ personId: ssoIdentity.personId })
      .from(ssoIdentity)
      .innerJoin(person, eq(person.id, ssoIdentity.personId))
      .where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.subject, subject), eq(person.active, true)));
    // Someone whose person already has another MitID Erhverv is not taken over by this one.
    const recorded = await tx
      .select({ personId: person.id, municipalityCode: person.municipalityCode, name: person.name })
      .from(ssoIdentity)
      .innerJoin(person, eq(person.id, ssoIdentity.personId))
      .where(
        and(
          eq(ssoIdentity.provider, 'context-handler'),
          sql`${ssoIdentity.professionalUuid} is not null`,
          sql`${normalizedSql(sql`${ssoIdentity.professionalUuid}`)} = ${subject.toLowerCase()}`,
          eq(person.active, true),
          sql`not exists (select 1 from sso_identity m where m.person_id = ${person.id} and m.provider = 'mitid-erhverv')`,
        ),
      );
    for (const r of recorded) await attachMitid(tx, ctx, r, subject, { via: 'login', by: null });
    const personIds = [...new Set([...linked.map((l) => l.personId), ...recorded.map((r) => r.personId)])];
    if (personIds.length === 0) return { kind: 'not-linked', subject };
    await tx
      .update(ssoIdentity)
      .set({ lastLoginAt: ctx.now })
      .where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.subject, subject), inArray(ssoIdentity.personId, personIds)));
    const accounts = await tx
      .select({ id: userAccount.id })
      .from(userAccount)
      .where(and(inArray(userAccount.personId, personIds), eq(userAccount.disabled, false)));
    return openSsoSession(tx, ctx, accounts.map((a) => a.id), { ...meta, method: 'mitid-erhverv' });
  });
}
