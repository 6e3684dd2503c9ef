// Journey from the product issue: "the consultant publishes a three-step task to the Aula system
// owners; Faxe's system owner answers the steps and completes it; the overview shows Faxe solved and
// the others missing; the reminder preview lists only the missing."
//
// Driven like a user: Danish labels and roles, the keyboard for some submissions, no sleeps (we wait
// on navigations and locators). Every distinct page is checked with axe (no serious/critical
// violations). The consultant and Faxe's system owner each have a browser context of their own.
// Screenshots of the overview and the task page go to a temp dir (set E2E_SCREENSHOT_DIR to keep
// them; otherwise they are removed afterwards). Runs on PGlite by default and on PostgreSQL with
// TEST_DATABASE=postgres (see test/db.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, roleAssignment, userAccount } from '../src/platform/identity/schema.ts';
import { danishDay, formatDayLong, formatDeadline } from '../src/platform/views/format.ts';
import { hashPassword } from '../src/platform/auth/secrets.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { accessibleOnce, launchBrowser, listenForBrowser, logInAs } from './browser.ts';

const FAXE = { code: '0320', name: 'Faxe' };
/** Faxe's system owner for Aula; the demo seed has none, so beforeAll adds her (the journey starts after that). */
const SOFIE = { name: 'Sofie Aula', email: 'sofie.aula@faxe.dk', title: 'Systemansvarlig for Aula' };
/** The seed's Aula system owners (modules/organisations/demo.ts): the only people the reminder may go to. */
const AULA_OWNERS = ['0101', '0153', '0707', '0751', '0461'].map((code) => `system-aula-${code}@samspil.demo`);

/** 30 calendar days after today in Denmark, as yyyy-mm-dd. */
const DEADLINE = new Date(Date.parse(`${danishDay(new Date())}T00:00:00Z`) + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const TASK = {
  code: 'KLIK - AULA 01',
  title: 'Registrér databehandleraftalen for Aula',
  description: [
    'Aula skal have en ny databehandleraftale. Gør sådan:',
    '',
    '- Find aftalen i Aulas administrationsmodul',
    '- Notér aftalens AftaleID',
    '- Bekræft at aftalen er godkendt',
  ].join('\n'),
  consequence: 'Uden aftalen må kommunen ikke behandle personoplysninger i Aula.',
  steps: [
    { title: 'Læs vejledningen', instructions: 'Læs **vejledningen** til databehandleraftalen.' },
    { title: 'Angiv AftaleID', instructions: 'AftaleID står øverst i aftalen.', kind: 'Identifikator med mønster (fx AftaleID)', label: 'AftaleID', pattern: '^[0-9]{6}$', hint: 'AftaleID består af 6 cifre, fx 123456.' },
    { title: 'Bekræft godkendelsen', instructions: 'Er aftalen godkendt af kommunen?', kind: 'Ja/nej', label: 'Godkendt' },
  ],
};
const AFTALE_ID = '482913';

let t: TestApp;
let browser: Browser;
let base: string;
let shots: string;
let keepShots = false;
let taskId = '';

beforeAll(async () => {
  t = await startTestApp();
  // Setup, not part of the journey: Faxe gets a system owner for Aula with a login.
  const db = t.database.db;
  const [p] = await db.insert(person).values({ municipalityCode: FAXE.code, name: SOFIE.name, email: SOFIE.email, title: SOFIE.title }).returning({ id: person.id });
  await db.insert(userAccount).values({ personId: p!.id, email: SOFIE.email, passwordHash: await hashPassword(DEMO.password) });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: FAXE.code, roleTypeKey: 'systemansvarlig', solutionKey: 'aula', isPrimary: true });

  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
  keepShots = Boolean(process.env.E2E_SCREENSHOT_DIR);
  if (process.env.E2E_SCREENSHOT_DIR) mkdirSync(process.env.E2E_SCREENSHOT_DIR, { recursive: true });
  shots = process.env.E2E_SCREENSHOT_DIR ?? mkdtempSync(path.join(tmpdir(), 'samspil-e2e-tasks-'));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (shots && !keepShots) rmSync(shots, { recursive: true, force: true });
});

const url = (pathname: string) => `${base}${pathname}`;

