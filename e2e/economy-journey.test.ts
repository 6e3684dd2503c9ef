// Journey from issue #11 point 10: "the economy consultant imports a FOLK1A file, publishes the 2026
// budget guidance, and Faxe's IT chief opens Faxe's guidance and downloads the PDF; Faxe's program
// leader submits a proposal to the pool and sees its state."
//
// The test app's seed has only organisations and people. Built here: the economy role for the demo
// consultant, an IT chief in every municipality, and prices for 2025 and 2026 with 2025's population
// from test/factories/economy.ts. 2026's population is the FOLK1A file the consultant imports in the
// browser, so the guidance's 2026 amounts come from that file and are compared with 2025's.
// Driven like a user: Danish labels and roles, no sleeps. Every distinct page is checked with axe (no
// serious/critical violations); the guidance and the pool with Faxe's proposal also at 390 px.
import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/client.ts';
import { referenceMunicipalities } from '../src/db/reference/municipalities.ts';
import { roleAssignment, userAccount } from '../src/db/schema.ts';
import { seedDemoItChefs } from '../src/modules/organisations/index.ts';
import { formatKroner } from '../src/platform/views/format.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { buildK98Year, buildPriceModel } from '../test/factories/economy.ts';
import { accessibleOnce, launchBrowser, listenForBrowser, logInAs } from './browser.ts';

const FAXE = '0320';
const FAXE_CHIEF = `it-chef-${FAXE}@samspil.demo`;
/** Faxe in the imported 2026K1 figures; 2025K1 (the factory's) has Faxe at the reference 38.000. */
const FAXE_2026 = 37_250;
const FAXE_2025 = 38_000;
/** The infrastructure's rate per citizen: 25 kr. in 2025 (the factory's), 26 kr. in 2026. */
const INFRA_2026_ORE = FAXE_2026 * 2600;
const INFRA_2025_ORE = FAXE_2025 * 2500;
const PHONE = { width: 390, height: 844 };
const PROPOSAL = 'Fælles skabeloner til forældrebreve i Aula';

/**
 * Danmarks Statistik's FOLK1A as a user downloads it: OMRÅDE;TID;INDHOLD, the whole country first
 * (skipped on import), then all 98 municipalities, every other one by its three-digit code and the
 * rest by name, Faxe by name.
 */
function folk1a(period: string): Buffer {
  const rows = referenceMunicipalities().map((m, i) => {
    const area = m.code === FAXE || i % 2 === 1 ? m.name : m.code.slice(1);
    return `${area};${period};${m.code === FAXE ? FAXE_2026 : m.population + (i % 7) * 11}`;
  });
  return Buffer.from(['OMRÅDE;TID;INDHOLD', `Hele landet;${period};5999999`, ...rows].join('\r\n') + '\r\n', 'utf8');
}

let t: TestApp;
let browser: Browser;
let base = '';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await seedDemoItChefs(db);
  // 2025 as the factory prices a K98 year, with its population period; 2026's population comes from the import.
  await buildK98Year(db, 2025, { aulaTotalOre: 280_000_000_00 });
  await buildPriceModel(db, { year: 2026, solutionKey: 'infrastruktur', label: 'Infrastruktur', kind: 'per_citizen_kink', rateOre: 2600, kink: { thresholdCitizens: 150_000, reducedPercent: 50 } });
  await buildPriceModel(db, {
    year: 2026,
    solutionKey: 'valg',
    label: 'Valgkort',
    kind: 'usage',
    usageUnit: 'valgkort',
    unitPrices: [
      { label: 'tryk', unitPriceOre: 190 },
      { label: 'porto', unitPriceOre: 740 },
    ],
    usage: { '0101': 520_000, [FAXE]: 30_000, '0825': 1_500 },
  });
  await buildPriceModel(db, { year: 2026, solutionKey: 'aula', label: 'Aula', kind: 'distributed', amountOre: 300_000_000_00 });
  // The demo consultant is KOMBIT's economy consultant in this journey.
  const [consultant] = await db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
  await db.insert(roleAssignment).values({ personId: consultant!.personId, municipalityCode: null, roleTypeKey: 'oekonomi' });
  // The autumn before the budget year, when the guidance is published: the population page offers
  // 2026 as the coming year and the pool takes proposals for it, whatever today's date is.
  t.setNow(new Date('2025-10-01T08:00:00Z'));
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const accessible = accessibleOnce();

