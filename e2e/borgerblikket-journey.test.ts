// Journey from issue #13 point 10: "Faxe's program leader opens the assessment task, marks two
// numbers 'ikke klar', sees youth set to Nej for them in the configuration, checks with 'hvad ser
// borgeren?' that a 16-year-old's case under one of them is hidden with the reason, and the
// consultant sees Faxe's progress."
//
// On top of the test app's people comes Borgerblikket's own demo: the synthetic KLE plan, every
// municipality's configuration (Faxe opens 27 and 28 for the young), and the assessment task with
// Faxe in progress — some numbers decided, 27.12.04 among those still to decide. The program
// leader marks 27.12.04 and one more undecided number "ikke klar".
// Driven like a user: Danish labels and roles, no sleeps; every distinct page checked with axe.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_STEP_TITLE, ASSESSMENT_TITLE } from '../src/modules/borgerblikket/assessment/assessment-task.ts';
import { NOT_READY_REASON } from '../src/modules/borgerblikket/assessment/decide-numbers.ts';
import { DEMO_ASSESSMENT_CODE, DEMO_ASSESSMENT_ID } from '../src/modules/borgerblikket/demo-assessment.ts';
import { seedDemoBorgerblikket } from '../src/modules/borgerblikket/demo.ts';
import { bbAssessmentNumber } from '../src/modules/borgerblikket/schema.ts';
import { DEMO, startTestApp, type TestApp } from '../test/app.ts';
import { accessibleOnce, expectFitsPhone, launchBrowser, listenForBrowser, logInAs, PHONE } from './browser.ts';

const FAXE = '0320';

let t: TestApp;
let browser: Browser;
let base = '';
/** 27.12.04 and the first other number Faxe has not decided yet. */
let chosen: [string, string];
let decidedBefore = 0;
let listed = 0;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await seedDemoBorgerblikket(db, new Date());
  const faxe = await db
    .select({ kle: bbAssessmentNumber.kle, decision: bbAssessmentNumber.decision })
    .from(bbAssessmentNumber)
    .where(and(eq(bbAssessmentNumber.assessmentId, DEMO_ASSESSMENT_ID), eq(bbAssessmentNumber.municipalityCode, FAXE)))
    .orderBy(asc(bbAssessmentNumber.kle));
  listed = faxe.length;
  decidedBefore = faxe.filter((n) => n.decision !== null).length;
  const open = faxe.filter((n) => n.decision === null).map((n) => n.kle);
  expect(open).toContain('27.12.04');
  chosen = ['27.12.04', open.find((k) => k !== '27.12.04')!];
  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const accessible = accessibleOnce();
const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmenu' });

