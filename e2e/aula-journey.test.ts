// Journey from issue #12 point 9: "Faxe's Aula system owner sets the ESDH system and integration
// state, marks categories, sees the files at risk on 1 March next year and downloads the
// journaliseringsliste; the consultant sees Faxe's readiness in the overview and creates a task to
// the municipalities that are not ready."
//
// The test app's seed has only organisations and people, and Faxe has no Aula system owner there:
// this journey adds one, the deletion rules (36 months from the child leaving, the factory's
// default), and a small inventory for Faxe worked out by hand against 1 March next year (cutoff:
// 1 March three years before it):
//   H1 handleplaner, 15 January three years before      → past the deadline, not journalised: at risk
//   H2 handleplaner, 1 March three years before          → exactly on the boundary: at risk
//   H3 handleplaner, 2 March three years before          → not yet past
//   O1 observationer, 1 January three years before, journalised → past, journalised
//   P1 pædagogiske noter, 1 June four years before       → past; at risk only once Faxe marks the category relevant
//   D1 dagsordener, 1 June four years before             → past; never at risk (Dagsordener is left not relevant)
// After the system owner marks Pædagogiske noter: 5 past the deadline, 1 journalised, 3 at risk.
// Brøndby has confirmed it is ready for the deletion rules; every other municipality has not.
// The consultant then sees Faxe in the overview of the 98, filters on those not ready (97: all but
// Brøndby), and publishes one KLIK task to their Aula system owners, which Faxe's owner then has.
// Driven like a user: Danish labels and roles, no sleeps; every distinct page checked with axe.
import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/client.ts';
import { person, roleAssignment, userAccount } from '../src/db/schema.ts';
import { aulaReadinessEvent } from '../src/modules/aula/schema.ts';
import { danishDay } from '../src/platform/views/format.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { buildAulaFiles, buildAulaRuleSet } from '../test/factories/aula.ts';
import { accessibleOnce, expectFitsPhone, launchBrowser, listenForBrowser, logInAs, PHONE } from './browser.ts';

const FAXE = '0320';
const OWNER = `system-aula-${FAXE}@samspil.demo`;
const year = Number(danishDay(new Date()).slice(0, 4));
/** 1 March next year, the day the system owner looks at. */
const DAY = `${year + 1}-03-01`;
const y3 = year - 2;
const y4 = year - 3;

let t: TestApp;
let browser: Browser;
let base = '';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const [admin] = await db.select({ hash: userAccount.passwordHash }).from(userAccount).where(eq(userAccount.email, DEMO.admin));
  const [owner] = await db.insert(person).values({ name: 'Systemansvarlig aula Faxe', email: OWNER, title: 'Systemansvarlig', municipalityCode: FAXE }).returning({ id: person.id });
  await db.insert(userAccount).values({ personId: owner!.id, email: OWNER, passwordHash: admin!.hash });
  await db.insert(roleAssignment).values({ personId: owner!.id, municipalityCode: FAXE, roleTypeKey: 'systemansvarlig', solutionKey: 'aula', isPrimary: true });
  await buildAulaRuleSet(db, { activationDate: '2024-01-01', name: 'Sletteregler (eksempel)' });
  await buildAulaFiles(
    db,
    FAXE,
    [
      { id: 'H1', category: 'handleplaner', trigger: `${y3}-01-15`, institution: '101' },
      { id: 'H2', category: 'handleplaner', trigger: `${y3}-03-01`, institution: '101' },
      { id: 'H3', category: 'handleplaner', trigger: `${y3}-03-02`, institution: '101' },
      { id: 'O1', category: 'observationer', trigger: `${y3}-01-01`, institution: '202', journalised: true, esdh: 'SBSYS-17' },
      { id: 'P1', category: 'paedagogiske-noter', trigger: `${y4}-06-01`, institution: '202' },
      { id: 'D1', category: 'dagsordener', trigger: `${y4}-06-01`, institution: '202' },
    ],
    { '101': 'Børnehuset Solsikken', '202': 'Skovbrynets Skole' },
  );
  await db.insert(aulaReadinessEvent).values({ municipalityCode: '0153', item: 'klar_til_sletteregler', done: true, note: 'Godkendt af direktionen' });
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const accessible = accessibleOnce();

const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' });

const faxeRow = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Faxe', exact: true }) });

