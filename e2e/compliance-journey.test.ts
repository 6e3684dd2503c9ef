// Journey from issue #10 point 12: "the information-security consultant publishes Aula 2025;
// Faxe's recipient gets the mail, opens the package, sees what changed since 2024, adds a measure
// to a high risk and acknowledges; the consultant sees Faxe's response in the aggregate."
//
// The test app's seed has no compliance data, so Aula 2024 (published, delivered to Faxe) and the
// people come from test/factories/compliance.ts; the consultant makes the 2025 draft through the
// pages (copy, a risk made more serious, a new risk) so "what changed" has something to say.
// Driven like a user: Danish labels and roles, no sleeps, forms sent with Enter where a user would.
// Every distinct page is checked with axe (no serious/critical violations).
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/client.ts';
import { danishDay, formatDeadline } from '../src/platform/views/format.ts';
import { startTestApp, type TestApp } from '../test/app.ts';
import { buildPackage, complianceUser } from '../test/factories/compliance.ts';
import { accessibleOnce, launchBrowser, listenForBrowser, logInAs } from './browser.ts';

const TITLE_2025 = 'Compliancepakke 2025 – Aula';
const MEASURE = 'Faxe giver kun skolernes administration adgang til elevernes helbredsoplysninger.';
/** One year from today in Denmark, as yyyy-mm-dd (the measure's deadline). */
const DEADLINE = `${Number(danishDay(new Date()).slice(0, 4)) + 1}${danishDay(new Date()).slice(4)}`.replace(/-02-29$/, '-02-28');

let t: TestApp;
let browser: Browser;
let base = '';
const people = { consultant: '', faxe: '', faxeOther: '' };

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  people.consultant = await complianceUser(db, 'informationssikkerhed');
  people.faxe = await complianceUser(db, 'compliancepakke-modtager', '0320');
  people.faxeOther = await complianceUser(db, 'compliancepakke-modtager', '0320');
  await buildPackage(db, { solutionKey: 'aula', year: 2024, status: 'published', targets: ['0320', '0153'] });
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const url = (pathname: string) => `${base}${pathname}`;

const accessible = accessibleOnce();

const packageNav = (page: Page) => page.getByRole('navigation', { name: 'Pakkens sider' });

