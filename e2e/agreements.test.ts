// Journey from the product issue: "the consultant dispatches an agreement to the program leaders of
// three municipalities; one signs; the status shows one signed and two outstanding; a re-issue with a
// corrected annex makes the signer outstanding again; the reminder preview lists exactly the
// outstanding."
//
// Driven like a user: Danish labels and roles, no sleeps (we wait on navigations and locators).
// Every distinct page is checked with axe (no serious/critical violations). The consultant and
// Faxe's programleder each have a browser context of their own. Runs on PGlite by default and on
// PostgreSQL with TEST_DATABASE=postgres (see test/db.ts).
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { danishDay, formatDayLong } from '../src/platform/views/format.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { tinyPdf } from '../test/factories/agreements.ts';
import { accessibleOnce, launchBrowser, listenForBrowser, logInAs } from './browser.ts';

const FAXE = { code: '0320', name: 'Faxe' };
const CHOSEN = [
  { code: '0153', name: 'Brøndby' },
  FAXE,
  { code: '0707', name: 'Norddjurs' },
];
const TITLE = 'Databehandleraftale for Byg og Miljø (journey)';

/** 30 calendar days after today in Denmark, as yyyy-mm-dd. */
const DEADLINE = new Date(Date.parse(`${danishDay(new Date())}T00:00:00Z`) + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const TODAY_LONG = formatDayLong(danishDay(new Date()));

const DOCUMENT = { name: 'databehandleraftale.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Databehandleraftale Byg og Miljø') };
const ANNEX = { name: 'bilag-1-instruks.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Bilag 1 med en fejl') };
const CORRECTED_ANNEX = { name: 'bilag-1-instruks-rettet.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Bilag 1 rettet') };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let browser: Browser;
let base: string;
let agreementPath = '';

beforeAll(async () => {
  t = await startTestApp();
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const url = (pathname: string) => `${base}${pathname}`;

async function logIn(email: string): Promise<Page> {
  const page = await logInAs(browser, base, email, { viewport: { width: 1280, height: 900 } });
  return page;
}

const accessible = accessibleOnce();

/** Status rows of the status page as code → data-status. */
async function statuses(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('#status-tabel tbody tr[data-kommune]');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) out[(await row.getAttribute('data-kommune'))!] = (await row.getAttribute('data-status'))!;
  return out;
}

/** The municipalities the reminder preview would remind, by code. */
async function reminded(page: Page): Promise<string[]> {
  const codes = await page.locator('#modtagere tbody tr[data-kommune]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kommune')!));
  return codes.sort();
}