/** A fresh browser context (own cookies) logged in as `email`; Enter in the password field submits. */
async function logIn(email: string): Promise<Page> {
  const page = await logInAs(browser, base, email, { viewport: { width: 1280, height: 900 } });
  await page.getByRole('button', { name: 'Log af' }).waitFor();
  return page;
}

/** axe on the page as it is now; every label once, so the labels are the set of distinct pages. */
const accessible = accessibleOnce();

/** The DKFDS error summary: shown, focused on load (so keyboard users start there), with these entries. */
async function expectErrorSummary(page: Page, entries: string[]) {
  const summary = page.getByRole('alert').filter({ hasText: 'Der er problemer med det indsendte' });
  await summary.waitFor();
  await page.locator('#error-summary:focus').waitFor();
  expect((await summary.getByRole('listitem').allTextContents()).map((s) => s.trim())).toEqual(entries);
  return summary;
}

/** The text of each cell of a table row, trimmed, keyed by the table's column headers. */
async function rowByHeader(table: Locator, row: Locator): Promise<Record<string, string>> {
  const headers = (await table.getByRole('columnheader').allTextContents()).map((s) => s.trim());
  const cells = (await row.getByRole('cell').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  expect(cells.length).toBe(headers.length);
  return Object.fromEntries(headers.map((h, i) => [h, cells[i]!]));
}

describe('opgaver: konsulenten publicerer en opgave i tre trin til Aulas systemansvarlige', () => {
  let consultant: Page;
  let sofie: Page;

  it('the consultant opens the task dashboard from the main menu', async () => {
    consultant = await logIn(DEMO.consultant);
    await consultant.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Opgaver' }).click();
    await consultant.waitForURL(url('/overblik'));
    await consultant.getByRole('heading', { level: 1, name: 'Opgaver – overblik' }).waitFor();
    await accessible(consultant, 'dashboard');
  });

  it('fills in the new task; leaving out the deadline shows the DKFDS error summary and keeps the input', async () => {
    const page = consultant;
    await page.getByRole('link', { name: 'Ny opgave' }).click();
    await page.waitForURL(url('/opgaver/ny'));
    await page.getByRole('heading', { level: 1, name: 'Opret opgave' }).waitFor();
    await accessible(page, 'new task form');

    await page.getByLabel('Kode', { exact: true }).fill(TASK.code);
    await page.getByLabel('Titel', { exact: true }).fill(TASK.title);
    await page.getByLabel('Beskrivelse (valgfri)', { exact: true }).fill(TASK.description);
    await page.getByLabel('Konsekvens hvis opgaven ikke løses (valgfri)', { exact: true }).fill(TASK.consequence);
    const audience = page.getByRole('group', { name: 'Hvem i kommunen skal løse opgaven' });
    await audience.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Systemansvarlig (pr. løsning)' });
    await audience.getByLabel('Løsning (for roller pr. løsning)', { exact: true }).selectOption({ label: 'Aula' });
    const targets = page.getByRole('group', { name: 'Kommuner', exact: true });
    await targets.getByRole('radio', { name: 'Alle 98 kommuner' }).check();

    for (const [i, s] of TASK.steps.entries()) {
      const step = page.getByRole('group', { name: `Trin ${i + 1}`, exact: true });
      await step.getByLabel('Titel (valgfri)', { exact: true }).fill(s.title);
      await step.getByLabel('Vejledning (valgfri)', { exact: true }).fill(s.instructions);
      if (s.kind) await step.getByLabel('Svar', { exact: true }).selectOption({ label: s.kind });
      if (s.label) await step.getByLabel('Svarfeltets navn (valgfri)', { exact: true }).fill(s.label);
      if (s.pattern) await step.getByLabel('Mønster for identifikatoren (valgfri)', { exact: true }).fill(s.pattern);
      if (s.hint) await step.getByLabel('Hjælpetekst når svaret ikke passer (valgfri)', { exact: true }).fill(s.hint);
    }

    // No deadline yet.
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.waitForURL(url('/opgaver'));
    await expectErrorSummary(page, ['Frist: Angiv en frist']);
    const deadline = page.getByLabel('Frist', { exact: true });
    expect(await deadline.getAttribute('aria-invalid')).toBe('true');
    // Everything typed so far is still there.
    expect(await page.getByLabel('Kode', { exact: true }).inputValue()).toBe(TASK.code);
    expect(await page.getByLabel('Beskrivelse (valgfri)', { exact: true }).inputValue()).toBe(TASK.description);
    const step2 = page.getByRole('group', { name: 'Trin 2', exact: true });
    expect(await step2.getByLabel('Mønster for identifikatoren (valgfri)', { exact: true }).inputValue()).toBe(TASK.steps[1]!.pattern);
    await accessible(page, 'new task form with errors');

    // The summary's link takes the keyboard to the field.
    await page.getByRole('link', { name: 'Frist: Angiv en frist' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#felt-deadline:focus').waitFor();
  });

  it('adds the deadline and saves the draft with Enter', async () => {
    const page = consultant;
    await page.getByLabel('Frist', { exact: true }).fill(DEADLINE);
    // Keyboard: Enter in a text field submits the form with its default button, which must save.
    await page.getByLabel('Titel', { exact: true }).press('Enter');
    await page.waitForURL((u) => /^\/opgaver\/[0-9a-f-]{36}\/rediger$/.test(u.pathname) && u.searchParams.get('besked') === 'oprettet');
    taskId = new URL(page.url()).pathname.split('/')[2]!;

    await page.getByRole('heading', { level: 1, name: `${TASK.code} – ${TASK.title}` }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Kladden er gemt.' }).waitFor();
    const lifecycle = page.getByRole('region', { name: 'Status og publicering' });
    await lifecycle.getByText('Kladde', { exact: true }).waitFor();
    await lifecycle.getByText(formatDeadline(DEADLINE), { exact: true }).waitFor();
    await lifecycle.getByText('Systemansvarlig for Aula i 98 kommuner', { exact: false }).waitFor();
    // The three steps were stored as entered (the form shows them again, plus empty rows).
    for (const [i, s] of TASK.steps.entries()) {
      expect(await page.getByRole('group', { name: `Trin ${i + 1}`, exact: true }).getByLabel('Titel (valgfri)', { exact: true }).inputValue()).toBe(s.title);
    }
    await accessible(page, 'draft edit page');
  });

  it('publishes the draft and lands on the task overview with a success message', async () => {
    const page = consultant;
    await page.getByRole('button', { name: 'Publicér og send besked' }).click();
    await page.waitForURL((u) => u.pathname === `/opgaver/${taskId}/overblik` && u.searchParams.get('besked') === 'publiceret');
    await page.getByRole('status').filter({ hasText: 'Opgaven er publiceret, og modtagerne har fået besked.' }).waitFor();
    await page.getByText('98 adresseret: 0 løst, 0 i gang, 98 ikke startet, 0 ikke relevant. 98 mangler.', { exact: true }).waitFor();
    await accessible(page, 'task overview after publishing');
  });

  it("Faxe's system owner finds the task under Mine opgaver", async () => {
    sofie = await logIn(SOFIE.email);
    await sofie.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mine opgaver' }).click();
    await sofie.waitForURL(url('/opgaver'));
    await sofie.getByRole('heading', { level: 1, name: 'Mine opgaver' }).waitFor();
    const table = sofie.getByRole('table', { name: 'Opgaver fra KOMBIT (1)' });
    const row = table.getByRole('row').filter({ has: sofie.getByRole('link', { name: TASK.title, exact: true }) });
    const cells = await rowByHeader(table, row);
    expect(cells).toMatchObject({ Kode: TASK.code, Frist: formatDeadline(DEADLINE), Status: 'Ikke startet' });
    await accessible(sofie, 'my tasks');

    await row.getByRole('link', { name: TASK.title, exact: true }).click();
    await sofie.waitForURL(url(`/opgaver/${taskId}`));
    await sofie.getByRole('heading', { level: 1, name: TASK.title }).waitFor();
    // The description's Markdown list is a real list.
    const description = sofie.getByRole('region', { name: 'Beskrivelse' });
    expect((await description.getByRole('listitem').allTextContents()).map((s) => s.trim())).toEqual([
      'Find aftalen i Aulas administrationsmodul',
      'Notér aftalens AftaleID',
      'Bekræft at aftalen er godkendt',
    ]);
    await sofie.getByRole('region', { name: 'Hvis opgaven ikke bliver løst' }).getByText(TASK.consequence).waitFor();
    await sofie.getByRole('heading', { level: 2, name: 'Trin (0 af 3 udført)' }).waitFor();
    await accessible(sofie, 'task page');
  });

  const step = (page: Page, n: number) =>
    page.getByRole('region', { name: /^Trin \(/ }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: `Trin ${n}: ${TASK.steps[n - 1]!.title}` }) });

  it('an AftaleID of the wrong form is refused with the hint as the error, in the DKFDS error summary', async () => {
    const page = sofie;
    const s2 = step(page, 2);
    await s2.getByLabel('AftaleID', { exact: true }).fill('12345');
    await s2.getByLabel('Udført', { exact: true }).check();
    // Keyboard: Enter in the answer field submits the step's form.
    await s2.getByLabel('AftaleID', { exact: true }).press('Enter');
    await page.waitForURL((u) => u.pathname.startsWith(`/opgaver/${taskId}/trin/`));
    const summary = await expectErrorSummary(page, [`Trin 2: ${TASK.steps[1]!.hint}`]);
    const link = summary.getByRole('link', { name: `Trin 2: ${TASK.steps[1]!.hint}` });
    expect(await link.getAttribute('href')).toBe('#felt-trin-2');

    const field = step(page, 2).getByLabel('AftaleID', { exact: true });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.inputValue()).toBe('12345');
    const description = await field.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' | '),
    );
    expect(description).toBe(`${TASK.steps[1]!.hint} | Fejl: ${TASK.steps[1]!.hint}`);
    // Nothing was saved.
    await page.getByRole('heading', { level: 2, name: 'Trin (0 af 3 udført)' }).waitFor();
    await accessible(page, 'task page with errors');

    await link.focus();
    await page.keyboard.press('Enter');
    await page.locator('#felt-trin-2:focus').waitFor();
  });

  it('a valid AftaleID is saved; then steps 1 and 3 are completed and the task is solved', async () => {
    const page = sofie;
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(AFTALE_ID);
    await step(page, 2).getByLabel('Udført', { exact: true }).check();
    await step(page, 2).getByRole('button', { name: 'Gem trin 2' }).click();
    await page.waitForURL((u) => u.pathname === `/opgaver/${taskId}` && u.searchParams.get('besked') === 'trin-gemt');
    await page.getByRole('status').filter({ hasText: 'Trinnet er gemt.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Trin (1 af 3 udført)' }).waitFor();
    expect(await step(page, 2).getByLabel('AftaleID', { exact: true }).inputValue()).toBe(AFTALE_ID);
    await step(page, 2).getByText('Udført', { exact: true }).first().waitFor();
    await page.locator('main').getByText('I gang', { exact: true }).waitFor();

    await step(page, 1).getByLabel('Markér som udført', { exact: true }).check();
    await step(page, 1).getByRole('button', { name: 'Gem trin 1' }).click();
    await page.getByRole('heading', { level: 2, name: 'Trin (2 af 3 udført)' }).waitFor();

    const s3 = step(page, 3);
    await s3.getByRole('group', { name: 'Godkendt' }).getByRole('radio', { name: 'Ja', exact: true }).check();
    await s3.getByLabel('Udført', { exact: true }).check();
    await s3.getByRole('button', { name: 'Gem trin 3' }).click();
    await page.getByRole('heading', { level: 2, name: 'Trin (3 af 3 udført)' }).waitFor();

    const status = page.locator('main h1 + p');
    expect((await status.textContent())?.trim()).toBe('Løst');
    expect(await step(page, 3).getByRole('radio', { name: 'Ja', exact: true }).isChecked()).toBe(true);
    await page.screenshot({ path: path.join(shots, 'task-page.png'), fullPage: true, caret: 'initial' });
  });

  it('the consultant sees Faxe solved, with its AftaleID, in the task overview', async () => {
    const page = consultant;
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Opgaver' }).click();
    await page.waitForURL(url('/overblik'));
    await page.getByRole('table', { name: 'Alle opgaver' }).getByRole('link', { name: TASK.code, exact: true }).click();
    await page.waitForURL(url(`/opgaver/${taskId}/overblik`));
    await page.getByText('98 adresseret: 1 løst, 0 i gang, 97 ikke startet, 0 ikke relevant. 97 mangler.', { exact: true }).waitFor();

    const table = page.getByRole('table', { name: 'Adresserede kommuner (98)' });
    const faxe = table.getByRole('row').filter({ has: page.getByRole('link', { name: FAXE.name, exact: true }) });
    const cells = await rowByHeader(table, faxe);
    expect(cells).toMatchObject({ Kommune: FAXE.name, Status: 'Løst', [TASK.steps[0]!.title]: '✓', AftaleID: AFTALE_ID, Godkendt: 'Ja' });
    await accessible(page, 'task overview');
    await page.screenshot({ path: path.join(shots, 'overview.png'), caret: 'initial' });
  });

  it('"Vis kun manglende" names the 97 missing municipalities and leaves Faxe out', async () => {
    const page = consultant;
    await page.getByRole('link', { name: 'Vis kun manglende' }).click();
    await page.waitForURL(url(`/opgaver/${taskId}/overblik?mangler=1`));
    const sentence = (await page.locator('#mangler-saetning').textContent())?.trim() ?? '';
    expect(sentence.startsWith(`Pr. ${formatDayLong(danishDay(new Date()))} mangler 97 kommuner at løse opgaven: `)).toBe(true);
    expect(sentence).toContain('Brøndby');
    expect(sentence).not.toContain(FAXE.name);

    const table = page.getByRole('table', { name: 'Kommuner, der mangler (97)' });
    // header row + 97 municipalities
    expect(await table.getByRole('row').count()).toBe(98);
    expect(await table.getByRole('link', { name: FAXE.name, exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Vis alle kommuner' }).waitFor();
    await accessible(page, 'task overview, missing only');
    await page.screenshot({ path: path.join(shots, 'overview-missing.png'), caret: 'initial' });
  });

  it('the reminder preview goes only to the Aula system owners of missing municipalities', async () => {
    const page = consultant;
    await page.getByRole('link', { name: 'Send påmindelse til de manglende' }).click();
    await page.waitForURL(url(`/opgaver/${taskId}/paamindelse`));
    await page.getByRole('heading', { level: 1, name: 'Påmindelser' }).waitFor();
    await page.getByText('97 kommuner mangler. Påmindelsen går til 5 modtagere i 5 kommuner.', { exact: true }).waitFor();

    const table = page.getByRole('table', { name: 'Modtagere af påmindelsen' });
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(1 + AULA_OWNERS.length);
    const recipients = [];
    for (const row of await rows.all()) {
      if ((await row.getByRole('cell').count()) > 0) recipients.push(await rowByHeader(table, row));
    }
    expect(recipients.map((r) => r['E-mail']).sort()).toEqual([...AULA_OWNERS].sort());
    expect(recipients.every((r) => r.Status === 'Ikke startet')).toBe(true);
    const tableText = (await table.textContent()) ?? '';
    expect(tableText).not.toContain(SOFIE.name);
    expect(tableText).not.toContain(SOFIE.email);
    expect(tableText).not.toContain(FAXE.name);

    // The mail as it will be sent.
    await page.getByText(`Påmindelse: ${TASK.code} – ${TASK.title} – frist ${formatDeadline(DEADLINE)}`, { exact: true }).waitFor();
    const mail = page.locator('.samspil-mail-preview');
    const body = (await mail.innerText()).replace(/\s+/g, ' ');
    expect(body).toContain(`Opgaven "${TASK.code} – ${TASK.title}" har frist ${formatDayLong(DEADLINE)} (om 30 dage)`);
    expect(body).toContain(`Hvis opgaven ikke løses: ${TASK.consequence}`);
    expect(body).toContain(`http://samspil.test/opgaver/${taskId}`);
    await page.getByRole('button', { name: 'Send påmindelse til 5 modtagere' }).waitFor();
    await accessible(page, 'reminder preview');
    await page.screenshot({ path: path.join(shots, 'reminder-preview.png'), fullPage: true, caret: 'initial' });

    // Nothing is sent by looking; back leads to the task's overview, where the user came from.
    await page.getByRole('link', { name: 'Tilbage til opgavens overblik' }).click();
    await page.waitForURL(url(`/opgaver/${taskId}/overblik`));
    await page.getByText('98 adresseret: 1 løst, 0 i gang, 97 ikke startet, 0 ikke relevant. 97 mangler.', { exact: true }).waitFor();
  });
});
