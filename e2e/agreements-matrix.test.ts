// The agreements matrix at 98 × 60 (the bench's agreements) in a browser, at 1366 and 390 px: the
// table scrolls inside its own box (the page itself never sideways), the header row and the
// municipality column stay put, and axe finds no serious or critical violations.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgreements } from '../bench/agreements.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { expectAccessible, launchBrowser, listenForBrowser, logInAs } from './browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  await addAgreements(t.database.db);
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function matrixAt(width: number): Promise<Page> {
  const page = await logInAs(browser, base, DEMO.consultant, { viewport: { width, height: 800 } });
  await page.goto(`${base}/aftaler/overblik`);
  await page.getByRole('heading', { level: 1, name: 'Overblik over tilslutnings- og databehandleraftaler' }).waitFor();
  return page;
}

describe('the agreements matrix in a browser', () => {
  for (const width of [1366, 390]) {
    it(`scrolls inside its own box at ${width} px, keeps header and first column in view, and passes axe`, async () => {
      const page = await matrixAt(width);
      const box = page.getByRole('region', { name: /98 kommuner og \d+ aftaler/ });
      await box.waitFor();
      const sizes = await page.evaluate(() => {
        const scroller = document.querySelector('.samspil-matrix-scroll')!;
        return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, inner: scroller.scrollWidth, box: scroller.clientWidth };
      });
      expect(sizes.page).toBeLessThanOrEqual(sizes.viewport);
      expect(sizes.inner).toBeGreaterThan(sizes.box);
      // Scrolled right and down, the header row sits at the box's top edge and the municipality column at its left.
      await page.evaluate(() => document.querySelector('.samspil-matrix-scroll')!.scrollBy(600, 400));
      const after = await page.evaluate(() => {
        const scroller = document.querySelector('.samspil-matrix-scroll')!;
        return {
          scrolled: { left: scroller.scrollLeft, top: scroller.scrollTop },
          box: scroller.getBoundingClientRect(),
          head: document.querySelector('#overblik thead th:nth-child(2)')!.getBoundingClientRect().top,
          name: document.querySelector('#overblik tbody tr:nth-child(20) th')!.getBoundingClientRect().left,
        };
      });
      expect(after.scrolled.left).toBeGreaterThan(0);
      expect(after.scrolled.top).toBeGreaterThan(0);
      expect(Math.abs(after.head - after.box.top)).toBeLessThanOrEqual(1);
      expect(Math.abs(after.name - after.box.left)).toBeLessThanOrEqual(1);
      await expectAccessible(page, `matrix ${width}px`);
      await page.context().close();
    });
  }
});
