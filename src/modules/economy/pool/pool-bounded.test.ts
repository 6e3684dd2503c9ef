import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, type Client, type TestApp, startTestApp } from '../../../../test/app.ts';
import type { Db } from '../../../db/client.ts';
import { referenceMunicipalities } from '../../../db/reference/municipalities.ts';
import { userAccount } from '../../../db/schema.ts';
import { danishDay } from '../../../platform/days.ts';
import { costBudget, council, councilMeeting, poolProposal, poolProposalSolution, poolProposalStep, type ProposalStatus } from '../schema.ts';

/**
 * The pool's pages and API run a fixed number of SQL statements whatever the number of proposals,
 * steps, solutions and meetings (the approach of test/bounded-queries.test.ts: count the
 * statements with few rows, add many, count again). The cap is the shared test's: 12.
 */

const CAP = 12;
const YEAR = Number(danishDay(new Date()).slice(0, 4)) + 1;
const FAXE = '0320';
const MANY = 300;
const SOLUTIONS = ['aula', 'valg', 'ky', 'kp'];
const PATH: ProposalStatus[] = ['modtaget', 'behandlet_fagraad', 'indstillet', 'prioriteret'];

type Who = 'admin' | 'faxe';
const focus = { number: 0 };

const pages = (): { name: string; who: Who; url: string; shows?: string }[] => [
  { name: 'GET /styring/puljen (secretariat)', who: 'admin', url: '/styring/puljen', shows: `Mange ${MANY - 1}<` },
  { name: "GET /styring/puljen (Faxe's program leader: Jeres forslag first)", who: 'faxe', url: '/styring/puljen', shows: `Mange ${MANY - 1}<` },
  { name: 'GET /styring/puljen filtered, page 2', who: 'faxe', url: `/styring/puljen?aar=${YEAR}&status=modtaget&side=2`, shows: 'Side 2 af' },
  { name: 'GET /styring/puljen/forslag/:number (secretariat, with the move form)', who: 'admin', url: `/styring/puljen/forslag/${focus.number}`, shows: 'Møde nr. 39' },
  { name: 'GET /styring/puljen/nyt', who: 'faxe', url: '/styring/puljen/nyt' },
  { name: 'GET /api/v1/governance/proposals', who: 'faxe', url: '/api/v1/governance/proposals?limit=200', shows: `Mange ${MANY - 1}"` },
  { name: 'GET /api/v1/governance/proposals/:number', who: 'faxe', url: `/api/v1/governance/proposals/${focus.number}` },
  { name: 'GET /api/v1/governance/pool/:year', who: 'faxe', url: `/api/v1/governance/pool/${YEAR}` },
  { name: 'GET / (secretariat: proposals waiting)', who: 'admin', url: '/' },
  { name: "GET / (Faxe's program leader: proposals that moved)", who: 'faxe', url: '/' },
];

/** `n` proposals for the year, spread over the municipalities (Faxe's among them) and KOMBIT, each with two solutions and its steps so far. */
async function addProposals(db: Db, n: number, prefix: string, meetingIds: string[], decidedBy: string): Promise<number[]> {
  const codes = [FAXE, ...referenceMunicipalities().map((m) => m.code), null];
  const received = new Date(Date.now() - 5 * 86_400_000);
  const rows = await db
    .insert(poolProposal)
    .values(
      Array.from({ length: n }, (_, i) => ({
        year: YEAR,
        title: `${prefix} ${i}`,
        description: 'Til tælling af forespørgsler',
        estimatedCostOre: 100_000 + i,
        municipalityCode: codes[i % codes.length]!,
        status: PATH[i % PATH.length]!,
        createdAt: received,
      })),
    )
    .returning({ id: poolProposal.id, number: poolProposal.number, status: poolProposal.status });
  await db.insert(poolProposalSolution).values(rows.flatMap((r, i) => [SOLUTIONS[i % 4]!, SOLUTIONS[(i + 1) % 4]!].map((solutionKey) => ({ proposalId: r.id, solutionKey }))));
  await db.insert(poolProposalStep).values(
    rows.flatMap((r) =>
      PATH.slice(0, PATH.indexOf(r.status) + 1).map((status, k) => ({
        proposalId: r.id,
        status,
        meetingId: k === 0 ? null : meetingIds[k % meetingIds.length]!,
        decision: k === 0 ? '' : `Besluttet: ${status}`,
        decidedAt: k === 0 ? received : new Date(),
        decidedBy,
      })),
    ),
  );
  return rows.map((r) => r.number);
}