describe("compliance: Aula 2025 is published, Faxe's recipient responds, the consultant sees it", () => {
  let consultant: Page;
  let recipient: Page;
  let packagePath = '';

  it('the consultant starts Aula 2025 as a copy of 2024 from the Compliance menu', async () => {
    consultant = await logInAs(browser, base, people.consultant);
    await consultant.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Compliance' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Compliancepakker' }).waitFor();
    await accessible(consultant, 'compliance (central liste)');
    await consultant.getByRole('button', { name: 'Start 2025 som kopi af Compliancepakke 2024 – Aula' }).click();
    await consultant.getByRole('heading', { level: 1, name: TITLE_2025 }).waitFor();
    packagePath = new URL(consultant.url()).pathname;
    expect(packagePath).toMatch(/^\/compliance\/pakker\/[0-9a-f-]{36}$/);
    await consultant.getByText('Næste års pakke er oprettet som kladde').waitFor();
    await accessible(consultant, 'pakke (central, kladde)');
  });

  it('makes R2 more serious and adds R5, the last one sent with Enter', async () => {
    await packageNav(consultant).getByRole('link', { name: 'Risici' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Risici' }).waitFor();
    await accessible(consultant, 'risici (central, kladde)');
    await consultant.getByRole('link', { name: 'R2', exact: true }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Risiko R2' }).waitFor();
    await accessible(consultant, 'risiko (central, kladde)');
    await consultant.getByRole('link', { name: 'Ret risikoen' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Ret risiko R2' }).waitFor();
    await accessible(consultant, 'ret risiko');
    await consultant.getByRole('group', { name: 'Konsekvens for de registrerede' }).getByLabel('4 Ødelæggende').check();
    await consultant.getByRole('button', { name: 'Gem risikoen' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Risiko R2' }).waitFor();

    await consultant.getByRole('link', { name: 'Tilbage til alle risici' }).click();
    await consultant.getByRole('link', { name: 'Ny risiko' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Ny risiko' }).waitFor();
    await accessible(consultant, 'ny risiko');
    await consultant.getByRole('textbox', { name: /^Trussel\/scenarie/ }).fill('Uvedkommende får adgang til elevplaner via delte links.');
    await consultant.getByRole('group', { name: 'Sandsynlighed', exact: true }).getByLabel('3 Sandsynligt').check();
    await consultant.getByRole('group', { name: 'Konsekvens for de registrerede' }).getByLabel('3 Meget alvorlig').check();
    await consultant.getByRole('group', { name: 'Sandsynlighed efter foranstaltningerne' }).getByLabel('2 Mindre sandsynligt').check();
    await consultant.getByRole('group', { name: 'Konsekvens efter foranstaltningerne' }).getByLabel('2 Mindre alvorlig').check();
    await consultant.getByRole('group', { name: 'Håndtering af risikoen' }).getByLabel('Reducere').check();
    const ref = consultant.getByRole('textbox', { name: /^Nummer/ });
    await ref.fill('R5');
    await ref.press('Enter');
    await consultant.getByRole('heading', { level: 1, name: 'Risiko R5' }).waitFor();
  });

  it('publishes it through the confirmation (Enter on the button); each Faxe recipient gets exactly one mail with the link', async () => {
    await packageNav(consultant).getByRole('link', { name: 'Overblik' }).click();
    await consultant.getByRole('heading', { level: 1, name: TITLE_2025 }).waitFor();
    await consultant.getByRole('link', { name: 'Offentliggør pakken' }).click();
    await consultant.getByRole('heading', { level: 1, name: `Offentliggør ${TITLE_2025}` }).waitFor();
    await accessible(consultant, 'offentliggør (bekræftelse)');
    expect(await consultant.locator('#plan-modtagere').innerText()).toContain('2 modtagere i 1 kommune får en mail');
    // From the keyboard: the button takes focus and Enter sends the form.
    await consultant.getByRole('button', { name: 'Offentliggør og send mails' }).focus();
    await consultant.keyboard.press('Enter');
    await consultant.waitForURL((u) => u.pathname === `${packagePath}/kommuner`);
    await consultant.getByRole('heading', { level: 1 }).waitFor();
    await accessible(consultant, 'kommunerne (efter offentliggørelse)');

    for (const address of [people.faxe, people.faxeOther]) {
      const mails = await rawRows<{ subject: string; body: string }>(t.database.db, sql`select subject, body from outbox_mail where to_address = ${address}`);
      expect(mails, address).toHaveLength(1);
      expect(mails[0]!.subject).toBe(`Ny compliancepakke: ${TITLE_2025}`);
      expect(mails[0]!.body).toContain(`http://samspil.test${packagePath}\n`);
    }
  });

  it("Faxe's recipient follows the link and reads what changed since 2024 first", async () => {
    const [mail] = await rawRows<{ body: string }>(t.database.db, sql`select body from outbox_mail where to_address = ${people.faxe}`);
    const link = /http:\/\/samspil\.test(\/compliance\/pakker\/[0-9a-f-]{36})/.exec(mail!.body)![1]!;
    recipient = await logInAs(browser, base, people.faxe);
    await recipient.goto(url(link));
    await recipient.getByRole('heading', { level: 1, name: TITLE_2025 }).waitFor();
    // The first thing under the package's name is what changed, before its own menu.
    const headings = await recipient.locator('main h2').allInnerTexts();
    expect(headings[0]).toBe('Ændringer siden 2024');
    const changes = recipient.getByRole('region', { name: 'Ændringer siden 2024' });
    expect(await changes.innerText()).toContain('Risici: 1 tilføjet, 1 ændret');
    await accessible(recipient, 'pakke (modtager, ændringer først)');

    await changes.getByRole('link', { name: 'Se alle ændringer siden 2024' }).click();
    await recipient.getByRole('heading', { level: 1 }).waitFor();
    expect(await recipient.locator('main').innerText()).toContain('R5');
    await accessible(recipient, 'ændringer (modtager)');
  });

  it('opens a high risk and adds an own measure with its own residual assessment, sent with Enter', async () => {
    await packageNav(recipient).getByRole('link', { name: 'Risici' }).click();
    await recipient.getByRole('heading', { level: 1, name: 'Risici' }).waitFor();
    await accessible(recipient, 'risici (modtager)');
    const r2 = recipient.locator('tr[data-risk="R2"]');
    expect((await r2.locator('td').nth(1).innerText()).trim()).toMatch(/^(Høj|Meget høj)$/);
    await r2.getByRole('link', { name: 'R2' }).click();
    await recipient.getByRole('heading', { level: 1, name: 'Risiko R2' }).waitFor();
    await recipient.getByText('Faxe Kommune har ikke svaret på risikoen endnu.').waitFor();
    await accessible(recipient, 'risiko med svarformular (modtager)');

    await recipient.getByLabel('Egne supplerende foranstaltninger', { exact: true }).check();
    const first = recipient.getByRole('group', { name: 'Foranstaltning 1' });
    await first.getByLabel('Beskrivelse').fill(MEASURE);
    await first.getByLabel('Frist').fill(DEADLINE);
    await recipient.getByRole('group', { name: 'Jeres sandsynlighed efter foranstaltningerne' }).getByLabel('1 Usandsynligt').check();
    await recipient.getByRole('group', { name: 'Jeres konsekvens for de registrerede efter foranstaltningerne' }).getByLabel('3 Meget alvorlig').check();
    const owner = first.getByLabel('Ansvarlig');
    await owner.fill('Skoleforvaltningen');
    await owner.press('Enter');

    await recipient.getByText('Jeres svar på risikoen er gemt.').waitFor();
    const panel = recipient.getByRole('region', { name: 'Jeres svar på R2' });
    const saved = await panel.innerText();
    expect(saved).toContain('Egne supplerende foranstaltninger');
    expect(saved).toContain('Mellem (sandsynlighed 1 Usandsynligt, konsekvens 3 Meget alvorlig)');
    const row = panel.getByRole('table', { name: 'Jeres egne supplerende foranstaltninger' }).locator('tbody tr');
    expect(await row.locator('td').allInnerTexts()).toEqual([MEASURE, 'Skoleforvaltningen', formatDeadline(DEADLINE)]);
    await accessible(recipient, 'risiko med gemt svar (modtager)');
  });

  it('acknowledges receipt on the package', async () => {
    await packageNav(recipient).getByRole('link', { name: 'Overblik' }).click();
    await recipient.getByRole('button', { name: 'Kvittér for modtagelsen' }).click();
    await recipient.locator('#kvitteret').waitFor();
    expect(await recipient.locator('#kvitteret').innerText()).toMatch(/^Kvitteret for modtagelsen .* af Mona Modtager \d+\.$/);
    await accessible(recipient, 'pakke (modtager, kvitteret)');
  });

  it("the consultant sees Faxe's measure and acknowledgement in the responses overview", async () => {
    await consultant.goto(url(packagePath));
    await packageNav(consultant).getByRole('link', { name: 'Kommunernes svar' }).click();
    await consultant.getByRole('heading', { level: 2, name: 'Kommunernes svar på risiciene' }).waitFor();
    await consultant.getByRole('link', { name: '1 kommune har tilføjet egne foranstaltninger til R2' }).waitFor();
    expect(await consultant.locator('main li', { hasText: 'tilføjet egne foranstaltninger til R2' }).innerText()).toBe('1 kommune har tilføjet egne foranstaltninger til R2: Faxe');
    const faxe = consultant.locator('tr[data-kommune="0320"]');
    const cells = await faxe.locator('td').allInnerTexts();
    expect(cells[0]).toBe('1 af 5');
    expect(cells[2]).toBe('1');
    expect(cells[6]).not.toBe('Ikke kvitteret');
    expect(await consultant.locator('tr[data-risiko="R2"] td').nth(2).innerText()).toBe('1');
    await accessible(consultant, 'kommunernes svar');
  });
});
