// Temporary self-check of the browser harness: chromium launches, pages load, and axe both passes an
// accessible page and REPORTS an inaccessible one. Replace with real journeys.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app.ts';
import { expectAccessible, launchBrowser } from './browser.ts';

const good = `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>Samspil – røgtest</title></head>
<body>
  <header><p>Samspil</p></header>
  <main>
    <h1>Røgtest</h1>
    <img src="/pixel.png" alt="En lille prik" width="1" height="1">
    <form>
      <label for="navn">Navn</label>
      <input id="navn" name="navn" type="text">
      <button type="submit">Gem</button>
    </form>
  </main>
</body>
</html>`;

const bad = `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>Utilgængelig</title></head>
<body>
  <main>
    <h1>Utilgængelig</h1>
    <img src="/pixel.png">
    <input type="text" name="uden-label">
  </main>
</body>
</html>`;

// 1×1 transparent PNG.
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    // A strict CSP like the app's, to prove axe injection is not blocked by it.
    res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self'");
    if (req.url === '/pixel.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(pixel);
    } else if (req.url === '/good' || req.url === '/bad') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(req.url === '/good' ? good : bad);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('browser harness', () => {
  it('loads a page and finds no serious accessibility violations on an accessible page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/good`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Røgtest');
    await page.getByLabel('Navn').fill('Test');
    await expectAccessible(page, 'accessible page');
    await page.close();
  });

  it('reports an image without alt and an input without label', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/bad`);
    const error = await expectAccessible(page, 'inaccessible page').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('Accessibility check "inaccessible page" failed');
    expect(message).toMatch(/^\[critical\] image-alt: /m);
    expect(message).toMatch(/^\[critical\] label: /m);
    expect(message).toContain('<img src="/pixel.png">');
    expect(message).toContain('<input type="text" name="uden-label">');
    await page.close();
  });

  it('can switch off a rule explicitly', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/bad`);
    await expect(expectAccessible(page, 'rule switched off', { disableRules: ['image-alt'] })).rejects.toThrow(/^\[critical\] label: /m);
    await expect(expectAccessible(page, 'rules switched off', { disableRules: ['image-alt', 'label'] })).resolves.toBeDefined();
    await page.close();
  });
});

describe('public pages of the app', () => {
  let t: TestApp;
  let appBase: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    appBase = `http://127.0.0.1:${(t.app.server!.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await t?.close();
  });

  const pages = [
    { url: '/hjaelp', heading: 'Hjælp og kontakt' },
    { url: '/persondata', heading: 'Sådan behandler vi personoplysninger' },
    { url: '/tilgaengelighed', heading: 'Tilgængelighedserklæring' },
  ];

  for (const width of [1366, 390]) {
    it(`help, personal data and accessibility statement open without login and pass axe at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      // Reached the way a visitor does: from the login page's footer.
      await page.goto(`${appBase}/login`);
      for (const p of pages) {
        await page.locator(`footer a[href="${p.url}"]`).click();
        await page.waitForURL(`${appBase}${p.url}`);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(p.heading);
        await expectAccessible(page, `${p.url} at ${width} px`);
        // Nothing may make the whole page scroll sideways on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      }
      await page.close();
    });
  }
});
