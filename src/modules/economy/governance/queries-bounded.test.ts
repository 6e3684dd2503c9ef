import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { tinyPdf } from '../../../../test/factories/agreements.ts';
import { buildCouncil, buildMeeting } from '../../../../test/factories/governance.ts';
import type { Db } from '../../../db/client.ts';
import { fileSha256 } from '../../../platform/files/content-type.ts';
import { councilMeeting, councilMember, meetingFile, meetingItem } from '../schema.ts';

/**
 * The governance pages and API run a fixed number of SQL statements, whatever the number of
 * councils, seats, meetings, agenda items and files. Each is requested once with few rows and once
 * after many more were added to exactly what it lists; the number of statements
 * (Database.queries, as test/bounded-queries.test.ts counts them) must be the same both times.
 *
 * The cap: 2 for the auth hook; the landing page needs 3 (the councils with chair and counts, the
 * next meetings, the latest minutes); a council's page 4 for the secretariat (the council, its
 * seats, its meetings with their newest referat, the 98 municipalities for the seat form); a
 * meeting's page 3 (the meeting with its council, the agenda, the files without their content).
 */
const CAP = 7;
const FAXE = '0320';

describe('K98-styring pages run a bounded number of SQL queries (no N+1)', () => {
  let t: TestApp;
  let reader: Client;
  let admin: Client;
  const focus = { key: 'bounded-raad', meetingId: '' };
  const before = new Map<string, number>();

  const pages = () => [
    { name: 'GET /styring (municipal user)', who: 'reader', url: '/styring', shows: 'Mange-råd 29' },
    { name: 'GET /styring/raad/:key (municipal user)', who: 'reader', url: `/styring/raad/${focus.key}`, shows: 'Plads 59' },
    { name: 'GET /styring/raad/:key (secretariat, with the forms)', who: 'admin', url: `/styring/raad/${focus.key}`, shows: 'Møde nr. 79' },
    { name: 'GET /styring/moeder/:id (municipal user)', who: 'reader', url: `/styring/moeder/${focus.meetingId}`, shows: '99. Punkt 99' },
    { name: 'GET /styring/moeder/:id (secretariat)', who: 'admin', url: `/styring/moeder/${focus.meetingId}`, shows: 'bilag-39.pdf' },
    { name: 'GET /api/v1/governance/councils', who: 'reader', url: '/api/v1/governance/councils', shows: 'Mange-råd 29' },
    { name: 'GET /api/v1/governance/councils/:key', who: 'reader', url: `/api/v1/governance/councils/${focus.key}`, shows: 'Plads 59' },
    { name: 'GET /api/v1/governance/meetings?year=', who: 'reader', url: '/api/v1/governance/meetings?year=2027', shows: 'Møde nr. 79' },
    { name: 'GET /api/v1/governance/meetings/:id', who: 'reader', url: `/api/v1/governance/meetings/${focus.meetingId}`, shows: 'bilag-39.pdf' },
  ];

  async function countQueries(page: { name: string; who: string; url: string }) {
    const client = page.who === 'admin' ? admin : reader;
    const start = t.database.queries.count;
    const res = await client.get(page.url);
    const count = t.database.queries.count - start;
    expect(res.statusCode, `${page.name} answered ${res.statusCode}`).toBe(200);
    return { count, body: res.body };
  }

  /** Many more of everything the pages list: councils with chairs, seats, meetings with minutes, agenda items and files. */
  async function addRows(db: Db, councilId: string) {
    for (let i = 0; i < 30; i++) {
      await buildCouncil(db, { key: `mange-raad-${i}`, name: `Mange-råd ${i}`, seats: [{ seat: 'Forperson', name: `Forperson ${i}`, chair: true }, { seat: 'Ledig', name: null }] });
    }
    await db.insert(councilMember).values(Array.from({ length: 60 }, (_, i) => ({ councilId, seat: `Plads ${i}`, name: i % 3 === 0 ? null : `Medlem ${i}`, sort: 10 + i })));
    const meetings = await db
      .insert(councilMeeting)
      .values(Array.from({ length: 80 }, (_, i) => ({ councilId, meetingDate: `2027-${String((i % 12) + 1).padStart(2, '0')}-${String(Math.floor(i / 12) + 1).padStart(2, '0')}`, title: `Møde nr. ${i}` })))
      .returning({ id: councilMeeting.id });
    await db.insert(meetingFile).values(
      meetings.map((m, i) => {
        const content = tinyPdf(`referat ${i}`);
        return { meetingId: m.id, kind: 'referat' as const, filename: `referat-${i}.pdf`, contentType: 'application/pdf', size: content.length, sha256: fileSha256(content), content };
      }),
    );
    await db.insert(meetingItem).values(Array.from({ length: 97 }, (_, i) => ({ meetingId: focus.meetingId, position: i + 3, title: `Punkt ${i + 3}`, decision: i % 2 === 0 ? `Beslutning ${i}` : null })));
    await db.insert(meetingFile).values(
      Array.from({ length: 38 }, (_, i) => {
        const content = tinyPdf(`bilag ${i}`);
        return { meetingId: focus.meetingId, kind: 'bilag' as const, filename: `bilag-${i + 2}.pdf`, contentType: 'application/pdf', size: content.length, sha256: fileSha256(content), content };
      }),
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    reader = await loginAs(t.app, DEMO.programLeader(FAXE));
    admin = await loginAs(t.app, DEMO.admin);
    const c = await buildCouncil(db, { key: focus.key, kind: 'portefoeljeraad', name: 'Bounded-rådet', seats: [{ seat: 'Forperson', name: 'Fie Forperson', chair: true }, { seat: 'Ledig plads', name: null }] });
    focus.meetingId = (
      await buildMeeting(db, c.id, {
        date: '2027-01-20',
        items: [{ title: 'Dagsorden', decision: 'Godkendt' }, { title: 'Puljen' }],
        files: [{ kind: 'dagsorden' }, { kind: 'referat' }, { kind: 'bilag', filename: 'bilag-1.pdf' }],
      })
    ).id;
    await buildMeeting(db, c.id, { date: '2099-05-19' });
    for (const page of pages()) before.set(page.name, (await countQueries(page)).count);
    await addRows(db, c.id);
  }, 120_000);
  afterAll(() => t?.close());

  it.each(pages().map((p) => [p.name] as const))('%s', async (name) => {
    const page = pages().find((p) => p.name === name)!;
    const { count, body } = await countQueries(page);
    const baseline = before.get(name)!;
    expect(body, `${name} should list the added rows`).toContain(page.shows);
    expect(count, `${name}: ${baseline} SQL queries with few rows, ${count} after adding rows – the count must not grow with the rows`).toBe(baseline);
    expect(count, `${name}: ${count} SQL queries – more than the cap of ${CAP}`).toBeLessThanOrEqual(CAP);
  });
});
