// Journey from the product issue: Faxe's program leader logs in, sees the overdue task and the
// agreement to sign on the front page, signs it, and the item is gone from the front page; the
// consultant's front page shows a municipal question waiting, answers it from there, and it is
// gone; the program leader then finds KOMBIT's answer on the front page once.
//
// It walks the demo story as `npm start` seeds it (beside the 2025 history, the current tasks, the
// agreement out for signature and Faxe's waiting question, dated from today), driven like a user:
// Danish labels, no sleeps. Every distinct page is checked with axe at 1366 px and again at 390 px, where
// the page must not scroll sideways. Runs on PGlite and on PostgreSQL (TEST_DATABASE=postgres).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_TITLE } from '../src/modules/agreements/demo-live.ts';
import { seedDemoData } from '../src/modules/demo.ts';
import { LIVE_QUESTION, LIVE_TASKS } from '../src/modules/tasks/demo-live.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { expectAccessible, launchBrowser, listenForBrowser, logInAs } from './browser.ts';

const FAXE = '0320';
const OVERDUE = LIVE_TASKS.find((x) => x.dueInDays === -5)!;
const QUESTION_TASK = LIVE_TASKS.find((x) => x.code === LIVE_QUESTION.taskCode)!;
const ANSWER = 'Kun sygedagpengesagerne. Jobafklaringsforløbene kommer i en senere opgave, så dem kan I vente med.';

let t: TestApp;
let browser: Browser;
let base = '';

