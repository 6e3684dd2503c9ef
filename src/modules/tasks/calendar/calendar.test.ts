import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildTask } from '../../../../test/factories/tasks.ts';
import { auditEvent, calendarFeed, person, userAccount } from '../../../db/schema.ts';
import { sha256 } from '../../../platform/auth/secrets.ts';
import { buildCalendar, CRLF, escapeText, foldLine, icsDate, icsUtc, nextDay, unfold } from '../../../platform/ical.ts';

const FAXE = '0320';
const BRONDBY = '0153';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

/** Checks what every client relies on; returns the unfolded content lines. */
function parseIcs(ics: string): string[] {
  expect(ics.startsWith(`BEGIN:VCALENDAR${CRLF}`)).toBe(true);
  expect(ics.endsWith(`END:VCALENDAR${CRLF}`)).toBe(true);
  // CRLF everywhere, never a bare LF or CR.
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const physical of ics.split(CRLF)) expect(octets(physical)).toBeLessThanOrEqual(75);
  return unfold(ics);
}

const events = (lines: string[]) => lines.filter((l) => l === 'BEGIN:VEVENT').length;

describe('calendar-ics: RFC 5545 text', () => {
  it('escapes backslash, semicolon, comma and line breaks in TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('Frist: KLIK - KR MI 02 – Aftale: "x"')).toBe('Frist: KLIK - KR MI 02 – Aftale: "x"');
    // Control characters other than line breaks are not allowed in TEXT.
    expect(escapeText('a\u0000b\u0007c\td')).toBe('abc\td');
  });

  it('folds at 75 octets counting UTF-8 bytes, without splitting æ, ø, å or characters outside the BMP', () => {
    const line = `SUMMARY:${'æøå'.repeat(40)} 🗓️ ${'x'.repeat(30)}`;
    const folded = foldLine(line);
    const physical = folded.split(CRLF);
    expect(physical.length).toBeGreaterThan(3);
    physical.forEach((p, i) => {
      expect(octets(p)).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      // A split inside a character would leave a replacement character after a UTF-8 round trip.
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
      expect(p).not.toMatch(/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/);
    });
    expect(unfold(folded + CRLF)).toEqual([line]);
    // The first line uses the whole 75 octets where it can (2-byte letters after 8 ASCII: 8 + 2*33 = 74).
    expect(octets(physical[0]!)).toBe(74);
  });

  it('leaves short lines alone and folds an ASCII line at exactly 75 octets', () => {
    expect(foldLine('UID:task-1@samspil')).toBe('UID:task-1@samspil');
    const ascii = 'D'.repeat(200);
    const parts = foldLine(ascii).split(CRLF);
    expect(parts[0]).toHaveLength(75);
    expect(parts[1]).toHaveLength(75); // space + 74
    expect(unfold(foldLine(ascii))).toEqual([ascii]);
  });

  it('writes all-day dates and UTC instants', () => {
    expect(icsDate('2030-06-30')).toBe('20300630');
    expect(nextDay('2030-06-30')).toBe('2030-07-01');
    expect(nextDay('2030-12-31')).toBe('2031-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2027-02-28')).toBe('2027-03-01');
    expect(icsUtc(new Date('2025-05-28T08:15:30.123Z'))).toBe('20250528T081530Z');
    expect(() => icsDate('30.06.2030')).toThrow();
  });

  it('builds a calendar of all-day events', () => {
    const ics = buildCalendar({
      prodId: '-//Samspil//Test//DA',
      name: 'Samspil – mine frister',
      now: new Date('2025-05-28T08:00:00Z'),
      events: [
        {
          uid: 'task-1@samspil',
          day: '2030-06-30',
          summary: 'Frist: KLIK - KR MI 02 – Indberet AftaleID, CVR; og mere',
          description: `Status: Ikke startet\n\nSe opgaven i Samspil: https://samspil.test/opgaver/${'a'.repeat(36)}`,
          url: `https://samspil.test/opgaver/${'a'.repeat(36)}`,
          lastModified: new Date('2025-05-01T10:00:00Z'),
        },
      ],
    });
    const lines = parseIcs(ics);
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('X-WR-CALNAME:Samspil – mine frister');
    expect(lines).toContain('DTSTART;VALUE=DATE:20300630');
    expect(lines).toContain('DTEND;VALUE=DATE:20300701');
    expect(lines).toContain('DTSTAMP:20250528T080000Z');
    expect(lines).toContain('LAST-MODIFIED:20250501T100000Z');
    expect(lines).toContain('SUMMARY:Frist: KLIK - KR MI 02 – Indberet AftaleID\\, CVR\\; og mere');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Status: Ikke startet\\n\\nSe opgaven');
    expect(events(lines)).toBe(1);
  });
});

