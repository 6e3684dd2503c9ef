import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { buildAgreement, buildSignature } from '../../../test/factories/agreements.ts';
import { buildTask } from '../../../test/factories/tasks.ts';
import { embeddedWrites } from '../../db/client.ts';
import { auditEvent } from '../../platform/audit/schema.ts';
import { newsItem } from '../news/index.ts';
import { project, projectMilestone, task } from '../tasks/index.ts';
import { programmeFigure, programmeFigurePoint } from './schema.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const PAGE = '/programmer/kontanthjaelpsreformen';
const API = '/api/v1/programmes/kontanthjaelpsreformen';

type ApiProgramme = {
  agreements: { title: string; status: string; counts: { addressed: number; signed: number } | null; ownStatus: string | null }[];
  news: { items: { title: string; url: string }[]; total: number };
  milestones: { id: string; title: string }[];
  figures: { id: string; name: string; points: unknown[] }[];
};

/** The rows of the agreements table as the reader sees them: [title, standing]. */
function agreementRows(html: string): [string, string][] {
  const start = html.indexOf('data-agreements');
  if (start < 0) return [];
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr data-aftale="[^"]+"><td[^>]*><a [^>]+>([^<]+)<\/a><\/td><td[^>]*>[^<]*<\/td><td[^>]*>([^<]+)<\/td><\/tr>/g)].map((m) => [m[1]!, m[2]!]);
}

