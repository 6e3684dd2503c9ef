import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import type { ContextHandlerAssertion } from '../assertion.ts';
import { seedDemoMappings } from '../demo-mappings.ts';
import { CVR, demoPrivilege } from '../dev-idps/identities.ts';
import { CHOICE_COOKIE } from '../finish-login.ts';
import { ssoIdentity, ssoPrivilegeMapping, ssoUnmappedPrivilege } from '../schema.ts';
import { completeContextHandlerLogin, MAX_MAPPINGS } from './complete-login.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const FAXE = '0320';
const STEVNS = '0336';

function bpp(groups: { cvr: string; privileges: string[] }[]): string {
  const body = groups
    .map((g) => `<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${g.cvr}">${g.privileges.map((p) => `<Privilege>${p}</Privilege>`).join('')}</PrivilegeGroup>`)
    .join('');
  return `<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">${body}</bpp:PrivilegeList>`;
}

let n = 0;
/** A Context Handler user new to Samspil, with privileges in the given groups. */
function assertion(groups: { cvr: string; privileges: string[] }[], over: Partial<ContextHandlerAssertion> = {}): ContextHandlerAssertion {
  n += 1;
  return {
    nameId: `C=DK,O=Kommune,CN=Testbruger ${String(n)},Serial=CVR:${groups[0]?.cvr ?? CVR.faxe}-RID:${String(70000 + n)}`,
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
    sessionIndex: `_idx${String(n)}`,
    specVer: 'OIO-SAML-3.0',
    cvr: groups[0]?.cvr ?? CVR.faxe,
    loa: 'Substantial',
    email: `testbruger-${String(n)}@kommune.example`,
    name: `Testbruger ${String(n)}`,
    professionalUuid: null,
    privilegesXml: bpp(groups),
    ...over,
  };
}

