import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { tinyPdf } from '../../../../test/factories/agreements.ts';
import { buildCouncil, buildMeeting } from '../../../../test/factories/governance.ts';
import { person, roleAssignment, userAccount } from '../../../db/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { council, councilMeeting, councilMember, meetingFile, meetingItem } from '../schema.ts';
import { minutesOfYear } from './minutes.ts';

const ECONOMIST = { email: 'oekonomi@styring.test', password: 'styring-oekonomi-1' };
const FAXE = '0320';
/** The tests' "today": a Tuesday in March 2026, after the January meetings and before the spring ones. */
const TODAY = new Date('2026-03-10T10:00:00Z');

const cookieOf = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** A hand-built multipart body, as a browser sends the upload form (or an integration the API call). */
function multipart(fields: Record<string, string>, file: { name: string; content: Buffer } | null, field = 'fil') {
  const boundary = `----styring${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(c: Client, meetingId: string, kind: string, file: { name: string; content: Buffer } | null, opts: { api?: boolean } = {}) {
  const { payload, contentType } = multipart(opts.api ? { kind } : { kind, _csrf: c.csrf }, file, opts.api ? 'file' : 'fil');
  const headers: Record<string, string> = { cookie: cookieOf(c), 'content-type': contentType };
  if (opts.api) headers['x-csrf-token'] = c.csrf;
  const url = opts.api ? `/api/v1/governance/meetings/${meetingId}/files` : `/styring/moeder/${meetingId}/filer`;
  return c.app.inject({ method: 'POST', url, headers, payload });
}

/** A Windows program renamed to look like minutes: "MZ" and a PE header, whatever the name says. */
const renamedExe = () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120), Buffer.from('PE\x00\x00', 'latin1')]);
/** The first bytes of a ZIP, which a .docx is. */
const docx = (text: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`word/document.xml ${text}`)]);

describe('K98-styring: councils, meetings, decisions and minutes', () => {
  let t: TestApp;
  let economist: Client;
  let consultant: Client;
  let faxe: Client;
  let portfolio: { id: string; key: string; name: string };
  let meetingHeld: string;
  let referatId: string;
  let meetingAhead: string;

  const audits = async (action: string) =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;
  const rows = async () => {
    const db = t.database.db;
    const n = async (table: typeof council | typeof councilMember | typeof councilMeeting | typeof meetingItem | typeof meetingFile) =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    return [await n(council), await n(councilMember), await n(councilMeeting), await n(meetingItem), await n(meetingFile), (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvent))[0]!.n];
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(TODAY);
    const db = t.database.db;
    const [p] = await db.insert(person).values({ municipalityCode: null, name: 'Øjvind Økonomi', email: ECONOMIST.email, title: 'Økonom' }).returning({ id: person.id });
    await db.insert(userAccount).values({ personId: p!.id, email: ECONOMIST.email, passwordHash: await hashPassword(ECONOMIST.password) });
    await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey: 'oekonomi', solutionKey: null });
    economist = await loginAs(t.app, ECONOMIST.email, ECONOMIST.password);
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader(FAXE));

    portfolio = await buildCouncil(db, {
      key: 'portefoeljeraadet',
      kind: 'portefoeljeraad',
      name: 'Porteføljerådet',
      seats: [
        { seat: 'Kommunaldirektør, KKR Hovedstaden', name: 'Hanne Hovedstad', municipalityCode: '0101', organisation: 'Københavns Kommune', chair: true },
        { seat: 'Kommunaldirektør, KKR Sjælland', name: null },
        { seat: 'Repræsentant for KL', name: 'Karl KL', organisation: 'KL' },
      ],
    });
    await buildCouncil(db, { key: 'fagraad-sundhed', name: 'Fagråd for sundhed', area: 'Sundhed og ældre', seats: [{ seat: 'Forperson', name: 'Sara Sundhed', chair: true }] });
    await buildCouncil(db, { key: 'fagraad-beskaeftigelse', name: 'Fagråd for beskæftigelse', area: 'Beskæftigelse og ydelser', seats: [{ seat: 'Medlem', name: null }] });
    const held = await buildMeeting(db, portfolio.id, {
      date: '2026-01-20',
      title: '1. Porteføljerådsmøde 2026',
      location: 'KOMBIT, København',
      items: [
        { title: 'Godkendelse af dagsorden', decision: 'Dagsordenen blev godkendt.' },
        { title: 'Prioriteringspuljen 2026', description: 'Indstilling fra fagrådene.' },
      ],
      files: [{ kind: 'dagsorden', filename: 'dagsorden-2026-01-20.pdf' }, { kind: 'referat', filename: 'referat-2026-01-20.pdf' }],
    });
    meetingHeld = held.id;
    referatId = held.fileIds[1]!;
    meetingAhead = (await buildMeeting(db, portfolio.id, { date: '2026-05-19', title: '2. Porteføljerådsmøde 2026' })).id;
  });
  afterAll(() => t.close());

  describe('everyone signed in reads it, municipalities included', () => {
    it('shows the landing page: the councils (Porteføljerådet first) with chair and members, the next meetings, the latest minutes and the pool', async () => {
      const res = await faxe.get('/styring');
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('K98-aftalen samler');
      expect(html).toContain('href="/styring/puljen"');
      const order = ['Porteføljerådet', 'Fagråd for beskæftigelse', 'Fagråd for sundhed'].map((n) => html.indexOf(`>${n}</a>`));
      expect(order.every((i) => i > 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(html).toContain('Hanne Hovedstad');
      expect(html).toContain('2 medlemmer (1 ledig plads)');
      // next meetings: May's, not January's; latest minutes: January's with its referat
      const upcoming = html.slice(html.indexOf('Næste møder'), html.indexOf('Seneste referater'));
      expect(upcoming).toContain('19.05.2026');
      expect(upcoming).not.toContain('20.01.2026');
      expect(html.slice(html.indexOf('Seneste referater'))).toContain(`href="/styring/moeder/${meetingHeld}/filer/${referatId}"`);
      expect(html).not.toContain('Opret råd');
    });

    it("shows a council's seats, the vacant ones as Ledig, the chair marked, and its meetings with the referat", async () => {
      const html = (await faxe.get('/styring/raad/portefoeljeraadet')).body;
      expect(html).toContain('Kommunaldirektør, KKR Hovedstaden');
      expect(html).toMatch(/Hanne Hovedstad<\/span> <span class="badge badge-info">Forperson<\/span>/);
      expect(html).toMatch(/Kommunaldirektør, KKR Sjælland<\/th>\s*<td[^>]*><span class="samspil-vacant">Ledig<\/span>/);
      expect(html).toContain('Københavns Kommune');
      expect(html).toContain(`href="/styring/moeder/${meetingHeld}/filer/${referatId}"`);
      // two meetings in 2026: one held, one planned, fewer than the norm of three
      expect(html).toMatch(/2026<\/th>\s*<td[^>]*>2 \(normen er 3\)<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>1<\/td>/);
      expect(html).not.toContain('Tilføj en plads');
      expect((await faxe.get('/styring/raad/findes-ikke')).statusCode).toBe(404);
    });

    it('shows a meeting: council, Danish date, place, the agenda in order with decisions, and the files', async () => {
      const html = (await faxe.get(`/styring/moeder/${meetingHeld}`)).body;
      expect(html).toContain('20. januar 2026');
      expect(html).toContain('KOMBIT, København');
      expect(html).toContain('Afholdt');
      expect(html.indexOf('1. Godkendelse af dagsorden')).toBeLessThan(html.indexOf('2. Prioriteringspuljen 2026'));
      expect(html).toContain('Dagsordenen blev godkendt.');
      expect(html).toContain('<strong>Beslutning:</strong> Ikke behandlet endnu');
      expect(html).toContain('dagsorden-2026-01-20.pdf');
      expect(html).toContain(`href="/styring/moeder/${meetingHeld}/filer/${referatId}"`);
      expect(html).not.toContain('Tilføj punkt');
      expect(html).not.toContain('Læg en fil på mødet');
    });

    it('lets a municipal user download the referat, as an attachment with its hash', async () => {
      const res = await faxe.get(`/styring/moeder/${meetingHeld}/filer/${referatId}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('attachment; filename="referat-2026-01-20.pdf"');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      // a file of another meeting is not found under this one
      expect((await faxe.get(`/styring/moeder/${meetingAhead}/filer/${referatId}`)).statusCode).toBe(404);
    });

    it('answers the API to a municipal user: councils, one council with its seats, meetings by year and council, one meeting with download URLs', async () => {
      const councils = (await faxe.api('GET', '/api/v1/governance/councils')).json() as { councils: { key: string; chair: string | null; members: number; vacantSeats: number }[] };
      expect(councils.councils.map((c) => c.key)).toEqual(['portefoeljeraadet', 'fagraad-beskaeftigelse', 'fagraad-sundhed']);
      expect(councils.councils[0]).toMatchObject({ chair: 'Hanne Hovedstad', members: 2, vacantSeats: 1 });

      const one = (await faxe.api('GET', '/api/v1/governance/councils/portefoeljeraadet')).json() as { seats: { seat: string; name: string | null; vacant: boolean; chair: boolean }[] };
      expect(one.seats).toEqual([
        expect.objectContaining({ seat: 'Kommunaldirektør, KKR Hovedstaden', name: 'Hanne Hovedstad', vacant: false, chair: true }),
        expect.objectContaining({ seat: 'Kommunaldirektør, KKR Sjælland', name: null, vacant: true, chair: false }),
        expect.objectContaining({ seat: 'Repræsentant for KL', name: 'Karl KL' }),
      ]);

      const meetings = (await faxe.api('GET', '/api/v1/governance/meetings?year=2026&council=portefoeljeraadet')).json() as {
        meetings: { id: string; date: string; minutesUrl: string | null }[];
        truncated: boolean;
      };
      expect(meetings.meetings.map((m) => m.date)).toEqual(['2026-01-20', '2026-05-19']);
      expect(meetings.meetings[0]!.minutesUrl).toBe(`/styring/moeder/${meetingHeld}/filer/${referatId}`);
      expect(meetings.meetings[1]!.minutesUrl).toBeNull();
      expect(meetings.truncated).toBe(false);
      expect(((await faxe.api('GET', '/api/v1/governance/meetings?year=2025')).json() as { meetings: unknown[] }).meetings).toEqual([]);
      expect((await faxe.api('GET', '/api/v1/governance/meetings?year=abc')).statusCode).toBe(422);

      const detail = (await faxe.api('GET', `/api/v1/governance/meetings/${meetingHeld}`)).json() as {
        items: { position: number; decision: string | null }[];
        files: { kind: string; downloadUrl: string }[];
      };
      expect(detail.items).toEqual([
        expect.objectContaining({ position: 1, decision: 'Dagsordenen blev godkendt.' }),
        expect.objectContaining({ position: 2, decision: null }),
      ]);
      const referat = detail.files.find((f) => f.kind === 'referat')!;
      expect((await faxe.get(referat.downloadUrl)).statusCode).toBe(200);
    });
  });

  describe('only the secretariat writes', () => {
    it('refuses every write of a municipal user and of the consultant with 403, and changes nothing', async () => {
      const before = await rows();
      for (const c of [faxe, consultant]) {
        const attempts = [
          await c.post('/styring/raad', { key: 'nyt-raad', kind: 'fagraad', name: 'Nyt råd', area: 'Noget' }),
          await c.post('/styring/raad/portefoeljeraadet', { kind: 'portefoeljeraad', name: 'Omdøbt' }),
          await c.post('/styring/raad/portefoeljeraadet/medlemmer', { seat: 'Ny plads' }),
          await c.post('/styring/raad/portefoeljeraadet/moeder', { date: '2026-09-01', title: 'Ekstra' }),
          await c.post(`/styring/moeder/${meetingHeld}`, { date: '2026-01-21', title: 'Flyttet' }),
          await c.post(`/styring/moeder/${meetingHeld}/punkter`, { position: '3', title: 'Nyt punkt' }),
          await c.post(`/styring/moeder/${meetingHeld}/punkter/1`, { title: 'Ændret', decision: 'Ændret' }),
          await c.post(`/styring/moeder/${meetingHeld}/filer/${referatId}/slet`),
          await upload(c, meetingHeld, 'bilag', { name: 'bilag.pdf', content: tinyPdf('fremmed bilag') }),
          await c.api('POST', '/api/v1/governance/councils/portefoeljeraadet/meetings', { date: '2026-09-01', title: 'Ekstra' }),
          await c.api('PUT', `/api/v1/governance/meetings/${meetingHeld}/items/1`, { title: 'Ændret' }),
          await upload(c, meetingHeld, 'bilag', { name: 'bilag.pdf', content: tinyPdf('fremmed bilag') }, { api: true }),
        ];
        expect(attempts.map((r) => r.statusCode)).toEqual(attempts.map(() => 403));
        expect((await c.get('/styring/raad/ny')).statusCode).toBe(403);
        expect((await c.get(`/styring/moeder/${meetingHeld}/rediger`)).statusCode).toBe(403);
      }
      expect(await rows()).toEqual(before);
      const refused = await faxe.api('POST', '/api/v1/governance/councils/portefoeljeraadet/meetings', { date: '2026-09-01', title: 'Ekstra' });
      expect(refused.json()).toMatchObject({ code: 'forbidden', message: 'Kun KOMBITs sekretariat for K98-styringen kan ændre råd, møder og forslag.' });
    });
  });

  describe('the secretariat keeps the councils', () => {
    it('creates a council once under its key, refuses a taken key, a second Porteføljeråd and a Fagråd without area in Danish', async () => {
      await economist.get('/styring/raad/ny');
      const form = { key: 'fagraad-digitalisering', kind: 'fagraad', name: 'Fagråd for digitalisering', area: 'Digitalisering og it', description: 'Strategisk retning.' };
      const first = await economist.post('/styring/raad', form);
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/styring/raad/fagraad-digitalisering?besked=oprettet');
      const again = await economist.post('/styring/raad', form);
      expect(again.headers.location).toBe('/styring/raad/fagraad-digitalisering?besked=uaendret');
      expect(await audits('governance.council_saved')).toBe(1);

      const before = await rows();
      const taken = await economist.post('/styring/raad', { ...form, name: 'Et andet råd' });
      expect(taken.statusCode).toBe(409);
      expect(taken.body).toContain('Nøglen fagraad-digitalisering bruges allerede af Fagråd for digitalisering');
      const second = await economist.post('/styring/raad', { key: 'porteføljeråd-2', kind: 'portefoeljeraad', name: 'Endnu et porteføljeråd' });
      expect(second.statusCode).toBe(422);
      expect(second.body).toContain('Nøglen består af 2-60 små bogstaver');
      const secondPortfolio = await economist.post('/styring/raad', { key: 'portefoeljeraad-2', kind: 'portefoeljeraad', name: 'Endnu et porteføljeråd' });
      expect(secondPortfolio.statusCode).toBe(409);
      expect(secondPortfolio.body).toContain('Der er allerede et porteføljeråd: Porteføljerådet');
      const noArea = await economist.post('/styring/raad', { key: 'fagraad-uden', kind: 'fagraad', name: 'Uden område' });
      expect(noArea.statusCode).toBe(422);
      expect(noArea.body).toContain('Skriv fagrådets område');
      expect(await rows()).toEqual(before);

      const edited = await economist.post('/styring/raad/fagraad-digitalisering', { ...form, name: 'Fagråd for digitalisering og data' });
      expect(edited.headers.location).toBe('/styring/raad/fagraad-digitalisering?besked=rettet');
      expect((await economist.get('/styring/raad/fagraad-digitalisering')).body).toContain('Fagråd for digitalisering og data');
      expect(await audits('governance.council_saved')).toBe(2);
    });

    it('adds seats (a municipality as organisation, vacant without a name), moves the chair, adds a double submit once, corrects and removes', async () => {
      const page = await economist.get('/styring/raad/fagraad-digitalisering');
      expect(page.body).toContain('Tilføj en plads');
      const requestKey = /name="requestKey" value="([^"]+)"/.exec(page.body)![1]!;
      const add = { requestKey, seat: 'Forperson', name: 'Frida Faxe', municipalityCode: FAXE, chair: 'on' };
      expect((await economist.post('/styring/raad/fagraad-digitalisering/medlemmer', add)).headers.location).toBe('/styring/raad/fagraad-digitalisering?besked=medlem-gemt');
      expect((await economist.post('/styring/raad/fagraad-digitalisering/medlemmer', add)).statusCode).toBe(303);
      await economist.post('/styring/raad/fagraad-digitalisering/medlemmer', { seat: 'IT- og digitaliseringschef' });
      const members = async () => {
        const [c] = await t.database.db.select({ id: council.id }).from(council).where(eq(council.key, 'fagraad-digitalisering'));
        return t.database.db.select().from(councilMember).where(eq(councilMember.councilId, c!.id)).orderBy(councilMember.sort);
      };
      let seats = await members();
      expect(seats.map((s) => [s.seat, s.name, s.organisation, s.chair])).toEqual([
        ['Forperson', 'Frida Faxe', 'Faxe Kommune', true],
        ['IT- og digitaliseringschef', null, '', false],
      ]);
      expect(await audits('governance.member_saved')).toBe(2);
      const html = (await faxe.get('/styring/raad/fagraad-digitalisering')).body;
      expect(html).toMatch(/IT- og digitaliseringschef<\/th>\s*<td[^>]*><span class="samspil-vacant">Ledig<\/span>/);

      const vacantChair = await economist.post(`/styring/raad/fagraad-digitalisering/medlemmer/${seats[1]!.id}`, { seat: 'IT- og digitaliseringschef', chair: 'on' });
      expect(vacantChair.statusCode).toBe(422);
      expect(vacantChair.body).toContain('En ledig plads kan ikke være forperson');
      const unknownMunicipality = await economist.post(`/styring/raad/fagraad-digitalisering/medlemmer/${seats[1]!.id}`, { seat: 'IT- og digitaliseringschef', municipalityCode: '9999' });
      expect(unknownMunicipality.statusCode).toBe(422);
      expect(unknownMunicipality.body).toContain('Vælg en kommune fra listen');

      const filled = { seat: 'IT- og digitaliseringschef', name: 'Ida IT', organisation: 'Aarhus Kommune', chair: 'on' };
      expect((await economist.post(`/styring/raad/fagraad-digitalisering/medlemmer/${seats[1]!.id}`, filled)).headers.location).toBe(
        '/styring/raad/fagraad-digitalisering?besked=medlem-gemt',
      );
      expect((await economist.post(`/styring/raad/fagraad-digitalisering/medlemmer/${seats[1]!.id}`, filled)).headers.location).toBe('/styring/raad/fagraad-digitalisering?besked=uaendret');
      seats = await members();
      expect(seats.map((s) => s.chair)).toEqual([false, true]);
      expect(await audits('governance.member_saved')).toBe(3);

      expect((await economist.post(`/styring/raad/fagraad-digitalisering/medlemmer/${seats[0]!.id}/fjern`)).headers.location).toBe(
        '/styring/raad/fagraad-digitalisering?besked=medlem-fjernet',
      );
      expect((await economist.post(`/styring/raad/fagraad-digitalisering/medlemmer/${seats[0]!.id}/fjern`)).headers.location).toBe(
        '/styring/raad/fagraad-digitalisering?besked=allerede-fjernet',
      );
      expect((await members()).map((s) => s.name)).toEqual(['Ida IT']);
      expect(await audits('governance.member_removed')).toBe(1);
    });
  });

  describe('the secretariat keeps the meetings', () => {
    it('plans one meeting per council and day: the same again is no new meeting, another that day is refused in Danish', async () => {
      const form = { date: '2026-01-27', title: '1. Fagrådsmøde 2026', location: 'Online' };
      const first = await economist.post('/styring/raad/fagraad-digitalisering/moeder', form);
      expect(first.statusCode).toBe(303);
      const id = /^\/styring\/moeder\/([0-9a-f-]+)\?besked=oprettet$/.exec(String(first.headers.location))![1]!;
      expect((await economist.post('/styring/raad/fagraad-digitalisering/moeder', form)).headers.location).toBe(`/styring/moeder/${id}?besked=findes`);
      expect(await audits('governance.meeting_created')).toBe(1);

      const before = await rows();
      const clash = await economist.post('/styring/raad/fagraad-digitalisering/moeder', { date: '27.01.2026', title: 'Ekstraordinært møde' });
      expect(clash.statusCode).toBe(409);
      expect(clash.body).toContain('har allerede et møde den 27. januar 2026: 1. Fagrådsmøde 2026. Et råd kan kun holde ét møde pr. dag.');
      const api = await economist.api('POST', '/api/v1/governance/councils/fagraad-digitalisering/meetings', { date: '2026-01-27', title: 'Ekstraordinært møde' });
      expect(api.statusCode).toBe(409);
      expect(api.json()).toMatchObject({ code: 'conflict', fieldErrors: { date: expect.stringContaining('har allerede et møde den dag') } });
      const badDate = await economist.post('/styring/raad/fagraad-digitalisering/moeder', { date: '2026-02-30', title: 'Umuligt' });
      expect(badDate.statusCode).toBe(422);
      expect(badDate.body).toContain('Skriv datoen som åååå-mm-dd');
      expect(await rows()).toEqual(before);
      // another council may meet the same day
      expect((await economist.api('POST', '/api/v1/governance/councils/fagraad-sundhed/meetings', form)).statusCode).toBe(201);

      // moving a meeting onto a day the council already meets is refused as well
      const other = (await economist.api('POST', '/api/v1/governance/councils/fagraad-digitalisering/meetings', { date: '2026-06-02', title: '2. Fagrådsmøde 2026' })).json() as { id: string };
      const move = await economist.post(`/styring/moeder/${other.id}`, { date: '2026-01-27', title: '2. Fagrådsmøde 2026' });
      expect(move.statusCode).toBe(409);
      expect((await economist.post(`/styring/moeder/${other.id}`, { date: '2026-06-09', title: '2. Fagrådsmøde 2026', location: 'Aarhus' })).headers.location).toBe(
        `/styring/moeder/${other.id}?besked=rettet`,
      );
      expect(await audits('governance.meeting_updated')).toBe(1);
    });

    it('plans a fourth meeting in a year, saying that the norm is three', async () => {
      await economist.api('POST', '/api/v1/governance/councils/fagraad-digitalisering/meetings', { date: '2026-09-15', title: '3. Fagrådsmøde 2026' });
      const fourth = await economist.post('/styring/raad/fagraad-digitalisering/moeder', { date: '2026-11-24', title: 'Ekstra fagrådsmøde' });
      expect(fourth.headers.location).toMatch(/\?besked=fjerde$/);
      expect((await economist.get(String(fourth.headers.location))).body).toContain('flere møder i året end normen på tre');
      expect((await faxe.get('/styring/raad/fagraad-digitalisering')).body).toMatch(/2026<\/th>\s*<td[^>]*>4 \(normen er 3\)<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>3<\/td>/);
    });

    it('writes the agenda item by item and records decisions; a taken number is not overwritten by the add form', async () => {
      const [m] = await t.database.db.select({ id: councilMeeting.id }).from(councilMeeting).where(eq(councilMeeting.meetingDate, '2026-09-15'));
      const id = m!.id;
      const add = { position: '1', title: 'Status på løsningerne', description: 'Gennemgang.' };
      expect((await economist.post(`/styring/moeder/${id}/punkter`, add)).headers.location).toBe(`/styring/moeder/${id}?besked=punkt-gemt`);
      expect((await economist.post(`/styring/moeder/${id}/punkter`, add)).headers.location).toBe(`/styring/moeder/${id}?besked=uaendret`);
      const taken = await economist.post(`/styring/moeder/${id}/punkter`, { position: '1', title: 'Et andet punkt' });
      expect(taken.statusCode).toBe(409);
      expect(taken.body).toContain('Punkt 1 er allerede på dagsordenen: Status på løsningerne');
      const noTitle = await economist.post(`/styring/moeder/${id}/punkter`, { position: '2', title: ' ' });
      expect(noTitle.statusCode).toBe(422);
      expect(noTitle.body).toContain('Skriv punktets overskrift');

      const put = await economist.api('PUT', `/api/v1/governance/meetings/${id}/items/2`, { title: 'Puljen 2027', decision: 'Fagrådet indstiller forslag 3 og 7.' });
      expect(put.statusCode).toBe(201);
      const decided = await economist.post(`/styring/moeder/${id}/punkter/1`, { title: 'Status på løsningerne', description: 'Gennemgang.', decision: 'Taget til efterretning.' });
      expect(decided.headers.location).toBe(`/styring/moeder/${id}?besked=punkt-gemt`);
      expect((await economist.api('PUT', `/api/v1/governance/meetings/${id}/items/101`, { title: 'For mange' })).statusCode).toBe(422);

      const html = (await faxe.get(`/styring/moeder/${id}`)).body;
      expect(html).toContain('Taget til efterretning.');
      expect(html).toContain('Fagrådet indstiller forslag 3 og 7.');
      expect(html.indexOf('1. Status på løsningerne')).toBeLessThan(html.indexOf('2. Puljen 2027'));
      expect(await audits('governance.meeting_item_saved')).toBe(3);
    });
  });

  describe('the secretariat puts files on a meeting', () => {
    let id: string;
    beforeAll(async () => {
      const [m] = await t.database.db.select({ id: councilMeeting.id }).from(councilMeeting).where(eq(councilMeeting.meetingDate, '2026-01-27')).limit(1);
      id = m!.id;
    });
    const filesOf = async () => t.database.db.select({ id: meetingFile.id, kind: meetingFile.kind, filename: meetingFile.filename }).from(meetingFile).where(eq(meetingFile.meetingId, id));

    it('takes a PDF or a Word document by its content, once; refuses the same content under another name and a renamed program', async () => {
      await economist.get(`/styring/moeder/${id}`);
      const referat = { name: 'referat-2026-01-27.pdf', content: tinyPdf('referat fagråd') };
      const first = await upload(economist, id, 'referat', referat);
      expect(first.headers.location).toBe(`/styring/moeder/${id}?besked=fil-lagt-paa`);
      expect((await upload(economist, id, 'referat', referat)).headers.location).toBe(`/styring/moeder/${id}?besked=fil-findes`);
      expect((await upload(economist, id, 'bilag', { name: 'bilag-1.docx', content: docx('bilag') })).statusCode).toBe(303);
      expect(await audits('governance.meeting_file_uploaded')).toBe(2);

      const before = await rows();
      const twin = await upload(economist, id, 'bilag', { ...referat, name: 'kopi.pdf' });
      expect(twin.statusCode).toBe(409);
      expect(twin.body).toContain('Den samme fil ligger allerede på mødet som referat-2026-01-27.pdf (referat).');
      const exe = await upload(economist, id, 'referat', { name: 'referat.pdf', content: renamedExe() });
      expect(exe.statusCode).toBe(422);
      expect(exe.body).toContain('Filen skal være en PDF eller et Word-dokument (.docx): referat.pdf er ingen af delene');
      const zipNotDocx = await upload(economist, id, 'bilag', { name: 'arkiv.zip', content: docx('zip') });
      expect(zipNotDocx.statusCode).toBe(422);
      const noKind = await upload(economist, id, 'noget', { name: 'x.pdf', content: tinyPdf('x') });
      expect(noKind.statusCode).toBe(422);
      expect(noKind.body).toContain('Vælg om filen er dagsorden, referat eller bilag');
      const apiExe = await upload(economist, id, 'referat', { name: 'referat.pdf', content: renamedExe() }, { api: true });
      expect(apiExe.statusCode).toBe(422);
      expect(apiExe.json()).toMatchObject({ fieldErrors: { fil: expect.stringContaining('PDF eller et Word-dokument') } });
      expect(await rows()).toEqual(before);
      expect((await filesOf()).map((f) => f.filename).sort()).toEqual(['bilag-1.docx', 'referat-2026-01-27.pdf']);
    });

    it('uploads through the API and deletes once', async () => {
      const res = await upload(economist, id, 'dagsorden', { name: 'dagsorden.pdf', content: tinyPdf('dagsorden fagråd') }, { api: true });
      expect(res.statusCode).toBe(201);
      const file = res.json() as { id: string; kind: string; downloadUrl: string };
      expect(file).toMatchObject({ kind: 'dagsorden', downloadUrl: `/styring/moeder/${id}/filer/${file.id}` });
      expect((await faxe.get(file.downloadUrl)).statusCode).toBe(200);

      expect((await economist.post(`/styring/moeder/${id}/filer/${file.id}/slet`)).headers.location).toBe(`/styring/moeder/${id}?besked=fil-slettet`);
      expect((await economist.post(`/styring/moeder/${id}/filer/${file.id}/slet`)).headers.location).toBe(`/styring/moeder/${id}?besked=fil-allerede-slettet`);
      expect((await faxe.get(file.downloadUrl)).statusCode).toBe(404);
      expect(await audits('governance.meeting_file_deleted')).toBe(1);
      const [logged] = await t.database.db
        .select({ before: auditEvent.before })
        .from(auditEvent)
        .where(and(eq(auditEvent.action, 'governance.meeting_file_deleted'), eq(auditEvent.entityId, id)));
      expect(logged!.before).toMatchObject({ fileId: file.id, filename: 'dagsorden.pdf', kind: 'dagsorden' });
    });
  });

  it("gives the yearly documents a year's minutes: meetings with a referat, by date, each linking its referat", async () => {
    const minutes = await minutesOfYear(t.database.db, 2026);
    expect(minutes.map((m) => [m.date, m.council, m.title])).toEqual([
      ['2026-01-20', 'Porteføljerådet', '1. Porteføljerådsmøde 2026'],
      ['2026-01-27', 'Fagråd for digitalisering og data', '1. Fagrådsmøde 2026'],
    ]);
    expect(minutes[0]).toMatchObject({ meetingId: meetingHeld, href: `/styring/moeder/${meetingHeld}/filer/${referatId}`, meetingHref: `/styring/moeder/${meetingHeld}` });
    expect((await faxe.get(minutes[1]!.href)).headers['content-disposition']).toContain('referat-2026-01-27.pdf');
    expect(await minutesOfYear(t.database.db, 2025)).toEqual([]);
  });
});