async function addMeetings(db: Db, councilId: string, from: number, to: number): Promise<string[]> {
  const rows = await db
    .insert(councilMeeting)
    .values(Array.from({ length: to - from }, (_, i) => ({ councilId, meetingDate: `${YEAR - 1}-${String(1 + ((from + i) % 12)).padStart(2, '0')}-${String(1 + Math.floor((from + i) / 12)).padStart(2, '0')}`, title: `Møde nr. ${from + i}` })))
    .returning({ id: councilMeeting.id });
  return rows.map((r) => r.id);
}

describe('the pool runs a bounded number of SQL statements, whatever the number of rows', () => {
  let t: TestApp;
  let clients: Record<Who, Client>;
  const before = new Map<string, number>();

  async function countQueries(page: { name: string; who: Who; url: string }) {
    const start = t.database.queries.count;
    const res = await clients[page.who].get(page.url);
    const count = t.database.queries.count - start;
    expect(res.statusCode, `${page.name} answered ${res.statusCode}`).toBe(200);
    return { count, body: res.body };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    clients = { admin: await loginAs(t.app, DEMO.admin), faxe: await loginAs(t.app, DEMO.programLeader(FAXE)) };
    const [admin] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, DEMO.admin));
    const [fagraad] = await db.insert(council).values({ key: 'fagraad-taelling', kind: 'fagraad', name: 'Fagråd til tælling' }).returning({ id: council.id });
    const [pr] = await db.insert(council).values({ key: 'portefoeljeraad-taelling', kind: 'portefoeljeraad', name: 'Porteføljerådet' }).returning({ id: council.id });
    const fewMeetings = [...(await addMeetings(db, fagraad!.id, 0, 1)), ...(await addMeetings(db, pr!.id, 1, 2))];
    await db.insert(costBudget).values([
      { year: YEAR, solutionKey: 'aula', stage: 'samlet', poolOre: 500_000_000 },
      { year: YEAR, solutionKey: 'valg', stage: 'foreloebigt', poolOre: 100_000_000 },
    ]);
    const [first] = await addProposals(db, 4, 'Få', fewMeetings, admin!.id);
    focus.number = first!;
    for (const page of pages()) before.set(page.name, (await countQueries(page)).count);

    const manyMeetings = [...(await addMeetings(db, fagraad!.id, 2, 20)), ...(await addMeetings(db, pr!.id, 20, 40))];
    await addProposals(db, MANY, 'Mange', manyMeetings, admin!.id);
    await db.insert(costBudget).values(['ky', 'kp', 'sapa', 'ksd'].map((solutionKey) => ({ year: YEAR, solutionKey, stage: 'foreloebigt' as const, poolOre: 10_000_000 })));
  }, 120_000);
  afterAll(() => t?.close());

  it.each(pages().map((p) => [p.name] as const))('%s', async (name) => {
    const page = pages().find((p) => p.name === name)!;
    const { count, body } = await countQueries(page);
    const baseline = before.get(name)!;
    if (page.shows) expect(body, `${name} should show the added rows`).toContain(page.shows);
    expect(count, `${name}: ${baseline} SQL statements with few rows, ${count} after adding many – the count must not grow with the rows`).toBe(baseline);
    expect(count, `${name}: ${count} SQL statements, more than the cap of ${CAP}`).toBeLessThanOrEqual(CAP);
  });
});