beforeAll(async () => {
  // The whole demo as `npm start` seeds it (about 3 s on PGlite), not the gallery-only test seed.
  t = await startTestApp({ seed: false });
  await seedDemoData(t.database.db, { now: new Date() });
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const url = (pathname: string) => `${base}${pathname}`;

const logIn = (email: string) => logInAs(browser, base, email);

const checked = new Set<string>();

/** axe at 1366 px, then at 390 px with no sideways scroll, then back to 1366 px. */
async function accessible(page: Page, label: string) {
  expect(checked.has(label), `duplicate accessibility label ${label}`).toBe(false);
  checked.add(label);
  await expectAccessible(page, `${label}, 1366 px`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page, `${label}, 390 px`);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${label} scrolls sideways at 390 px`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** The number in a main-menu link's badge, 0 without one. */
async function badge(page: Page, name: string): Promise<number> {
  const link = page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: new RegExp(`^${name}\\b`) });
  const count = link.locator('.samspil-menu-count');
  if ((await count.count()) === 0) return 0;
  return Number(/\d+/.exec((await count.innerText()) ?? '')?.[0]);
}

/** The front page item (a list item of a section) whose link is named `title`. */
const item = (page: Page, title: string) => page.locator('main li.samspil-attention-item').filter({ has: page.getByRole('link', { name: title, exact: true }) });

async function frontPage(page: Page, heading: string) {
  await page.goto(url('/'));
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('forsiden: Faxes programleder og konsulenten handler på det, der venter', () => {
  let leader: Page;
  let consultant: Page;
  let agreementsBefore = 0;

  it("Faxe's program leader sees the task overdue by 5 days and the agreement to sign, with badges in the menu", async () => {
    leader = await logIn(DEMO.programLeader(FAXE));
    await leader.getByRole('heading', { level: 1, name: 'Det skal I nu' }).waitFor();

    const overdue = item(leader, OVERDUE.title);
    await expect(overdue.innerText()).resolves.toContain('overskredet med 5 dage');
    const toSign = item(leader, LIVE_TITLE);
    const signText = await toSign.innerText();
    expect(signText).toContain('Du underskriver');
    expect(signText).toMatch(/Frist \S.*om 12 dage/);

    agreementsBefore = await badge(leader, 'Aftaler');
    expect(agreementsBefore).toBeGreaterThanOrEqual(1);
    expect(await badge(leader, 'Mine opgaver')).toBeGreaterThanOrEqual(LIVE_TASKS.length);
    await accessible(leader, 'forside, programleder');
  });

  it('follows the agreement item, signs it with the password, and the item and one Aftaler badge are gone', async () => {
    await item(leader, LIVE_TITLE).getByRole('link', { name: LIVE_TITLE, exact: true }).click();
    await leader.getByRole('heading', { level: 1, name: LIVE_TITLE }).waitFor();
    await leader.getByRole('heading', { level: 2, name: 'Underskriv aftalen' }).waitFor();
    await accessible(leader, 'aftale til underskrift');

    await leader.getByLabel('Titel/stilling', { exact: true }).fill('Programleder');
    await leader.getByLabel('Din adgangskode').fill(DEMO.password);
    await leader.getByLabel(/Jeg bekræfter at have læst aftalen version 1/).check();
    await leader.getByRole('button', { name: 'Underskriv aftalen' }).click();
    await leader.getByText(/Underskrevet af .* \(version 1\)\./).waitFor();
    await accessible(leader, 'aftale underskrevet');

    await leader.getByRole('link', { name: 'Forside' }).first().click();
    await leader.getByRole('heading', { level: 1, name: 'Det skal I nu' }).waitFor();
    expect(await item(leader, LIVE_TITLE).count()).toBe(0);
    expect(await item(leader, OVERDUE.title).count()).toBe(1);
    expect(await badge(leader, 'Aftaler')).toBe(agreementsBefore - 1);
  });

  it("the consultant sees Faxe's waiting question with its age, answers it from there, and it is gone", async () => {
    consultant = await logIn(DEMO.consultant);
    await consultant.getByRole('heading', { level: 1, name: 'Det skal du nu' }).waitFor();
    const title = `Faxe: ${QUESTION_TASK.title}`;
    const question = item(consultant, title);
    const text = await question.innerText();
    expect(text).toContain(LIVE_QUESTION.body.slice(0, 60));
    expect(text).toContain(`Har ventet ${LIVE_QUESTION.daysAgo} dage`);
    await accessible(consultant, 'forside, konsulent');

    await question.getByRole('link', { name: title, exact: true }).click();
    await consultant.getByRole('heading', { level: 2, name: 'Tråd med Faxe Kommune' }).waitFor();
    await accessible(consultant, 'opgave for Faxe (konsulent)');
    await consultant.getByLabel('Svar til kommunen').fill(ANSWER);
    await consultant.getByRole('button', { name: 'Send svar' }).click();
    await consultant.getByText('Beskeden er sendt.').waitFor();
    await consultant.getByText(ANSWER).waitFor();

    await consultant.getByRole('link', { name: 'Forside' }).first().click();
    await consultant.getByRole('heading', { level: 1, name: 'Det skal du nu' }).waitFor();
    expect(await item(consultant, title).count()).toBe(0);
  });

  it("Faxe's program leader finds KOMBIT's answer on the front page once; after the visit it is gone", async () => {
    await frontPage(leader, 'Det skal I nu');
    const answered = item(leader, QUESTION_TASK.title).filter({ hasText: 'KOMBIT har svaret' });
    await expect(answered.innerText()).resolves.toContain(QUESTION_TASK.code);
    await expect(leader.getByRole('heading', { level: 2, name: /^Nye svar fra KOMBIT/ }).count()).resolves.toBe(1);
    await accessible(leader, 'forside, programleder med svar');

    await answered.getByRole('link', { name: QUESTION_TASK.title, exact: true }).click();
    await leader.getByRole('heading', { level: 1, name: QUESTION_TASK.title }).waitFor();
    await leader.getByText(ANSWER).waitFor();
    await accessible(leader, 'opgave med svar (programleder)');

    await frontPage(leader, 'Det skal I nu');
    await expect(leader.getByRole('heading', { level: 2, name: /^Nye svar fra KOMBIT/ }).count()).resolves.toBe(0);
    expect(await item(leader, QUESTION_TASK.title).filter({ hasText: 'KOMBIT har svaret' }).count()).toBe(0);
  });
});
