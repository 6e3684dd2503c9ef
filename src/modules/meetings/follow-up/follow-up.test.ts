import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildAgreement, buildSignature } from '../../../../test/factories/agreements.ts';
import { buildTask } from '../../../../test/factories/tasks.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { loadActor } from '../../../platform/auth/load-actor.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { outboxMail } from '../../../platform/outbox/schema.ts';
import { taskTarget } from '../../tasks/index.ts';
import { meeting, meetingFollowUp, meetingMaterial } from '../schema.ts';
import { meetingSections } from '../sections.ts';
import { owedStatements } from './owed.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const LAESOE = '0825';
/** The day after the May 2025 program leader meeting. */
const NOW = new Date('2025-05-23T08:00:00Z');
const ECONOMIST = { email: 'oekonomi@opfoelgning.test', password: 'opfoelgning-oekonomi-1' };

describe('the follow-up after a program leader meeting', () => {
  let t: TestApp;
  let consultant: Client, admin: Client, economist: Client, faxeLeader: Client, brondbyLeader: Client, faxeKlik: Client;
  const db = () => t.database.db;
  const ids = { held: '', ahead: '', material: '', secondLeader: '' };
  const mailCount = async (meetingId: string) =>
    (await db().select({ n: count() }).from(outboxMail).where(like(outboxMail.dedupeKey, `meeting-follow-up:${meetingId}:%`)))[0]!.n;
  const rowCount = async (meetingId: string) => (await db().select({ n: count() }).from(meetingFollowUp).where(eq(meetingFollowUp.meetingId, meetingId)))[0]!.n;
  const audits = async (meetingId: string) =>
    db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'meeting.follow_up_sent'), eq(auditEvent.entityId, meetingId)));
  const newMeeting = async (title: string, startsAt: Date, recordingLink: string | null = null) => {
    const [m] = await db()
      .insert(meeting)
      .values({ title, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000), place: 'KOMBIT, Halfdansgade 8', recordingLink })
      .returning({ id: meeting.id });
    return m!.id;
  };
  const send = (c: Client, id: string, key: string) => c.post(`/moeder/${id}/opfoelgning`, { requestKey: key, kommune: FAXE });

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(NOW);
    ids.held = await newMeeting('Programledermøde', new Date('2025-05-22T08:00:00Z'), 'https://video.kombit.test/optagelse-22-maj');
    ids.ahead = await newMeeting('Programledermøde juni', new Date('2025-06-18T08:00:00Z'));
    const [mat] = await db()
      .insert(meetingMaterial)
      .values({ meetingId: ids.held, filename: 'Præsentation Aula.pdf', contentType: 'application/pdf', size: 4, sha256: 'x', content: Buffer.from('%PDF') })
      .returning({ id: meetingMaterial.id });
    ids.material = mat!.id;

    // What Faxe owes: an overdue FLIS task, an open one, one solved (not owed); Byg og Miljø unsigned, another signed.
    await buildTask(db(), { code: 'FLIS-2025-03', title: 'FLIS: Registrér AftaleID', deadline: '2025-05-15', targets: [FAXE, BRONDBY] });
    await buildTask(db(), { code: 'VALG-2025-01', title: 'VALG: Tildel MitID Erhverv', deadline: '2025-08-01', targets: [FAXE] });
    const solved = await buildTask(db(), { code: 'SAG-2025-09', title: 'Sagsoverblik: Løst opgave', deadline: '2025-05-01', targets: [FAXE] });
    await db()
      .update(taskTarget)
      .set({ status: 'loest' })
      .where(and(eq(taskTarget.taskId, solved.task.id), eq(taskTarget.municipalityCode, FAXE)));
    await buildAgreement(db(), { title: 'Byg og Miljø – databehandleraftale', deadline: '2025-06-30', targets: [FAXE] });
    const signed = await buildAgreement(db(), { title: 'Aula – tillægsaftale', deadline: '2025-06-30', targets: [FAXE] });
    await buildSignature(db(), signed.agreement.id, FAXE);

    // A second program leader in Faxe who holds the role twice (one mail all the same); the KLIK administrator is not a recipient.
    const [second] = await db().insert(person).values({ municipalityCode: FAXE, name: 'Bente Programleder', email: 'bente@faxe.test', title: 'Programleder' }).returning({ id: person.id });
    ids.secondLeader = second!.id;
    await db()
      .insert(roleAssignment)
      .values([
        { personId: second!.id, municipalityCode: FAXE, roleTypeKey: 'programleder' },
        { personId: second!.id, municipalityCode: FAXE, roleTypeKey: 'programleder', solutionKey: 'flis' },
      ]);
    // A central user who reads but may not send.
    const [eco] = await db().insert(person).values({ municipalityCode: null, name: 'Øko Nom', email: ECONOMIST.email, title: 'Økonom' }).returning({ id: person.id });
    const { hashPassword } = await import('../../../platform/auth/secrets.ts');
    await db().insert(userAccount).values({ personId: eco!.id, email: ECONOMIST.email, passwordHash: await hashPassword(ECONOMIST.password) });
    await db().insert(roleAssignment).values({ personId: eco!.id, municipalityCode: null, roleTypeKey: 'oekonomi' });

    [consultant, admin, economist, faxeLeader, brondbyLeader, faxeKlik] = await Promise.all([
      loginAs(t.app, DEMO.consultant),
      loginAs(t.app, DEMO.admin),
      loginAs(t.app, ECONOMIST.email, ECONOMIST.password),
      loginAs(t.app, DEMO.programLeader(FAXE)),
      loginAs(t.app, DEMO.programLeader(BRONDBY)),
      loginAs(t.app, DEMO.klikAdmin(FAXE)),
    ]);
  }, 120_000);
  afterAll(() => t.close());

  it("previews Faxe's mail: the meeting's links, its open and overdue tasks and unsigned agreement, sent to its program leaders", async () => {
    const res = await consultant.api('GET', `/api/v1/meetings/${ids.held}/follow-up/preview?municipality=${FAXE}`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.subject).toBe('Opfølgning på Programledermøde 22. maj 2025');
    expect(p.recipients.map((r: { name: string; email: string }) => [r.name, r.email])).toEqual([
      ['Bente Programleder', 'bente@faxe.test'],
      ['Programleder Faxe', DEMO.programLeader(FAXE)],
    ]);
    const text: string = p.text;
    expect(text).toMatch(/^Kære programleder i Faxe Kommune\n/);
    expect(text).toContain(`http://samspil.test/moeder/${ids.held}\n`);
    expect(text).toContain(`- Præsentation Aula.pdf: http://samspil.test/moeder/${ids.held}/materialer/${ids.material}`);
    expect(text).toContain('Optagelsen af mødet:\nhttps://video.kombit.test/optagelse-22-maj');
    expect(text).toContain('Det mangler Faxe Kommune');
    expect(text).toContain('- FLIS: Registrér AftaleID\n  FLIS-2025-03 · Ikke startet\n  Overskredet – frist 15. maj 2025');
    expect(text).toContain('- VALG: Tildel MitID Erhverv\n  VALG-2025-01 · Ikke startet\n  Frist 1. august 2025');
    expect(text).toContain('- Byg og Miljø – databehandleraftale\n');
    expect(text).toContain('  Frist 30. juni 2025');
    expect(text).not.toContain('Løst opgave');
    expect(text).not.toContain('Aula – tillægsaftale');
    expect(text).toContain('Se det hele og gå videre fra jeres forside i Samspil:\nhttp://samspil.test/');
    // The overdue task comes before the open one.
    expect(text.indexOf('FLIS-2025-03')).toBeLessThan(text.indexOf('VALG-2025-01'));
  });

  it('says so when a municipality owes nothing', async () => {
    const p = (await consultant.api('GET', `/api/v1/meetings/${ids.held}/follow-up/preview?municipality=${LAESOE}`)).json();
    expect(p.text).toContain('Læsø Kommune mangler ikke noget: ingen åbne opgaver, ingen aftaler til underskrift, ingen compliancepakker at kvittere for og ingen ulæste økonomidokumenter.');
    expect(p.text).not.toContain('Overskredet');
  });

  it("shows central staff the page with a select of the 98, and a municipality only its own (another's: 404)", async () => {
    const page = await consultant.get(`/moeder/${ids.held}/opfoelgning?kommune=${FAXE}`);
    expect(page.statusCode).toBe(200);
    expect((page.body.match(/<option value="\d{4}"/g) ?? []).length).toBe(98);
    expect(page.body).toContain('Opfølgning på Programledermøde 22. maj 2025');
    expect(page.body).toContain('bente@faxe.test');
    expect(page.body).toContain('Send opfølgningen til programlederne i alle 98 kommuner');
    expect(page.body).toContain('Overskredet – frist 15. maj 2025');

    const own = await faxeLeader.get(`/moeder/${ids.held}/opfoelgning`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('FLIS: Registrér AftaleID');
    expect(own.body).not.toContain('<option value="0153"');
    expect(own.body).not.toContain('Send opfølgningen');
    expect((await faxeLeader.api('GET', `/api/v1/meetings/${ids.held}/follow-up/preview`)).json().subject).toBe('Opfølgning på Programledermøde 22. maj 2025');
    expect((await faxeLeader.get(`/moeder/${ids.held}/opfoelgning?kommune=${BRONDBY}`)).statusCode).toBe(404);
    expect((await faxeLeader.api('GET', `/api/v1/meetings/${ids.held}/follow-up/preview?municipality=${BRONDBY}`)).statusCode).toBe(404);
    expect((await brondbyLeader.api('GET', `/api/v1/meetings/${ids.held}/follow-up/preview?municipality=${FAXE}`)).statusCode).toBe(404);
    expect((await consultant.api('GET', `/api/v1/meetings/${ids.held}/follow-up/preview?municipality=9999`)).statusCode).toBe(404);
    expect((await consultant.api('GET', `/api/v1/meetings/00000000-0000-4000-8000-000000000000/follow-up/preview?municipality=${FAXE}`)).statusCode).toBe(404);
  });

  it('lets only central editors send (403 for central readers, 404 for municipalities) and refuses a meeting not yet held', async () => {
    expect((await economist.api('POST', `/api/v1/meetings/${ids.held}/follow-up`)).statusCode).toBe(403);
    expect((await economist.post(`/moeder/${ids.held}/opfoelgning`, { requestKey: 'oeko' })).statusCode).toBe(403);
    expect((await faxeLeader.api('POST', `/api/v1/meetings/${ids.held}/follow-up`)).statusCode).toBe(404);
    expect((await faxeKlik.post(`/moeder/${ids.held}/opfoelgning`, { requestKey: 'klik' })).statusCode).toBe(404);

    const early = await send(consultant, ids.ahead, 'for-tidligt');
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('Mødet er ikke begyndt endnu. Opfølgningen kan først sendes, når mødet er holdt.');
    const earlyApi = await consultant.api('POST', `/api/v1/meetings/${ids.ahead}/follow-up`);
    expect(earlyApi.statusCode).toBe(409);
    expect(earlyApi.json().message).toContain('ikke begyndt');
    expect((await consultant.get(`/moeder/${ids.ahead}/opfoelgning?kommune=${FAXE}`)).body).toContain('Opfølgningen kan først sendes, når mødet er holdt.');
    expect(await rowCount(ids.held)).toBe(0);
    expect(await rowCount(ids.ahead)).toBe(0);
    expect(await mailCount(ids.held)).toBe(0);
  });

  it('sends each program leader exactly one mail: a double click, a second send and a later one add only the newly appointed', async () => {
    const preview = (await consultant.api('GET', `/api/v1/meetings/${ids.held}/follow-up/preview?municipality=${FAXE}`)).json();
    const before = t.database.queries.count;
    const first = await send(consultant, ids.held, 'send-1');
    const statements = t.database.queries.count - before;
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/moeder/${ids.held}/opfoelgning?kommune=${FAXE}&besked=sendt`);
    // 98 demo program leaders and Bente, once although she holds the role twice.
    expect(await rowCount(ids.held)).toBe(99);
    expect(await mailCount(ids.held)).toBe(99);
    // Bounded per municipality: the owed sections for each of the 98 and a fixed number besides.
    expect(statements).toBeLessThanOrEqual(98 * owedStatements() + 20);

    const again = await send(consultant, ids.held, 'send-1');
    expect(again.headers.location).toBe(first.headers.location);
    expect(await mailCount(ids.held)).toBe(99);
    const later = await send(admin, ids.held, 'send-2');
    expect(later.headers.location).toBe(`/moeder/${ids.held}/opfoelgning?kommune=${FAXE}&besked=intet-nyt`);
    expect((await admin.get(later.headers.location as string)).body).toContain('Der blev ikke sendt noget: alle programledere har allerede fået opfølgningen.');
    expect(await mailCount(ids.held)).toBe(99);
    const audited = await audits(ids.held);
    expect(audited).toHaveLength(1);
    expect(audited[0]!.after).toMatchObject({ recipients: 99, municipalities: 98 });

    // The mail is the preview, character for character.
    const [mail] = await db().select().from(outboxMail).where(eq(outboxMail.toAddress, 'bente@faxe.test'));
    expect(mail).toMatchObject({ subject: preview.subject, body: preview.text, municipalityCode: FAXE, kind: 'meeting.follow_up' });

    // A newly appointed program leader gets it on the next send, and only they.
    const [carl] = await db().insert(person).values({ municipalityCode: FAXE, name: 'Carl Nyansat', email: 'carl@faxe.test', title: 'Programleder' }).returning({ id: person.id });
    // Carl also leads a programme in Brøndby (a person holds a role once per solution, so the
    // second is for one solution): he gets each municipality's own follow-up.
    await db()
      .insert(roleAssignment)
      .values([
        { personId: carl!.id, municipalityCode: FAXE, roleTypeKey: 'programleder' },
        { personId: carl!.id, municipalityCode: BRONDBY, roleTypeKey: 'programleder', solutionKey: 'flis' },
      ]);
    const newcomer = await consultant.api('POST', `/api/v1/meetings/${ids.held}/follow-up`, {}, { 'idempotency-key': 'send-3' });
    expect(newcomer.json()).toEqual({ recipients: 2, municipalities: 2 });
    expect(await mailCount(ids.held)).toBe(101);
    const carls = await db().select({ body: outboxMail.body, code: outboxMail.municipalityCode }).from(outboxMail).where(eq(outboxMail.toAddress, 'carl@faxe.test'));
    expect(carls.map((m) => m.code).sort()).toEqual([BRONDBY, FAXE]);
    expect(carls.find((m) => m.code === BRONDBY)!.body).toContain('Brøndby Kommune');
    expect(carls.find((m) => m.code === FAXE)!.body).toContain('Det mangler Faxe Kommune');
    expect(await audits(ids.held)).toHaveLength(2);
    const once = await consultant.api('POST', `/api/v1/meetings/${ids.held}/follow-up`, {}, { 'idempotency-key': 'send-4' });
    expect(once.json()).toEqual({ recipients: 0, municipalities: 0 });

    const status = (await consultant.api('GET', `/api/v1/meetings/${ids.held}/follow-up`)).json();
    expect(status).toEqual({ sentAt: NOW.toISOString(), recipients: 101, municipalities: 98 });
    expect((await faxeLeader.api('GET', `/api/v1/meetings/${ids.held}/follow-up`)).json()).toEqual({ sentAt: NOW.toISOString(), recipients: 3, municipalities: 1 });
  });

  it('sends once when two sends arrive together (two connections on PostgreSQL, one after the other on PGlite)', async () => {
    const id = await newMeeting('Ekstra programledermøde', new Date('2025-05-20T08:00:00Z'));
    const post = (key: string) => consultant.api('POST', `/api/v1/meetings/${id}/follow-up`, {}, { 'idempotency-key': key });
    const answers = t.database.kind === 'postgres' ? await Promise.all([post('a'), post('b')]) : [await post('a'), await post('b')];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(answers.map((a) => a.json().recipients as number).sort((x, y) => x - y)).toEqual([0, 101]);
    expect(await rowCount(id)).toBe(101);
    expect(await mailCount(id)).toBe(101);
    expect(await audits(id)).toHaveLength(1);
  });

  it("puts the follow-up on the meeting page: when and to how many for central staff, the municipality's own for its users", async () => {
    const section = meetingSections().find((s) => s.key === 'follow-up')!;
    expect(section.order).toBe(40);
    const ctxOf = async (email: string) => {
      const [u] = await db().select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, email));
      const actor = (await loadActor(db(), u!.id))!;
      return { actor, db: db(), now: NOW, requestId: 'test', config: t.config };
    };
    const head = async (id: string) => ({ id, title: 'Programledermøde', startsAt: new Date('2025-05-22T08:00:00Z'), endsAt: new Date('2025-05-22T11:00:00Z') });
    const html = async (email: string, id: string) => String(await section.render({} as never, await ctxOf(email), await head(id)));

    expect(await html(DEMO.consultant, ids.held)).toContain('Opfølgning sendt 23. maj 2025 kl. 10.00 til 101 modtagere i 98 kommuner');
    const notYet = await html(DEMO.consultant, ids.ahead);
    expect(notYet).toContain('Opfølgningen er ikke sendt endnu.');
    expect(notYet).toContain(`href="/moeder/${ids.ahead}/opfoelgning"`);
    expect(notYet).toContain('Se og send opfølgningen');
    expect(await html(DEMO.programLeader(FAXE), ids.held)).toContain('Opfølgningen til Faxe Kommune blev sendt 23. maj 2025 kl. 10.00 til 3 programledere.');
    expect(await html(DEMO.programLeader(FAXE), ids.ahead)).toContain('Opfølgningen til Faxe Kommune er ikke sendt endnu.');
  });

  it("shows a municipality what it was sent, and the preview's statements do not grow with its tasks", async () => {
    const page = await faxeLeader.get(`/moeder/${ids.held}/opfoelgning`);
    expect(page.body).toContain('Opfølgning sendt 23. maj 2025 kl. 10.00 til 3 modtagere i 1 kommune');
    expect(page.body).toMatch(/Sendt 23\.05\.2025 kl\. 10\.00/);
    const measure = async () => {
      const before = t.database.queries.count;
      const res = await consultant.api('GET', `/api/v1/meetings/${ids.held}/follow-up/preview?municipality=${FAXE}`);
      expect(res.statusCode).toBe(200);
      return t.database.queries.count - before;
    };
    const few = await measure();
    for (let i = 0; i < 30; i++) await buildTask(db(), { code: `MANGE-${i}`, title: `Mangeopgave ${i}`, deadline: '2025-09-01', targets: [FAXE] });
    for (let i = 0; i < 5; i++) await buildAgreement(db(), { title: `Mangeaftale ${i}`, targets: [FAXE] });
    expect(await measure()).toBe(few);
    expect(few).toBeLessThanOrEqual(14);
  });
});
