// Phone width (390 × 844, an iPhone 14): the task lists, a task, and the agreement lists are read on
// the phone without the page scrolling sideways (tables stack, each value under its column's header),
// with no serious or critical axe violations; the main menu folds into a "Menu" button that opens
// with JavaScript switched off and from the keyboard, and is the usual row on a wide screen.
// One browser for the file; one context per person, a handful of page loads each.
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskDeadlineChange } from '../src/modules/tasks/schema.ts';
import { buildAgreement } from '../test/factories/agreements.ts';
import { buildTask } from '../test/factories/tasks.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { expectAccessible, expectFitsPhone, launchBrowser, PHONE } from './browser.ts';

const FAXE = '0320';
/** Long titles, as real ones are: they must wrap, not widen the page. */
const TASK_TITLE = 'Registrér databehandleraftalen for Aula og bekræft at underdatabehandlerne er godkendt af kommunen';
const AGREEMENT_TITLE = 'Databehandleraftale om Aula, Aula-tilslutningen og Aulas underdatabehandlere (version 2)';

let t: TestApp;
let browser: Browser;
let base = '';
let taskId = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  // A task with two answer steps to all 98 municipalities (so the central task page has its full table)
  // and a changed deadline,
  // a local task of Faxe's, and an agreement Faxe's program leader must sign.
  const built = await buildTask(db, {
    code: 'KLIK - AULA 17',
    title: TASK_TITLE,
    critical: true,
    crossCutting: true,
    steps: [
      { title: 'Angiv AftaleID', answerKind: 'text', answerLabel: 'AftaleID' },
      { title: 'Bekræft godkendelsen af underdatabehandlerne', answerKind: 'text', answerLabel: 'Godkendt af' },
    ],
  });
  taskId = built.task.id;
  await db.insert(taskDeadlineChange).values({
    taskId,
    fromDeadline: '2030-05-31',
    toDeadline: '2030-06-30',
    reason: 'Leverandøren af Aula-integrationen (https://www.aula.dk/leverandoerer/integrationer) har udskudt sin udgivelse',
  });
  await buildTask(db, { code: 'LOKAL - 1', title: 'Opdatér kommunens interne vejledning', localMunicipalityCode: FAXE });
  await buildAgreement(db, { title: AGREEMENT_TITLE, solutions: ['aula'] });

  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server!.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await t?.close();
});

async function logIn(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'da-DK', ...options });
  contexts.push(context);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(`${base}/`);
  return page;
}


/** A stacked table shows no header row; each value carries its column's header. */
async function expectStacked(page: Page, tableSelector: string, cellText: string | RegExp, header: string) {
  const table = page.locator(tableSelector).first();
  expect(await table.locator('thead').isVisible()).toBe(false);
  const cell = table.locator('td, th[scope="row"]').filter({ hasText: cellText }).first();
  const shown = await cell.evaluate((el) => getComputedStyle(el, '::before').content);
  expect(shown).toBe(JSON.stringify(header));
}

describe('at phone width, a municipal user', () => {
  let page: Page;

  it('reads Mine opgaver: each task a block with its fields labelled', async () => {
    page = await logIn(DEMO.programLeader(FAXE));
    await page.goto(`${base}/opgaver`);
    await page.getByRole('heading', { level: 1, name: 'Mine opgaver' }).waitFor();
    await expectStacked(page, 'table:has(caption:text("Opgaver fra KOMBIT"))', TASK_TITLE, 'Opgave');
    await expectStacked(page, 'table:has(caption:text("lokale opgaver"))', 'Opdatér kommunens interne vejledning', 'Opgave');
    await expectFitsPhone(page, 'Mine opgaver');
  });

  it('reads a task', async () => {
    await page.getByRole('link', { name: TASK_TITLE }).click();
    await page.waitForURL(`${base}/opgaver/${taskId}`);
    await expectFitsPhone(page, 'municipal task');
  });

  it("reads the municipality's agreements", async () => {
    await page.goto(`${base}/aftaler`);
    await page.getByRole('link', { name: AGREEMENT_TITLE }).waitFor();
    await expectStacked(page, 'table', AGREEMENT_TITLE, 'Aftale');
    await expectFitsPhone(page, 'municipal agreements');
  });
});