describe('private calendar feed', () => {
  let t: TestApp;
  let leader: Client; // Faxe's programleder
  let admin: Client;
  const tasks = {} as Record<'faxe' | 'brondby' | 'draft' | 'announced' | 'faxeLocal' | 'brondbyLocal', string>;
  const TITLE = 'Indberet AftaleID, CVR; og andet \\ med æøå – og en meget lang titel, der skal foldes over flere linjer i kalenderen';

  const feedUrlIn = (html: string) => {
    const m = /value="(http:\/\/samspil\.test\/kalender\/([A-Za-z0-9_-]+)\.ics)"/.exec(html);
    if (!m) throw new Error('no calendar address on the page');
    return { url: m[1]!, path: new URL(m[1]!).pathname, token: m[2]! };
  };
  /** As a calendar client fetches it: no cookies at all. */
  const fetchFeed = (path: string) => t.app.inject({ method: 'GET', url: path });

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    tasks.faxe = (await buildTask(db, { targets: [FAXE, BRONDBY], title: TITLE, deadline: '2030-06-30' })).task.id;
    tasks.brondby = (await buildTask(db, { targets: [BRONDBY], deadline: '2030-06-29' })).task.id;
    tasks.draft = (await buildTask(db, { status: 'draft', targets: [FAXE], deadline: '2030-06-28' })).task.id;
    tasks.announced = (await buildTask(db, { status: 'announced', targets: [FAXE], deadline: '2030-09-01' })).task.id;
    tasks.faxeLocal = (await buildTask(db, { localMunicipalityCode: FAXE, deadline: '2030-07-15' })).task.id;
    tasks.brondbyLocal = (await buildTask(db, { localMunicipalityCode: BRONDBY, deadline: '2030-07-16' })).task.id;
    leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    admin = await loginAs(t.app, DEMO.admin);
  });
  afterAll(() => t.close());

  it('is a page of its own under the profile, for logged-in users only', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/profil/kalender' });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe('/login?next=%2Fprofil%2Fkalender');
    const page = await leader.get('/profil/kalender');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Opret kalenderadresse');
    expect(page.body).toContain('Du har ingen kalenderadresse.');
    expect(page.body).not.toContain('Slå kalenderen fra');
  });

  it("creates an address whose feed lists exactly the programme leader's task deadlines", async () => {
    const created = await leader.post('/profil/kalender');
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const { path, token } = feedUrlIn(created.body);
    expect(created.body).toContain('Kopiér adressen nu');

    // Only the hash is stored.
    const db = t.database.db;
    const [leaderUser] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, DEMO.programLeader(FAXE)));
    const [row] = await db.select().from(calendarFeed).where(eq(calendarFeed.userId, leaderUser!.id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(row!.tokenHash).not.toContain(token);
    const audit = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'calendar.feed_created'), eq(auditEvent.entityId, leaderUser!.id)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(token);

    const res = await fetchFeed(path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    const lines = parseIcs(res.body);
    expect(lines).toContain('X-WR-CALNAME:Samspil – mine frister');

    const uids = lines.filter((l) => l.startsWith('UID:'));
    expect(events(lines)).toBe(uids.length);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(uids.length);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toContain(`UID:task-${tasks.faxe}@samspil`);
    expect(uids).toContain(`UID:task-${tasks.announced}@samspil`);
    expect(uids).toContain(`UID:task-${tasks.faxeLocal}@samspil`);
    expect(uids).not.toContain(`UID:task-${tasks.brondby}@samspil`);
    expect(uids).not.toContain(`UID:task-${tasks.draft}@samspil`);
    expect(uids).not.toContain(`UID:task-${tasks.brondbyLocal}@samspil`);

    // The Faxe task's event, property by property.
    const start = lines.indexOf(`UID:task-${tasks.faxe}@samspil`);
    const event = lines.slice(lines.lastIndexOf('BEGIN:VEVENT', start), lines.indexOf('END:VEVENT', start) + 1);
    expect(event).toContain('DTSTART;VALUE=DATE:20300630');
    expect(event).toContain('DTEND;VALUE=DATE:20300701');
    const summary = event.find((l) => l.startsWith('SUMMARY:'))!;
    expect(summary).toMatch(/^SUMMARY:Frist: TEST - .+ – Indberet AftaleID\\, CVR\\; og andet \\\\ med æøå – og en meget lang titel/);
    const description = event.find((l) => l.startsWith('DESCRIPTION:'))!;
    expect(description).toContain('Status: Ikke startet');
    expect(description).toContain(`\\nSe opgaven i Samspil: http://samspil.test/opgaver/${tasks.faxe}`);
    expect(event).toContain(`URL:http://samspil.test/opgaver/${tasks.faxe}`);
    expect(event.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    expect(event.some((l) => /^LAST-MODIFIED:\d{8}T\d{6}Z$/.test(l))).toBe(true);
    // The long summary really was folded.
    expect(res.body).toMatch(/\r\n [^\r\n]/);

    const page = await leader.get('/profil/kalender');
    expect(page.body).toContain('Lav ny adresse (den gamle holder op med at virke)');
    expect(page.body).toContain('Slå kalenderen fra');
    expect(page.body).not.toContain(token);
  });

  it('a new address replaces the old one, and turning the calendar off ends it', async () => {
    const first = feedUrlIn((await leader.post('/profil/kalender')).body);
    const second = feedUrlIn((await leader.post('/profil/kalender')).body);
    expect(second.token).not.toBe(first.token);

    const old = await fetchFeed(first.path);
    expect(old.statusCode).toBe(404);
    expect(old.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await fetchFeed(second.path)).statusCode).toBe(200);

    const off = await leader.post('/profil/kalender/slet');
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/profil/kalender?besked=slaaet-fra');
    expect((await fetchFeed(second.path)).statusCode).toBe(404);
    expect((await leader.get('/profil/kalender?besked=slaaet-fra')).body).toContain('Kalenderen er slået fra.');
    const revoked = await t.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'calendar.feed_revoked'));
    expect(revoked).toHaveLength(1);

    // Turning off again changes nothing and logs nothing.
    expect((await leader.post('/profil/kalender/slet')).headers.location).toBe('/profil/kalender?besked=ingen-kalender');
    expect(await t.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'calendar.feed_revoked'))).toHaveLength(1);
  });

  it('refuses unknown and malformed tokens, and forged form posts', async () => {
    expect((await fetchFeed(`/kalender/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await fetchFeed('/kalender/kort.ics')).statusCode).toBe(404);
    expect((await fetchFeed('/kalender/..%2F..%2Fetc.ics')).statusCode).toBe(404);
    expect((await leader.post('/profil/kalender', {}, { csrf: 'forkert' })).statusCode).toBe(403);
  });

  it('lists every announced, published or closed central task for central staff, never drafts or local tasks', async () => {
    const { path } = feedUrlIn((await admin.post('/profil/kalender')).body);
    const lines = parseIcs((await fetchFeed(path)).body);
    const uids = lines.filter((l) => l.startsWith('UID:'));
    expect(uids).toContain(`UID:task-${tasks.faxe}@samspil`);
    expect(uids).toContain(`UID:task-${tasks.brondby}@samspil`);
    expect(uids).toContain(`UID:task-${tasks.announced}@samspil`);
    expect(uids).not.toContain(`UID:task-${tasks.draft}@samspil`);
    expect(uids).not.toContain(`UID:task-${tasks.faxeLocal}@samspil`);
    expect(uids).not.toContain(`UID:task-${tasks.brondbyLocal}@samspil`);
    expect(lines).toContain(`URL:http://samspil.test/opgaver/${tasks.faxe}/overblik`);
    const start = lines.indexOf(`UID:task-${tasks.faxe}@samspil`);
    const description = lines.slice(start).find((l) => l.startsWith('DESCRIPTION:'))!;
    expect(description).toContain('2 kommuner: 0 løst');
  });

  it('stops working while the user is disabled or the person deactivated', async () => {
    const { path } = feedUrlIn((await leader.post('/profil/kalender')).body);
    expect((await fetchFeed(path)).statusCode).toBe(200);
    const db = t.database.db;
    const email = DEMO.programLeader(FAXE);
    await db.update(userAccount).set({ disabled: true }).where(eq(userAccount.email, email));
    try {
      const res = await fetchFeed(path);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('BEGIN:VCALENDAR');
    } finally {
      await db.update(userAccount).set({ disabled: false }).where(eq(userAccount.email, email));
    }
    expect((await fetchFeed(path)).statusCode).toBe(200);

    const [account] = await db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, email));
    await db.update(person).set({ active: false }).where(eq(person.id, account!.personId));
    try {
      expect((await fetchFeed(path)).statusCode).toBe(404);
    } finally {
      await db.update(person).set({ active: true }).where(eq(person.id, account!.personId));
    }
    expect((await fetchFeed(path)).statusCode).toBe(200);
  });
});
