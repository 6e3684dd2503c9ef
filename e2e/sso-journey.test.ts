// Journey from issue #15 point 9: Faxe's program leader logs in through Context Handler (the
// in-process SAML identity provider) and lands on the front page with the roles the privileges
// grant; the same person logs in with the backup, MitID Erhverv (the in-process OIDC provider),
// and is the same person with the same roles; Faxe's KLIK administrator sees who has no backup yet.
//
// Real protocol partners on loopback ports, real keys, a real browser; the app is served on the
// address its configuration names, so the IdP's POST reaches the assertion consumer.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../src/platform/audit/schema.ts';
import { person, roleAssignment, userAccount } from '../src/platform/identity/schema.ts';
import { session } from '../src/platform/auth/schema.ts';
import { selfSignedCertificate } from '../src/modules/sso/dev-idps/certificates.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../src/modules/sso/dev-idps/oidc-provider.ts';
import { startTestSamlIdp, type TestSamlIdp } from '../src/modules/sso/dev-idps/saml-idp.ts';
import { seedDemoSso } from '../src/modules/sso/index.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { accessibleOnce, expectFitsPhone, launchBrowser, logInAs, PHONE } from './browser.ts';

const FAXE = '0320';

let t: TestApp;
let saml: TestSamlIdp;
let oidc: TestOidcProvider;
let browser: Browser;
let base = '';
let dir = '';
let leaderPersonId = '';

/** A free loopback port: the app's public address must be known before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${String(port)}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-sso-e2e-'));
  const sp = selfSignedCertificate('Samspil e2e');
  fs.writeFileSync(path.join(dir, 'sp.key'), sp.keyPem);
  fs.writeFileSync(path.join(dir, 'sp.crt'), sp.certPem);
  saml = await startTestSamlIdp({ sp: { entityId: `${base}/saml`, acsUrl: `${base}/saml/acs`, sloUrl: `${base}/saml/slo`, certPem: sp.certPem } });
  oidc = await startTestOidcProvider({ clientId: 'samspil-e2e', clientSecret: 'e2e-hemmelighed', redirectUris: [`${base}/mitid-erhverv/callback`] });
  t = await startTestApp({
    env: {
      PUBLIC_URL: base,
      SAML_IDP_METADATA: saml.metadataUrl,
      SAML_SP_ENTITY_ID: `${base}/saml`,
      SAML_SP_KEY: path.join(dir, 'sp.key'),
      SAML_SP_CERT: path.join(dir, 'sp.crt'),
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: 'samspil-e2e',
      OIDC_CLIENT_SECRET: 'e2e-hemmelighed',
    },
  });
  const db = t.database.db;
  await seedDemoSso(db, new Date());
  const [leader] = await db.select({ id: person.id }).from(person).where(eq(person.email, DEMO.programLeader(FAXE)));
  leaderPersonId = leader!.id;
  // Context Handler is what grants the role: the program leader starts without it.
  await db
    .update(roleAssignment)
    .set({ removedAt: new Date() })
    .where(and(eq(roleAssignment.personId, leaderPersonId), eq(roleAssignment.roleTypeKey, 'programleder'), isNull(roleAssignment.removedAt)));
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await saml?.close();
  await oidc?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const accessible = accessibleOnce();

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'da-DK' });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function heldRoles(personId: string): Promise<string[]> {
  const rows = await t.database.db
    .select({ role: roleAssignment.roleTypeKey })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.personId, personId), isNull(roleAssignment.removedAt)));
  return rows.map((r) => r.role).sort();
}

/** The person whose session the browser holds (its newest session). */
async function sessionPerson(method: 'context-handler' | 'mitid-erhverv'): Promise<string | undefined> {
  const rows = await t.database.db
    .select({ personId: userAccount.personId, created: session.createdAt })
    .from(session)
    .innerJoin(userAccount, eq(userAccount.id, session.userId))
    .where(eq(session.method, method));
  return rows.sort((a, b) => b.created.getTime() - a.created.getTime())[0]?.personId;
}

