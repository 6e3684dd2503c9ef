// Journey from issue #14 point 10: "the consultant builds the meeting's agenda from Faxe's
// submitted input, previews Faxe's follow-up (it names the FLIS task Faxe has not solved and the
// Byg og Miljø agreement Faxe has not signed), sends it, and a second click sends nothing more;
// Faxe's program leader reads the cash-benefit reform page with its chart."
//
// On top of the test app's people come the deck's tasks (Faxe has not solved the FLIS task), its
// agreements (Faxe has not signed Byg og Miljø) and the programmes. The meeting is under way (it
// began half an hour ago, so it can be followed up), and Faxe's program leader sent a question
// for it yesterday. Driven like a user: Danish labels and roles, no sleeps; every distinct page
// checked with axe.
import { and, count, eq, like } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, userAccount } from '../src/platform/identity/schema.ts';
import { outboxMail } from '../src/platform/outbox/schema.ts';
import { DEMO_TITLES } from '../src/modules/agreements/demo-documents.ts';
import { seedDemoAgreements } from '../src/modules/agreements/demo.ts';
import { meeting, meetingAgendaItem, meetingFollowUp, meetingInput } from '../src/modules/meetings/schema.ts';
import { seedDemoNews } from '../src/modules/news/demo.ts';
import { seedDemoOperations } from '../src/modules/operations/demo.ts';
import { seedDemoProgrammes } from '../src/modules/programmes/demo.ts';
import { task } from '../src/modules/tasks/schema.ts';
import { seedDemoTasks } from '../src/modules/tasks/demo.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { accessibleOnce, expectFitsPhone, launchBrowser, listenForBrowser, logInAs, PHONE } from './browser.ts';

const FAXE = '0320';
const MEETING_TITLE = 'Programledermøde (rejse)';
const QUESTION = 'Hvornår åbner FLIS’ administrationsmodul for os?';
/** The place button in the question's row (its accessible name ends with the question). */
const placeButton = (page: Page) => page.getByRole('row', { name: /Hvornår åbner FLIS/ }).getByRole('button', { name: /Sæt på dagsordenen/ });

let t: TestApp;
let browser: Browser;
let base = '';
let meetingId = '';
let flisTitle = '';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const now = new Date();
  await seedDemoTasks(db);
  await seedDemoAgreements(db, now);
  await seedDemoProgrammes(db, now);
  await seedDemoNews(db, now);
  await seedDemoOperations(db, now);
  const [flis] = await db.select({ title: task.title }).from(task).where(eq(task.code, 'KLIK - FLIS 01'));
  flisTitle = flis!.title;
  const [m] = await db
    .insert(meeting)
    .values({
      title: MEETING_TITLE,
      startsAt: new Date(now.getTime() - 30 * 60_000),
      endsAt: new Date(now.getTime() + 90 * 60_000),
      place: 'KOMBIT, Halfdansgade 8, København S',
      recordingLink: 'https://video.samspil.demo/programledermoede',
    })
    .returning({ id: meeting.id });
  meetingId = m!.id;
  const [leader] = await db
    .select({ id: userAccount.id })
    .from(userAccount)
    .innerJoin(person, eq(person.id, userAccount.personId))
    .where(eq(person.email, DEMO.programLeader(FAXE)));
  await db.insert(meetingInput).values({
    municipalityCode: FAXE,
    meetingId,
    kind: 'spoergsmaal',
    title: QUESTION,
    body: 'Vi har indmeldt AftaleID, men har endnu ikke adgang.',
    submittedAt: new Date(now.getTime() - 24 * 3600_000),
    submittedBy: leader?.id ?? null,
  });
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const accessible = accessibleOnce();
const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' });

async function sentCounts() {
  const db = t.database.db;
  const [rows] = await db.select({ n: count() }).from(meetingFollowUp).where(eq(meetingFollowUp.meetingId, meetingId));
  const [mails] = await db.select({ n: count() }).from(outboxMail).where(like(outboxMail.dedupeKey, `meeting-follow-up:${meetingId}:%`));
  return { rows: Number(rows!.n), mails: Number(mails!.n) };
}