describe('a programme page: its agreements and news, deleting milestones and key figures, long series', () => {
  let t: TestApp;
  let consultant: Client;
  let faxe: Client;
  const db = () => t.database.db;
  const audits = async (action: string) => (await db().select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(new Date('2025-06-02T10:00:00Z'));
    await db()
      .insert(project)
      .values([
        { key: 'kontanthjaelpsreformen', name: 'Kontanthjælpsreformen', solutionKey: 'ky' },
        { key: 'valg-2025', name: 'Valg 2025', solutionKey: 'valg' },
      ]);
    const toAll = await buildAgreement(db(), { title: 'KY databehandleraftale', solutions: ['ky'] });
    await buildSignature(db(), toAll.agreement.id, FAXE);
    await buildSignature(db(), toAll.agreement.id, BRONDBY);
    await buildAgreement(db(), { title: 'KY tillæg for Brøndby', solutions: ['ky'], targets: [BRONDBY] });
    await buildAgreement(db(), { title: 'KY kladde', solutions: ['ky'], status: 'draft' });
    await buildAgreement(db(), { title: 'Aula-aftale', solutions: ['aula'] });
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader(FAXE));
    for (const [title, publishOn, programmes] of [
      ['Reformen: status maj', '2025-05-28', ['kontanthjaelpsreformen']],
      ['Reformen: kommer i juli', '2025-07-01', ['kontanthjaelpsreformen']],
      ['Valg: release 1.6', '2025-05-20', ['valg-2025']],
    ] as const) {
      expect((await consultant.api('POST', '/api/v1/news', { title, publishOn, programmes })).statusCode).toBe(201);
    }
  });
  afterAll(async () => t.close());

  it("shows central staff every agreement of the programme's solution with its signing counts, and a municipality its own status of those sent to it", async () => {
    const central = await consultant.get(PAGE);
    expect(central.statusCode).toBe(200);
    expect(agreementRows(central.body)).toEqual([
      ['KY databehandleraftale', '2 af 98 underskrevet, 96 mangler'],
      ['KY kladde', 'Kladde – ikke sendt endnu'],
      ['KY tillæg for Brøndby', '0 af 1 underskrevet, 1 mangler'],
    ]);
    const own = await faxe.get(PAGE);
    expect(agreementRows(own.body)).toEqual([['KY databehandleraftale', 'Underskrevet']]);
    expect(own.body).toContain('Status for Faxe');
    expect(own.body).not.toContain('Brøndby');
    expect(own.body).not.toContain('Aula-aftale');

    const api = (await faxe.api('GET', API)).json() as ApiProgramme;
    expect(api.agreements).toEqual([expect.objectContaining({ title: 'KY databehandleraftale', ownStatus: 'signed', counts: null })]);
    const centralApi = (await consultant.api('GET', API)).json() as ApiProgramme;
    expect(centralApi.agreements.map((a) => [a.title, a.counts?.signed ?? null, a.ownStatus])).toEqual([
      ['KY databehandleraftale', 2, null],
      ['KY kladde', null, null],
      ['KY tillæg for Brøndby', 0, null],
    ]);
  });

  it('lists the news about the programme the reader may see: an item waiting for its day only for central staff', async () => {
    const own = await faxe.get(PAGE);
    const news = own.body.slice(own.body.indexOf('data-news'));
    expect(news).toContain('Reformen: status maj');
    expect(own.body).not.toContain('Reformen: kommer i juli');
    expect(own.body).not.toContain('Valg: release 1.6');
    const central = await consultant.get(PAGE);
    expect(central.body).toContain('Reformen: kommer i juli');
    expect(central.body).toContain('Vises fra 01.07.2025');
    const api = (await faxe.api('GET', API)).json() as ApiProgramme;
    expect(api.news.items.map((n) => n.title)).toEqual(['Reformen: status maj']);
    expect(api.news.total).toBe(1);
    expect(api.news.items[0]!.url).toMatch(/^\/nyt\/[0-9a-f-]{36}$/);
  });

  it('deletes a milestone after asking, once however often it is sent, audited, for central editors only', async () => {
    const made = (await consultant.api('POST', '/api/v1/programmes/kontanthjaelpsreformen/milestones', { title: 'Fejlagtig milepæl', startsOn: '2025-09-01' })).json() as ApiProgramme;
    const id = made.milestones.find((m) => m.title === 'Fejlagtig milepæl')!.id;
    const page = await consultant.get(PAGE);
    expect(page.body).toContain(`href="${PAGE}/milepaele/${id}/slet"`);
    expect((await faxe.get(PAGE)).body).not.toContain('/slet"');

    const ask = await consultant.get(`${PAGE}/milepaele/${id}/slet`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Milepælen «Fejlagtig milepæl» (01.09.2025) forsvinder fra Kontanthjælpsreformen.');
    expect((await faxe.get(`${PAGE}/milepaele/${id}/slet`)).statusCode).toBe(403);
    expect((await faxe.post(`${PAGE}/milepaele/${id}/slet`, { requestKey: 'x' })).statusCode).toBe(403);
    expect((await faxe.api('DELETE', `${API}/milestones/${id}`)).statusCode).toBe(403);
    // Through the wrong programme it is not found, and stays.
    expect((await consultant.post(`/programmer/valg-2025/milepaele/${id}/slet`, { requestKey: 'forkert' })).headers.location).toBe('/programmer/valg-2025?besked=allerede-slettet');
    expect(await db().select().from(projectMilestone).where(eq(projectMilestone.id, id))).toHaveLength(1);

    const first = await consultant.post(`${PAGE}/milepaele/${id}/slet`, { requestKey: 'slet-milepael-1' });
    const second = await consultant.post(`${PAGE}/milepaele/${id}/slet`, { requestKey: 'slet-milepael-1' });
    expect(first.headers.location).toBe(`${PAGE}?besked=milepael-slettet`);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await db().select().from(projectMilestone).where(eq(projectMilestone.id, id))).toHaveLength(0);
    expect(await audits('programme.milestone_deleted')).toBe(1);
    const [entry] = await db().select().from(auditEvent).where(eq(auditEvent.action, 'programme.milestone_deleted'));
    expect(entry!.before).toMatchObject({ key: 'kontanthjaelpsreformen', title: 'Fejlagtig milepæl', startsOn: '2025-09-01' });
    expect((await consultant.get(first.headers.location as string)).body).toContain('Milepælen er slettet.');
    expect((await consultant.post(`${PAGE}/milepaele/${id}/slet`, { requestKey: 'slet-milepael-2' })).headers.location).toBe(`${PAGE}?besked=allerede-slettet`);
    expect((await consultant.api('DELETE', `${API}/milestones/${id}`)).statusCode).toBe(204);
    expect(await audits('programme.milestone_deleted')).toBe(1);
  });

  it('deletes a key figure with all its points after asking, the audit keeping every point', async () => {
    const made = (
      await consultant.api('POST', `${API}/figures`, {
        name: 'Forkert nøgletal',
        points: [
          { on: '2025-05-01', value: 1 },
          { on: '2025-05-08', value: 2 },
          { on: '2025-05-15', value: 3 },
        ],
      })
    ).json() as ApiProgramme;
    const id = made.figures.find((f) => f.name === 'Forkert nøgletal')!.id;
    expect((await consultant.get(PAGE)).body).toContain(`href="${PAGE}/noegletal/${id}/slet"`);
    const ask = await consultant.get(`${PAGE}/noegletal/${id}/slet`);
    expect(ask.body).toContain('Nøgletallet «Forkert nøgletal» forsvinder fra Kontanthjælpsreformen med alle sine 3 målinger');
    expect((await faxe.api('DELETE', `${API}/figures/${id}`)).statusCode).toBe(403);

    const a = await consultant.api('DELETE', `${API}/figures/${id}`, undefined, { 'idempotency-key': 'slet-tal' });
    const b = await consultant.api('DELETE', `${API}/figures/${id}`, undefined, { 'idempotency-key': 'slet-tal' });
    expect([a.statusCode, b.statusCode]).toEqual([204, 204]);
    expect(await db().select().from(programmeFigure).where(eq(programmeFigure.id, id))).toHaveLength(0);
    expect(await db().select().from(programmeFigurePoint).where(eq(programmeFigurePoint.figureId, id))).toHaveLength(0);
    const entries = await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'programme.figure_deleted'), eq(auditEvent.entityId, id)));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.before).toMatchObject({ name: 'Forkert nøgletal', points: [{ on: '2025-05-01', value: 1 }, { on: '2025-05-08', value: 2 }, { on: '2025-05-15', value: 3 }] });
    expect((await consultant.post(`${PAGE}/noegletal/${id}/slet`, { requestKey: 'igen' })).headers.location).toBe(`${PAGE}?besked=allerede-slettet`);
    expect((await consultant.get(`${PAGE}/noegletal/${id}/slet`)).statusCode).toBe(404);
  });

  it('shows five years of weekly points as one value a month beside the chart, with every point in the download', async () => {
    const start = Date.parse('2020-06-01T00:00:00Z');
    const points = Array.from({ length: 260 }, (_, w) => ({ on: new Date(start + w * 7 * 86_400_000).toISOString().slice(0, 10), value: w * 100 }));
    expect((await consultant.api('POST', `${API}/figures`, { name: 'Behandlet pr. uge', unit: 'opgaver', target: 30000, points })).statusCode).toBe(201);
    const page = await faxe.get(PAGE);
    const table = page.body.slice(page.body.indexOf('data-figure-table="Behandlet pr. uge"'));
    const body = table.slice(0, table.indexOf('</tbody>'));
    const rows = (body.match(/<tr>/g) ?? []).length;
    expect(rows).toBeGreaterThanOrEqual(59);
    expect(rows).toBeLessThanOrEqual(61);
    expect(table).toContain('den sidste måling i hver måned');
    // The series' last point (19.05.2025) is May's row; earlier May weeks are not listed.
    expect(body).toMatch(/<td[^>]*>19\.05\.2025<\/td><td[^>]*>25\.900<\/td>/);
    expect(body).not.toContain('>12.05.2025<');
    const chart = page.body.indexOf('<desc', page.body.indexOf('Behandlet pr. uge</title>'));
    const svg = page.body.slice(chart, page.body.indexOf('</svg>', chart));
    expect(svg).toContain('Tabellen viser den sidste måling i hver måned');

    const csv = await faxe.get(`${PAGE}/noegletal.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Nøgletal;Enhed;Dato;Værdi;Mål');
    expect(lines.filter((l) => l.startsWith('Behandlet pr. uge;'))).toHaveLength(260);
    expect(lines).toContain('Behandlet pr. uge;opgaver;2025-05-12;25800;30000');
    expect(lines).toContain('Behandlet pr. uge;opgaver;2025-05-19;25900;30000');
    const xlsx = await faxe.get(`${PAGE}/noegletal.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('reads the page in the same number of statements however many milestones, points, news and agreements it has', async () => {
    const statements = async () => {
      const before = t.database.queries.count;
      expect((await faxe.get(PAGE)).statusCode).toBe(200);
      return t.database.queries.count - before;
    };
    // A write first, so nothing is kept from the earlier reads (the embedded database keeps reads until a write).
    await db().update(project).set({ description: 'Før optællingen' }).where(eq(project.key, 'kontanthjaelpsreformen'));
    const few = await statements();
    const [reform] = await db().select({ id: project.id }).from(project).where(eq(project.key, 'kontanthjaelpsreformen'));
    await db()
      .insert(projectMilestone)
      .values(Array.from({ length: 40 }, (_, i) => ({ projectId: reform!.id, title: `Ekstra ${i}`, startsOn: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}` })));
    for (let i = 0; i < 3; i++) await buildAgreement(db(), { title: `KY ekstra ${i}`, solutions: ['ky'] });
    for (let i = 0; i < 12; i++) await consultant.api('POST', '/api/v1/news', { title: `Reformen ${i}`, publishOn: '2025-05-01', programmes: ['kontanthjaelpsreformen'], solutions: ['ky'] });
    expect(await statements()).toBe(few);
    // Session and actor (2), the menu's badges (1) and at most eleven for the page.
    expect(few).toBeLessThanOrEqual(14);
    // Read again with no write between: on the embedded database the page itself runs none.
    expect(await statements()).toBe(embeddedWrites(db()) === null ? few : 3);
    const page = await faxe.get(PAGE);
    expect(page.body).toContain('Her vises de 10 nyeste af 13.');
    expect((await db().select({ n: count() }).from(newsItem))[0]!.n).toBe(15);
  });

  it('lists the 25 tasks due next, then the most recent ones, and links to all of them', async () => {
    const [reform] = await db().select({ id: project.id }).from(project).where(eq(project.key, 'kontanthjaelpsreformen'));
    // Today is 2 June 2025: ten deadlines behind us, twenty ahead.
    for (let i = 0; i < 30; i++) {
      const day = new Date(Date.UTC(2025, 5, 2 + (i - 10) * 3)).toISOString().slice(0, 10);
      const built = await buildTask(db(), { code: `KR PROG ${String(i).padStart(2, '0')}`, title: `Reformopgave ${i}`, deadline: day });
      await db().update(task).set({ projectId: reform!.id }).where(eq(task.id, built.task.id));
    }
    const html = (await faxe.get(PAGE)).body;
    const list = html.slice(html.indexOf('data-tasks'), html.indexOf('</ul>', html.indexOf('data-tasks')));
    const codes = [...list.matchAll(/KR PROG (\d\d)/g)].map((m) => Number(m[1]));
    expect(codes).toHaveLength(25);
    // Due today or later first, nearest first (task 10 is due today), then the past, newest first.
    expect(codes.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 10 + i));
    expect(codes.slice(20)).toEqual([9, 8, 7, 6, 5]);
    expect(html).toContain('Se alle 30 opgaver i programmet');
    expect(html).toContain('href="/opgaver?projekt=kontanthjaelpsreformen"');
    const central = (await consultant.get(PAGE)).body;
    expect(central).toContain(`href="/overblik?projekt=${reform!.id}"`);
    const api = (await faxe.api('GET', API)).json() as { tasks: unknown[]; tasksTotal: number };
    expect(api.tasks).toHaveLength(30);
    expect(api.tasksTotal).toBe(30);
  });
});
