// The pages built from attention providers, in a real browser: Faxe's program leader's front page
// ("Det skal I nu") and the municipality page the consultant opens for a phone call, each with
// items in every section, checked with axe (no serious or critical violations) at 1366 and 390 px
// wide, and usable by keyboard: every item is a link.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { danishDay } from '../src/platform/views/format.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { buildAgreement } from '../test/factories/agreements.ts';
import { buildTask } from '../test/factories/tasks.ts';
import { expectAccessible, launchBrowser, listenForBrowser, logInAs } from './browser.ts';

const FAXE = '0320';
const dayFrom = (days: number) => new Date(Date.parse(`${danishDay(new Date())}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let t: TestApp;
let browser: Browser;
let base = '';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await buildTask(db, { title: 'Indmeld AftaleID', deadline: dayFrom(-12), targets: [FAXE] });
  await buildTask(db, { title: 'Test af Sygesikring', deadline: dayFrom(3), targets: [FAXE] });
  await buildAgreement(db, { title: 'Databehandleraftale FLIS', deadline: dayFrom(10), targets: [FAXE] });
  await buildAgreement(db, { title: 'K98-aftalen', audienceRoleKey: 'it-chef', deadline: dayFrom(40), targets: [FAXE] });
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const loggedIn = (email: string, width: number) => logInAs(browser, base, email, { viewport: { width, height: 900 } });

/** The page does not scroll sideways (the phone-width rule). */
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe.each([1366, 390])('at %i px', (width) => {
  it("Faxe's program leader: the front page lists the overdue task and the agreements with who signs", async () => {
    const page = await loggedIn(DEMO.programLeader(FAXE), width);
    await page.getByRole('heading', { level: 1, name: 'Det skal I nu' }).waitFor();
    expect(await page.getByRole('link', { name: 'Indmeld AftaleID' }).isVisible()).toBe(true);
    const text = await page.locator('main').innerText();
    expect(text).toContain('overskredet med 12 dage');
    expect(text).toContain('Du underskriver');
    expect(text).toContain('Underskrives af IT- og digitaliseringschef');
    await expectAccessible(page, `front page, program leader, ${width} px`);
    expect(await noSideways(page)).toBe(true);
    await page.getByRole('link', { name: 'Databehandleraftale FLIS' }).click();
    await page.getByRole('heading', { level: 1, name: 'Databehandleraftale FLIS' }).waitFor();
    await page.context().close();
  });

  it('the consultant: the municipality page shows what Faxe owes above the gallery', async () => {
    const page = await loggedIn(DEMO.consultant, width);
    await page.goto(`${base}/kommuner/${FAXE}`);
    await page.getByRole('heading', { level: 2, name: 'Det venter på kommunen' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Indmeld AftaleID');
    expect(text).toContain('Compliancepakke-modtagere: 0 af 2');
    await expectAccessible(page, `municipality page, consultant, ${width} px`);
    await page.context().close();
  });
});
