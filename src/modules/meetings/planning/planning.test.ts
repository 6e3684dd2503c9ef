import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildAgreement } from '../../../../test/factories/agreements.ts';
import { buildTask } from '../../../../test/factories/tasks.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { CRLF, unfold } from '../../../platform/ical.ts';
import { person } from '../../../platform/identity/schema.ts';
import { renderPdf } from '../../../platform/pdf/render.ts';
import { newsItem } from '../../news/index.ts';
import { DEMO_JUNE_MEETING_TITLE, DEMO_MAY_AGENDA, DEMO_MAY_MATERIAL, DEMO_MAY_NEWS, DEMO_MAY_MEETING_TITLE, DEMO_NEXT_MEETING_TITLE, seedDemoMeetingPlans } from '../demo-meetings.ts';
import { meeting, meetingAgendaItem, meetingFollowUp } from '../schema.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const NOW = new Date('2025-05-20T08:00:00Z');

function multipart(field: string, filename: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----planningtest';
  const parts: Uint8Array[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="${filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('meeting planning', () => {
  let t: TestApp;
  let admin: Client, consultant: Client, faxe: Client;
  const db = () => t.database.db;
  const ids = { meeting: '', items: [] as string[], presenter: '' };
  const audits = (action: string, id: string) =>
    db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), eq(auditEvent.entityId, id)));
  const upload = (c: Client, url: string, field: string, filename: string, content: Buffer) => {
    const mp = multipart(field, filename, content, url.startsWith('/api/') ? {} : { _csrf: c.csrf });
    return t.app.inject({ method: 'POST', url, payload: mp.payload, headers: { 'content-type': mp.contentType, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf } });
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(NOW);
    [admin, consultant, faxe] = await Promise.all([loginAs(t.app, DEMO.admin), loginAs(t.app, DEMO.consultant), loginAs(t.app, DEMO.programLeader(FAXE))]);
    ids.presenter = (await db().select({ id: person.id }).from(person).where(eq(person.email, DEMO.consultant)))[0]!.id;
  }, 120_000);
  afterAll(() => t.close());

  it('plans a meeting through the form once however often it is sent, refuses bad input in Danish, and municipalities cannot plan', async () => {
    const bad = await admin.post('/moeder', { title: '', day: '31.02.2025', startTime: '25.00', endTime: '12.00', onlineLink: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(422);
    for (const m of ['Skriv mødets titel', 'Skriv dagen som dd.mm.åååå', 'Skriv klokkeslættet som tt.mm', 'Linket til onlinemødet skal begynde med https://']) expect(bad.body).toContain(m);
    const backwards = await admin.api('POST', '/api/v1/meetings', { title: 'Baglæns', day: '2025-06-18', startTime: '12.00', endTime: '10.00', place: 'KOMBIT' });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().fieldErrors).toEqual({ endTime: 'Mødet skal slutte efter det begynder' });
    expect((await faxe.post('/moeder', { title: 'Fra Faxe', day: '18.06.2025', startTime: '10.00', endTime: '12.00', place: 'Faxe' })).statusCode).toBe(403);
    expect((await faxe.get('/moeder/ny')).statusCode).toBe(403);
    expect((await db().select({ n: count() }).from(meeting))[0]!.n).toBe(0);

    const form = {
      requestKey: 'moede-1',
      title: 'Programledermøde juni',
      day: '18.06.2025',
      startTime: '10.00',
      endTime: '12.00',
      place: 'KOMBIT, Halfdansgade 8; lokale 1',
      onlineLink: 'https://moede.example.dk/juni',
      practicalInfo: 'Kaffe fra **9.30**.\n\n<script>alert(1)</script>',
    };
    const first = await admin.post('/moeder', form);
    ids.meeting = /^\/moeder\/([0-9a-f-]{36})\?besked=oprettet$/.exec(String(first.headers.location))![1]!;
    expect((await admin.post('/moeder', form)).headers.location).toBe(first.headers.location);
    expect((await db().select({ n: count() }).from(meeting))[0]!.n).toBe(1);
    expect(await audits('meeting.saved', ids.meeting)).toHaveLength(1);

    const page = await faxe.get(`/moeder/${ids.meeting}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('18. juni 2025 kl. 10.00–12.00');
    expect(page.body).toContain('<strong>9.30</strong>');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('https://moede.example.dk/juni');
    expect(page.body).not.toContain('Ret mødet');
    const list = await faxe.get('/moeder');
    expect(list.body).toContain('Programledermøde juni');
    expect(list.body).toContain('18.06.2025');
    expect(list.body).not.toContain('Nyt møde');
    expect((await admin.get('/moeder')).body).toContain('Nyt møde');
  });

  it('edits a meeting: a new title keeps the iCal sequence, a new time bumps it; nothing changed writes nothing', async () => {
    const form = { title: 'Programledermøde 18. juni', day: '18.06.2025', startTime: '10.00', endTime: '12.00', place: 'KOMBIT, Halfdansgade 8; lokale 1', onlineLink: 'https://moede.example.dk/juni', practicalInfo: 'Kaffe fra **9.30**.\n\n<script>alert(1)</script>' };
    expect((await faxe.post(`/moeder/${ids.meeting}`, form)).statusCode).toBe(403);
    expect((await consultant.post(`/moeder/${ids.meeting}`, form)).headers.location).toBe(`/moeder/${ids.meeting}?besked=gemt`);
    const seq = async () => (await db().select({ s: meeting.sequence }).from(meeting).where(eq(meeting.id, ids.meeting)))[0]!.s;
    expect(await seq()).toBe(0);
    expect((await consultant.post(`/moeder/${ids.meeting}`, form)).headers.location).toBe(`/moeder/${ids.meeting}?besked=uaendret`);
    expect((await consultant.post(`/moeder/${ids.meeting}`, { ...form, startTime: '9.30' })).headers.location).toBe(`/moeder/${ids.meeting}?besked=gemt`);
    expect(await seq()).toBe(1);
    const edit = await consultant.get(`/moeder/${ids.meeting}/rediger`);
    expect(edit.body).toContain('value="18.06.2025"');
    expect(edit.body).toContain('value="09.30"');
    const put = await admin.api('PUT', `/api/v1/meetings/${ids.meeting}`, { ...form, startTime: '10.00', recordingLink: 'ftp://x' });
    expect(put.statusCode).toBe(422);
    expect(put.json().fieldErrors).toEqual({ recordingLink: 'Linket til optagelsen skal begynde med https:// eller http://' });
    expect(await audits('meeting.saved', ids.meeting)).toHaveLength(3);
  });

  it('builds the agenda in order, keeps positions 1…n through moves and deletes, and never shows a municipality a task it may not read', async () => {
    const own = await buildTask(db(), { title: 'Faxes egen opgave', targets: [FAXE] });
    const other = await buildTask(db(), { title: 'Brøndbys hemmelige opgave', targets: [BRONDBY] });
    const sent = await buildAgreement(db(), { title: 'Aftale sendt til Faxe', targets: [FAXE] });
    const notSent = await buildAgreement(db(), { title: 'Aftale kun til Brøndby', targets: [BRONDBY] });

    const add = (body: Record<string, string | string[]>) => admin.post(`/moeder/${ids.meeting}/dagsorden`, body as Record<string, string>);
    const first = await add({ requestKey: 'punkt-1', title: 'Kort nyt', minutes: '30', presenters: ids.presenter });
    expect(first.headers.location).toBe(`/moeder/${ids.meeting}/dagsorden?besked=tilfoejet`);
    await add({ requestKey: 'punkt-1', title: 'Kort nyt', minutes: '30', presenters: ids.presenter });
    const api = await admin.api('POST', `/api/v1/meetings/${ids.meeting}/agenda`, { title: 'Opgaver og aftaler', minutes: 20, tasks: [own.task.id, other.task.id], agreements: [sent.agreement.id, notSent.agreement.id], presenters: [ids.presenter] });
    expect(api.statusCode, api.body).toBe(201);
    expect(api.json().position).toBe(2);
    await admin.api('POST', `/api/v1/meetings/${ids.meeting}/agenda`, { title: 'Spørgsmål' });
    const badRef = await admin.api('POST', `/api/v1/meetings/${ids.meeting}/agenda`, { title: 'X', minutes: 0, tasks: ['00000000-0000-4000-8000-000000000000'] });
    expect(badRef.statusCode).toBe(422);
    expect(Object.keys(badRef.json().fieldErrors).sort()).toEqual(['minutes']);
    const badTask = await admin.api('POST', `/api/v1/meetings/${ids.meeting}/agenda`, { title: 'X', tasks: ['00000000-0000-4000-8000-000000000000'], presenters: [own.task.id] });
    expect(badTask.json().fieldErrors).toEqual({ tasks: 'Vælg opgaver fra listen', presenters: 'Vælg oplægsholdere blandt KOMBITs medarbejdere' });
    expect((await faxe.api('POST', `/api/v1/meetings/${ids.meeting}/agenda`, { title: 'Fra Faxe' })).statusCode).toBe(403);
    expect((await faxe.get(`/moeder/${ids.meeting}/dagsorden`)).statusCode).toBe(403);

    const titles = async () => (await admin.api('GET', `/api/v1/meetings/${ids.meeting}`)).json().agenda.map((i: { title: string; position: number }) => `${i.position}:${i.title}`);
    expect(await titles()).toEqual(['1:Kort nyt', '2:Opgaver og aftaler', '3:Spørgsmål']);
    const agenda = (await admin.api('GET', `/api/v1/meetings/${ids.meeting}`)).json().agenda as { id: string }[];
    ids.items = agenda.map((i) => i.id);

    // Moved up from where the mover saw it; the same click again moves nothing more.
    const move = { retning: 'op', fra: '3' };
    expect((await admin.post(`/moeder/${ids.meeting}/dagsorden/${ids.items[2]}/flyt`, move)).headers.location).toContain('besked=flyttet');
    expect((await admin.post(`/moeder/${ids.meeting}/dagsorden/${ids.items[2]}/flyt`, move)).headers.location).toContain('besked=ikke-flyttet');
    expect(await titles()).toEqual(['1:Kort nyt', '2:Spørgsmål', '3:Opgaver og aftaler']);
    const down = await admin.api('POST', `/api/v1/meetings/${ids.meeting}/agenda/${ids.items[0]}/move`, { direction: 'down' });
    expect(down.json().moved).toBe(true);
    expect(await titles()).toEqual(['1:Spørgsmål', '2:Kort nyt', '3:Opgaver og aftaler']);
    expect((await admin.post(`/moeder/${ids.meeting}/dagsorden/${ids.items[2]}/slet`)).headers.location).toContain('besked=slettet');
    expect(await titles()).toEqual(['1:Kort nyt', '2:Opgaver og aftaler']);
    const positions = await db().select({ p: meetingAgendaItem.position }).from(meetingAgendaItem).where(eq(meetingAgendaItem.meetingId, ids.meeting));
    expect(positions.map((r) => r.p).sort()).toEqual([1, 2]);

    // Central staff see every link; Faxe its own task and the agreement sent to it, nothing of Brøndby's.
    const central = (await admin.get(`/moeder/${ids.meeting}`)).body;
    for (const s of ['Faxes egen opgave', 'Brøndbys hemmelige opgave', 'Aftale sendt til Faxe', 'Aftale kun til Brøndby', 'Karsten Konsulent']) expect(central).toContain(s);
    const page = (await faxe.get(`/moeder/${ids.meeting}`)).body;
    expect(page).toContain(`href="/opgaver/${own.task.id}"`);
    expect(page).toContain(`href="/aftaler/${sent.agreement.id}"`);
    expect(page).toContain('Karsten Konsulent');
    expect(page).not.toContain('Brøndbys hemmelige opgave');
    expect(page).not.toContain(other.task.id);
    expect(page).not.toContain('Aftale kun til Brøndby');
    const apiFaxe = JSON.stringify((await faxe.api('GET', `/api/v1/meetings/${ids.meeting}`)).json());
    expect(apiFaxe).toContain('Faxes egen opgave');
    expect(apiFaxe).not.toContain('Brøndbys hemmelige opgave');
    expect(apiFaxe).not.toContain(notSent.agreement.id);

    // A presenter who has since left is still offered on the item's edit page, so mending the
    // item's title keeps them (and its links) instead of silently dropping them.
    await db().update(person).set({ active: false }).where(eq(person.id, ids.presenter));
    const item = ids.items[0]!;
    const editPage = (await admin.get(`/moeder/${ids.meeting}/dagsorden/${item}`)).body;
    expect(editPage).toMatch(new RegExp(`<option value="${ids.presenter}" selected`));
    expect((await admin.get(`/moeder/${ids.meeting}/dagsorden`)).body).not.toContain(`<option value="${ids.presenter}"`);
    const saved = await admin.post(`/moeder/${ids.meeting}/dagsorden/${item}`, { title: 'Kort nyt fra KOMBIT', minutes: '30', description: '', presenters: ids.presenter });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    const kept = (await admin.api('GET', `/api/v1/meetings/${ids.meeting}`)).json().agenda.find((i: { id: string }) => i.id === item);
    expect(kept.title).toBe('Kort nyt fra KOMBIT');
    expect(kept.presenters.map((p: { id: string }) => p.id)).toEqual([ids.presenter]);
    await db().update(person).set({ active: true }).where(eq(person.id, ids.presenter));
  });

  it('takes PDF, PowerPoint, Word and Excel materials by content, downloads them as they were, and refuses anything else', async () => {
    const pdf = await renderPdf({ content: ['Præsentation'] });
    const res = await upload(admin, `/moeder/${ids.meeting}/materialer`, 'fil', 'Præsentation juni.pdf', pdf);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/moeder/${ids.meeting}?besked=materiale-lagt-op`);
    expect((await upload(admin, `/moeder/${ids.meeting}/materialer`, 'fil', 'Præsentation juni.pdf', pdf)).headers.location).toBe(`/moeder/${ids.meeting}?besked=materiale-findes`);
    const exe = await upload(admin, `/moeder/${ids.meeting}/materialer`, 'fil', 'virus.pptx', Buffer.from('MZ not a zip'));
    expect(exe.statusCode).toBe(422);
    expect(exe.body).toContain('Filen skal være en PDF, en PowerPoint (.pptx)');
    const pptx = await upload(admin, `/api/v1/meetings/${ids.meeting}/materials`, 'file', 'slides.pptx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('pptx')]));
    expect(pptx.statusCode).toBe(201);
    expect(pptx.json().contentType).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect((await upload(faxe, `/moeder/${ids.meeting}/materialer`, 'fil', 'faxe.pdf', pdf)).statusCode).toBe(403);

    const materials = (await faxe.api('GET', `/api/v1/meetings/${ids.meeting}`)).json().materials as { id: string; filename: string; downloadUrl: string }[];
    expect(materials.map((m) => m.filename)).toEqual(['Præsentation juni.pdf', 'slides.pptx']);
    const down = await faxe.get(materials[0]!.downloadUrl);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain("filename*=UTF-8''Pr%C3%A6sentation%20juni.pdf");
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect((await faxe.post(`/moeder/${ids.meeting}/materialer/${materials[1]!.id}/slet`)).statusCode).toBe(403);
    expect((await admin.post(`/moeder/${ids.meeting}/materialer/${materials[1]!.id}/slet`)).headers.location).toBe(`/moeder/${ids.meeting}?besked=materiale-slettet`);
    expect(await audits('meeting.material_deleted', ids.meeting)).toHaveLength(1);
  });

  it('serves an iCal invitation with a stable UID, its sequence and the right instant in summer and winter', async () => {
    const res = await faxe.get(`/moeder/${ids.meeting}/invitation.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    for (const physical of res.body.split(CRLF)) expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
    const lines = unfold(res.body);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain(`UID:meeting-${ids.meeting}@samspil`);
    expect(lines).toContain('SEQUENCE:1');
    // Moved to 9.30 above: 07.30 UTC in Danish summer time.
    expect(lines).toContain('DTSTART:20250618T073000Z');
    expect(lines).toContain('DTEND:20250618T100000Z');
    expect(lines).toContain('SUMMARY:Programledermøde 18. juni');
    expect(lines).toContain('LOCATION:KOMBIT\\, Halfdansgade 8\\; lokale 1 / https://moede.example.dk/juni');
    expect(lines).toContain(`URL:http://samspil.test/moeder/${ids.meeting}`);
    expect(lines).toContainEqual(expect.stringMatching(/^DTSTAMP:20250520T080000Z$/));
    const description = lines.find((l) => l.startsWith('DESCRIPTION:'))!;
    expect(description).toContain('Online: https://moede.example.dk/juni\\n\\nKaffe fra 9.30.');
    expect(description).not.toContain('**');

    // Winter: 10.00 in Copenhagen is 09.00 UTC.
    const winter = (await admin.api('POST', '/api/v1/meetings', { title: 'Vintermøde', day: '03.12.2025', startTime: '10.00', endTime: '11.30', onlineLink: 'https://moede.example.dk/vinter' })).json();
    expect(winter.startsAt).toBe('2025-12-03T09:00:00.000Z');
    const ics = unfold((await faxe.get(`/moeder/${winter.id}/invitation.ics`)).body);
    expect(ics).toContain('DTSTART:20251203T090000Z');
    expect(ics).toContain('DTEND:20251203T103000Z');
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('LOCATION:https://moede.example.dk/vinter');
  });

  it('lists meetings in the API, coming ones from now, and refuses to delete a meeting whose follow-up was sent', async () => {
    const all = (await faxe.api('GET', '/api/v1/meetings')).json().items;
    expect(all.map((m: { title: string }) => m.title)).toEqual(['Vintermøde', 'Programledermøde 18. juni']);
    expect(Object.keys(all[0]).sort()).toEqual(['endsAt', 'id', 'invitationUrl', 'onlineLink', 'place', 'recordingLink', 'sequence', 'startsAt', 'title', 'url']);
    const upcoming = (await faxe.api('GET', '/api/v1/meetings?upcoming=true')).json().items;
    expect(upcoming.map((m: { title: string }) => m.title)).toEqual(['Programledermøde 18. juni', 'Vintermøde']);
    expect((await faxe.api('GET', '/api/v1/meetings?from=2025-07-01')).json().items.map((m: { title: string }) => m.title)).toEqual(['Vintermøde']);
    expect((await faxe.api('GET', '/api/v1/meetings?from=31.13.2025')).statusCode).toBe(422);

    const winter = all[0].id as string;
    const [faxePerson] = await db().select({ id: person.id }).from(person).where(eq(person.email, DEMO.programLeader(FAXE)));
    await db().insert(meetingFollowUp).values({ meetingId: ids.meeting, personId: faxePerson!.id, municipalityCode: FAXE, email: DEMO.programLeader(FAXE), subject: 'Opfølgning' });
    expect((await faxe.post(`/moeder/${ids.meeting}/slet`)).statusCode).toBe(403);
    const refused = await admin.post(`/moeder/${ids.meeting}/slet`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('opfølgningen allerede er sendt');
    expect((await admin.api('DELETE', `/api/v1/meetings/${ids.meeting}`)).statusCode).toBe(409);
    expect((await admin.get(`/moeder/${winter}/slet`)).body).toContain('Ja, slet mødet');
    expect((await admin.post(`/moeder/${winter}/slet`)).headers.location).toBe('/moeder?besked=slettet');
    expect((await admin.post(`/moeder/${winter}/slet`)).headers.location).toBe('/moeder?besked=allerede-slettet');
    expect(await audits('meeting.deleted', winter)).toHaveLength(1);
    expect((await faxe.get(`/moeder/${winter}`)).statusCode).toBe(404);
  });

  it('seeds the deck’s May meeting with its four agenda items, material and recording, the June meeting and one ahead, idempotently', async () => {
    const now = new Date('2026-12-06T12:00:00Z');
    t.setNow(now);
    // A year and a half later the earlier session has run out.
    faxe = await loginAs(t.app, DEMO.programLeader(FAXE));
    await buildAgreement(db(), { title: 'K98-aftalen', targets: [FAXE] });
    // The news demo's items of the deck, as its seed writes them.
    await db().insert(newsItem).values(DEMO_MAY_NEWS.map((title) => ({ title, publishOn: '2025-05-26' })));
    await seedDemoMeetingPlans(db(), now);
    await seedDemoMeetingPlans(db(), now);
    const rows = await db().select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt }).from(meeting);
    const may = rows.find((r) => r.title === DEMO_MAY_MEETING_TITLE)!;
    expect(rows.filter((r) => r.title === DEMO_MAY_MEETING_TITLE)).toHaveLength(1);
    expect(rows.find((r) => r.title === DEMO_JUNE_MEETING_TITLE)!.startsAt.toISOString()).toBe('2025-06-18T08:00:00.000Z');
    expect(rows.find((r) => r.title === DEMO_NEXT_MEETING_TITLE)!.startsAt.toISOString()).toBe('2026-12-27T09:00:00.000Z');

    const m = (await faxe.api('GET', `/api/v1/meetings/${may.id}`)).json();
    expect(m.agenda?.map((i: { title: string }) => i.title), JSON.stringify(m)).toEqual([...DEMO_MAY_AGENDA]);
    expect(m.agenda[0].presenters.map((p: { name: string }) => p.name)).toEqual(['Birgitte Berg']);
    expect(m.agenda[0].links.filter((l: { kind: string }) => l.kind === 'news')).toHaveLength(9);
    expect(m.agenda[0].links.map((l: { title: string }) => l.title)).toContain('Status på VALG');
    expect(m.agenda[2].links.map((l: { title: string }) => l.title)).toEqual(['K98-aftalen']);
    expect(m.materials.map((f: { filename: string }) => f.filename)).toEqual([DEMO_MAY_MATERIAL]);
    expect(m.recordingLink).toMatch(/^https:\/\//);
    const pdf = await faxe.get(m.materials[0].downloadUrl);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const page = (await faxe.get(`/moeder/${may.id}`)).body;
    expect(page).toContain('Mads Aulsen');
    expect(page).toContain('Se optagelsen af mødet');
  });
});
