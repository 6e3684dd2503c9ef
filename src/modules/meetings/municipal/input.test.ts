import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { seedDemoMeetingInput } from '../demo-municipal.ts';
import { meeting, meetingAgendaItem, meetingAttendee, meetingInput } from '../schema.ts';
import { INPUT_PAGE_SIZE } from './queries.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const NOW = new Date('2025-05-20T10:00:00Z');
const NOWHERE = '00000000-0000-4000-8000-000000000000';

describe('input til kommende møder', () => {
  let t: TestApp;
  let faxe: Client, brondby: Client, consultant: Client, admin: Client;
  const db = () => t.database.db;
  const ids = { june: '', august: '', past: '', flis: '', wish: '', brondby: '' };
  const inputs = async () => (await db().select({ n: count() }).from(meetingInput))[0]!.n;
  const agenda = (meetingId: string) => db().select().from(meetingAgendaItem).where(eq(meetingAgendaItem.meetingId, meetingId)).orderBy(asc(meetingAgendaItem.position));

  async function addMeeting(title: string, startsAt: string) {
    const start = new Date(startsAt);
    const [m] = await db().insert(meeting).values({ title, startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000) }).returning({ id: meeting.id });
    return m!.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(NOW);
    ids.past = await addMeeting('Programledermøde april 2025', '2025-04-02T07:00:00Z');
    ids.june = await addMeeting('Programledermøde juni 2025', '2025-06-18T07:00:00Z');
    ids.august = await addMeeting('Programledermøde august 2025', '2025-08-27T07:00:00Z');
    await db().insert(meetingAgendaItem).values([
      { meetingId: ids.june, position: 1, title: 'Kort nyt' },
      { meetingId: ids.june, position: 2, title: 'Ny NemKonto' },
    ]);
    [faxe, brondby, consultant, admin] = await Promise.all([
      loginAs(t.app, DEMO.programLeader(FAXE)),
      loginAs(t.app, DEMO.programLeader(BRONDBY)),
      loginAs(t.app, DEMO.consultant),
      loginAs(t.app, DEMO.admin),
    ]);
  }, 120_000);
  afterAll(() => t.close());

  it('takes a question for a chosen coming meeting and a topic for the next one, once however often sent, and lists them as received', async () => {
    const page = await faxe.get('/moeder/input');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Programledermøde juni 2025 (18.06.2025)');
    expect(page.body).not.toContain('Programledermøde april 2025');
    const form = { requestKey: 'input-1', kind: 'spoergsmaal', title: 'FLIS: AftaleID efter fristen?', body: 'Vi nåede det ikke.\nHvem kontakter vi?', meetingId: ids.june };
    const first = await faxe.post('/moeder/input', form);
    expect(first.headers.location).toBe('/moeder/input?besked=sendt');
    await faxe.post('/moeder/input', form);
    expect(await inputs()).toBe(1);
    const api = await faxe.api('POST', '/api/v1/meeting-input', { kind: 'emne', title: 'Erfaringer med MitID Erhverv', meetingId: null }, { 'idempotency-key': 'emne-1' });
    expect(api.statusCode).toBe(201);
    expect(api.json()).toMatchObject({ municipality: { code: FAXE, name: 'Faxe' }, kind: 'emne', meeting: null, state: 'modtaget', agendaItem: null });
    expect((await faxe.api('POST', '/api/v1/meeting-input', { kind: 'emne', title: 'Erfaringer med MitID Erhverv', meetingId: null }, { 'idempotency-key': 'emne-1' })).json().id).toBe(api.json().id);
    ids.wish = api.json().id;
    expect(await inputs()).toBe(2);
    const [flis] = await db().select({ id: meetingInput.id }).from(meetingInput).where(eq(meetingInput.title, form.title));
    ids.flis = flis!.id;
    expect(await db().select().from(auditEvent).where(eq(auditEvent.action, 'meeting.input_submitted'))).toHaveLength(2);

    const list = (await faxe.get('/moeder/input?besked=sendt')).body;
    expect(list).toContain('Tak for jeres input.');
    expect(list).toContain('<span>Vi nåede det ikke.</span><br/><span>Hvem kontakter vi?</span>');
    expect(list).toContain('Næste møde');
    expect(list.match(/>Modtaget</g)).toHaveLength(2);
  });

  it('refuses bad input with Danish messages and the form refilled, a meeting that has started, and anyone but those who speak for a municipality', async () => {
    const before = await inputs();
    const bad = await faxe.post('/moeder/input', { kind: 'ide', title: '', body: 'Noget', meetingId: ids.past });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Vælg, om det er et emne eller et spørgsmål');
    expect(bad.body).toContain('Skriv en overskrift');
    expect(bad.body).toContain('>Noget</textarea>');
    const past = await faxe.api('POST', '/api/v1/meeting-input', { kind: 'emne', title: 'For sent', meetingId: ids.past });
    expect(past.statusCode).toBe(422);
    expect(past.json().fieldErrors.meetingId).toBe('Vælg et af de kommende møder, eller «Næste møde»');
    expect((await faxe.api('POST', '/api/v1/meeting-input', { kind: 'emne', title: 'Intet møde', meetingId: 'ikke-et-id' })).statusCode).toBe(422);
    expect((await consultant.api('POST', '/api/v1/meeting-input', { kind: 'emne', title: 'Fra KOMBIT' })).statusCode).toBe(403);
    expect(await inputs()).toBe(before);
  });

  it("keeps each municipality's input its own: Brøndby sees only its own and gets 404 for Faxe's", async () => {
    ids.brondby = (await brondby.api('POST', '/api/v1/meeting-input', { kind: 'spoergsmaal', title: 'Byg og Miljø: hvem skriver under?', meetingId: ids.june })).json().id;
    const theirs = (await brondby.api('GET', '/api/v1/meeting-input')).json();
    expect(theirs.items.map((i: { id: string }) => i.id)).toEqual([ids.brondby]);
    expect((await brondby.get('/moeder/input')).body).not.toContain('FLIS: AftaleID');
    expect((await brondby.post(`/moeder/input/${ids.flis}/traek-tilbage`)).statusCode).toBe(404);
    expect((await brondby.api('DELETE', `/api/v1/meeting-input/${ids.flis}`)).statusCode).toBe(404);
    expect((await brondby.api('POST', `/api/v1/meeting-input/${ids.flis}/place`, {})).statusCode).toBe(404);
    expect((await faxe.api('POST', `/api/v1/meeting-input/${ids.flis}/place`, {})).statusCode).toBe(403);
    expect((await faxe.api('GET', '/api/v1/meeting-input')).json().total).toBe(2);
  });

  it('places an input once as the last agenda item of its meeting, in a row or at the same time, audited', async () => {
    const [a, b] = await Promise.all([
      consultant.api('POST', `/api/v1/meeting-input/${ids.flis}/place`, {}),
      admin.api('POST', `/api/v1/meeting-input/${ids.flis}/place`, {}),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().placed, b.json().placed].sort()).toEqual([false, true]);
    const again = await consultant.post(`/moeder/input/${ids.flis}/placer`, { meetingId: ids.august });
    expect(again.headers.location).toBe('/moeder/input?besked=allerede-placeret');
    const items = await agenda(ids.june);
    expect(items.map((i) => [i.position, i.title])).toEqual([
      [1, 'Kort nyt'],
      [2, 'Ny NemKonto'],
      [3, 'FLIS: AftaleID efter fristen?'],
    ]);
    expect(items[2]!.description).toBe('Vi nåede det ikke.\nHvem kontakter vi?\n\nInput fra Faxe Kommune');
    expect(await agenda(ids.august)).toHaveLength(0);
    expect(await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'meeting.input_placed'), eq(auditEvent.entityId, ids.flis)))).toHaveLength(1);

    // Faxe sees where it went, and can no longer withdraw it.
    const own = (await faxe.get('/moeder/input')).body;
    expect(own).toContain('På dagsordenen');
    expect(own).toContain(`<a href="/moeder/${ids.june}">Programledermøde juni 2025 (18.06.2025)</a>`);
    const withdraw = await faxe.api('DELETE', `/api/v1/meeting-input/${ids.flis}`);
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json().message).toContain('kan ikke længere trækkes tilbage');
    expect(await inputs()).toBe(3);
  });

  it('places "next meeting" input on the next coming meeting unless another is chosen, back to the meeting page when sent from there', async () => {
    const viaPage = await consultant.post(`/moeder/input/${ids.brondby}/placer`, { meetingId: ids.june, tilbage: `/moeder/${ids.june}` });
    expect(viaPage.headers.location).toBe(`/moeder/${ids.june}?besked=input-placeret#moede-input`);
    expect((await agenda(ids.june)).map((i) => i.description.split('\n\n').pop())).toContain('Input fra Brøndby Kommune');
    const r = (await admin.api('POST', `/api/v1/meeting-input/${ids.wish}/place`, {})).json();
    expect(r).toMatchObject({ placed: true, input: { state: 'paa-dagsordenen', agendaItem: { meeting: { id: ids.june } } } });
    expect((await agenda(ids.june)).map((i) => i.position)).toEqual([1, 2, 3, 4, 5]);
    const onPast = await faxe.api('POST', '/api/v1/meeting-input', { kind: 'emne', title: 'Til august', meetingId: ids.august });
    const refused = await consultant.api('POST', `/api/v1/meeting-input/${onPast.json().id}/place`, { meetingId: ids.past });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().fieldErrors.meetingId).toBe('Mødet er afholdt. Vælg et af de kommende møder.');
    expect((await consultant.api('POST', `/api/v1/meeting-input/${NOWHERE}/place`, {})).statusCode).toBe(404);
    // Withdrawn while not placed; a repeat is no error.
    expect((await faxe.post(`/moeder/input/${onPast.json().id}/traek-tilbage`)).headers.location).toBe('/moeder/input?besked=trukket-tilbage');
    expect((await faxe.post(`/moeder/input/${onPast.json().id}/traek-tilbage`)).headers.location).toBe('/moeder/input?besked=allerede-trukket-tilbage');
    expect(await db().select().from(auditEvent).where(eq(auditEvent.action, 'meeting.input_withdrawn'))).toHaveLength(1);
  });

  it('shows central staff every municipality’s input a page at a time, filtered by meeting and "ikke placeret", in the same number of statements however many', async () => {
    const central = await consultant.get('/moeder/input');
    expect(central.body).toContain('Brøndby');
    expect(central.body).toContain('FLIS: AftaleID');
    const statements = async (url: string) => {
      const before = t.database.queries.count;
      const res = await consultant.get(url);
      expect(res.statusCode).toBe(200);
      return { n: t.database.queries.count - before, body: res.body };
    };
    const few = await statements('/moeder/input?ikke-placeret=1');
    await db()
      .insert(meetingInput)
      .values(Array.from({ length: 120 }, (_, i) => ({ municipalityCode: i % 2 ? FAXE : BRONDBY, meetingId: i % 3 ? ids.august : null, kind: 'emne' as const, title: `Massetest ${i}`, submittedAt: new Date(NOW.getTime() - i * 60_000) })));
    const many = await statements('/moeder/input?ikke-placeret=1');
    expect(many.n).toBe(few.n);
    expect(many.body.match(/<strong>Massetest \d+/g)).toHaveLength(INPUT_PAGE_SIZE);
    expect(many.body).toContain('Side 1 af 3');
    expect(many.body).not.toContain('FLIS: AftaleID');
    const august = (await consultant.api('GET', `/api/v1/meeting-input?meetingId=${ids.august}&unplaced=true&page=2`)).json();
    expect(august).toMatchObject({ total: 80, page: 2, pageSize: INPUT_PAGE_SIZE });
    expect(august.items).toHaveLength(30);
    expect((await consultant.api('GET', '/api/v1/meeting-input?meetingId=next')).json().total).toBe(41);
    const filtered = (await consultant.get(`/moeder/input?moede=${ids.june}`)).body;
    expect(filtered).toContain('FLIS: AftaleID');
    expect(filtered).not.toContain('Massetest');
    expect(filtered).not.toContain('Sæt på dagsordenen');
    expect(many.body).toContain('Sæt på dagsordenen');
  });

  it('seeds attendance for the May meeting and input for the coming one, Brøndby’s placed, once however often it runs', async () => {
    const may = await addMeeting('Programledermøde maj 2025', '2025-05-28T07:00:00Z');
    await seedDemoMeetingInput(db(), NOW);
    const attendance = await db().select({ code: meetingAttendee.municipalityCode }).from(meetingAttendee).where(eq(meetingAttendee.meetingId, may));
    expect(attendance.length).toBeGreaterThan(25);
    expect(attendance.map((a) => a.code)).toContain(FAXE);
    const demo = await db().select().from(meetingInput).where(eq(meetingInput.title, 'Erfaringer med MitID Erhverv i VALG'));
    expect(demo).toHaveLength(1);
    const [placed] = await db().select().from(meetingInput).where(eq(meetingInput.title, 'Byg og Miljø: hvem skriver under på databehandleraftalen?'));
    expect(placed!.meetingId).toBe(may);
    expect(placed!.agendaItemId).not.toBeNull();
    const rows = await inputs();
    const items = (await agenda(may)).length;
    await seedDemoMeetingInput(db(), NOW);
    expect(await inputs()).toBe(rows);
    expect((await agenda(may)).length).toBe(items);
    expect((await db().select({ n: count() }).from(meetingAttendee))[0]!.n).toBe(attendance.length);
  });
});