describe('a Context Handler login: privileges become roles', () => {
  let t: TestApp;
  const db = () => t.database.db;
  const ctx = (): Ctx => ({ actor: null, db: db(), now: NOW, requestId: `test-${String(n)}`, config: t.config });
  const login = (a: ContextHandlerAssertion) => completeContextHandlerLogin(ctx(), a, { ip: '127.0.0.1', samlNameId: null, samlSessionIndex: null });

  /** The active roles of the person with this e-mail in this municipality, as "role/solution". */
  async function rolesOf(email: string, code: string): Promise<string[]> {
    const rows = await db()
      .select({ role: roleAssignment.roleTypeKey, solution: roleAssignment.solutionKey })
      .from(roleAssignment)
      .innerJoin(person, eq(person.id, roleAssignment.personId))
      .where(and(eq(sql`lower(${person.email})`, email.toLowerCase()), eq(person.municipalityCode, code), isNull(roleAssignment.removedAt)));
    return rows.map((r) => (r.solution ? `${r.role}/${r.solution}` : r.role)).sort();
  }
  /** What the log says about NameIDs tied to this person. */
  const linksOf = async (personId: string) =>
    (await db().select({ after: auditEvent.after }).from(auditEvent).where(and(eq(auditEvent.action, 'sso.identity_linked'), eq(auditEvent.entityId, personId)))).map((r) => r.after);
  const audits = async (action: string, entityId?: string) =>
    (await db().select().from(auditEvent).where(entityId ? and(eq(auditEvent.action, action), eq(auditEvent.entityId, entityId)) : eq(auditEvent.action, action))).length;

  /** A browser holding the session the login opened. */
  function browserWith(sessionId: string): Client {
    const c = new Client(t.app);
    c.cookies.set('samspil_session', sessionId);
    return c;
  }

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(NOW);
    await seedDemoMappings(db(), NOW);
  });
  afterAll(async () => t.close());

  it('one municipality: a new person and an account without a password are made, the privilege becomes the role, and the session works', async () => {
    const a = assertion([{ cvr: CVR.faxe, privileges: [demoPrivilege('programleder')] }], { professionalUuid: 'a6f0c2b1-0000-4000-8000-000000000001' });
    const outcome = await login(a);
    expect(outcome.kind).toBe('session');
    if (outcome.kind !== 'session') return;
    expect(await rolesOf(a.email!, FAXE)).toEqual(['programleder']);
    const [account] = await db().select().from(userAccount).where(eq(userAccount.id, outcome.userId));
    expect(account!.passwordHash).toBeNull();
    const [identity] = await db().select().from(ssoIdentity).where(eq(ssoIdentity.subject, a.nameId));
    expect(identity).toMatchObject({ provider: 'context-handler', professionalUuid: 'a6f0c2b1-0000-4000-8000-000000000001', lastLoginAt: NOW });
    expect(await audits('person.created', identity!.personId)).toBe(1);
    expect(await audits('sso.login', outcome.userId)).toBe(1);
    // The identity writes are in the log: the NameID tied to the new person, the account made.
    expect(await linksOf(identity!.personId)).toEqual([expect.objectContaining({ how: 'new_person', nameId: a.nameId, cvr: CVR.faxe })]);
    expect(await audits('sso.account_created', outcome.userId)).toBe(1);

    // The same NameID with another MitID Erhverv UUID: the change is logged with before and after; the same UUID again logs nothing.
    const again = { ...a, sessionIndex: '_uuid', professionalUuid: 'a6f0c2b1-0000-4000-8000-000000000002' };
    await login(again);
    await login(again);
    const changed = await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'sso.professional_uuid_changed'), eq(auditEvent.entityId, identity!.id)));
    expect(changed).toHaveLength(1);
    expect(changed[0]!.before).toEqual({ professionalUuid: 'a6f0c2b1-0000-4000-8000-000000000001' });
    expect(changed[0]!.after).toMatchObject({ professionalUuid: 'a6f0c2b1-0000-4000-8000-000000000002' });
    expect(await linksOf(identity!.personId)).toHaveLength(1);

    const page = await browserWith(outcome.sessionId).get('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(a.name!);
    expect(page.body).toContain('Faxe Kommune');
  });

  it("finds Faxe's existing program leader by e-mail (any case) and keeps the password account", async () => {
    const a = assertion([{ cvr: CVR.faxe, privileges: [demoPrivilege('programleder')] }], { email: DEMO.programLeader(FAXE).toUpperCase() });
    const before = (await db().select({ n: sql<number>`count(*)::int` }).from(person))[0]!.n;
    const outcome = await login(a);
    expect(outcome.kind).toBe('session');
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(person))[0]!.n).toBe(before);
    expect(await rolesOf(DEMO.programLeader(FAXE), FAXE)).toContain('programleder');
    // The adoption is in the log, with how; the person's password account was used, not a new one made.
    if (outcome.kind !== 'session') return;
    const [{ personId }] = (await db().select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.id, outcome.userId))) as [{ personId: string }];
    expect(await linksOf(personId)).toEqual([expect.objectContaining({ how: 'email', nameId: a.nameId, cvr: CVR.faxe })]);
    expect(await audits('sso.account_created', outcome.userId)).toBe(0);
    // The password still works alongside: Faxe's own user directory vouched for the same person.
    await loginAs(t.app, DEMO.programLeader(FAXE));
  });

  it("a user of another organisation with privileges in Faxe does not take over the Faxe person with the same e-mail (403); that person is untouched", async () => {
    const klik = DEMO.klikAdmin(FAXE);
    const rolesBefore = await rolesOf(klik, FAXE);
    const [target] = await db().select({ id: person.id }).from(person).where(and(eq(sql`lower(${person.email})`, klik), eq(person.municipalityCode, FAXE)));
    // Stevns's user directory says the user's e-mail is Faxe's KLIK-administrator's; the privilege group is Faxe's.
    const a = assertion([{ cvr: CVR.faxe, privileges: [demoPrivilege('programleder')] }], { cvr: CVR.stevns, email: klik });
    const error = await login(a).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(403);
    expect((error as AppError).message).toBe('Din e-mailadresse tilhører en bruger i kommunen, men du logger ind fra en anden organisation. Kontakt kommunens KLIK-administrator.');
    expect(await db().select().from(ssoIdentity).where(eq(ssoIdentity.subject, a.nameId))).toEqual([]);
    expect(await db().select().from(ssoIdentity).where(eq(ssoIdentity.personId, target!.id))).toEqual([]);
    expect(await rolesOf(klik, FAXE)).toEqual(rolesBefore);
    expect(await linksOf(target!.id)).toEqual([]);
  });

  it('two municipalities: the chooser offers both and the chosen one gets the session', async () => {
    const a = assertion([
      { cvr: CVR.faxe, privileges: [demoPrivilege('superbruger-aula')] },
      { cvr: CVR.stevns, privileges: [demoPrivilege('superbruger-aula')] },
    ]);
    const outcome = await login(a);
    expect(outcome.kind).toBe('choose');
    if (outcome.kind !== 'choose') return;
    expect(await rolesOf(a.email!, FAXE)).toEqual(['superbruger/aula']);
    expect(await rolesOf(a.email!, STEVNS)).toEqual(['superbruger/aula']);

    const browser = new Client(t.app);
    browser.cookies.set(CHOICE_COOKIE, outcome.choice);
    const chooser = await browser.get('/sso/vaelg-kommune');
    expect(chooser.statusCode).toBe(200);
    expect(chooser.body).toContain('Faxe Kommune');
    expect(chooser.body).toContain('Stevns Kommune');
    const stevns = /value="([0-9a-f-]{36})" class="form-radio radio-large"[^>]*>\s*<label[^>]*>Stevns Kommune/.exec(chooser.body)?.[1];
    expect(stevns).toBeDefined();
    const chosen = await browser.post('/sso/vaelg-kommune', { bruger: stevns! });
    expect(chosen.statusCode).toBe(303);
    const front = await browser.get('/');
    expect(front.statusCode).toBe(200);
    expect(front.body).toContain('Stevns Kommune');
    // The choice is used up.
    expect((await browser.post('/sso/vaelg-kommune', { bruger: stevns! })).statusCode).toBe(410);
  });

  it('an unknown CVR is refused with the CVR in the message, audited, and nobody is made', async () => {
    const a = assertion([{ cvr: CVR.unknown, privileges: [demoPrivilege('programleder')] }]);
    const error = await login(a).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(403);
    expect((error as AppError).message).toContain('CVR-nummer 12345678');
    expect(await db().select().from(person).where(eq(person.email, a.email!))).toEqual([]);
    const refused = await db().select().from(auditEvent).where(eq(auditEvent.action, 'auth.login_refused'));
    expect(refused.some((r) => JSON.stringify(r.after).includes('12345678'))).toBe(true);
  });

  it('a group with an unknown CVR beside a known one is skipped and logged; the login goes on', async () => {
    const a = assertion([
      { cvr: CVR.unknown, privileges: [demoPrivilege('programleder')] },
      { cvr: CVR.faxe, privileges: [demoPrivilege('it-chef')] },
    ]);
    const outcome = await login(a);
    expect(outcome.kind).toBe('session');
    expect(await rolesOf(a.email!, FAXE)).toEqual(['it-chef']);
    const skipped = await db().select().from(auditEvent).where(eq(auditEvent.action, 'sso.privilege_group_skipped'));
    expect(skipped.some((r) => JSON.stringify(r.after).includes(a.nameId))).toBe(true);
  });

  it('a privilege that maps to nothing is counted, grants nothing, and the person still logs in without roles', async () => {
    const laeser = demoPrivilege('laeser');
    const before = (await db().select().from(ssoUnmappedPrivilege).where(eq(ssoUnmappedPrivilege.privilege, laeser)))[0]?.times ?? 0;
    const a = assertion([{ cvr: CVR.faxe, privileges: [laeser] }]);
    const outcome = await login(a);
    expect(outcome.kind).toBe('session');
    expect(await rolesOf(a.email!, FAXE)).toEqual([]);
    const [row] = await db().select().from(ssoUnmappedPrivilege).where(and(eq(ssoUnmappedPrivilege.privilege, laeser), eq(ssoUnmappedPrivilege.scopeCvr, CVR.faxe)));
    expect(row!.times).toBe(before + 1);
    expect(row!.lastSeenAt).toEqual(NOW);
  });

  it('the second login brings the roles in line: a withdrawn privilege removes its role (audited), a gallery role is left alone', async () => {
    const first = assertion([{ cvr: CVR.faxe, privileges: [demoPrivilege('programleder'), demoPrivilege('klik-administrator'), demoPrivilege('systemansvarlig-valg')] }]);
    const o1 = await login(first);
    if (o1.kind !== 'session') throw new Error('expected a session');
    expect(await rolesOf(first.email!, FAXE)).toEqual(['klik-administrator', 'programleder', 'systemansvarlig/valg']);
    // The gallery gives the same person a role no mapping names.
    const [{ personId }] = await db().select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.id, o1.userId)) as [{ personId: string }];
    await db().insert(roleAssignment).values({ personId, municipalityCode: FAXE, roleTypeKey: 'valgsekretariat' });
    const [klik] = await db()
      .select({ id: roleAssignment.id })
      .from(roleAssignment)
      .where(and(eq(roleAssignment.personId, personId), eq(roleAssignment.roleTypeKey, 'klik-administrator'), isNull(roleAssignment.removedAt)));

    // Context Handler withdraws the KLIK privilege and the VALG one; the same NameID logs in again.
    const o2 = await login({ ...first, sessionIndex: '_again', privilegesXml: bpp([{ cvr: CVR.faxe, privileges: [demoPrivilege('programleder')] }]) });
    expect(o2.kind).toBe('session');
    expect(await rolesOf(first.email!, FAXE)).toEqual(['programleder', 'valgsekretariat']);
    const [removed] = await db().select().from(roleAssignment).where(eq(roleAssignment.id, klik!.id));
    expect(removed!.removedAt).toEqual(NOW);
    expect(await audits('role.removed', klik!.id)).toBe(1);
    // A third login with the same privileges changes nothing.
    const removedBefore = await audits('role.removed');
    const assignedBefore = await audits('role.assigned');
    await login({ ...first, sessionIndex: '_third', privilegesXml: bpp([{ cvr: CVR.faxe, privileges: [demoPrivilege('programleder')] }]) });
    expect(await audits('role.removed')).toBe(removedBefore);
    expect(await audits('role.assigned')).toBe(assignedBefore);
  });

  it("a grant beyond the role's maximum per municipality is not made, is recorded, and the login goes on", async () => {
    await db().insert(ssoPrivilegeMapping).values({ privilege: 'urn:test:compliance-modtager', roleTypeKey: 'compliancepakke-modtager', solutionKey: null }).onConflictDoNothing();
    const held = (await db().select({ n: sql<number>`count(*)::int` }).from(roleAssignment).where(and(eq(roleAssignment.municipalityCode, FAXE), eq(roleAssignment.roleTypeKey, 'compliancepakke-modtager'), isNull(roleAssignment.removedAt))))[0]!.n;
    const people = await db().select({ id: person.id }).from(person).where(and(eq(person.municipalityCode, FAXE), eq(person.active, true))).limit(4);
    for (const p of people.slice(0, Math.max(0, 2 - held))) await db().insert(roleAssignment).values({ personId: p.id, municipalityCode: FAXE, roleTypeKey: 'compliancepakke-modtager' }).onConflictDoNothing();
    const a = assertion([{ cvr: CVR.faxe, privileges: ['urn:test:compliance-modtager', demoPrivilege('programleder')] }]);
    const outcome = await login(a);
    expect(outcome.kind).toBe('session');
    expect(await rolesOf(a.email!, FAXE)).toEqual(['programleder']);
    const notGranted = await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'sso.role_not_granted'), eq(auditEvent.municipalityCode, FAXE)));
    expect(notGranted.some((r) => JSON.stringify(r.after).includes(a.name!))).toBe(true);
    // KOMBIT's administrators are told on the mapping page.
    const page = await (await loginAs(t.app, DEMO.admin)).get('/sso/rettigheder');
    const section = page.body.slice(page.body.indexOf('data-not-granted'));
    expect(section).toContain(a.name!);
    expect(section).toContain('Kommunen har allerede 2 med rollen Compliancepakke-modtager, som er det højeste antal.');
    await db().delete(ssoPrivilegeMapping).where(eq(ssoPrivilegeMapping.privilege, 'urn:test:compliance-modtager'));
  });

  it('beyond the limit of mappings the oldest count, whatever order the rows are stored in', async () => {
    const [{ n: existing }] = (await db().select({ n: sql<number>`count(*)::int` }).from(ssoPrivilegeMapping)) as [{ n: number }];
    const later = new Date(NOW.getTime() + 1000);
    const fill = Array.from({ length: MAX_MAPPINGS - existing }, (_, i) => ({ privilege: `urn:test:fyld:${String(i)}`, roleTypeKey: 'programleder', solutionKey: null, createdAt: later }));
    for (let i = 0; i < fill.length; i += 500) await db().insert(ssoPrivilegeMapping).values(fill.slice(i, i + 500));
    // The oldest mapping is stored last, so a read without an order would leave it out.
    await db().insert(ssoPrivilegeMapping).values({ privilege: 'urn:test:aeldste', roleTypeKey: 'it-chef', solutionKey: null, createdAt: new Date('2020-01-01T00:00:00Z') });
    try {
      const a = assertion([{ cvr: CVR.faxe, privileges: ['urn:test:aeldste'] }]);
      expect((await login(a)).kind).toBe('session');
      expect(await rolesOf(a.email!, FAXE)).toEqual(['it-chef']);
    } finally {
      await db().delete(ssoPrivilegeMapping).where(sql`${ssoPrivilegeMapping.privilege} like 'urn:test:fyld:%' or ${ssoPrivilegeMapping.privilege} = 'urn:test:aeldste'`);
    }
  });

  it("without a privilege document the user's own CVR is the municipality: logged in, no roles, and Context Handler's roles withdrawn", async () => {
    const first = assertion([{ cvr: CVR.faxe, privileges: [demoPrivilege('it-chef')] }]);
    await login(first);
    expect(await rolesOf(first.email!, FAXE)).toEqual(['it-chef']);
    const outcome = await login({ ...first, privilegesXml: null });
    expect(outcome.kind).toBe('session');
    expect(await rolesOf(first.email!, FAXE)).toEqual([]);
    const error = await login(assertion([], { cvr: CVR.unknown, privilegesXml: null })).catch((e: unknown) => e);
    expect((error as AppError).message).toContain('CVR-nummer 12345678');
    const scoped = `<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup Scope="urn:dk:gov:saml:productionUnitIdentifier:1003388394"><Privilege>urn:x</Privilege></PrivilegeGroup></bpp:PrivilegeList>`;
    const none = await login(assertion([], { privilegesXml: scoped })).catch((e: unknown) => e);
    expect((none as AppError).message).toBe('Du kan ikke logge ind i Samspil: dine rettigheder fra Context Handler nævner ingen kommune ved CVR-nummer. Kontakt KOMBIT, hvis det er en fejl.');
  });

  it('an unreadable privilege document refuses the login (403) and creates nobody', async () => {
    const a = assertion([{ cvr: CVR.faxe, privileges: [] }], { privilegesXml: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' });
    const error = await login(a).catch((e: unknown) => e);
    expect((error as AppError).status).toBe(403);
    expect((error as AppError).message).toContain('DOCTYPE');
    expect(await db().select().from(person).where(eq(person.email, a.email!))).toEqual([]);
  });
});
