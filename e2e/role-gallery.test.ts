// Journey from the product issue: "Faxe's KLIK administrator logs in, adds a person as system owner
// for Aula, the central consultant then sees Faxe covered in the Aula system-owner overview."
//
// Driven like a user: Danish labels and roles, keyboard for some submissions, no sleeps (we wait on
// navigations and locators). Every distinct page is checked with axe (no serious/critical
// violations). Screenshots of the gallery and the overview go to a temp dir (set
// E2E_SCREENSHOT_DIR to keep them somewhere; otherwise they are removed afterwards).
// Runs on PGlite by default and on PostgreSQL with TEST_DATABASE=postgres (see test/db.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { expectAccessible, launchBrowser } from './browser.ts';

const FAXE = { code: '0320', name: 'Faxe' };
const KLIK_ADMIN = DEMO.klikAdmin(FAXE.code);
const PERSON = {
  name: 'Birgitte Aula-Ansvarlig',
  email: 'birgitte.aula@faxe.dk',
  title: 'Skoleadministrativ koordinator',
  phone: '56 20 30 00',
};

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let shots: string;
let keepShots = false;
/** Per page: problems loading its own resources (CSS, fonts, icons) or CSP refusals since the last navigation. */
const resourceProblems = new WeakMap<Page, string[]>();

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server!.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  page = await context.newPage();
  watchResources(page);
  keepShots = Boolean(process.env.E2E_SCREENSHOT_DIR);
  if (process.env.E2E_SCREENSHOT_DIR) mkdirSync(process.env.E2E_SCREENSHOT_DIR, { recursive: true });
  shots = process.env.E2E_SCREENSHOT_DIR ?? mkdtempSync(path.join(tmpdir(), 'samspil-e2e-'));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (shots && !keepShots) rmSync(shots, { recursive: true, force: true });
});

function watchResources(p: Page) {
  resourceProblems.set(p, []);
  const note = (problem: string) => resourceProblems.get(p)!.push(problem);
  p.on('framenavigated', (frame) => {
    if (frame === p.mainFrame()) resourceProblems.set(p, []);
  });
  p.on('requestfailed', (request) => note(`failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`));
  p.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'document' && !response.url().endsWith('/favicon.ico') && response.status() >= 400) {
      note(`${response.status()}: ${response.url()}`);
    }
  });
  p.on('console', (message) => {
    if (/Content Security Policy|Refused to (apply|load)/i.test(message.text())) note(`console: ${message.text()}`);
  });
}

/**
 * The DKFDS look is really applied: both stylesheets loaded as CSS (not, say, a login page served in
 * their place), DKFDS's root font size is in force, IBM Plex Sans is loaded, nothing was refused.
 */
async function expectStyled(p: Page, label: string) {
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  const state = await p.evaluate(() => ({
    sheets: [...document.styleSheets].map((s) => {
      let rules = -1;
      try {
        rules = s.cssRules.length;
      } catch {
        // cross-origin sheets cannot be read; ours are same-origin
      }
      return { href: s.href ?? '', rules };
    }),
    rootFontSize: getComputedStyle(document.documentElement).fontSize,
    plex: document.fonts.check('16px "IBM Plex Sans"') && [...document.fonts].some((f) => f.family.includes('IBM Plex Sans') && f.status === 'loaded'),
  }));
  const loaded = (suffix: string) => state.sheets.some((s) => s.href.endsWith(suffix) && s.rules > 0);
  expect(
    { dkfds: loaded('/static/dkfds/css/dkfds.min.css'), samspil: loaded('/static/samspil.css'), rootFontSize: state.rootFontSize, plex: state.plex, problems: resourceProblems.get(p) },
    `styling on ${label}`,
  ).toEqual({ dkfds: true, samspil: true, rootFontSize: '10px', plex: true, problems: [] });
}

const checked = new Set<string>();
/** axe on the page as it is now; every label once, so the list below is the set of distinct pages. */
async function accessible(label: string) {
  expect(checked.has(label), `duplicate accessibility label ${label}`).toBe(false);
  checked.add(label);
  await expectAccessible(page, label);
}

const url = (pathname: string) => `${base}${pathname}`;

async function logIn(email: string) {
  await page.goto(url('/login'));
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO.password);
  // Keyboard: Enter in the password field submits the form.
  await page.getByLabel('Adgangskode', { exact: true }).press('Enter');
  await page.waitForURL(url('/'));
  await page.getByRole('button', { name: 'Log af' }).waitFor();
}