describe("A program leader meeting: the agenda from Faxe's input, Faxe's own follow-up sent once, and the reform's page", () => {
  let consultant: Page;

  it("the consultant finds Faxe's question on the meeting page and puts it on the agenda", async () => {
    consultant = await logInAs(browser, base, DEMO.consultant);
    await mainMenu(consultant).getByRole('link', { name: 'Møder' }).click();
    await consultant.getByRole('link', { name: MEETING_TITLE }).first().click();
    await consultant.getByRole('heading', { level: 1, name: MEETING_TITLE }).waitFor();
    await accessible(consultant, 'Mødet med input fra kommunerne');
    await placeButton(consultant).click();
    await consultant.getByRole('heading', { level: 1, name: MEETING_TITLE }).waitFor();
    const agenda = await t.database.db.select({ title: meetingAgendaItem.title, description: meetingAgendaItem.description }).from(meetingAgendaItem).where(eq(meetingAgendaItem.meetingId, meetingId));
    expect(agenda).toEqual([expect.objectContaining({ title: QUESTION, description: expect.stringContaining('Input fra Faxe Kommune') })]);
    // The agenda on the page now carries the question; the input is no longer waiting to be placed.
    expect(await placeButton(consultant).count()).toBe(0);
    expect(await consultant.getByText(QUESTION).count()).toBeGreaterThan(0);
    await accessible(consultant, 'Mødet med dagsordenen');
  });

  it("previews Faxe's follow-up: the FLIS task Faxe has not solved and the Byg og Miljø agreement it has not signed", async () => {
    await consultant.getByRole('link', { name: 'Se og send opfølgningen' }).click();
    await consultant.getByRole('heading', { level: 1, name: `Opfølgning på ${MEETING_TITLE}` }).waitFor();
    await accessible(consultant, 'Opfølgningen (vælg kommune)');
    await consultant.getByLabel('Kommune').selectOption(FAXE);
    await consultant.getByRole('button', { name: 'Vis kommunens opfølgning' }).click();
    await consultant.getByRole('heading', { level: 2, name: 'Faxe Kommune' }).waitFor();
    const text = await consultant.locator('[data-tekst]').innerText();
    expect(text).toContain('Det mangler Faxe Kommune');
    expect(text).toContain(flisTitle);
    expect(text).toContain(DEMO_TITLES.bygOgMiljoe);
    expect(text).toContain('https://video.samspil.demo/programledermoede');
    expect(await consultant.getByText(DEMO.programLeader(FAXE)).count()).toBeGreaterThan(0);
    await accessible(consultant, 'Faxes opfølgning (forhåndsvisning)');
    await consultant.setViewportSize(PHONE);
    await expectFitsPhone(consultant, 'Faxes opfølgning (forhåndsvisning)');
    await consultant.setViewportSize({ width: 1366, height: 900 });
    expect(await sentCounts()).toEqual({ rows: 0, mails: 0 });
  });

  it('sends it to every program leader once; a second click sends nothing more', async () => {
    const send = consultant.getByRole('button', { name: 'Send opfølgningen til programlederne i alle 98 kommuner' });
    await send.click();
    await consultant.getByText('Opfølgningen er sendt.', { exact: false }).waitFor();
    const first = await sentCounts();
    expect(first.rows).toBeGreaterThanOrEqual(98);
    expect(first.mails).toBe(first.rows);
    const faxeMails = await t.database.db
      .select({ body: outboxMail.body })
      .from(outboxMail)
      .where(and(like(outboxMail.dedupeKey, `meeting-follow-up:${meetingId}:%`), eq(outboxMail.toAddress, DEMO.programLeader(FAXE))));
    expect(faxeMails).toHaveLength(1);
    expect(faxeMails[0]!.body).toContain(flisTitle);
    expect(faxeMails[0]!.body).toContain(DEMO_TITLES.bygOgMiljoe);
    await consultant.locator('[data-status]').getByText(/^Opfølgning sendt .* til .* modtagere i 98 kommuner/).waitFor();
    await accessible(consultant, 'Opfølgningen sendt');

    await consultant.getByRole('button', { name: 'Send opfølgningen til programlederne i alle 98 kommuner' }).click();
    await consultant.getByText('Der blev ikke sendt noget: alle programledere har allerede fået opfølgningen.').waitFor();
    expect(await sentCounts()).toEqual(first);

    await consultant.goto(`${base}/moeder/${meetingId}`);
    await consultant.locator('[data-opfoelgning]').getByText(/^Opfølgning sendt .* til .* modtagere i 98 kommuner/).waitFor();
  });

  it("Faxe's program leader reads the cash-benefit reform page with its chart and the same numbers in a table", async () => {
    const leader = await logInAs(browser, base, DEMO.programLeader(FAXE));
    await mainMenu(leader).getByRole('link', { name: 'Programmer' }).click();
    await leader.getByRole('link', { name: 'Kontanthjælpsreformen' }).first().click();
    await leader.getByRole('heading', { level: 1, name: /Kontanthjælpsreformen/ }).waitFor();
    const chart = leader.locator('svg[data-chart="noegletal"]').first();
    await chart.waitFor();
    expect(await chart.getAttribute('role')).toBe('img');
    // The created and the processed transition tasks, each a chart with its table.
    const cells = (await leader.locator('figure.programme-figure table').allInnerTexts()).join('\n');
    expect(cells).toMatch(/89\.000/);
    expect(cells).toMatch(/70\.000/);
    await accessible(leader, 'Kontanthjælpsreformen (Faxes programleder)');
    await leader.setViewportSize(PHONE);
    await expectFitsPhone(leader, 'Kontanthjælpsreformen (Faxes programleder)');
    await leader.setViewportSize({ width: 1366, height: 900 });
    // Faxe sees on the meeting page that its follow-up was sent.
    await leader.goto(`${base}/moeder/${meetingId}`);
    await leader.locator('[data-opfoelgning]').getByText(/^Opfølgningen til Faxe Kommune blev sendt/).waitFor();
    await accessible(leader, 'Mødet (Faxes programleder)');
  });

  it("the issue's other pages read well on a wide screen and on a phone, for Faxe and for KOMBIT", async () => {
    const pages: [string, string][] = [
      [DEMO.programLeader(FAXE), '/moeder'],
      [DEMO.programLeader(FAXE), '/moeder/input'],
      [DEMO.programLeader(FAXE), '/drift'],
      [DEMO.programLeader(FAXE), '/nyt'],
      [DEMO.programLeader(FAXE), '/arrangementer'],
      [DEMO.programLeader(FAXE), '/programmer'],
      [DEMO.consultant, '/moeder/input'],
      [DEMO.consultant, `/moeder/${meetingId}/deltagere`],
      [DEMO.consultant, '/drift'],
    ];
    const opened = new Map<string, Page>();
    for (const [who, path] of pages) {
      const page = opened.get(who) ?? (await logInAs(browser, base, who));
      opened.set(who, page);
      await page.setViewportSize({ width: 1366, height: 900 });
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), `${who} ${path}`).toBe(200);
      await accessible(page, `${path} (${who})`);
      await page.setViewportSize(PHONE);
      await expectFitsPhone(page, `${path} (${who})`);
    }
  });
});
