import { and, count, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import type { Actor } from '../../../platform/context.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { meeting, meetingAttendee } from '../schema.ts';
import { meetingSections } from '../sections.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const NOW = new Date('2025-05-20T10:00:00Z');
const PLAIN = { email: 'superbruger-moede@faxe.test', password: 'moede-superbruger-1' };

describe('attendance at a program leader meeting', () => {
  let t: TestApp;
  let faxe: Client, faxeKlik: Client, plain: Client, brondby: Client, consultant: Client;
  const db = () => t.database.db;
  const ids = { coming: '', ended: '', faxePerson: '', brondbyPerson: '', typed: '', brondbyAttendee: '' };
  const attendees = async (code?: string) =>
    (await db().select({ n: count() }).from(meetingAttendee).where(code ? eq(meetingAttendee.municipalityCode, code) : undefined))[0]!.n;

  async function addMeeting(title: string, startsAt: string, hours = 3) {
    const start = new Date(startsAt);
    const [m] = await db().insert(meeting).values({ title, startsAt: start, endsAt: new Date(start.getTime() + hours * 3600_000), place: 'KOMBIT, Halfdansgade 8' }).returning({ id: meeting.id });
    return m!.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(NOW);
    ids.coming = await addMeeting('Programledermøde maj 2025', '2025-05-28T07:00:00Z');
    ids.ended = await addMeeting('Programledermøde april 2025', '2025-04-02T07:00:00Z');
    const [p] = await db().insert(person).values({ municipalityCode: FAXE, name: 'Sofie Superbruger', email: PLAIN.email }).returning({ id: person.id });
    await db().insert(userAccount).values({ personId: p!.id, email: PLAIN.email, passwordHash: await hashPassword(PLAIN.password) });
    await db().insert(roleAssignment).values({ personId: p!.id, municipalityCode: FAXE, roleTypeKey: 'superbruger', solutionKey: 'aula' });
    ids.faxePerson = p!.id;
    const [b] = await db().insert(person).values({ municipalityCode: BRONDBY, name: 'Bente Brøndby', email: 'bente@broendby.test' }).returning({ id: person.id });
    ids.brondbyPerson = b!.id;
    [faxe, faxeKlik, plain, brondby, consultant] = await Promise.all([
      loginAs(t.app, DEMO.programLeader(FAXE)),
      loginAs(t.app, DEMO.klikAdmin(FAXE)),
      loginAs(t.app, PLAIN.email, PLAIN.password),
      loginAs(t.app, DEMO.programLeader(BRONDBY)),
      loginAs(t.app, DEMO.consultant),
    ]);
  }, 120_000);
  afterAll(() => t.close());

  it("lets Faxe's program leader register someone from the role gallery and a typed name, once however often the form is sent, audited", async () => {
    const page = await faxe.get(`/moeder/${ids.coming}/deltagere`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('>Sofie Superbruger</option>');
    expect(page.body).not.toContain('Bente Brøndby');
    const fromGallery = await faxe.post(`/moeder/${ids.coming}/deltagere`, { requestKey: 'tilmeld-1', personId: ids.faxePerson, online: 'online' });
    expect(fromGallery.statusCode).toBe(303);
    expect(fromGallery.headers.location).toBe(`/moeder/${ids.coming}/deltagere?besked=tilmeldt`);
    const again = await faxe.post(`/moeder/${ids.coming}/deltagere`, { requestKey: 'tilmeld-1', personId: ids.faxePerson, online: 'online' });
    expect(again.headers.location).toBe(fromGallery.headers.location);
    expect(await attendees(FAXE)).toBe(1);

    // Sent from the meeting page, the form returns there.
    const typed = await faxeKlik.post(`/moeder/${ids.coming}/deltagere`, { requestKey: 'tilmeld-2', name: 'Hans Hansen', email: 'HANS@faxe.dk', online: 'fremmoede', tilbage: `/moeder/${ids.coming}` });
    expect(typed.headers.location).toBe(`/moeder/${ids.coming}?besked=deltager-tilmeldt#moede-deltagere`);
    const rows = await db().select().from(meetingAttendee).where(eq(meetingAttendee.municipalityCode, FAXE));
    expect(rows.map((r) => [r.name, r.email, r.online]).sort()).toEqual([
      ['Hans Hansen', 'hans@faxe.dk', false],
      ['Sofie Superbruger', PLAIN.email, true],
    ]);
    ids.typed = rows.find((r) => r.name === 'Hans Hansen')!.id;
    const audits = await db().select().from(auditEvent).where(eq(auditEvent.action, 'meeting.attendee_registered'));
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.municipalityCode === FAXE)).toBe(true);

    const list = (await faxe.get(`/moeder/${ids.coming}/deltagere?besked=tilmeldt`)).body;
    expect(list).toContain('Deltageren er tilmeldt.');
    expect(list).toContain('Hans Hansen');
    expect(list).toContain('Online');
    expect(list).toContain('Fremmøde');
  });

  it('refuses the same name twice for a municipality (any case) with a Danish message and the form refilled; another municipality may use it', async () => {
    const dup = await faxe.post(`/moeder/${ids.coming}/deltagere`, { requestKey: 'tilmeld-3', name: 'hans hansen', email: '', online: 'online' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('hans hansen er allerede tilmeldt mødet fra Faxe Kommune.');
    expect(dup.body).toContain('value="hans hansen"');
    const api = await faxe.api('POST', `/api/v1/meetings/${ids.coming}/attendees`, { personId: ids.faxePerson, online: false });
    expect(api.statusCode).toBe(409);
    expect(api.json().fieldErrors.personId).toContain('Sofie Superbruger er allerede tilmeldt');
    expect(await attendees(FAXE)).toBe(2);
    const brondbyHans = await brondby.api('POST', `/api/v1/meetings/${ids.coming}/attendees`, { name: 'Hans Hansen', online: true });
    expect(brondbyHans.statusCode).toBe(201);
    expect(brondbyHans.json()).toMatchObject({ municipality: { code: BRONDBY, name: 'Brøndby' }, name: 'Hans Hansen', online: true });
    ids.brondbyAttendee = brondbyHans.json().id;
  });

  it('lets only the municipality’s program leader, KLIK administrator and IT chef register, before the meeting ends, and only its own people', async () => {
    const before = await attendees();
    const plainPost = await plain.post(`/moeder/${ids.coming}/deltagere`, { name: 'Ulla Uberettiget', online: 'online' });
    expect(plainPost.statusCode).toBe(403);
    expect((await plain.get(`/moeder/${ids.coming}/deltagere`)).body).toContain('Kommunens programleder, KLIK-administrator og IT-chef tilmelder deltagere.');
    expect((await consultant.api('POST', `/api/v1/meetings/${ids.coming}/attendees`, { name: 'Karsten', online: true })).statusCode).toBe(403);
    const otherPerson = await faxe.api('POST', `/api/v1/meetings/${ids.coming}/attendees`, { personId: ids.brondbyPerson, online: true });
    expect(otherPerson.statusCode).toBe(422);
    expect(otherPerson.json().fieldErrors.personId).toBe('Vælg en person fra kommunens rollegalleri');
    const empty = await faxe.post(`/moeder/${ids.coming}/deltagere`, { online: 'online' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Vælg en person fra rollegalleriet, eller skriv deltagerens navn');
    const ended = await faxe.post(`/moeder/${ids.ended}/deltagere`, { name: 'For sent', online: 'online' });
    expect(ended.statusCode).toBe(409);
    expect(ended.body).toContain('Mødet er slut, så tilmeldingerne kan ikke længere ændres.');
    expect(ended.body).not.toContain('Tilmeld deltageren');
    expect((await faxe.api('POST', `/api/v1/meetings/00000000-0000-4000-8000-000000000000/attendees`, { name: 'X', online: true })).statusCode).toBe(404);
    expect(await attendees()).toBe(before);
  });

  it("answers 404 to Faxe for Brøndby's registrations, on pages and in the API", async () => {
    const theirs = `/moeder/${ids.coming}/deltagere/${ids.brondbyAttendee}/slet`;
    expect((await faxe.post(theirs)).statusCode).toBe(404);
    expect((await faxe.api('DELETE', `/api/v1/meetings/${ids.coming}/attendees/${ids.brondbyAttendee}`)).statusCode).toBe(404);
    expect((await faxe.api('GET', `/api/v1/meetings/${ids.coming}/attendees?municipality=${BRONDBY}`)).statusCode).toBe(404);
    const own = (await faxe.api('GET', `/api/v1/meetings/${ids.coming}/attendees`)).json();
    expect(own.items.map((i: { municipality: { code: string } }) => i.municipality.code)).toEqual([FAXE, FAXE]);
    const page = (await faxe.get(`/moeder/${ids.coming}/deltagere`)).body;
    expect(page).not.toContain('Brøndby');
    expect((await brondby.post(`/moeder/${ids.coming}/deltagere/${ids.typed}/slet`)).statusCode).toBe(404);
    expect(await attendees()).toBe(3);
  });

  it('shows central staff the counts per municipality and every registration in Danish order, with CSV and XLSX', async () => {
    const page = await consultant.get(`/moeder/${ids.coming}/deltagere`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('3 tilmeldte fra 2 kommuner, heraf 2 online.');
    const body = page.body.slice(page.body.indexOf('Alle tilmeldinger'));
    expect(body.indexOf('Brøndby')).toBeLessThan(body.indexOf('Faxe'));
    expect(body).not.toContain('Tilmeld deltageren');
    const api = (await consultant.api('GET', `/api/v1/meetings/${ids.coming}/attendees?municipality=${BRONDBY}`)).json();
    expect(api.items.map((i: { name: string }) => i.name)).toEqual(['Hans Hansen']);
    expect((await consultant.api('GET', `/api/v1/meetings/${ids.coming}/attendees`)).json().items).toHaveLength(3);

    const csv = await consultant.get(`/moeder/${ids.coming}/deltagere.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('deltagere-programledermoede-maj-2025-2025-05-28.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Kommunekode;Kommune;Navn;E-mail;Deltager;Tilmeldt');
    expect(lines.slice(1).map((l) => l.split(';')[1])).toEqual(['Brøndby', 'Faxe', 'Faxe']);
    const xlsx = await consultant.get(`/moeder/${ids.coming}/deltagere.xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await faxe.get(`/moeder/${ids.coming}/deltagere.csv`)).statusCode).toBe(403);
  });

  it('renders the meeting page’s sections: a municipality’s own list and form, central staff’s totals, input for central staff only', async () => {
    const sections = meetingSections();
    const attendance = sections.find((s) => s.order === 20)!;
    const input = sections.find((s) => s.order === 30)!;
    const [m] = await db().select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt }).from(meeting).where(eq(meeting.id, ids.coming));
    const actorOf = async (email: string): Promise<Actor> => {
      const [u] = await db()
        .select({ userId: userAccount.id, personId: person.id, name: person.name, code: person.municipalityCode })
        .from(userAccount)
        .innerJoin(person, eq(person.id, userAccount.personId))
        .where(eq(userAccount.email, email));
      const roles = await db().select({ roleTypeKey: roleAssignment.roleTypeKey, solutionKey: roleAssignment.solutionKey, isPrimary: roleAssignment.isPrimary }).from(roleAssignment).where(eq(roleAssignment.personId, u!.personId));
      return { userId: u!.userId, personId: u!.personId, name: u!.name, email, municipalityCode: u!.code, municipalityName: u!.code === FAXE ? 'Faxe' : null, roles };
    };
    const render = async (section: typeof attendance, email: string, query: Record<string, string> = {}) => {
      const actor = await actorOf(email);
      const request = { actor, csrfToken: 'tegn', query } as unknown as FastifyRequest;
      const el = await section.render(request, { actor, db: db(), now: NOW, requestId: 'test', config: t.config }, m!);
      return el === null ? null : String(await el);
    };
    const own = (await render(attendance, DEMO.programLeader(FAXE), { besked: 'deltager-tilmeldt' }))!;
    expect(own).toContain('Deltagere fra Faxe Kommune');
    expect(own).toContain('Deltageren er tilmeldt.');
    expect(own).toContain('Hans Hansen');
    expect(own).toContain(`name="tilbage" value="/moeder/${ids.coming}"`);
    expect(own).toContain('Tilmeld deltageren');
    const central = (await render(attendance, DEMO.consultant))!;
    expect(central).toContain('3 tilmeldte fra 2 kommuner');
    expect(central).not.toContain('Hans Hansen');
    expect(await render(input, DEMO.programLeader(FAXE))).toBeNull();
    expect(await render(input, DEMO.consultant)).toContain('Ingen kommuner har sendt input til mødet.');
  });

  it('removes a registration before the meeting ends, a repeat changing nothing; not after the end', async () => {
    const url = `/moeder/${ids.coming}/deltagere/${ids.typed}/slet`;
    expect((await plain.post(url)).statusCode).toBe(403);
    expect((await faxe.post(url)).headers.location).toBe(`/moeder/${ids.coming}/deltagere?besked=fjernet`);
    expect((await faxe.post(url)).headers.location).toBe(`/moeder/${ids.coming}/deltagere?besked=allerede-fjernet`);
    expect(await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'meeting.attendee_removed'), eq(auditEvent.entityId, ids.typed)))).toHaveLength(1);
    const [past] = await db().insert(meetingAttendee).values({ meetingId: ids.ended, municipalityCode: BRONDBY, name: 'Bente Brøndby', online: false }).returning({ id: meetingAttendee.id });
    const late = await brondby.api('DELETE', `/api/v1/meetings/${ids.ended}/attendees/${past!.id}`);
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe('Mødet er slut, så tilmeldingerne kan ikke længere ændres.');
    expect((await brondby.get(`/moeder/${ids.ended}/deltagere`)).body).toContain('Mødet er slut');
    await db().delete(meetingAttendee).where(eq(meetingAttendee.id, past!.id));
    expect(await attendees()).toBe(2);
  });
});
