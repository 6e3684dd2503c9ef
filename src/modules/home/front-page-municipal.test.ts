import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../db/client.ts';
import { person, roleAssignment, taskMessage } from '../../db/schema.ts';
import { danishDay } from '../../platform/views/format.ts';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { buildAgreement, buildSignature } from '../../../test/factories/agreements.ts';
import { buildTask } from '../../../test/factories/tasks.ts';

/**
 * "Det skal I nu": a municipal user's front page lists what needs them (open tasks, agreements to
 * sign, answers from KOMBIT, gallery gaps that block mail), each item disappears once done, the menu
 * badges count the same items, and the municipality page and both APIs show the same.
 */
const FAXE = '0320';
const BRONDBY = '0153';

type Item = { kind: string; title: string; detail: string | null; dueDate: string | null; link: string; severity: string };
type Attention = { today: string; sections: { key: string; heading: string; items: Item[] }[] };

const dayFrom = (today: string, days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The number in the menu badge of the link to `href` (0 without a badge). */
function badge(html: string, href: string): number {
  const link = new RegExp(`<a[^>]*href="${href.replace(/[/?]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</a>`).exec(html);
  const m = link ? /samspil-menu-count">(\d+)/.exec(link[1]!) : null;
  return m ? Number(m[1]) : 0;
}

const section = (a: Attention, key: string) => a.sections.find((s) => s.key === key)?.items ?? [];

describe('the front page of a municipal user', () => {
  let t: TestApp;
  let leader: Client;
  let consultant: Client;
  let brondby: Client;
  let today: string;
  const ids = { overdue: '', soon: '', later: '', brondbyOnly: '', mine: '', itChef: '', brondbyAgreement: '' };

  const db = () => t.database.db;
  const attention = async (c: Client, url = '/api/v1/me/attention') => {
    const res = await c.api('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Attention>();
  };

  beforeAll(async () => {
    t = await startTestApp();
    today = danishDay(new Date());
    ids.overdue = (await buildTask(db(), { title: 'Indmeld AftaleID for KY', deadline: dayFrom(today, -12), targets: [FAXE, BRONDBY] })).task.id;
    ids.soon = (await buildTask(db(), { title: 'Test af Sygesikring', deadline: dayFrom(today, 3), targets: [FAXE, BRONDBY] })).task.id;
    ids.later = (await buildTask(db(), { title: 'Plan for Valg', deadline: dayFrom(today, 30), targets: [FAXE] })).task.id;
    ids.brondbyOnly = (await buildTask(db(), { title: 'Kun for Brøndby', deadline: dayFrom(today, -2), targets: [BRONDBY] })).task.id;
    ids.mine = (await buildAgreement(db(), { title: 'Databehandleraftale FLIS', deadline: dayFrom(today, 10), targets: [FAXE, BRONDBY] })).agreement.id;
    ids.itChef = (await buildAgreement(db(), { title: 'K98-aftalen', audienceRoleKey: 'it-chef', deadline: dayFrom(today, 40), targets: [FAXE] })).agreement.id;
    ids.brondbyAgreement = (await buildAgreement(db(), { title: 'Brøndbys egen aftale', targets: [BRONDBY] })).agreement.id;
    leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    consultant = await loginAs(t.app, DEMO.consultant);
    brondby = await loginAs(t.app, DEMO.programLeader(BRONDBY));
  }, 60_000);
  afterAll(() => t?.close());

  it('lists the open tasks overdue first, with the deadline in words, and never another municipality’s', async () => {
    const page = (await leader.get('/')).body;
    expect(page).toContain('Det skal I nu');
    const [a, b, c] = ['Indmeld AftaleID for KY', 'Test af Sygesikring', 'Plan for Valg'].map((x) => page.indexOf(x));
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(b!);
    expect(b).toBeLessThan(c!);
    expect(page).toContain('overskredet med 12 dage');
    expect(page).toContain('om 3 dage');
    expect(page).toContain(`href="/opgaver/${ids.overdue}"`);
    expect(page).not.toContain('Kun for Brøndby');
    expect(page).not.toContain('Brøndbys egen aftale');

    const api = await attention(leader);
    const tasks = section(api, 'tasks.open');
    expect(tasks.map((i) => [i.title, i.kind, i.severity])).toEqual([
      ['Indmeld AftaleID for KY', 'task.overdue', 'alert'],
      ['Test af Sygesikring', 'task.due', 'warning'],
      ['Plan for Valg', 'task.open', 'info'],
    ]);
    expect(tasks[0]!.dueDate).toBe(dayFrom(today, -12));
  });

  it('lists the agreements to sign, saying who signs', async () => {
    const items = section(await attention(leader), 'agreements.sign');
    expect(items.map((i) => [i.title, i.detail, i.dueDate])).toEqual([
      ['Databehandleraftale FLIS', 'Du underskriver', dayFrom(today, 10)],
      ['K98-aftalen', 'Underskrives af IT- og digitaliseringschef – ingen i rollegalleriet har rollen', dayFrom(today, 40)],
    ]);
    // Once someone holds the role, the item names them.
    const [chef] = await db()
      .insert(person)
      .values({ municipalityCode: FAXE, name: 'Ida Itchef', email: 'ida.itchef@faxe.test' })
      .returning();
    await db().insert(roleAssignment).values({ personId: chef!.id, municipalityCode: FAXE, roleTypeKey: 'it-chef' });
    const again = section(await attention(leader), 'agreements.sign');
    expect(again[1]!.detail).toBe('Underskrives af IT- og digitaliseringschef, Ida Itchef');
    expect(again[1]!.link).toBe(`/aftaler/${ids.itChef}`);
  });

  it('menu badges count the items; the API returns what the page shows', async () => {
    const page = (await leader.get('/')).body;
    const api = await attention(leader);
    expect(badge(page, '/opgaver')).toBe(section(api, 'tasks.open').length);
    expect(badge(page, '/aftaler')).toBe(section(api, 'agreements.sign').length);
    expect(badge(page, `/kommuner/${FAXE}`)).toBe(section(api, 'gallery.gaps').length);
    // On a phone the menu folds into one button, which carries the sum.
    const folded = /<summary[^>]*samspil-menu-button[\s\S]*?samspil-menu-count">(\d+)/.exec(page)?.[1];
    expect(Number(folded)).toBe(section(api, 'tasks.open').length + section(api, 'agreements.sign').length + section(api, 'gallery.gaps').length);
    for (const s of api.sections) for (const i of s.items) expect(page).toContain(`href="${i.link.replace(/&/g, '&amp;')}"`);
  });

  it('an answered task and a signed agreement are gone from the page and the badges', async () => {
    const [step] = await rawRows<{ id: string }>(db(), sql`select id from task_step where task_id = ${ids.soon}`);
    await leader.get(`/opgaver/${ids.soon}`);
    expect((await leader.post(`/opgaver/${ids.soon}/trin/${step!.id}`, { completed: 'on' })).statusCode).toBe(303);

    const agreementPage = (await leader.get(`/aftaler/${ids.mine}`)).body;
    const versionId = /name="versionId" value="([^"]+)"/.exec(agreementPage)![1]!;
    const signed = await leader.post(`/aftaler/${ids.mine}/underskriv`, {
      versionId,
      signerName: 'Programleder Faxe',
      signerTitle: 'Programleder',
      password: DEMO.password,
      confirm: 'on',
    });
    expect(signed.statusCode, signed.body).toBe(303);

    const page = (await leader.get('/')).body;
    expect(page).not.toContain('Test af Sygesikring');
    expect(page).not.toContain('Databehandleraftale FLIS');
    expect(page).toContain('Indmeld AftaleID for KY');
    expect(badge(page, '/opgaver')).toBe(2);
    expect(badge(page, '/aftaler')).toBe(1);
  });

  it('an uploaded copy awaiting review says so and no longer counts as to be signed; an accepted one is gone', async () => {
    const { agreement } = await buildAgreement(db(), { title: 'Aftale med indsendt kopi', targets: [FAXE] });
    await buildSignature(db(), agreement.id, FAXE, { state: 'pending', method: 'upload' });
    const items = section(await attention(leader), 'agreements.sign');
    const pending = items.find((i) => i.title === 'Aftale med indsendt kopi');
    expect(pending?.kind).toBe('agreement.pending');
    expect(pending?.detail).toContain('afventer KOMBITs godkendelse');
    expect(badge((await leader.get('/')).body, '/aftaler')).toBe(items.filter((i) => i.kind === 'agreement.sign').length);
    await rawRows(db(), sql`update agreement_signature set state = 'signed' where agreement_id = ${agreement.id}`);
    expect(section(await attention(leader), 'agreements.sign').map((i) => i.title)).not.toContain('Aftale med indsendt kopi');
  });

  it('a connection agreement replaced by the signed K98 agreement is not to be signed', async () => {
    const k98 = await buildAgreement(db(), { type: 'k98', title: 'K98 med Aula', solutions: ['aula', 'ky'], targets: [FAXE] });
    const connection = await buildAgreement(db(), { type: 'tilslutningsaftale', title: 'Tilslutningsaftale Aula', solutions: ['aula'], targets: [FAXE] });
    const before = section(await attention(leader), 'agreements.sign').map((i) => i.title);
    expect(before).toEqual(expect.arrayContaining(['K98 med Aula', 'Tilslutningsaftale Aula']));
    await buildSignature(db(), k98.agreement.id, FAXE);
    const after = section(await attention(leader), 'agreements.sign').map((i) => i.title);
    expect(after).not.toContain('K98 med Aula');
    expect(after).not.toContain('Tilslutningsaftale Aula');
    expect(connection.agreement.id).toBeTruthy();
  });

  it('shows answers from KOMBIT since the last visit once, and never another municipality’s', async () => {
    await leader.get('/'); // the last visit
    await consultant.get(`/opgaver/${ids.overdue}/kommuner/${FAXE}`);
    expect((await consultant.post(`/opgaver/${ids.overdue}/kommuner/${FAXE}/beskeder`, { body: 'AftaleID står i bilag 2.' })).statusCode).toBe(303);
    await db().insert(taskMessage).values({ taskId: ids.overdue, municipalityCode: BRONDBY, authorName: 'KOMBIT', fromCentral: true, body: 'Til Brøndby' });

    // The API reads without marking them seen.
    for (let i = 0; i < 2; i++) {
      const answers = section(await attention(leader), 'tasks.answers');
      expect(answers.map((a) => [a.title, a.link])).toEqual([['Indmeld AftaleID for KY', `/opgaver/${ids.overdue}#beskeder`]]);
    }
    const first = (await leader.get('/')).body;
    expect(first).toContain('Nye svar fra KOMBIT');
    expect(first).toContain('KOMBIT har svaret');
    expect(first).toContain('»AftaleID står i bilag 2.«'); // what KOMBIT answered, not only that it did
    const second = (await leader.get('/')).body;
    expect(second).not.toContain('Nye svar fra KOMBIT');
    expect(section(await attention(leader), 'tasks.answers')).toEqual([]);
    // A note from KOMBIT in Faxe's thread of an agreement is news too, once.
    await consultant.get(`/aftaler/${ids.itChef}/kommuner/${FAXE}`);
    expect((await consultant.post(`/aftaler/${ids.itChef}/kommuner/${FAXE}/noter`, { body: 'Vi venter på jeres IT-chef.' })).statusCode).toBe(303);
    const notes = section(await attention(leader), 'agreements.answers');
    expect(notes.map((a) => [a.title, a.link])).toEqual([['K98-aftalen', `/aftaler/${ids.itChef}/kommuner/${FAXE}#noter`]]);
    expect((await leader.get('/')).body).toContain('Nye svar fra KOMBIT om aftaler');
    expect(section(await attention(leader), 'agreements.answers')).toEqual([]);
    // Brøndby's own front page has its answer, and not Faxe's.
    const brondbyAnswers = section(await attention(brondby), 'tasks.answers');
    expect(brondbyAnswers).toHaveLength(1);
  });

  it('lists gallery gaps that block mail, and drops each once fixed', async () => {
    const gaps = () => attention(leader).then((a) => section(a, 'gallery.gaps'));
    const before = await gaps();
    expect(before.map((g) => g.title)).toEqual(['Ingen systemansvarlig for 12 løsninger', 'Compliancepakke-modtagere: 0 af 2']);
    expect(before[0]!.detail).toContain('Aula');
    expect(before[0]!.detail).not.toContain('FLIS'); // Faxe has a system owner for FLIS

    // The FLIS owner stops being primary: mail to "the primary system owner" reaches nobody.
    await db()
      .update(roleAssignment)
      .set({ isPrimary: false })
      .where(and(eq(roleAssignment.municipalityCode, FAXE), eq(roleAssignment.roleTypeKey, 'systemansvarlig'), eq(roleAssignment.solutionKey, 'flis')));
    expect((await gaps()).map((g) => g.title)).toContain('Ingen primær systemansvarlig for FLIS');

    // The program leader makes someone compliance-package recipient in the gallery.
    const [leaderPerson] = await db().select({ id: person.id }).from(person).where(eq(person.email, DEMO.programLeader(FAXE)));
    await leader.get(`/kommuner/${FAXE}/personer/${leaderPerson!.id}`);
    const assigned = await leader.post(`/kommuner/${FAXE}/personer/${leaderPerson!.id}/roller`, { roleTypeKey: 'compliancepakke-modtager' });
    expect(assigned.statusCode, assigned.body).toBe(303);
    const after = await gaps();
    expect(after.map((g) => g.title)).not.toContain('Compliancepakke-modtagere: 0 af 2');
    expect(badge((await leader.get('/')).body, `/kommuner/${FAXE}`)).toBe(after.length);
  });

  it('the municipality page shows the consultant everything Faxe owes, and the API the same', async () => {
    const page = await consultant.get(`/kommuner/${FAXE}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Det venter på kommunen');
    expect(page.body).toContain(`href="/opgaver/${ids.overdue}/kommuner/${FAXE}"`);
    expect(page.body).toContain('overskredet med 12 dage');
    expect(page.body).toContain('K98-aftalen');
    expect(page.body).toContain('Underskrives af IT- og digitaliseringschef, Ida Itchef');
    expect(page.body).toContain('Ingen systemansvarlig for 12 løsninger');
    expect(page.body).not.toContain('Kun for Brøndby');
    expect(page.body).toContain('id="rollegalleri"'); // the gallery follows

    const api = await attention(consultant, `/api/v1/municipalities/${FAXE}/attention`);
    expect(section(api, 'tasks.open').map((i) => i.title)).toEqual(['Indmeld AftaleID for KY', 'Plan for Valg']);
    expect(section(api, 'agreements.sign').map((i) => i.link)).toContain(`/aftaler/${ids.itChef}/kommuner/${FAXE}`);
    for (const s of api.sections) for (const i of s.items) expect(page.body).toContain(i.title.replace(/&/g, '&amp;'));

    const other = await attention(consultant, `/api/v1/municipalities/${BRONDBY}/attention`);
    expect(section(other, 'tasks.open').map((i) => i.title)).toEqual(['Indmeld AftaleID for KY', 'Kun for Brøndby', 'Test af Sygesikring']);
    expect(section(other, 'agreements.sign').map((i) => i.title)).toEqual(expect.arrayContaining(['Databehandleraftale FLIS', 'Brøndbys egen aftale']));
  });

  it("another municipality's page and attention answer 404 to Faxe's users", async () => {
    expect((await leader.api('GET', `/api/v1/municipalities/${BRONDBY}/attention`)).statusCode).toBe(404);
    expect((await leader.get(`/kommuner/${BRONDBY}`)).statusCode).toBe(404);
    const own = await attention(leader, `/api/v1/municipalities/${FAXE}/attention`);
    expect(section(own, 'tasks.open').map((i) => i.link)).toContain(`/opgaver/${ids.overdue}`);
  });

  it('central staff see the vacancies in roles that receive mail, with a link to the role overview', async () => {
    const items = section(await attention(consultant), 'gallery.vacancies');
    const compliance = items.find((i) => i.link === '/rolleoverblik?rolle=compliancepakke-modtager');
    expect(compliance?.title).toBe('Compliancepakke-modtager: 97 kommuner mangler'); // Faxe has one now
    const aula = items.find((i) => i.link === '/rolleoverblik?rolle=systemansvarlig&loesning=aula');
    expect(aula?.title).toMatch(/^Systemansvarlig for Aula: 9\d kommuner mangler$/);
    expect(aula?.detail).toMatch(/^Mangler i Albertslund, /);
    expect(items.some((i) => i.link.includes('loesning=dubu'))).toBe(false); // being phased out
    expect((await consultant.get('/')).body).toContain('Ubesatte roller, der modtager post');
  });

  it('lists the most urgent tasks and links to the rest; the badge counts them all', async () => {
    for (let i = 0; i < 25; i++) await buildTask(db(), { title: `Senere opgave ${i}`, deadline: dayFrom(today, 100 + i), targets: [FAXE] });
    const tasks = section(await attention(leader), 'tasks.open');
    expect(tasks).toHaveLength(26);
    expect(tasks[0]!.title).toBe('Indmeld AftaleID for KY');
    expect(tasks[25]).toMatchObject({ kind: 'task.more', title: 'Se 2 åbne opgaver mere', link: '/opgaver' });
    expect(badge((await leader.get('/')).body, '/opgaver')).toBe(27);
    const central = section(await attention(consultant, `/api/v1/municipalities/${FAXE}/attention`), 'tasks.open');
    expect(central[25]?.link).toBe(`/kommuner/${FAXE}/opgaver?mangler=1`);
  });
});