async function logOut() {
  await page.getByRole('button', { name: 'Log af' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
  await page.getByRole('heading', { level: 1, name: 'Log ind i Samspil' }).waitFor();
}

/** Opens the role overview from the main menu and asks for system owners of Aula. */
async function showAulaSystemOwners() {
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Rolleoverblik' }).click();
  await page.waitForURL((u) => u.pathname === '/rolleoverblik');
  await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Systemansvarlig' });
  await page.getByLabel('Løsning', { exact: true }).selectOption({ label: 'Aula' });
  await page.getByRole('button', { name: 'Vis' }).click();
  await page.waitForURL((u) => u.searchParams.get('rolle') === 'systemansvarlig' && u.searchParams.get('loesning') === 'aula');
  await page.getByRole('heading', { level: 2, name: 'Systemansvarlig for Aula' }).waitFor();

  const status = (await page.getByText(/^\d+ af \d+ kommuner$/).textContent()) ?? '';
  const [, vacant, total] = /^(\d+) af (\d+) kommuner$/.exec(status) ?? [];
  const faxe = page.getByRole('row').filter({ has: page.getByRole('link', { name: FAXE.name, exact: true }) });
  const cells = faxe.getByRole('cell');
  return {
    vacant: Number(vacant),
    total: Number(total),
    faxeStatus: (await cells.nth(2).textContent())?.trim(),
    faxePeople: (await cells.nth(3).textContent())?.trim(),
  };
}

describe('rollegalleri: Faxes KLIK-administrator gør en person systemansvarlig for Aula', () => {
  let before: Awaited<ReturnType<typeof showAulaSystemOwners>>;
  let personPath = '';

  it('the login page is accessible', async () => {
    await page.goto(url('/login'));
    await page.getByRole('heading', { level: 1, name: 'Log ind i Samspil' }).waitFor();
    await accessible('login');
  });

  // Found by this journey once: /static/ was behind the login, so the login page rendered unstyled.
  it('the login page has the DKFDS styling before anyone is logged in', async () => {
    const anonymous = await browser.newContext();
    try {
      const p = await anonymous.newPage();
      watchResources(p);
      await p.goto(url('/login'));
      await expectStyled(p, 'login (anonymous)');
    } finally {
      await anonymous.close();
    }
  });

  it('the consultant first sees Faxe without a system owner for Aula', async () => {
    await logIn(DEMO.consultant);
    await accessible('home (consultant)');
    before = await showAulaSystemOwners();
    expect(before.total).toBe(98);
    expect(before.faxeStatus).toBe('Ingen');
    expect(before.faxePeople).toBe('');
    await logOut();
  });

  it("Faxe's KLIK administrator opens the gallery", async () => {
    await logIn(KLIK_ADMIN);
    await accessible('home (KLIK administrator)');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Rollegalleri' }).click();
    await page.waitForURL(url(`/kommuner/${FAXE.code}`));
    await page.getByRole('heading', { level: 1, name: 'Faxe Kommune', exact: true }).waitFor();
    await expectStyled(page, 'gallery');
    await accessible('gallery');
  });

  it('adding a person with an invalid e-mail shows the DKFDS error summary, focused and linked to the field', async () => {
    await page.getByRole('link', { name: 'Tilføj person' }).click();
    await page.waitForURL(url(`/kommuner/${FAXE.code}/personer/ny`));
    await page.getByRole('heading', { level: 1, name: 'Tilføj person' }).waitFor();
    await accessible('add person form');

    await page.getByLabel('Navn', { exact: true }).fill(PERSON.name);
    await page.getByLabel('E-mail', { exact: true }).fill('birgitte.aula(at)faxe.dk');
    await page.getByRole('button', { name: 'Tilføj person' }).click();
    await page.waitForURL(url(`/kommuner/${FAXE.code}/personer`));

    const summary = page.getByRole('alert').filter({ hasText: 'Der er problemer med det indsendte' });
    await summary.waitFor();
    // The summary takes focus on load, so keyboard and screen-reader users start there.
    await page.locator('#error-summary:focus').waitFor();
    const link = summary.getByRole('link', { name: 'E-mail: Skriv en gyldig e-mailadresse, fx navn@kommune.dk' });
    expect(await link.getAttribute('href')).toBe('#felt-email');

    const email = page.getByLabel('E-mail', { exact: true });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const description = await email.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toContain('Skriv en gyldig e-mailadresse');
    // What the user typed is kept.
    expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe(PERSON.name);
    expect(await email.inputValue()).toBe('birgitte.aula(at)faxe.dk');
    await accessible('add person form with errors');

    // Following the link (with the keyboard) lands in the field.
    await link.focus();
    await page.keyboard.press('Enter');
    await page.locator('#felt-email:focus').waitFor();
  });

  it('corrects the e-mail, fills in the rest and submits with Enter', async () => {
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(PERSON.email);
    await page.getByLabel('Titel').fill(PERSON.title);
    await page.getByLabel('Telefon').fill(PERSON.phone);
    await page.getByLabel('Telefon').press('Enter');
    await page.waitForURL((u) => /^\/kommuner\/0320\/personer\/[^/]+$/.test(u.pathname) && u.searchParams.get('besked') === 'person-oprettet');
    personPath = new URL(page.url()).pathname;

    await page.getByRole('heading', { level: 1, name: PERSON.name }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Personen er tilføjet til rollegalleriet.' }).waitFor();
    await page.getByText(PERSON.email, { exact: true }).waitFor();
    await page.getByText(PERSON.title, { exact: true }).waitFor();
    await page.getByText('Personen har ingen roller.').waitFor();
    await accessible('person page');
  });

  it('assigns Systemansvarlig for Aula, which becomes primary as the first one', async () => {
    const assign = page.getByRole('region', { name: 'Tildel rolle' });
    await assign.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Systemansvarlig (pr. løsning)' });
    await assign.getByLabel('Løsning (kun for roller pr. løsning)').selectOption({ label: 'Aula' });
    // Primær is left unticked: the first system owner of a solution becomes primary by itself.
    expect(await assign.getByLabel('Primær systemansvarlig for løsningen').isChecked()).toBe(false);
    await assign.getByRole('button', { name: 'Tildel rolle' }).click();
    await page.waitForURL((u) => u.pathname === personPath && u.searchParams.get('besked') === 'rolle-tildelt');

    await page.getByRole('status').filter({ hasText: 'Rollen er tildelt.' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Aula', exact: true }) });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3).map((c) => c.trim())).toEqual(['Systemansvarlig', 'Aula', 'Ja']);
    await row.getByRole('button', { name: 'Fjern Systemansvarlig – Aula (primær)' }).waitFor();
    await accessible('person page with role');

    await page.getByRole('link', { name: 'Tilbage til Faxes rollegalleri' }).click();
    await page.waitForURL(url(`/kommuner/${FAXE.code}`));
    const person = page.getByRole('row').filter({ has: page.getByRole('link', { name: PERSON.name, exact: true }) });
    await person.getByText('Systemansvarlig – Aula (primær)', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(shots, 'gallery.png'), fullPage: true, caret: 'initial' });
  });

  it('keeps the main menu and "Log af" usable on a narrow screen (no horizontal page scroll)', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await page.reload();
      // On a narrow screen the menu is folded behind its Menu button (e2e/phone-width.test.ts covers it).
      const menu = page.getByRole('navigation', { name: 'Hovedmenu' });
      await menu.locator('summary', { hasText: 'Menu' }).click();
      await menu.getByRole('link', { name: 'Rollegalleri' }).waitFor({ state: 'visible' });
      await page.getByRole('button', { name: 'Log af' }).waitFor({ state: 'visible' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page itself must not scroll sideways; wide tables scroll in their own box').toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(shots, 'gallery-narrow.png'), fullPage: true, caret: 'initial' });
      await accessible('gallery (narrow)');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('logs out', async () => {
    await logOut();
    await page.goto(url(`/kommuner/${FAXE.code}`));
    await page.waitForURL((u) => u.pathname === '/login');
  });

  it('the consultant now sees Faxe covered in the Aula system-owner overview', async () => {
    await logIn(DEMO.consultant);
    const after = await showAulaSystemOwners();
    expect(after.faxeStatus).toBe('Dækket');
    expect(after.faxePeople).toBe(`${PERSON.name} (primær) · ${PERSON.email}`);
    expect(after.total).toBe(before.total);
    expect(after.vacant).toBe(before.vacant - 1);
    await page.getByText(`${after.total - after.vacant} kommuner er dækket`, { exact: false }).waitFor();
    await expectStyled(page, 'overview');
    await accessible('role overview');
    await page.screenshot({ path: path.join(shots, 'overview.png'), caret: 'initial' });
  });
});
