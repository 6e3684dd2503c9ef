// The consultant's part of issue #12's journey (point 9): "the consultant sees Faxe's readiness in
// the overview and creates a task to the municipalities that are not ready". Faxe's registration
// is put straight into the database (its own pages have their journey); the consultant finds the
// overview from the main menu, filters on "ikke klar", chooses all shown and creates the task.
// Every distinct page is checked with axe, and the overview and the form at phone width.
import { count, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aulaMunicipality, aulaReadinessEvent } from '../src/modules/aula/schema.ts';
import { task } from '../src/modules/tasks/index.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { clearAula } from '../test/factories/aula.ts';
import { expectAccessible, expectFitsPhone, launchBrowser, listenForBrowser, logInAs, PHONE } from './browser.ts';

const FAXE = '0320';

let t: TestApp;
let browser: Browser;
let base = '';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await clearAula(db);
  await db.insert(aulaMunicipality).values({ municipalityCode: FAXE, esdhSystem: 'sbsys', vendorInTest: true, integrationState: 'i_drift', archiveKind: 'rigsarkivet', archiveState: 'planlagt', archivePlannedOn: '2026-03-01' });
  await db.insert(aulaReadinessEvent).values(['integration_i_drift', 'filer_journaliseret', 'klar_til_sletteregler'].map((item) => ({ municipalityCode: FAXE, item: item as 'klar_til_sletteregler', done: true })));
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const faxeRow = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Faxe', exact: true }) });

describe("Aula: the consultant sees Faxe's readiness and creates a task to those not ready", () => {
  it('from the menu to the overview, the filter, all shown chosen, and the published task', async () => {
    const consultant = await logInAs(browser, base, DEMO.consultant);
    await consultant.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Aula' }).click();
    const row = await faxeRow(consultant).innerText();
    expect(row).toContain('3 af 3, klar til sletteregler');
    expect(row).toContain('SBSYS');
    await expectAccessible(consultant, 'the Aula overview');

    await consultant.getByLabel(/ikke er klar/).check();
    await consultant.getByRole('button', { name: 'Vis' }).click();
    expect(await consultant.getByRole('link', { name: 'Faxe', exact: true }).count()).toBe(0);
    await consultant.getByLabel('Vælg alle viste kommuner (97)').check();
    await consultant.getByRole('button', { name: /Opret KLIK-opgave/ }).click();

    await consultant.getByRole('heading', { name: 'De valgte kommuner (97)' }).waitFor();
    expect(await consultant.getByLabel('Titel').inputValue()).toBe('Aula: gør klar til de reviderede sletteregler');
    await expectAccessible(consultant, 'the task form');
    await consultant.getByRole('button', { name: 'Opret og publicér opgaven' }).click();
    await consultant.waitForURL(/\/opgaver\/[0-9a-f-]{36}\/overblik\?besked=publiceret$/);
    await consultant.getByText('Opgaven er publiceret').waitFor();

    const [created] = await t.database.db.select().from(task).where(eq(task.code, 'KLIK - AULA SLET 01'));
    expect(created).toMatchObject({ status: 'published', audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'aula' });
    expect((await t.database.db.select({ n: count() }).from(task).where(eq(task.code, 'KLIK - AULA SLET 01')))[0]!.n).toBe(1);
  });

  it('the overview and the task form fit a phone', async () => {
    const phone = await logInAs(browser, base, DEMO.consultant, { viewport: PHONE });
    await phone.goto(`${base}/aula?ikkeKlar=on&region=${encodeURIComponent('Region Sjælland')}`);
    await expectFitsPhone(phone, 'the Aula overview');
    await phone.getByLabel(/Vælg alle viste kommuner/).check();
    await phone.getByRole('button', { name: /Opret KLIK-opgave/ }).click();
    await expectFitsPhone(phone, 'the task form');
  });
});