describe('aftaler: konsulenten sender en databehandleraftale til tre kommuners programledere', () => {
  let consultant: Page;
  let leader: Page;

  it('the consultant creates the agreement with its document and annex from the Aftaler menu', async () => {
    consultant = await logIn(DEMO.consultant);
    await consultant.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Aftaler' }).click();
    await consultant.waitForURL(url('/aftaler'));
    await consultant.getByRole('heading', { level: 1, name: 'Aftaler' }).waitFor();
    await accessible(consultant, 'aftaler (central liste)');
    await consultant.getByRole('link', { name: 'Opret aftale' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Opret aftale' }).waitFor();
    await accessible(consultant, 'opret aftale');

    await consultant.getByLabel('Databehandleraftale', { exact: true }).check();
    await consultant.getByLabel('Titel', { exact: true }).first().fill(TITLE);
    await consultant.getByLabel('Beskrivelse').fill('Aftalen om behandling af personoplysninger i Byg og Miljø.');
    await consultant.getByLabel('Byg og Miljø (K98)').check();
    await consultant.getByLabel('Aftalens dokument').setInputFiles(DOCUMENT);
    const annex1 = consultant.getByRole('group', { name: 'Bilag 1' });
    await annex1.getByLabel('Titel').fill('Bilag 1 – Instruks');
    await annex1.getByLabel('Fil').setInputFiles(ANNEX);
    await consultant.getByRole('button', { name: 'Opret aftale' }).click();

    await consultant.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    agreementPath = new URL(consultant.url()).pathname;
    expect(agreementPath).toMatch(/^\/aftaler\/[0-9a-f-]{36}$/);
    // Each file is shown with its SHA-256, computed over the bytes that were uploaded.
    const body = await consultant.locator('main').textContent();
    expect(body).toContain(sha(DOCUMENT.buffer));
    expect(body).toContain(sha(ANNEX.buffer));
    await accessible(consultant, 'aftale (central, kladde)');
  });

  it('dispatches it to the programledere of Brøndby, Faxe and Norddjurs with a deadline', async () => {
    await consultant.getByRole('link', { name: 'Udsend', exact: true }).click();
    await consultant.getByRole('heading', { level: 1, name: `Udsend ${TITLE}` }).waitFor();
    await accessible(consultant, 'udsend aftale');
    await consultant.getByLabel('Modtagernes rolle').selectOption({ label: 'Programleder' });
    await consultant.getByLabel('Frist for underskrift').fill(DEADLINE);
    await consultant.getByLabel('Udvalgte kommuner (vælg nedenfor)').check();
    for (const m of CHOSEN) await consultant.getByLabel(`${m.name} (${m.code})`, { exact: true }).check();
    await consultant.getByRole('button', { name: 'Udsend aftalen' }).click();
    await consultant.waitForURL((u) => u.pathname === agreementPath);
    await consultant.getByText(`Udsendt første gang ${TODAY_LONG} – modtagere var programledere`).waitFor();
    await consultant.getByText('0 af 3 har underskrevet').waitFor();
  });

  it("Faxe's programleder finds it under Aftaler and signs it with the password", async () => {
    leader = await logIn(DEMO.programLeader(FAXE.code));
    await leader.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Aftaler' }).click();
    await leader.getByRole('heading', { level: 2, name: 'Skal underskrives' }).waitFor();
    await accessible(leader, 'aftaler (kommunens liste)');
    await leader.getByRole('link', { name: TITLE }).click();
    await leader.getByRole('heading', { level: 2, name: 'Underskriv aftalen' }).waitFor();
    await accessible(leader, 'aftale (kommunen, til underskrift)');

    // Name and title come prefilled from the role gallery; the password must be typed again.
    expect(await leader.getByLabel('Navn', { exact: true }).inputValue()).toBe('Programleder Faxe');
    await leader.getByLabel('Titel/stilling', { exact: true }).fill('Programleder');
    await leader.getByLabel('Din adgangskode').fill(DEMO.password);
    await leader.getByLabel(/Jeg bekræfter at have læst aftalen version 1/).check();
    await leader.getByRole('button', { name: 'Underskriv aftalen' }).click();
    await leader.getByText(/Underskrevet af Programleder Faxe, Programleder, .* \(version 1\)\./).waitFor();
    await accessible(leader, 'aftale (kommunen, underskrevet)');
  });

  it('the status shows one signed and two outstanding; the reminder preview lists exactly those two', async () => {
    await consultant.goto(url(`${agreementPath}/status`));
    await consultant.getByRole('heading', { level: 1, name: 'Status pr. kommune' }).waitFor();
    await consultant.getByText('1 af 3 underskrevet. 2 mangler.').waitFor();
    expect(await statuses(consultant)).toEqual({ '0153': 'not_signed', '0320': 'signed', '0707': 'not_signed' });
    const list = await consultant.getByLabel('Listen som tekst').inputValue();
    expect(list).toContain('KOMBIT ser fortsat frem til at modtage underskrevne aftaler fra følgende:');
    expect(list).toContain('Brøndby');
    expect(list).toContain('Norddjurs');
    expect(list).not.toContain('Faxe');
    await accessible(consultant, 'status pr. kommune');

    await consultant.goto(url(`${agreementPath}/paamindelse`));
    await consultant.getByRole('heading', { level: 1, name: 'Påmindelser' }).waitFor();
    expect(await reminded(consultant)).toEqual(['0153', '0707']);
    await expect(consultant.locator('#modtagere').textContent()).resolves.toContain(`programleder-0153@samspil.demo`);
    await accessible(consultant, 'påmindelse (forhåndsvisning)');
  });

  it('a new version with a corrected annex that requires re-signing makes Faxe outstanding again', async () => {
    await consultant.goto(url(agreementPath));
    await consultant.getByRole('link', { name: 'Ny version' }).click();
    await consultant.getByRole('heading', { level: 1, name: `Ny version af ${TITLE}` }).waitFor();
    await accessible(consultant, 'ny version');
    await consultant.getByLabel('Hvad er ændret').fill('Rettet fejl i bilag 1');
    expect(await consultant.getByLabel('Kræver ny underskrift').isChecked()).toBe(true);
    await consultant.getByLabel('Aftalens dokument').setInputFiles(DOCUMENT);
    const annex1 = consultant.getByRole('group', { name: 'Bilag 1' });
    await annex1.getByLabel('Titel').fill('Bilag 1 – Instruks');
    await annex1.getByLabel('Fil').setInputFiles(CORRECTED_ANNEX);
    await consultant.getByRole('button', { name: 'Læg version 2 op' }).click();

    // Straight on to sending it again to those who must (re-)sign: all three now.
    await consultant.getByRole('heading', { level: 1, name: `Udsend ${TITLE}` }).waitFor();
    expect(await consultant.getByLabel('Kommuner, der mangler at underskrive (3)').isChecked()).toBe(true);
    await consultant.getByLabel('Frist for underskrift').fill(DEADLINE);
    await consultant.getByRole('button', { name: 'Udsend aftalen' }).click();
    await consultant.waitForURL((u) => u.pathname === agreementPath);
    await consultant.getByText(`Version 2 lagt op ${TODAY_LONG}: Rettet fejl i bilag 1 – kræver ny underskrift`).waitFor();
    await consultant.getByText(new RegExp(`Udsendt på ny ${TODAY_LONG}`)).waitFor();
    expect(await consultant.locator('main').textContent()).toContain(sha(CORRECTED_ANNEX.buffer));
    await accessible(consultant, 'aftale (central, version 2)');

    await consultant.goto(url(`${agreementPath}/status`));
    await consultant.getByText('0 af 3 underskrevet. 3 mangler.').waitFor();
    expect(await statuses(consultant)).toEqual({ '0153': 'not_signed', '0320': 'not_signed', '0707': 'not_signed' });

    await consultant.goto(url(`${agreementPath}/paamindelse`));
    expect(await reminded(consultant)).toEqual(['0153', '0320', '0707']);

    // Faxe sees that its signature no longer counts and is asked to sign version 2.
    await leader.goto(url(agreementPath));
    await leader.getByRole('heading', { level: 2, name: 'Underskriv aftalen' }).waitFor();
    await leader.getByText(/Jeg bekræfter at have læst aftalen version 2/).waitFor();
    await leader.getByText(/gælder ikke længere/).first().waitFor();
  });
});