describe("Borgerblikket: Faxe assesses its KLE numbers with youth data, and KOMBIT follows Faxe's progress", () => {
  let leader: Page;
  let consultant: Page;

  it("Faxe's program leader opens the assessment task from Mine opgaver", async () => {
    leader = await logInAs(browser, base, DEMO.programLeader(FAXE));
    await mainMenu(leader).getByRole('link', { name: 'Mine opgaver' }).click();
    await leader.getByRole('link', { name: new RegExp(ASSESSMENT_TITLE) }).first().click();
    await leader.getByRole('heading', { level: 1, name: new RegExp(ASSESSMENT_TITLE) }).waitFor();
    await leader.getByText(ASSESSMENT_STEP_TITLE).first().waitFor();
    expect(await leader.getByText(DEMO_ASSESSMENT_CODE).count()).toBeGreaterThan(0);
    await accessible(leader, 'KLIK-opgaven om vurderingen (Faxe)');
  });

  it('finds Faxe’s numbers under Borgerblikket and marks two of them «ikke klar»', async () => {
    await mainMenu(leader).getByRole('link', { name: 'Borgerblikket' }).click();
    await leader.getByRole('link', { name: 'Vurdering af KLE-numre med ungedata' }).click();
    await leader.getByRole('link', { name: new RegExp(ASSESSMENT_TITLE) }).first().click();
    await leader.waitForURL(`${base}/borgerblikket/vurdering/${DEMO_ASSESSMENT_ID}/kommuner/${FAXE}`);
    await leader.getByText(`${decidedBefore} af ${listed} KLE-numre er vurderet.`).waitFor();
    await accessible(leader, 'Faxes vurdering (før)');
    for (const kle of chosen) {
      const row = leader.locator(`tr[data-kle="${kle}"]`);
      expect(await row.getByRole('link', { name: 'Ja' }).count()).toBe(1);
      await row.getByLabel('Ikke klar').check();
    }
    await leader.getByRole('button', { name: 'Gem vurderingerne' }).click();
    await leader.getByText(`${decidedBefore + 2} af ${listed} KLE-numre er vurderet.`).waitFor();
    for (const kle of chosen) {
      const row = leader.locator(`tr[data-kle="${kle}"]`);
      expect(await row.getByLabel('Ikke klar').isChecked()).toBe(true);
      expect(await row.getByRole('link', { name: 'Nej' }).count()).toBe(1);
    }
    await accessible(leader, 'Faxes vurdering (gemt)');
  });

  it('sees youth set to Nej for the two numbers in the configuration, with the assessment as the reason', async () => {
    await leader.getByRole('link', { name: 'KLE-opsætning' }).first().click();
    await leader.getByRole('heading', { level: 1, name: /Faxe/ }).waitFor();
    for (const kle of chosen) {
      const cells = await leader.locator(`tr[data-kle="${kle}"]`).innerText();
      // The youth column says Nej, set on the number itself.
      expect(cells).toMatch(/Nej\s+sat her/);
    }
    await accessible(leader, 'Faxes KLE-opsætning');
    await leader.locator(`tr[data-kle="${chosen[0]}"]`).getByRole('link', { name: chosen[0] }).click();
    await leader.getByRole('heading', { level: 1, name: new RegExp(chosen[0].replace(/\./g, '\\.')) }).waitFor();
    const now = leader.getByRole('table', { name: 'Det, der gælder for nummeret nu' });
    expect(await now.getByRole('row', { name: /Vises for 15–17-årige/ }).innerText()).toMatch(/Vises for 15–17-årige\s+Nej/);
    expect(await leader.getByText(NOT_READY_REASON).count()).toBeGreaterThan(0);
    await accessible(leader, `KLE ${chosen[0]} i Faxe`);
  });

  it('checks with «Hvad ser borgeren?» that a 16-year-old’s case under 27.12.04 is hidden, and why', async () => {
    await leader.goto(`${base}/borgerblikket/kommuner/${FAXE}`);
    await leader.getByRole('link', { name: 'Hvad ser borgeren?' }).first().click();
    await leader.getByRole('heading', { level: 1, name: 'Hvad ser borgeren?' }).waitFor();
    await accessible(leader, 'Hvad ser borgeren? (tom)');
    await leader.getByLabel(/^Borgerens alder/).fill('16');
    await leader.getByLabel(/^KLE-nummer/).fill('27.12.04');
    await leader.getByRole('textbox', { name: /^Kildesystem/ }).fill('KY');
    await leader.getByLabel(/^Sagen er oprettet/).fill('01.06.2025');
    await leader.getByRole('button', { name: 'Vis svaret' }).click();
    await leader.getByRole('heading', { level: 2, name: 'Skjult: borgeren ser ikke sagen' }).waitFor();
    expect(await leader.getByText('Skjult: borgeren er 16 år, og KLE 27.12.04 er ikke åbnet for unge i Faxe').count()).toBe(1);
    await accessible(leader, 'Hvad ser borgeren? (svar)');
    await leader.setViewportSize(PHONE);
    await expectFitsPhone(leader, 'Hvad ser borgeren? (svar)');
    await leader.setViewportSize({ width: 1366, height: 900 });
  });

  it("the consultant sees Faxe's progress: two more numbers decided, and closed for the young", async () => {
    consultant = await logInAs(browser, base, DEMO.consultant);
    await mainMenu(consultant).getByRole('link', { name: 'Borgerblikket' }).click();
    await consultant.getByRole('link', { name: 'Vurdering af KLE-numre med ungedata' }).click();
    await consultant.getByRole('link', { name: new RegExp(ASSESSMENT_TITLE) }).first().click();
    await consultant.waitForURL(`${base}/borgerblikket/vurdering/${DEMO_ASSESSMENT_ID}`);
    const row = await consultant.locator(`tr[data-kommune="${FAXE}"]`).innerText();
    expect(row).toContain('Faxe');
    expect(row).toContain(`${decidedBefore + 2} af ${listed}`);
    const left = await t.database.db
      .select({ kle: bbAssessmentNumber.kle })
      .from(bbAssessmentNumber)
      .where(and(eq(bbAssessmentNumber.assessmentId, DEMO_ASSESSMENT_ID), eq(bbAssessmentNumber.municipalityCode, FAXE), isNull(bbAssessmentNumber.decision)));
    expect(row).toContain(left.length === 0 ? 'Færdig' : 'I gang');
    await accessible(consultant, 'vurderingens status (central)');
    await consultant.setViewportSize(PHONE);
    await expectFitsPhone(consultant, 'vurderingens status (central)');
  });
});
