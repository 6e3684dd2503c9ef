import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { buildTask } from '../../../test/factories/tasks.ts';
import { auditEvent } from '../../platform/audit/schema.ts';
import { project, projectMilestone, task } from '../tasks/index.ts';
import { seedDemoProgrammes } from './demo.ts';
import { programmeFigure, programmeFigurePoint, programmeStatus } from './schema.ts';

/** The rows of a figure table on the page: [day, value] as the reader sees them. */
function tableRows(html: string, name: string): [string, string][] {
  const start = html.indexOf(`data-figure-table="${name}"`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr><td[^>]*>([^<]+)<\/td><td[^>]*>([^<]+)<\/td><\/tr>/g)].map((m) => [m[1]!, m[2]!]);
}

describe('programmes: status pages, milestones, key figures', () => {
  let t: TestApp;
  let consultant: Client;
  let faxe: Client;
  const db = () => t.database.db;
  const audits = async (action: string) => (await db().select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;
  const snapshot = async () =>
    JSON.stringify({
      statuses: (await db().select({ n: count() }).from(programmeStatus))[0]!.n,
      milestones: await db().select().from(projectMilestone).orderBy(projectMilestone.id),
      figures: await db().select().from(programmeFigure).orderBy(programmeFigure.id),
      points: (await db().select({ n: count() }).from(programmeFigurePoint))[0]!.n,
      projects: await db().select().from(project).orderBy(project.key),
      audit: (await db().select({ n: count() }).from(auditEvent))[0]!.n,
    });

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(new Date('2025-06-02T10:00:00Z'));
    await db()
      .insert(project)
      .values([
        { key: 'kontanthjaelpsreformen', name: 'Kontanthjælpsreformen', solutionKey: 'ky' },
        { key: 'valg-2025', name: 'Valg 2025', solutionKey: 'valg' },
      ]);
    // The demo twice: the second run changes nothing.
    await seedDemoProgrammes(db(), new Date('2025-06-02T10:00:00Z'));
    const once = await snapshot();
    await seedDemoProgrammes(db(), new Date('2025-06-02T10:00:00Z'));
    expect(await snapshot()).toBe(once);
    const [reform] = await db().select({ id: project.id }).from(project).where(eq(project.key, 'kontanthjaelpsreformen'));
    const shared = await buildTask(db(), { title: 'Mapning af ydelsesarter' });
    const brondby = await buildTask(db(), { title: 'Brøndbys egen opgave', localMunicipalityCode: '0153', targets: [] });
    const draft = await buildTask(db(), { title: 'Kladde til reformen', status: 'draft' });
    for (const x of [shared, brondby, draft]) await db().update(task).set({ projectId: reform!.id }).where(eq(task.id, x.task.id));
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader('0320'));
  });
  afterAll(async () => t.close());

  it('lists every programme with its status, responsible person and next milestone', async () => {
    const res = await faxe.get('/programmer');
    expect(res.statusCode).toBe(200);
    const valg = res.body.slice(res.body.indexOf('data-programme="valg-2025"'));
    expect(valg).toContain('Grøn');
    expect(valg).toContain('Mikkel Valgø');
    expect(valg).toContain('Release 1.7, 24.06.2025');
    expect(res.body).toContain('Sygedagpengereformen');
    const api = await faxe.api('GET', '/api/v1/programmes');
    const rows = (api.json() as { programmes: { key: string; status: { status: string } | null }[] }).programmes;
    expect(rows.find((r) => r.key === 'kontanthjaelpsreformen')?.status?.status).toBe('gul');
  });

  it("shows the cash-benefit reform's chart with a table of the same points and the target, and only the tasks Faxe may read", async () => {
    const res = await faxe.get('/programmer/kontanthjaelpsreformen');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<figure');
    expect(res.body).toContain('<figcaption>');
    expect(res.body).toContain('role="img"');
    expect(res.body).toContain('data-target="89000"');
    expect(tableRows(res.body, 'Overgangsopgaver behandlet')).toEqual([
      ['02.05.2025', '4.000'],
      ['09.05.2025', '27.000'],
      ['16.05.2025', '51.000'],
      ['23.05.2025', '70.000'],
    ]);
    expect(tableRows(res.body, 'Overgangsopgaver oprettet')).toEqual([['01.05.2025', '89.000']]);
    expect(res.body).toContain('Mapning af ydelsesarter');
    expect(res.body).not.toContain('Brøndbys egen opgave');
    expect(res.body).not.toContain('Kladde til reformen');
    expect(res.body).not.toContain('id="form-status"');
    const api = (await faxe.api('GET', '/api/v1/programmes/kontanthjaelpsreformen')).json() as {
      figures: { name: string; target: number | null; points: { on: string; value: number }[] }[];
      tasks: { title: string }[];
    };
    expect(api.figures.find((f) => f.name === 'Overgangsopgaver behandlet')).toMatchObject({ target: 89000, points: [{ on: '2025-05-02', value: 4000 }, {}, {}, { on: '2025-05-23', value: 70000 }] });
    expect(api.tasks.map((x) => x.title)).toEqual(['Mapning af ydelsesarter']);
    const central = await consultant.get('/programmer/kontanthjaelpsreformen');
    expect(central.body).toContain('Kladde til reformen');
    expect(central.body).toContain('id="form-status"');
  });

  it('sets a status once per double submit, audited, and refuses bad input and municipalities without changing anything', async () => {
    await consultant.get('/programmer/valg-2025');
    const before = await audits('programme.status_set');
    const form = { status: 'roed', statusOn: '03.06.2025', comment: 'Release 1.6 er forsinket.', requestKey: 'status-dobbelt' };
    const a = await consultant.post('/programmer/valg-2025/status', form);
    const b = await consultant.post('/programmer/valg-2025/status', form);
    expect(a.statusCode).toBe(303);
    expect(b.headers.location).toBe(a.headers.location);
    expect(await audits('programme.status_set')).toBe(before + 1);
    const page = await consultant.get('/programmer/valg-2025');
    expect(page.body).toContain('Release 1.6 er forsinket.');
    const history = page.body.slice(page.body.indexOf('data-status-history'));
    expect(history.indexOf('Rød')).toBeLessThan(history.indexOf('Grøn'));

    const unchanged = await snapshot();
    const bad = await consultant.post('/programmer/valg-2025/status', { status: 'blaa', statusOn: '31.02.2025' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Vælg grøn, gul eller rød');
    const badApi = await consultant.api('POST', '/api/v1/programmes/valg-2025/statuses', { status: 'gul', statusOn: 'i morgen' });
    expect(badApi.statusCode).toBe(422);
    expect((badApi.json() as { fieldErrors: Record<string, string> }).fieldErrors.statusOn).toBeDefined();
    await faxe.get('/programmer/valg-2025');
    expect((await faxe.post('/programmer/valg-2025/status', { status: 'gul', statusOn: '03.06.2025' })).statusCode).toBe(403);
    expect((await faxe.api('POST', '/api/v1/programmes/valg-2025/statuses', { status: 'gul', statusOn: '2025-06-03' })).statusCode).toBe(403);
    expect((await consultant.api('POST', '/api/v1/programmes/findes-ikke/statuses', { status: 'gul', statusOn: '2025-06-03' })).statusCode).toBe(404);
    expect(await snapshot()).toBe(unchanged);
  });

  it('moves a milestone keeping the day first planned, through the page and the API', async () => {
    const created = await consultant.api('POST', '/api/v1/programmes/valg-2025/milestones', { title: 'Testvalg', startsOn: '2025-09-01' }, { 'idempotency-key': 'ms-1' });
    expect(created.statusCode).toBe(201);
    const again = await consultant.api('POST', '/api/v1/programmes/valg-2025/milestones', { title: 'Testvalg', startsOn: '2025-09-01' }, { 'idempotency-key': 'ms-1' });
    expect(again.statusCode).toBe(200);
    const [m] = await db().select().from(projectMilestone).where(eq(projectMilestone.title, 'Testvalg'));
    await consultant.get(`/programmer/valg-2025/milepaele/${m!.id}`);
    const moved = await consultant.post(`/programmer/valg-2025/milepaele/${m!.id}`, { title: 'Testvalg', startsOn: '2025-09-15', state: 'planlagt' });
    expect(moved.statusCode).toBe(303);
    const again2 = await consultant.api('PUT', `/api/v1/programmes/valg-2025/milestones/${m!.id}`, { title: 'Testvalg', startsOn: '2025-09-22', state: 'flyttet' });
    expect(again2.statusCode).toBe(200);
    const [row] = await db().select().from(projectMilestone).where(eq(projectMilestone.id, m!.id));
    expect(row).toMatchObject({ startsOn: '2025-09-22', originalOn: '2025-09-01', state: 'flyttet' });
    const page = await faxe.get('/programmer/valg-2025');
    expect(page.body).toContain('(først planlagt 01.09.2025)');
    const bad = await consultant.post(`/programmer/valg-2025/milepaele/${m!.id}`, { title: '', startsOn: '2025-09-22', endsOn: '2025-09-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Skriv milepælens titel');
    expect(await audits('programme.milestone_saved')).toBe(3);
  });

  it('adds a key figure and replaces a point from the form, and edits the description and responsible person', async () => {
    await consultant.get('/programmer/valg-2025');
    const res = await consultant.post('/programmer/valg-2025/noegletal', { name: 'Brugere med MitID Erhverv', unit: 'brugere', target: '1.000', points: '01.06.2025;100\n08.06.2025;250' });
    expect(res.statusCode).toBe(303);
    await consultant.post('/programmer/valg-2025/noegletal', { name: 'Brugere med MitID Erhverv', unit: 'brugere', target: '1.000', points: '08.06.2025;300' });
    const page = await faxe.get('/programmer/valg-2025');
    expect(tableRows(page.body, 'Brugere med MitID Erhverv')).toEqual([
      ['01.06.2025', '100'],
      ['08.06.2025', '300'],
    ]);
    const bad = await consultant.post('/programmer/valg-2025/noegletal', { name: 'X', points: '2025;abc' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Linje 1');

    const people = (await consultant.api('GET', '/api/v1/programmes/valg-2025')).json() as { responsible: { id: string } };
    const same = await consultant.api('PUT', '/api/v1/programmes/valg-2025', { description: 'Valget 18. november 2025.', responsiblePersonId: people.responsible.id });
    expect(same.statusCode).toBe(200);
    expect((same.json() as { description: string }).description).toBe('Valget 18. november 2025.');
    const auditsBefore = await audits('programme.saved');
    await consultant.api('PUT', '/api/v1/programmes/valg-2025', { description: 'Valget 18. november 2025.', responsiblePersonId: people.responsible.id });
    expect(await audits('programme.saved')).toBe(auditsBefore);
    const notStaff = await consultant.api('PUT', '/api/v1/programmes/valg-2025', { description: '', responsiblePersonId: '00000000-0000-4000-8000-000000000001' });
    expect(notStaff.statusCode).toBe(422);
  });
});
