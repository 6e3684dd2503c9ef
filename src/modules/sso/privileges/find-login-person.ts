import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Ctx } from '../../../platform/context.ts';
import { person, userAccount } from '../../../platform/identity/schema.ts';
import type { ContextHandlerAssertion } from '../assertion.ts';
import { ssoIdentity } from '../schema.ts';

export type LoginPerson = { personId: string; userId: string; name: string };
/** Why a municipality's account cannot be used at this login (the caller leaves that municipality out). */
export type NoPerson = { refused: string };

const PROVIDER = 'context-handler';

/**
 * The person a Context Handler login is in one municipality (`code`, whose CVR is `groupCvr`): the
 * person its NameID was recorded for there, else the active person there with the assertion's
 * e-mail (case-insensitive), else a new person with an account without a password. Never matched
 * by name. The caller holds the municipality's row lock, so two logins of the same person cannot
 * both create them.
 *
 * The e-mail is only a claim the user's own organisation makes about its own staff. So a person is
 * adopted by e-mail only when the user's organisation (assertion.cvr) is the municipality itself,
 * and only a person no Context Handler identity owns yet: a user of another organisation with
 * privileges in the municipality can never become one of its people, and a person's NameID, once
 * recorded, is never moved by an e-mail. The adopted person keeps their password and their other
 * roles (the same human, vouched for by the municipality's own user directory; "SSO only" is how a
 * municipality turns the passwords off). Every identity write is audited in the caller's
 * transaction: the NameID tied to a person ('sso.identity_linked', with how), an account made
 * ('sso.account_created') and a changed MitID Erhverv UUID ('sso.professional_uuid_changed').
 */
export async function findLoginPerson(tx: Db, ctx: Ctx, code: string, groupCvr: string, a: ContextHandlerAssertion): Promise<LoginPerson | NoPerson> {
  const [known] = await tx
    .select({ identityId: ssoIdentity.id, personId: person.id, name: person.name, active: person.active, professionalUuid: ssoIdentity.professionalUuid })
    .from(ssoIdentity)
    .innerJoin(person, eq(person.id, ssoIdentity.personId))
    .where(and(eq(ssoIdentity.provider, PROVIDER), eq(ssoIdentity.subject, a.nameId), eq(person.municipalityCode, code)));
  if (known && !known.active) return { refused: 'Din bruger i kommunen er deaktiveret i Samspil.' };

  let found: { personId: string; name: string } | undefined = known;
  let how: 'email' | 'new_person' | null = null;
  const email = (a.email ?? '').trim();
  if (!found && email !== '') {
    // One active person per e-mail and municipality (person_active_email), so at most one row per identity.
    const [byEmail] = await tx
      .select({ personId: person.id, name: person.name, otherSubject: ssoIdentity.subject })
      .from(person)
      .leftJoin(ssoIdentity, and(eq(ssoIdentity.personId, person.id), eq(ssoIdentity.provider, PROVIDER)))
      .where(and(eq(person.municipalityCode, code), eq(person.active, true), eq(sql`lower(${person.email})`, email.toLowerCase())))
      .limit(1);
    if (byEmail && a.cvr !== groupCvr) {
      return { refused: 'Din e-mailadresse tilhører en bruger i kommunen, men du logger ind fra en anden organisation. Kontakt kommunens KLIK-administrator.' };
    }
    // Someone else's Context Handler identity already owns that person: the e-mail alone does not move it.
    if (byEmail?.otherSubject) return { refused: 'E-mailadressen tilhører en anden Context Handler-bruger i kommunen. Kontakt din KLIK-administrator.' };
    if (byEmail) {
      found = byEmail;
      how = 'email';
    }
  }
  if (!found) {
    if (email === '') return { refused: 'Context Handler sendte ingen e-mailadresse, så der kan ikke oprettes en bruger.' };
    const fields = { name: (a.name ?? '').trim() || email, email, title: '', phone: '' };
    const [created] = await tx
      .insert(person)
      .values({ ...fields, municipalityCode: code, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ personId: person.id, name: person.name });
    await recordAudit(tx, ctx, { action: 'person.created', entityType: 'person', entityId: created!.personId, municipalityCode: code, after: { ...fields, source: PROVIDER } });
    found = created!;
    how = 'new_person';
  }

  let [account] = await tx.select({ id: userAccount.id, disabled: userAccount.disabled }).from(userAccount).where(eq(userAccount.personId, found.personId));
  if (!account) {
    // Without a password the account claims no e-mail address (user_account_email), so this insert cannot collide.
    [account] = await tx.insert(userAccount).values({ personId: found.personId, email: email || found.name, createdAt: ctx.now }).returning({ id: userAccount.id, disabled: userAccount.disabled });
    await recordAudit(tx, ctx, { action: 'sso.account_created', entityType: 'user_account', entityId: account!.id, municipalityCode: code, after: { personId: found.personId, email: email || found.name, password: false, source: PROVIDER } });
  }
  if (account!.disabled) return { refused: 'Din bruger i kommunen er deaktiveret i Samspil.' };

  const uuid = a.professionalUuid ? { professionalUuid: a.professionalUuid } : {};
  if (known) {
    await tx.update(ssoIdentity).set({ lastLoginAt: ctx.now, ...uuid }).where(eq(ssoIdentity.id, known.identityId));
    if (a.professionalUuid && a.professionalUuid !== known.professionalUuid) {
      await recordAudit(tx, ctx, {
        action: 'sso.professional_uuid_changed',
        entityType: 'sso_identity',
        entityId: known.identityId,
        municipalityCode: code,
        before: { professionalUuid: known.professionalUuid },
        after: { professionalUuid: a.professionalUuid, personId: found.personId, nameId: a.nameId },
      });
    }
  } else {
    const [identity] = await tx
      .insert(ssoIdentity)
      .values({ provider: PROVIDER, subject: a.nameId, personId: found.personId, linkedVia: 'login', createdAt: ctx.now, lastLoginAt: ctx.now, ...uuid })
      .returning({ id: ssoIdentity.id });
    await recordAudit(tx, ctx, {
      action: 'sso.identity_linked',
      entityType: 'person',
      entityId: found.personId,
      municipalityCode: code,
      after: { provider: PROVIDER, nameId: a.nameId, identityId: identity!.id, how, email, cvr: a.cvr, professionalUuid: a.professionalUuid },
    });
  }
  return { personId: found.personId, userId: account!.id, name: found.name };
}