describe("Aula: Faxe's system owner gets ready for the deletion rules, and KOMBIT follows up", () => {
  let owner: Page;
  let consultant: Page;

  it("Faxe's Aula system owner finds Faxe's Aula page from the menu and sets the ESDH system and integration state", async () => {
    owner = await logInAs(browser, base, OWNER);
    await mainMenu(owner).getByRole('link', { name: 'Aula' }).click();
    await owner.waitForURL(`${base}/aula/kommuner/${FAXE}`);
    await owner.getByRole('heading', { level: 1, name: /Faxe/ }).waitFor();
    await accessible(owner, 'Faxes Aula-side (før)');
    await owner.getByLabel('ESDH-system', { exact: true }).selectOption({ label: 'SBSYS' });
    await owner.getByRole('radio', { name: 'Ja' }).check();
    await owner.getByLabel('Integrationens status').selectOption({ label: 'I test' });
    await owner.getByRole('button', { name: 'Gem ESDH og integration' }).click();
    await owner.getByText('ESDH og integration er gemt.').waitFor();
    const [saved] = await rawRows<{ esdh: string; state: string; vendor: boolean }>(
      t.database.db,
      sql`select esdh_system as esdh, integration_state as state, vendor_in_test as vendor from aula_municipality where municipality_code = ${FAXE}`,
    );
    expect(saved).toEqual({ esdh: 'sbsys', state: 'i_test', vendor: true });
  });

  it('marks Pædagogiske noter as a category Faxe journalises', async () => {
    await owner.getByRole('checkbox', { name: /^Pædagogiske noter/ }).check();
    await owner.getByRole('button', { name: 'Gem kategorier' }).click();
    await owner.getByText('Kategorierne til journalisering er gemt.').waitFor();
    expect(await owner.getByRole('checkbox', { name: /^Pædagogiske noter/ }).isChecked()).toBe(true);
    await accessible(owner, 'Faxes Aula-side (gemt)');
  });

  it('sees the files at risk on 1 March next year, by institution and category, with the coming 24 months', async () => {
    await owner.getByRole('link', { name: /^Sletning/ }).click();
    await owner.getByRole('heading', { level: 1, name: /Sletning/ }).waitFor();
    const dk = `01.03.${year + 1}`;
    await owner.getByLabel(/^Dato/).fill(dk);
    await owner.getByLabel(/^Dato/).press('Enter');
    await owner.waitForURL((url) => url.searchParams.get('dato') === dk);
    const numbers = async () =>
      Object.fromEntries(await Promise.all(['i-alt', 'journaliseret', 'i-risiko'].map(async (k) => [k, (await owner.locator(`[data-tal="${k}"]`).innerText()).trim()])));
    expect(await numbers()).toEqual({ 'i-alt': '5', journaliseret: '1', 'i-risiko': '3' });
    const institutions = owner.getByRole('table', { name: /^Filer pr. institution/ });
    expect(await institutions.getByRole('row', { name: /Børnehuset Solsikken/ }).innerText()).toMatch(/Børnehuset Solsikken\s+101\s+2\s+0\s+2/);
    expect(await owner.getByRole('img').filter({ has: owner.locator('title') }).count()).toBeGreaterThan(0);
    expect(await owner.getByRole('table', { name: 'Samme tal som i grafen' }).getByRole('row').count()).toBe(25);
    await accessible(owner, 'sletning 1. marts næste år (Faxe)');
    await owner.setViewportSize(PHONE);
    await expectFitsPhone(owner, 'sletning 1. marts næste år (Faxe)');
    await owner.setViewportSize({ width: 1366, height: 900 });
  });

  it('downloads the journaliseringsliste: the three files at risk, with what the ESDH needs to find them', async () => {
    const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByRole('link', { name: 'Hent journaliseringslisten (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`journaliseringsliste-faxe-${DAY}.csv`);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(['H1', 'H2', 'P1']);
    // H2's deadline is the day itself: it is on the list.
    expect(lines[2]).toContain(`;${y3}-03-01;${DAY};`);
  });

  it("the consultant sees Faxe's registration and readiness in the overview of the 98", async () => {
    consultant = await logInAs(browser, base, DEMO.consultant);
    await mainMenu(consultant).getByRole('link', { name: 'Aula' }).click();
    await consultant.waitForURL(`${base}/aula`);
    const row = await faxeRow(consultant).innerText();
    expect(row).toContain('SBSYS');
    expect(row).toContain('I test');
    expect(row).toContain('0 af 3');
    await accessible(consultant, 'Aula-overblikket (alle 98)');
    await consultant.setViewportSize(PHONE);
    await expectFitsPhone(consultant, 'Aula-overblikket (alle 98)');
    await consultant.setViewportSize({ width: 1366, height: 900 });
  });

  it('filters on the municipalities that are not ready, chooses all shown and publishes one task to their Aula system owners', async () => {
    await consultant.getByLabel(/ikke er klar/).check();
    await consultant.getByRole('button', { name: 'Vis' }).click();
    await faxeRow(consultant).waitFor();
    expect(await consultant.getByRole('link', { name: 'Brøndby', exact: true }).count()).toBe(0);
    await accessible(consultant, 'Aula-overblikket (ikke klar)');
    await consultant.getByLabel('Vælg alle viste kommuner (97)').check();
    await consultant.getByRole('button', { name: /Opret KLIK-opgave/ }).click();
    await consultant.getByRole('heading', { name: 'De valgte kommuner (97)' }).waitFor();
    await accessible(consultant, 'ny opgave til Aulas systemansvarlige');
    await consultant.setViewportSize(PHONE);
    await expectFitsPhone(consultant, 'ny opgave til Aulas systemansvarlige');
    await consultant.setViewportSize({ width: 1366, height: 900 });
    await consultant.getByRole('button', { name: 'Opret og publicér opgaven' }).click();
    await consultant.waitForURL(/\/opgaver\/[0-9a-f-]{36}\/overblik\?besked=publiceret$/);
    await consultant.getByText('Opgaven er publiceret').waitFor();
    const tasks = await rawRows<{ status: string; role: string; solution: string; targets: number; faxe: number; broendby: number }>(
      t.database.db,
      sql`select t.status, t.audience_role_key as role, t.audience_solution_key as solution, count(tt.*)::int as targets,
                 count(*) filter (where tt.municipality_code = ${FAXE})::int as faxe, count(*) filter (where tt.municipality_code = '0153')::int as broendby
          from task t join task_target tt on tt.task_id = t.id where t.code like 'KLIK - AULA SLET%' group by t.id`,
    );
    expect(tasks).toEqual([{ status: 'published', role: 'systemansvarlig', solution: 'aula', targets: 97, faxe: 1, broendby: 0 }]);
  });

  it("Faxe's Aula system owner finds the task among Faxe's tasks", async () => {
    await mainMenu(owner).getByRole('link', { name: 'Mine opgaver' }).click();
    await owner.getByRole('link', { name: /Aula: gør klar til de reviderede sletteregler/ }).first().waitFor();
  });
});