describe('at phone width, the consultant', () => {
  let page: Page;

  it('reads the central task list', async () => {
    page = await logIn(DEMO.consultant);
    await page.goto(`${base}/overblik`);
    await page.getByRole('heading', { level: 1, name: 'Opgaver – overblik' }).waitFor();
    await expectStacked(page, 'table', 'KLIK - AULA 17', 'Opgave');
    await expectFitsPhone(page, 'central task list');
  });

  it("reads a task's overview of all 98 municipalities", async () => {
    await page.goto(`${base}/opgaver/${taskId}/overblik`);
    await page.locator('#kommuner tbody tr').nth(97).waitFor({ state: 'attached' });
    await expectStacked(page, '#kommuner', 'Faxe', 'Kommune');
    await expectStacked(page, '#fristaendringer', 'Leverandøren', 'Begrundelse');
    await expectFitsPhone(page, 'central task');
  });

  it("reads Faxe's task list", async () => {
    await page.goto(`${base}/kommuner/${FAXE}/opgaver`);
    await expectStacked(page, '#opgaver', TASK_TITLE, 'Opgave');
    await expectFitsPhone(page, "a municipality's tasks");
  });

  it('reads the agreement list', async () => {
    await page.goto(`${base}/aftaler`);
    await expectStacked(page, '#aftaler', AGREEMENT_TITLE, 'Titel');
    await expectFitsPhone(page, 'central agreements');
  });
});

describe('the main menu', () => {
  it('folds into a Menu button that opens without JavaScript, and is a row on a wide screen', async () => {
    const page = await logIn(DEMO.programLeader(FAXE), { javaScriptEnabled: false });
    const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
    const tasks = menu.getByRole('link', { name: 'Mine opgaver' });
    const button = menu.locator('summary', { hasText: 'Menu' });
    expect(await button.isVisible()).toBe(true);
    expect(await tasks.isVisible()).toBe(false);

    await button.click();
    await tasks.click();
    await page.waitForURL(`${base}/opgaver`);
    // A new page starts with the menu folded again.
    expect(await tasks.isVisible()).toBe(false);

    await page.setViewportSize({ width: 1366, height: 900 });
    expect(await button.isVisible()).toBe(false);
    expect(await tasks.isVisible()).toBe(true);
    // (axe needs JavaScript in the page; the open menu is checked in the next test, the row in every other journey.)
  });

  it('opens from the keyboard, shows where the focus is, and says whether it is open', async () => {
    const page = await logIn(DEMO.programLeader(FAXE));
    const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
    const button = menu.locator('summary', { hasText: 'Menu' });
    // Tab from the last link before the menu (the solution's name) to the Menu button.
    await page.getByRole('banner').getByRole('link', { name: 'Samspil', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    // DKFDS's focus ring (3 px, as on every link and button), not the browser's thin default.
    const ring = await button.evaluate((el) => ({ style: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth }));
    expect(ring).toEqual({ style: 'solid', width: '3px' });
    expect(await ariaExpanded(page)).toBe(false);

    await page.keyboard.press('Enter');
    expect(await ariaExpanded(page)).toBe(true);
    await page.keyboard.press('Tab');
    const first = menu.getByRole('link', { name: 'Forside' });
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'open menu at 390 px');

    await button.focus();
    await page.keyboard.press('Space');
    expect(await ariaExpanded(page)).toBe(false);
    expect(await first.isVisible()).toBe(false);
  });
});

/**
 * Whether the browser tells assistive technology that the Menu button is expanded: read from
 * chromium's own accessibility tree, where a <summary> is a disclosure control with an expanded state.
 */
async function ariaExpanded(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'nav[aria-label="Hovedmenu"] summary' });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes.find((n) => !n.ignored)!;
    // The folded menu's button carries the sum of the menu's counts, read out with it.
    expect(node.name?.value).toMatch(/^Menu( \d+ kræver handling)?$/);
    expect(node.role?.value).toBe('DisclosureTriangle');
    return node.properties?.find((p) => p.name === 'expanded')?.value.value === true;
  } finally {
    await cdp.detach();
  }
}
