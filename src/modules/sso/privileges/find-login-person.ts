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
 * The person a Context Handler login is in one municipality: the person its NameID was recorded
 * for there, else the active person there with the assertion's e-mail (case-insensitive), else a new
 * person with an account without a password. Never matched by name. The identity row is written
 * (last login, the MitID Erhverv UUID when sent). The caller holds the municipality's row lock, so
 * two logins of the same person cannot both create them.
 */
export async function findLoginPerson(tx: Db, ctx: Ctx, code: string, a: ContextHandlerAssertion): Promise<LoginPerson | NoPerson> {
  const [known] = await tx
    .select({ identityId: ssoIdentity.id, personId: person.id, name: person.name, active: person.active })
    .from(ssoIdentity)
    .innerJoin(person, eq(person.id, ssoIdentity.personId))
    .where(and(eq(ssoIdentity.provider, PROVIDER), eq(ssoIdentity.subject, a.nameId), eq(person.municipalityCode, code)));
  if (known && !known.active) return { refused: 'Din bruger i kommunen er deaktiveret i Samspil.' };

  let found: { personId: string; name: string } | undefined = known;
  const email = (a.email ?? '').trim();
  if (!found && email !== '') {
    const [byEmail] = await tx
      .select({ personId: person.id, name: person.name, otherSubject: ssoIdentity.subject })
      .from(person)
      .leftJoin(ssoIdentity, and(eq(ssoIdentity.personId, person.id), eq(ssoIdentity.provider, PROVIDER)))
      .where(and(eq(person.municipalityCode, code), eq(person.active, true), eq(sql`lower(${person.email})`, email.toLowerCase())));
    // Someone else's Context Handler identity already owns that person: the e-mail alone does not move it.
    if (byEmail?.otherSubject) return { refused: 'E-mailadressen tilhører en anden Context Handler-bruger i kommunen. Kontakt din KLIK-administrator.' };
    found = byEmail;
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
  }

  let [account] = await tx.select({ id: userAccount.id, disabled: userAccount.disabled }).from(userAccount).where(eq(userAccount.personId, found.personId));
  // Without a password the account claims no e-mail address (user_account_email), so this insert cannot collide.
  account ??= (await tx.insert(userAccount).values({ personId: found.personId, email: email || found.name, createdAt: ctx.now }).returning({ id: userAccount.id, disabled: userAccount.disabled }))[0]!;
  if (account.disabled) return { refused: 'Din bruger i kommunen er deaktiveret i Samspil.' };

  const uuid = a.professionalUuid ? { professionalUuid: a.professionalUuid } : {};
  if (known) {
    await tx.update(ssoIdentity).set({ lastLoginAt: ctx.now, ...uuid }).where(eq(ssoIdentity.id, known.identityId));
  } else {
    await tx.insert(ssoIdentity).values({ provider: PROVIDER, subject: a.nameId, personId: found.personId, linkedVia: 'login', createdAt: ctx.now, lastLoginAt: ctx.now, ...uuid });
  }
  return { personId: found.personId, userId: account.id, name: found.name };
}