describe("Single sign-on: Faxe's program leader through Context Handler and the backup, and who has no backup", () => {
  it("Faxe's program leader logs in through Context Handler and lands on the front page with the role the privileges grant", async () => {
    expect(await heldRoles(leaderPersonId)).not.toContain('programleder');
    const page = await newPage();
    await page.goto(`${base}/login`);
    await accessible(page, 'Log ind med Context Handler og MitID Erhverv');
    await page.getByRole('link', { name: 'Log ind med Context Handler' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log ind som testbruger' }).waitFor();
    await page.getByRole('button', { name: 'Faxe: programleder (har MitID Erhverv)' }).click();
    await page.waitForURL(`${base}/`);
    expect(await heldRoles(leaderPersonId)).toContain('programleder');
    expect(await sessionPerson('context-handler')).toBe(leaderPersonId);
    const granted = await t.database.db.select({ action: auditEvent.action }).from(auditEvent).where(and(eq(auditEvent.action, 'role.assigned'), eq(auditEvent.municipalityCode, FAXE)));
    expect(granted.length).toBeGreaterThan(0);
    // The front page is the program leader's: the main menu offers the municipality's tasks.
    await expect(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mine opgaver' }).first().isVisible()).resolves.toBe(true);
    await accessible(page, 'Forsiden efter log ind med Context Handler');
    await page.context().close();
  });

  it('the same person logs in with the backup, MitID Erhverv, and keeps the roles Context Handler granted', async () => {
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: 'Log ind med MitID Erhverv' }).click();
    await page.getByRole('heading', { level: 1, name: /MitID Erhverv/ }).waitFor();
    await page.getByRole('button', { name: 'Faxe: programleder (har MitID Erhverv)' }).click();
    await page.waitForURL(`${base}/`);
    expect(await sessionPerson('mitid-erhverv')).toBe(leaderPersonId);
    expect(await heldRoles(leaderPersonId)).toContain('programleder');
    await page.context().close();
  });

  it("Faxe's KLIK administrator sees on the front page that some have no backup, and opens the list", async () => {
    const page = await logInAs(browser, base, DEMO.klikAdmin(FAXE));
    await page.getByRole('link', { name: /mangler MitID Erhverv som reservelogin/ }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Hvem mangler reservelogin?' }).waitFor();
    await accessible(page, 'Hvem mangler reservelogin (Faxe)');
    // VALG's system owner is missing a backup; the program leader linked theirs by using it.
    const missing = page.locator('section[aria-labelledby^="gruppe-"]');
    await expect(missing.getByText('system-valg-0320@samspil.demo').count()).resolves.toBeGreaterThan(0);
    await expect(missing.getByText(DEMO.programLeader(FAXE)).count()).resolves.toBe(0);
    await page.setViewportSize(PHONE);
    await expectFitsPhone(page, 'Hvem mangler reservelogin (telefon)');
    await accessible(page, 'Hvem mangler reservelogin (telefon)');
    await page.context().close();
  });

  it('a user with privileges in Faxe and Stevns chooses which municipality to act for', async () => {
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: 'Log ind med Context Handler' }).click();
    await page.getByRole('button', { name: 'Faxe og Stevns: superbruger for Aula i begge' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hvilken kommune vil du arbejde for?' }).waitFor();
    await accessible(page, 'Vælg kommune');
    await page.getByLabel('Stevns Kommune').check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.waitForURL(`${base}/`);
    const [stevns] = await t.database.db
      .select({ municipalityCode: person.municipalityCode })
      .from(person)
      .where(eq(person.id, (await sessionPerson('context-handler'))!));
    expect(stevns?.municipalityCode).toBe('0336');
    await page.context().close();
  });

  it("the administrators' pages for single sign-on pass axe and fit a phone", async () => {
    const admin = await logInAs(browser, base, DEMO.admin);
    for (const [url, heading, label] of [
      ['/sso/rettigheder', /Rettigheder/, 'Rettigheder fra Context Handler'],
      ['/sso/reservelogin', /reservelogin/i, 'Reservelogin på tværs af kommuner'],
      [`/kommuner/${FAXE}/log-ind`, /log ind/i, 'Log ind-indstillinger for Faxe'],
    ] as const) {
      await admin.setViewportSize({ width: 1366, height: 900 });
      await admin.goto(`${base}${url}`);
      await admin.getByRole('heading', { level: 1, name: heading }).first().waitFor();
      await accessible(admin, label);
      await admin.setViewportSize(PHONE);
      await expectFitsPhone(admin, `${label} (telefon)`);
      await accessible(admin, `${label} (telefon)`);
    }
    await admin.context().close();
  });
});
