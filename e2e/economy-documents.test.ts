// The yearly economy documents at a phone's width (390 × 844): the economy consultant reviews the
// drafts and publishes the 2026 invoices from the year's page through the confirmation, and Faxe's IT
// chief finds the invoice on the front page and reads it and the list of Faxe's documents; nothing is
// wider than the screen, and no page has a serious or critical axe violation.
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { seedDemoItChefs } from '../src/modules/organisations/index.ts';
import { roleAssignment, userAccount } from '../src/db/schema.ts';
import { buildK98Year } from '../test/factories/economy.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { expectFitsPhone, launchBrowser, listenForBrowser, logInAs, PHONE } from './browser.ts';

const FAXE = '0320';

let t: TestApp;
let browser: Browser;
let base = '';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await seedDemoItChefs(db);
  await buildK98Year(db, 2026);
  // The demo consultant keeps the economy in this journey.
  const [consultant] = await db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
  await db.insert(roleAssignment).values({ personId: consultant!.personId, municipalityCode: null, roleTypeKey: 'oekonomi' });
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const logIn = (email: string): Promise<Page> => logInAs(browser, base, email, { viewport: PHONE });


describe('the economy consultant', () => {
  it('reviews the draft and publishes the 2026 invoices through the confirmation', async () => {
    const page = await logIn(DEMO.consultant);
    await page.goto(`${base}/oekonomi`);
    await expectFitsPhone(page, 'central economy page');
    await page.goto(`${base}/oekonomi/dokumenter/2026`);
    await page.getByRole('heading', { level: 1, name: 'Årets dokumenter 2026' }).waitFor();
    await expectFitsPhone(page, "the year's documents (drafts)");
    await page.getByRole('link', { name: 'Se udkastet for en kommune' }).first().click();
    await page.getByText('Udkast – ikke offentliggjort').first().waitFor();
    await expectFitsPhone(page, 'a draft invoice');
    await page.goto(`${base}/oekonomi/kommuner/${FAXE}/2026/budgetvejledning`);
    await expectFitsPhone(page, 'a draft budget guidance (six columns, stacked)');
    await page.goto(`${base}/oekonomi/kommuner/${FAXE}/2026/aarsopgoerelse`);
    await page.getByText('Fakturaerne for 2026 er ikke offentliggjort').first().waitFor();
    await expectFitsPhone(page, 'a statement that cannot be drafted yet');
    await page.goto(`${base}/oekonomi/dokumenter/2026`);
    await page.getByRole('link', { name: 'Offentliggør faktura 2026' }).click();
    await page.getByRole('heading', { level: 1, name: 'Offentliggør faktura 2026' }).waitFor();
    await expectFitsPhone(page, 'the confirmation');
    await page.getByRole('button', { name: 'Offentliggør og send mails' }).click();
    await page.waitForURL(`${base}/oekonomi/dokumenter/2026?besked=offentliggjort`);
    await page.getByText('Dokumenterne er offentliggjort').waitFor();
    await expectFitsPhone(page, "the year's documents (published)");
  });
});

describe("Faxe's IT chief", () => {
  it('finds the invoice on the front page and reads it', async () => {
    const page = await logIn(`it-chef-${FAXE}@samspil.demo`);
    await page.getByRole('link', { name: 'Læs faktura 2026 fra KOMBIT' }).click();
    await page.waitForURL(`${base}/oekonomi/kommuner/${FAXE}/2026/faktura`);
    await page.getByRole('heading', { level: 1, name: 'Faktura 2026 – Faxe Kommune' }).waitFor();
    await expectFitsPhone(page, "Faxe's invoice");
    await page.goto(`${base}/oekonomi`);
    await page.getByRole('link', { name: 'Faktura 2026', exact: true }).waitFor();
    await expectFitsPhone(page, "Faxe's economy page");
  });
});
