// The risk scales page in a real browser: axe (no serious or critical violations) at 1366 and
// 390 px wide, the SVG matrix shrinks instead of scrolling sideways, and the table beside it reads
// the same levels.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { expectAccessible, launchBrowser, listenForBrowser, logInAs } from './browser.ts';

let t: TestApp;
let browser: Browser;
let base = '';

beforeAll(async () => {
  t = await startTestApp();
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.each([1366, 390])('at %i px', (width) => {
  it("Faxe's program leader reads Datatilsynet's matrix as a drawing and as a table", async () => {
    const page = await logInAs(browser, base, DEMO.programLeader('0320'), { viewport: { width, height: 900 } });
    await page.goto(`${base}/compliance/risikoskalaer`);
    await page.getByRole('heading', { level: 1, name: 'Risikoskalaer' }).waitFor();
    expect(await page.getByRole('img', { name: /Risikomatrix for Datatilsynets risikoskala/ }).isVisible()).toBe(true);
    const table = page.locator('table.risk-matrix-table').first();
    expect(await table.locator('tbody tr').first().innerText()).toContain('Ødelæggende');
    await expectAccessible(page, `risk scales, ${width} px`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.context().close();
  });
});