/** At 390 px: nothing wider than the screen (a wide table scrolls inside its wrapper), and axe again. */
async function accessibleOnPhone(page: Page, label: string) {
  const desktop = page.viewportSize()!;
  await page.setViewportSize(PHONE);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${label}: the page scrolls sideways at 390 px`).toBeLessThanOrEqual(PHONE.width);
  await accessible(page, `${label} (390 px)`);
  await page.setViewportSize(desktop);
}

const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' });

describe('K98 economy: FOLK1A import, the 2026 budget guidance to Faxe, and a proposal to the pool', () => {
  let consultant: Page;
  let chief: Page;
  let leader: Page;
  let proposalPath = '';

  it('the economy consultant imports FOLK1A 2026K1 for all 98 municipalities from the Økonomi menu', async () => {
    consultant = await logInAs(browser, base, DEMO.consultant);
    await mainMenu(consultant).getByRole('link', { name: 'Økonomi' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Økonomi' }).waitFor();
    await accessible(consultant, 'økonomi (central)');
    await consultant.getByRole('link', { name: 'Befolkningstal' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Befolkningstal' }).waitFor();
    await accessible(consultant, 'befolkningstal (før import)');

    await consultant.getByLabel('Fil (CSV)').setInputFiles({ name: 'FOLK1A-2026K1.csv', mimeType: 'text/csv', buffer: folk1a('2026K1') });
    await consultant.getByRole('button', { name: 'Importér' }).click();
    await consultant.waitForURL(`${base}/oekonomi/befolkning?besked=importeret`);
    await consultant.getByText('Befolkningstallene er importeret.').waitFor();
    const periods = consultant.getByRole('table', { name: 'Importerede perioder' });
    await expect.poll(() => periods.getByRole('row', { name: /^2026K1/ }).innerText()).toContain('98 kommuner');
    await accessible(consultant, 'befolkningstal (importeret)');
    const [imported] = await rawRows<{ n: number; faxe: number }>(
      t.database.db,
      sql`select count(*)::int as n, max(population) filter (where municipality_code = ${FAXE})::int as faxe from population where period = '2026K1'`,
    );
    expect(imported).toEqual({ n: 98, faxe: FAXE_2026 });
  });

  it('chooses 2026K1 for the budget year 2026, sent with Enter', async () => {
    const years = consultant.getByRole('table', { name: 'Den periode, hvert budgetår bruger' });
    expect(await years.getByRole('row', { name: /^2026/ }).innerText()).toContain('Ikke valgt');
    const field = consultant.getByRole('textbox', { name: /^Periode for budgetår 2026/ });
    await field.fill('2026K1');
    await field.press('Enter');
    await consultant.waitForURL(`${base}/oekonomi/befolkning?besked=gemt`);
    await consultant.getByText('Perioden for budgetåret er gemt.').waitFor();
    expect(await years.getByRole('row', { name: /^2026/ }).innerText()).toContain('2026K1');
  });

  it("publishes the 2026 budget guidance from the year's documents through the confirmation", async () => {
    await consultant.goto(`${base}/oekonomi/dokumenter/2026`);
    await consultant.getByRole('heading', { level: 1, name: 'Årets dokumenter 2026' }).waitFor();
    const guidance = consultant.getByRole('region', { name: /^Budgetvejledning 2026/ });
    expect(await guidance.innerText()).toContain('Ikke offentliggjort');
    await accessible(consultant, 'årets dokumenter 2026 (udkast)');
    await guidance.getByRole('link', { name: 'Offentliggør budgetvejledning 2026' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Offentliggør budgetvejledning 2026' }).waitFor();
    expect(await consultant.locator('#plan').innerText()).toContain('98 kommuner får hver sit dokument');
    await accessible(consultant, 'offentliggør budgetvejledning (bekræftelse)');
    await consultant.getByRole('button', { name: 'Offentliggør og send mails' }).click();
    await consultant.waitForURL(`${base}/oekonomi/dokumenter/2026?besked=offentliggjort`);
    await consultant.getByText('Dokumenterne er offentliggjort').waitFor();
    expect(await consultant.getByRole('region', { name: /^Budgetvejledning 2026/ }).innerText()).toContain('0 af 98 kommuner har åbnet dokumentet');
    await accessible(consultant, 'årets dokumenter 2026 (offentliggjort)');

    const mails = await rawRows<{ subject: string; body: string }>(t.database.db, sql`select subject, body from outbox_mail where to_address = ${FAXE_CHIEF}`);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain(`/oekonomi/kommuner/${FAXE}/2026/budgetvejledning`);
  });

  it("Faxe's IT chief finds the guidance on the front page and reads 2026 against 2025", async () => {
    chief = await logInAs(browser, base, FAXE_CHIEF);
    await accessible(chief, 'forside (Faxe IT-chef, ny budgetvejledning)');
    await chief.getByRole('link', { name: 'Læs budgetvejledning 2026 fra KOMBIT' }).click();
    await chief.waitForURL(`${base}/oekonomi/kommuner/${FAXE}/2026/budgetvejledning`);
    await chief.getByRole('heading', { level: 1, name: 'Budgetvejledning 2026 – Faxe Kommune' }).waitFor();
    const table = chief.getByRole('table', { name: 'Forventet betaling 2026 pr. løsning sammenlignet med 2025' });
    const infrastructure = await table.getByRole('row', { name: /^Fælleskommunal IT-Infrastruktur/ }).innerText();
    expect(infrastructure).toContain(`${new Intl.NumberFormat('da-DK').format(FAXE_2026)} indbyggere × 26,00 kr.`);
    expect(infrastructure).toContain(formatKroner(INFRA_2026_ORE));
    expect(infrastructure).toContain(formatKroner(INFRA_2025_ORE));
    expect(infrastructure).toContain(`+${formatKroner(INFRA_2026_ORE - INFRA_2025_ORE)}`);
    await accessible(chief, 'budgetvejledning 2026 (Faxe, offentliggjort)');
    await accessibleOnPhone(chief, 'budgetvejledning 2026 (Faxe, offentliggjort)');
  });

  it('downloads the guidance as a PDF named for Faxe', async () => {
    const [download] = await Promise.all([chief.waitForEvent('download'), chief.getByRole('link', { name: 'Hent som PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`budgetvejledning-2026-${FAXE}-faxe.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The document's title in the PDF's information dictionary, written as UTF-16 big-endian (it holds a dash).
    const title = Buffer.from('Budgetvejledning 2026 – Faxe Kommune', 'utf16le').swap16();
    expect(pdf.includes(title), 'the PDF is titled with Faxe Kommune').toBe(true);
  });

  it("then finds it, opened, among Faxe's documents under Økonomi", async () => {
    await mainMenu(chief).getByRole('link', { name: 'Økonomi' }).click();
    await chief.getByRole('heading', { level: 1, name: 'Økonomi' }).waitFor();
    const year = chief.getByRole('region', { name: '2026' });
    await year.getByRole('link', { name: 'Budgetvejledning 2026', exact: true }).waitFor();
    expect(await year.innerText()).not.toContain('Ikke åbnet');
    await accessible(chief, 'økonomi (Faxe)');
  });

  it("Faxe's program leader submits a proposal to the pool from K98-styring", async () => {
    leader = await logInAs(browser, base, DEMO.programLeader(FAXE));
    await mainMenu(leader).getByRole('link', { name: 'K98-styring' }).click();
    await leader.getByRole('heading', { level: 1, name: 'K98-styring' }).waitFor();
    await accessible(leader, 'K98-styring (Faxe programleder)');
    await leader.getByRole('link', { name: /^Prioriteringspuljen/ }).click();
    await leader.getByRole('heading', { level: 1, name: 'Prioriteringspuljen' }).waitFor();
    await accessible(leader, 'prioriteringspuljen (Faxe, intet forslag endnu)');
    await leader.getByRole('link', { name: 'Indsend input til kommende møder' }).click();
    await leader.waitForURL(`${base}/styring/puljen/nyt`);
    await leader.getByRole('heading', { level: 1, name: 'Indsend input til kommende møder' }).waitFor();
    await accessible(leader, 'indsend forslag');

    await leader.getByRole('textbox', { name: /^Titel/ }).fill(PROPOSAL);
    await leader.getByRole('textbox', { name: /^Beskrivelse/ }).fill('Kommunerne skriver de samme breve hver for sig. En fælles skabelon sparer tid og giver forældrene ens besked.');
    await leader.getByRole('group', { name: 'Løsninger' }).getByLabel('Aula', { exact: true }).check();
    await leader.getByRole('textbox', { name: /^Anslået pris i kroner/ }).fill('250.000');
    await leader.getByRole('button', { name: 'Indsend forslag' }).click();
    await leader.waitForURL(/\/styring\/puljen\/forslag\/\d+\?besked=indsendt$/);
    proposalPath = new URL(leader.url()).pathname;
    await leader.getByRole('heading', { level: 1, name: new RegExp(`^Forslag \\d+: ${PROPOSAL}$`) }).waitFor();
    await leader.getByText('Forslaget er indsendt og har status Modtaget.').waitFor();
    const facts = await leader.locator('dl.samspil-facts').innerText();
    expect(facts).toMatch(/Status\s+Modtaget/);
    expect(facts).toMatch(/Forslagsstiller\s+Faxe\b/);
    expect(facts).toContain('250.000,00 kr.');
    expect(facts).toMatch(/Puljens år\s+2026/);
    expect(await leader.locator('#forslagets-trin').innerText()).toContain('Forslaget er modtaget af sekretariatet.');
    await accessible(leader, 'forslag (Faxe, modtaget)');
  });

  it('and follows it under "Jeres forslag" on the pool page', async () => {
    await leader.getByRole('link', { name: /^Tilbage til puljen/ }).click();
    await leader.getByRole('heading', { level: 1, name: 'Prioriteringspuljen' }).waitFor();
    const own = leader.getByRole('region', { name: 'Jeres forslag' });
    const row = own.getByRole('row', { name: new RegExp(PROPOSAL) });
    expect(await row.innerText()).toContain('Modtaget');
    expect(await row.getByRole('link', { name: PROPOSAL }).getAttribute('href')).toBe(proposalPath);
    await accessible(leader, 'prioriteringspuljen (Faxe, med forslag)');
    await accessibleOnPhone(leader, 'prioriteringspuljen (Faxe, med forslag)');
    const [stored] = await rawRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from pool_proposal where title = ${PROPOSAL}`);
    expect(stored!.n).toBe(1);
  });
});
