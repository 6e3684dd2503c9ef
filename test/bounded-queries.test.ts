import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { solutions } from '../src/db/reference/solutions.ts';
import { apiToken, auditEvent, outboxMail, person, roleAssignment, userAccount } from '../src/db/schema.ts';
import { sha256 } from '../src/platform/auth/secrets.ts';
import { createTokenForEmail } from '../src/modules/auth/cli-token.ts';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from './app.ts';

/**
 * "Each list page runs a bounded number of SQL queries, independent of the number of rows."
 *
 * Every page below is requested once on the plain demo data and once after many more rows were
 * added to exactly what it lists; the number of statements (Database.queries, counted by Drizzle's
 * logger) must be the same both times. An N+1 shows up as a count that grows with the rows.
 *
 * The cap: the auth hook costs 2 statements (session lookup, actor with roles in one join; a
 * Bearer token costs 3: token lookup, actor, last-used update), and the heaviest list needs 3 more
 * (gallery: municipality + people + roles; overview: solutions + role types + the overview join).
 * 12 leaves room for a few constant lookups, yet an N+1 over 98 municipalities or 50 people can
 * never fit under it.
 */
const CAP = 12;
const FAXE = '0320';

type Who = 'admin' | 'klik' | 'token';
type Page = { name: string; who: Who; url: string; /** Text that only the added rows put on the page. */ shows?: string };

const PAGES: Page[] = [
  { name: 'GET /kommuner', who: 'admin', url: '/kommuner' },
  { name: `GET /kommuner/${FAXE} (central administrator)`, who: 'admin', url: `/kommuner/${FAXE}`, shows: 'Ekstra 0320-50' },
  { name: `GET /kommuner/${FAXE} (own KLIK-administrator)`, who: 'klik', url: `/kommuner/${FAXE}`, shows: 'Ekstra 0320-50' },
  { name: 'GET /rolleoverblik (system owners, Aula)', who: 'admin', url: '/rolleoverblik?rolle=systemansvarlig&loesning=aula', shows: 'Tværgående 1 ' },
  { name: 'GET /log (central administrator)', who: 'admin', url: '/log', shows: 'Bench-bruger' },
  { name: 'GET /log (KLIK-administrator, own municipality only)', who: 'klik', url: '/log', shows: 'Bench-bruger' },
  { name: 'GET /udgaaende-post', who: 'admin', url: '/udgaaende-post', shows: 'Bench-mail' },
  { name: 'GET /profil (API tokens)', who: 'admin', url: '/profil', shows: 'Bench-nøgle' },
  { name: 'GET /api/v1/role-overview', who: 'admin', url: '/api/v1/role-overview?role=systemansvarlig&solution=aula', shows: 'Tværgående 1 ' },
  { name: 'GET /api/v1/role-overview (Bearer token)', who: 'token', url: '/api/v1/role-overview?role=systemansvarlig&solution=aula', shows: 'Tværgående 1 ' },
  { name: `GET /api/v1/municipalities/${FAXE}/gallery`, who: 'admin', url: `/api/v1/municipalities/${FAXE}/gallery`, shows: 'Ekstra 0320-50' },
  { name: 'GET /api/v1/audit', who: 'admin', url: '/api/v1/audit', shows: 'Bench-bruger' },
];

