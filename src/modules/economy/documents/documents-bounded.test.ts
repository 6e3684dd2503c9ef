import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildK98Year, buildPriceModel } from '../../../../test/factories/economy.ts';
import type { Db } from '../../../db/client.ts';
import { solutions } from '../../../db/reference/solutions.ts';
import { userAccount } from '../../../db/schema.ts';
import { loadActor } from '../../../platform/auth/load-actor.ts';
import { seedDemoItChefs } from '../../organisations/index.ts';
import { costActual, council, councilMeeting, economyDocument, economyPublication, meetingFile, poolProposal, poolProposalStep } from '../schema.ts';
import { publishDocuments } from './publish-documents.ts';

/**
 * The documents' pages run a fixed number of SQL statements however many rows there are (the
 * approach of test/bounded-queries.test.ts): each page is requested with few rows and again after
 * many more were added to what it lists or computes (price models for every solution, usage for
 * every municipality, years of published documents, meetings with minutes), and the count must not
 * move. The caps are what each page needs today: auth 2 and the menu badges 1, plus the page's own
 * (the front page's also counts the other modules' providers).
 */

const FAXE = '0320';
type Who = 'admin' | 'itChief';
type Probe = { name: string; who: Who; url: string; cap: number; shows?: string };

const probes: Probe[] = [
  { name: 'GET /oekonomi (a municipality)', who: 'itChief', url: '/oekonomi', cap: 4, shows: 'Faktura 2026' },
  { name: 'GET /oekonomi (central)', who: 'admin', url: '/oekonomi', cap: 4, shows: '/oekonomi/dokumenter/2026' },
  // auth 2 + badges 1 + the publications, the totals, the 2026 allocation (5), the published 2025 and 2026 invoices, the actual costs, the municipalities
  { name: 'GET /oekonomi/dokumenter/:year', who: 'admin', url: '/oekonomi/dokumenter/2026', cap: 14, shows: 'Offentliggjort' },
  { name: 'GET /oekonomi/kommuner/:code/:year/faktura (published)', who: 'itChief', url: `/oekonomi/kommuner/${FAXE}/2026/faktura`, cap: 6, shows: 'Iværksatte programmer' },
  { name: 'GET /oekonomi/kommuner/:code/:year/budgetvejledning (draft)', who: 'admin', url: `/oekonomi/kommuner/${FAXE}/2026/budgetvejledning`, cap: 12, shows: 'Udkast' },
  { name: 'GET /oekonomi/kommuner/:code/:year/aarsopgoerelse (draft)', who: 'admin', url: `/oekonomi/kommuner/${FAXE}/2026/aarsopgoerelse`, cap: 8, shows: 'Udkast' },
  { name: 'GET /oekonomi/dokumenter/:year/:kind/offentliggoer', who: 'admin', url: '/oekonomi/dokumenter/2026/budgetvejledning/offentliggoer', cap: 11, shows: 'Offentliggør og send mails' },
  { name: 'GET /api/v1/economy/years/:year/documents', who: 'admin', url: '/api/v1/economy/years/2026/documents', cap: 13 },
  { name: 'GET / (the IT chief: documents not opened)', who: 'itChief', url: '/', cap: 14, shows: 'Nye økonomidokumenter' },
];

let t: TestApp;
let clients: Record<Who, Client>;
const baseline = new Map<string, number>();

