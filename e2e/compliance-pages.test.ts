// The compliance pages in a real browser at 1366 and 390 px: axe (no serious or critical
// violations) and, on the phone, no sideways scrolling of the page itself. One browser, one
// logged-in page per user (the information-security consultant and Faxe's recipient); the width
// changes between the rounds.
import { and, asc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceActivity, complianceRisk } from '../src/modules/compliance/schema.ts';
import { loginAs, startTestApp, type TestApp } from '../test/app.ts';
import { buildPackage, complianceUser } from '../test/factories/compliance.ts';
import { expectAccessible, launchBrowser, listenForBrowser, logInAs } from './browser.ts';

let t: TestApp;
let browser: Browser;
let base = '';
const users: Record<'author' | 'recipient', Page> = {} as Record<'author' | 'recipient', Page>;

type Visit = { label: string; who: keyof typeof users; path: () => string; heading: string | RegExp; also?: (page: Page) => Promise<void> };
const ids = { published: '', draft: '', publishedRisk: '', draftRisk: '', draftActivity: '' };
const p = (id: () => string, rest = '') => () => `/compliance/pakker/${id()}${rest}`;
const published = () => ids.published;
const draft = () => ids.draft;

const VISITS: Visit[] = [
  { label: 'pakkeliste (central)', who: 'author', path: () => '/compliance', heading: 'Compliancepakker' },
  { label: 'pakkeliste (kommune)', who: 'recipient', path: () => '/compliance', heading: 'Compliancepakker' },
  { label: 'pakkens overblik (central)', who: 'author', path: p(published), heading: 'Compliancepakke 2025 – Aula' },
  { label: 'pakkens overblik (kommune)', who: 'recipient', path: p(published), heading: 'Compliancepakke 2025 – Aula' },
  { label: 'fortegnelse', who: 'author', path: p(published, '/fortegnelse'), heading: /./ },
  {
    label: 'kolonne G',
    who: 'author',
    path: () => `${p(draft, '/fortegnelse')()}/${ids.draftActivity}/kolonne-g`,
    heading: /^Kolonne G/,
    also: async (page) => {
      // Each cell shows a box to tick (the label draws it), not just an input nobody can see.
      expect(await page.getByRole('checkbox', { name: 'CPR-nummer – Borgere' }).isChecked()).toBe(true);
      const drawn = await page.locator('label[for="celle-cpr-boern"]').evaluate((label) => {
        const box = getComputedStyle(label, '::before');
        return { content: box.content, width: box.width, border: box.borderTopWidth };
      });
      expect(drawn).toEqual({ content: '""', width: '24px', border: '2px' });
    },
  },
  { label: 'pakkens leverandører', who: 'author', path: p(published, '/leverandoerer'), heading: /./ },
  { label: 'leverandørregister', who: 'author', path: () => '/compliance/leverandoerer', heading: /./ },
  { label: 'risici', who: 'author', path: p(published, '/risici'), heading: 'Risici' },
  { label: 'risiko med svarformular (modtager)', who: 'recipient', path: () => `${p(published, '/risici')()}/${ids.publishedRisk}`, heading: 'Risiko R4' },
  { label: 'risikoformular (forfatter)', who: 'author', path: () => `${p(draft, '/risici')()}/${ids.draftRisk}/rediger`, heading: 'Ret risiko R4' },
  { label: 'ændringer', who: 'author', path: p(published, '/aendringer'), heading: 'Compliancepakke 2025 – Aula' },
  { label: 'kommunerne', who: 'author', path: p(published, '/kommuner'), heading: 'Compliancepakke 2025 – Aula' },
  { label: 'en kommunes levering', who: 'author', path: p(published, '/kommuner/0320'), heading: /./ },
  { label: 'kommunernes svar', who: 'author', path: p(published, '/svar'), heading: 'Compliancepakke 2025 – Aula' },
  { label: 'offentliggør (bekræftelse)', who: 'author', path: p(draft, '/offentliggoer'), heading: /^Offentliggør / },
  { label: 'import af Skema 1', who: 'author', path: p(draft, '/fortegnelse/import'), heading: /./ },
  { label: 'ny risikoskala', who: 'author', path: () => '/compliance/risikoskalaer/ny', heading: /./ },
];

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const author = await complianceUser(db, 'informationssikkerhed');
  const recipient = await complianceUser(db, 'compliancepakke-modtager', '0320');
  // Last year's and this year's Aula (so "what changed" has content) and a draft of another year.
  await buildPackage(db, { solutionKey: 'aula', year: 2024, status: 'published' });
  const pub = await buildPackage(db, { solutionKey: 'aula', year: 2025, status: 'published', risks: 6, suppliers: 4 });
  const dr = await buildPackage(db, { solutionKey: 'aula', status: 'draft', risks: 6 });
  ids.published = pub.id;
  ids.draft = dr.id;
  const riskR4 = (packageId: string) =>
    db.select({ id: complianceRisk.id }).from(complianceRisk).where(and(eq(complianceRisk.packageId, packageId), eq(complianceRisk.ref, 'R4')));
  ids.publishedRisk = (await riskR4(pub.id))[0]!.id;
  ids.draftRisk = (await riskR4(dr.id))[0]!.id;
  ids.draftActivity = (await db.select({ id: complianceActivity.id }).from(complianceActivity).where(eq(complianceActivity.packageId, dr.id)).orderBy(asc(complianceActivity.sort)))[0]!.id;

  // Faxe has answered one risk with a measure of its own, so the overview of responses has rows to show.
  const faxe = await loginAs(t.app, recipient);
  const answered = await faxe.api('PUT', `/api/v1/compliance/packages/${pub.id}/risks/${ids.publishedRisk}/response`, {
    response: 'own-measures',
    residualLikelihood: 1,
    residualConsequence: 1,
    measures: [{ description: 'Kun skolens administration har adgang.', owner: 'Skoleforvaltningen', deadline: '2030-06-30' }],
  });
  expect(answered.statusCode, answered.body).toBeLessThan(300);

  base = await listenForBrowser(t.app);
  browser = await launchBrowser();
  users.author = await logInAs(browser, base, author);
  users.recipient = await logInAs(browser, base, recipient);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.each([1366, 390])('at %i px', (width) => {
  beforeAll(async () => {
    for (const page of Object.values(users)) await page.setViewportSize({ width, height: 900 });
  });

  it.each(VISITS)('$label', async (v) => {
    const page = users[v.who];
    const res = await page.goto(`${base}${v.path()}`);
    expect(res?.status(), v.path()).toBe(200);
    await page.getByRole('heading', { level: 1, name: v.heading }).first().waitFor();
    await expectAccessible(page, `${v.label}, ${width} px`);
    await v.also?.(page);
    if (width < 768) {
      const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(overflow.scroll, `${v.label} scrolls sideways at ${width} px`).toBeLessThanOrEqual(overflow.inner + 1);
    }
  });
});