/** Many more rows of everything the pages list: people, roles (current and former), log, mail, tokens. */
async function addRows(db: Db, adminUserId: string) {
  const extra = await db
    .insert(person)
    .values(Array.from({ length: 50 }, (_, i) => ({ municipalityCode: FAXE, name: `Ekstra 0320-${i + 1}`, email: `ekstra-${i + 1}@faxe.test`, title: 'Medarbejder' })))
    .returning({ id: person.id, email: person.email });
  await db.insert(userAccount).values(extra.slice(0, 20).map((p) => ({ personId: p.id, email: p.email })));
  await db.insert(roleAssignment).values(
    extra.flatMap((p, i) => [
      { personId: p.id, municipalityCode: FAXE, roleTypeKey: 'superbruger', solutionKey: solutions[i % solutions.length]!.key },
      { personId: p.id, municipalityCode: FAXE, roleTypeKey: 'systemansvarlig', solutionKey: solutions[(i + 3) % solutions.length]!.key },
      { personId: p.id, municipalityCode: FAXE, roleTypeKey: 'it-chef', removedAt: new Date() },
    ]),
  );

  // Across municipalities: two Aula system owners in each of 98 municipalities' worth of people.
  const codes = (await db.query.municipality.findMany({ columns: { code: true } })).map((m) => m.code);
  const across = await db
    .insert(person)
    .values(codes.flatMap((code, i) => [1, 2].map((n) => ({ municipalityCode: code, name: `Tværgående ${n} ${i}`, email: `tvaers-${n}-${code}@kommune.test` }))))
    .returning({ id: person.id, municipalityCode: person.municipalityCode });
  await db.insert(roleAssignment).values(across.map((p) => ({ personId: p.id, municipalityCode: p.municipalityCode, roleTypeKey: 'systemansvarlig', solutionKey: 'aula' })));

  await db.insert(auditEvent).values(
    Array.from({ length: 200 }, (_, i) => ({
      actorLabel: `Bench-bruger ${i}`,
      municipalityCode: i % 2 === 0 ? FAXE : codes[i % codes.length]!,
      action: 'person.updated',
      entityType: 'person',
      entityId: extra[i % extra.length]!.id,
      before: { name: 'før' },
      after: { name: 'efter' },
    })),
  );
  await db.insert(outboxMail).values(
    Array.from({ length: 250 }, (_, i) => ({
      toAddress: `modtager-${i}@kommune.test`,
      subject: `Bench-mail ${i}`,
      body: 'Hej',
      kind: 'password_link',
      municipalityCode: FAXE,
      status: (['pending', 'sent', 'failed'] as const)[i % 3],
    })),
  );
  await db.insert(apiToken).values(
    Array.from({ length: 30 }, (_, i) => {
      const secret = randomBytes(16).toString('hex');
      return { userId: adminUserId, name: `Bench-nøgle ${i}`, tokenHash: sha256(secret), prefix: secret.slice(0, 14), revokedAt: i % 4 === 0 ? new Date() : null };
    }),
  );
}

describe('list pages run a bounded number of SQL queries, whatever the number of rows (no N+1)', () => {
  let t: TestApp;
  let clients: Record<Exclude<Who, 'token'>, Client>;
  let token = '';
  const before = new Map<string, number>();

  async function countQueries(page: Page) {
    const start = t.database.queries.count;
    const res = page.who === 'token' ? await bearer(t.app, token, 'GET', page.url) : await clients[page.who].get(page.url);
    const count = t.database.queries.count - start;
    expect(res.statusCode, `${page.name} answered ${res.statusCode}`).toBe(200);
    return { count, body: res.body };
  }

  beforeAll(async () => {
    t = await startTestApp();
    clients = { admin: await loginAs(t.app, DEMO.admin), klik: await loginAs(t.app, DEMO.klikAdmin(FAXE)) };
    token = await createTokenForEmail(t.database.db, t.config, DEMO.admin, 'Til testen');
    for (const page of PAGES) before.set(page.name, (await countQueries(page)).count);
    const [admin] = await t.database.db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, DEMO.admin));
    await addRows(t.database.db, admin!.id);
  });
  afterAll(() => t?.close());

  it.each(PAGES.map((p) => [p.name, p] as const))('%s', async (name, page) => {
    const { count, body } = await countQueries(page);
    const baseline = before.get(name)!;
    if (page.shows) expect(body, `${name} should list the added rows`).toContain(page.shows);
    expect(count, `${name}: ${baseline} SQL queries with the demo data, ${count} after adding rows – the count must not grow with the rows`).toBe(baseline);
    expect(count, `${name}: ${count} SQL queries (demo data: ${baseline}) – more than the cap of ${CAP}`).toBeLessThanOrEqual(CAP);
  });
});