async function countQueries(p: Probe) {
  const start = t.database.queries.count;
  const res = await clients[p.who].get(p.url);
  expect(res.statusCode, `${p.name} answered ${res.statusCode}`).toBe(200);
  return { count: t.database.queries.count - start, body: res.body };
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function addMeetings(db: Db, n: number, prefix: string) {
  const [c] = await db.insert(council).values({ key: `raad-${prefix}`, kind: 'fagraad', name: `Fagråd ${prefix}` }).returning({ id: council.id });
  const meetings = await db
    .insert(councilMeeting)
    .values(Array.from({ length: n }, (_, i) => ({ councilId: c!.id, meetingDate: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')}`, title: `Møde ${prefix} ${i}` })))
    .returning({ id: councilMeeting.id });
  const content = Buffer.from('referat');
  await db.insert(meetingFile).values(meetings.map((m) => ({ meetingId: m.id, kind: 'referat' as const, filename: 'referat.pdf', contentType: 'application/pdf', size: content.length, sha256: sha(m.id), content })));
}

/** Years of published documents for Faxe, none opened: the municipality's list and its front page grow. */
async function addPublishedYears(db: Db, from: number, to: number) {
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const kinds = ['faktura', 'budgetvejledning', 'aarsopgoerelse'] as const;
  await db.insert(economyPublication).values(years.flatMap((year) => kinds.map((kind) => ({ year, kind }))));
  await db.insert(economyDocument).values(
    years.flatMap((year) =>
      kinds.map((kind) => ({ year, kind, municipalityCode: FAXE, totalOre: 100, content: { kind, year, municipality: { code: FAXE, name: 'Faxe', population: 1 }, lines: [], totalOre: 100 } })),
    ),
  );
}

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await seedDemoItChefs(db);
  await buildK98Year(db, 2025);
  await buildK98Year(db, 2026);
  await db.insert(costActual).values({ year: 2026, solutionKey: 'aula', actualOre: 290_000_000_00 });
  await addMeetings(db, 2, 'faa');
  const [account] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, DEMO.admin));
  const ctx = { actor: (await loadActor(db, account!.id))!, db, now: new Date(), requestId: 'test', config: t.config };
  await publishDocuments(ctx, 2025, 'faktura');
  await publishDocuments(ctx, 2026, 'faktura');
  clients = { admin: await loginAs(t.app, DEMO.admin), itChief: await loginAs(t.app, `it-chef-${FAXE}@samspil.demo`) };
  // The first look is recorded once; count the looks after it.
  await clients.itChief.get(`/oekonomi/kommuner/${FAXE}/2026/faktura`);
  for (const p of probes) baseline.set(p.name, (await countQueries(p)).count);

  // Many: a price model for every solution in 2025 and 2026, usage for every municipality,
  // every actual cost, 40 meetings with minutes, 20 years of published documents, 60 programmes.
  for (const year of [2025, 2026]) {
    for (const [i, s] of solutions.entries()) {
      await buildPriceModel(db, { year, solutionKey: s.key, label: `Ekstra ${s.key}`, kind: i % 2 ? 'distributed' : 'fixed', amountOre: 10_000_000 + i, sort: 10 + i });
    }
    const codes = (await db.select({ code: economyDocument.municipalityCode }).from(economyDocument).where(eq(economyDocument.year, 2026))).map((r) => r.code);
    await buildPriceModel(db, {
      year,
      solutionKey: 'valg',
      label: 'Ekstra valgkort',
      kind: 'usage',
      usageUnit: 'valgkort',
      unitPrices: [{ label: 'porto', unitPriceOre: 740 }],
      usage: Object.fromEntries(codes.map((c, i) => [c, 1000 + i])),
      sort: 99,
    });
  }
  await db.insert(costActual).values([
    { year: 2026, solutionKey: 'infrastruktur', actualOre: 1_000_000_00 },
    { year: 2026, solutionKey: 'valg', actualOre: 2_000_000_00 },
  ]);
  await addMeetings(db, 40, 'mange');
  await addPublishedYears(db, 2000, 2020);
  // 60 programmes started in 2026: proposals prioritised for the year.
  const started = await db
    .insert(poolProposal)
    .values(Array.from({ length: 60 }, (_, i) => ({ year: 2026, title: `Program ${i + 1}`, description: '.', estimatedCostOre: 100_000_00 + i, status: 'prioriteret' as const })))
    .returning({ id: poolProposal.id });
  await db.insert(poolProposalStep).values(started.map((p) => ({ proposalId: p.id, status: 'prioriteret' as const, decision: 'Prioriteret' })));
}, 120_000);
afterAll(() => t?.close());

describe("the documents' pages run a bounded number of SQL statements, whatever the number of rows", () => {
  it.each(probes.map((p) => [p.name] as const))('%s', async (name) => {
    const p = probes.find((x) => x.name === name)!;
    const { count, body } = await countQueries(p);
    if (p.shows) expect(body).toContain(p.shows);
    expect(count, `${name}: ${baseline.get(name)} statements with few rows, ${count} with many`).toBe(baseline.get(name));
    expect(count, `${name}: ${count} statements, more than its cap of ${p.cap}`).toBeLessThanOrEqual(p.cap);
  });

  it('the lists show the many rows', async () => {
    const mine = await clients.itChief.get('/oekonomi');
    expect(mine.body).toContain('Årsopgørelse 2000');
    const doc = await clients.itChief.get(`/oekonomi/kommuner/${FAXE}/2026/faktura`);
    expect(doc.body).toContain('Møde mange 39');
  });
});
