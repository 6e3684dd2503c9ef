import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildTask } from '../../../../test/factories/tasks.ts';
import type { Actor } from '../../../platform/context.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { readTable } from '../../../platform/spreadsheet/read.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { answerText, missingSentence, parseTaskListFilters } from './queries.ts';
import { project, stepAnswer, task as taskTable, taskDeadlineChange, taskFile, taskTarget, type TargetStatus } from '../schema.ts';

const BRONDBY = '0153';
const FAXE = '0320';
const NORDDJURS = '0707';
const KOBENHAVN = '0101';

/** The steps of the deck's task: a step to read, a contact, the AftaleID, a yes/no and a file. */
const STEPS = [
  { title: 'Læs vejledningen' },
  { title: 'Angiv kontaktperson', answerKind: 'text' as const, answerLabel: 'Kontakt' },
  { title: 'Indberet AftaleID', answerKind: 'identifier' as const, answerLabel: 'AftaleID', answerPattern: '^[0-9]{6}$' },
  { title: 'Er testen gennemført?', answerKind: 'yes_no' as const, answerLabel: 'Test gennemført' },
  { title: 'Upload testrapport', answerKind: 'file' as const },
];

/** The <tr data-kommune="…"> row of a page, or undefined. */
const rowOf = (html: string, attr: string, value: string) => new RegExp(`<tr data-${attr}="${value}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
const cellsOf = (row: string) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
const countRows = (html: string, attr: string) => (html.match(new RegExp(`<tr data-${attr}=`, 'g')) ?? []).length;

describe('the central side of tasks', () => {
  let t: TestApp;
  let admin: Client;
  let consultant: Client;
  let faxeLeader: Client;
  let faxeSuper: Client;
  let drift: Client;

  async function newUser(code: string | null, email: string, roleTypeKey: string, solutionKey: string | null = null) {
    const db = t.database.db;
    const [p] = await db.insert(person).values({ municipalityCode: code, name: `Test ${roleTypeKey}`, email }).returning();
    await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword('hemmelig-1234') });
    await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: code, roleTypeKey, solutionKey });
    return loginAs(t.app, email, 'hemmelig-1234');
  }

  async function setStatus(taskId: string, codes: string[] | { except: string[] }, status: TargetStatus) {
    const which = Array.isArray(codes) ? inArray(taskTarget.municipalityCode, codes) : notInArray(taskTarget.municipalityCode, codes.except);
    await t.database.db
      .update(taskTarget)
      .set({ status, solvedAt: status === 'loest' ? new Date() : null, notRelevantReason: status === 'ikke_relevant' ? 'Vi bruger ikke løsningen' : null })
      .where(and(eq(taskTarget.taskId, taskId), which));
  }

  async function personId(email: string) {
    const [row] = await t.database.db.select({ id: person.id }).from(person).where(eq(person.email, email));
    return row!.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAs(t.app, DEMO.admin);
    consultant = await loginAs(t.app, DEMO.consultant);
    faxeLeader = await loginAs(t.app, DEMO.programLeader(FAXE));
    faxeSuper = await newUser(FAXE, 'superbruger-faxe@central.test', 'superbruger', 'aula');
    drift = await newUser(null, 'drift@central.test', 'drift');
  });
  afterEach(() => t.setNow(null));
  afterAll(() => t?.close());

  /** The deck's task with answers from Faxe (all steps) and Brøndby (the AftaleID only). */
  async function taskWithAnswers() {
    const db = t.database.db;
    const built = await buildTask(db, { title: 'Indberet AftaleID', steps: STEPS, deadline: '2030-05-28' });
    const [s1, s2, s3, s4, s5] = built.steps as [typeof built.steps[number], typeof built.steps[number], typeof built.steps[number], typeof built.steps[number], typeof built.steps[number]];
    const id = built.task.id;
    const [file] = await db
      .insert(taskFile)
      .values({ taskId: id, municipalityCode: FAXE, purpose: 'answer', filename: 'testrapport-faxe.pdf', contentType: 'application/pdf', size: 3, sha256: 'x', content: Buffer.from('pdf') })
      .returning();
    await db.insert(stepAnswer).values([
      { stepId: s1.id, taskId: id, municipalityCode: FAXE, completed: true },
      { stepId: s2.id, taskId: id, municipalityCode: FAXE, value: 'Hanne <Hansen> & co', completed: true },
      { stepId: s3.id, taskId: id, municipalityCode: FAXE, value: '012345', completed: true },
      { stepId: s4.id, taskId: id, municipalityCode: FAXE, value: 'ja', completed: true },
      { stepId: s5.id, taskId: id, municipalityCode: FAXE, fileId: file!.id, completed: true },
      { stepId: s3.id, taskId: id, municipalityCode: BRONDBY, value: '654321', completed: true },
      { stepId: s4.id, taskId: id, municipalityCode: BRONDBY, value: 'nej', completed: true },
    ]);
    await setStatus(id, [FAXE], 'loest');
    await setStatus(id, [BRONDBY], 'i_gang');
    await db
      .update(taskTarget)
      .set({ responsiblePersonId: await personId(DEMO.programLeader(FAXE)), lastActivityAt: new Date('2025-05-20T08:15:00Z') })
      .where(and(eq(taskTarget.taskId, id), eq(taskTarget.municipalityCode, FAXE)));
    return built;
  }

  describe("a task's overview", () => {
    it('lists all 98 municipalities with status, responsible, last activity and one column per step', async () => {
      const { task } = await taskWithAnswers();
      const res = await consultant.get(`/opgaver/${task.id}/overblik`);
      expect(res.statusCode).toBe(200);
      expect(countRows(res.body, 'kommune')).toBe(98);
      const headers = [...res.body.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
      expect(headers).toEqual(
        expect.arrayContaining(['Kommune', 'Status', 'Ansvarlig', 'Seneste aktivitet', 'Læs vejledningen', 'Kontakt', 'AftaleID', 'Test gennemført', 'Upload testrapport']),
      );
      expect(cellsOf(rowOf(res.body, 'kommune', FAXE)!)).toEqual([
        'Faxe',
        'Løst',
        'Programleder Faxe',
        '20.05.2025 kl. 10.15',
        '✓',
        'Hanne &lt;Hansen> &amp; co',
        '012345',
        'Ja',
        'testrapport-faxe.pdf',
      ]);
      expect(cellsOf(rowOf(res.body, 'kommune', BRONDBY)!)).toEqual(['Brøndby', 'I gang', 'Ikke angivet', '', '', '', '654321', 'Nej', '']);
      expect(res.body).toContain(`href="/opgaver/${task.id}/kommuner/${FAXE}"`);
      expect(res.body).toContain(`href="/opgaver/${task.id}/paamindelse"`);
      expect(res.body).toContain(`href="/opgaver/${task.id}/eksport.xlsx"`);
      // Danish alphabetical order: Brøndby before Faxe, Aabenraa (= Åbenrå) after Ærø.
      const order = [...res.body.matchAll(/<tr data-kommune="(\d{4})">/g)].map((m) => m[1]);
      expect(order.indexOf(BRONDBY)).toBeLessThan(order.indexOf(FAXE));
      expect(order.indexOf('0492')).toBeLessThan(order.indexOf('0580'));
    });

    it('filters to the missing ones with the sentence of the deck; "ikke relevant" is not missing', async () => {
      const { task } = await buildTask(t.database.db, { deadline: '2025-05-28', critical: true });
      await setStatus(task.id, { except: [BRONDBY, NORDDJURS, FAXE, KOBENHAVN] }, 'loest');
      await setStatus(task.id, [KOBENHAVN], 'ikke_relevant');
      await setStatus(task.id, [NORDDJURS], 'i_gang');
      t.setNow(new Date('2025-05-26T10:00:00+02:00'));

      const res = await consultant.get(`/opgaver/${task.id}/overblik?mangler=1`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Pr. 26. maj 2025 mangler 3 kommuner at løse opgaven: Brøndby, Faxe og Norddjurs');
      expect(countRows(res.body, 'kommune')).toBe(3);
      expect(rowOf(res.body, 'kommune', KOBENHAVN)).toBeUndefined();
      expect(res.body).toContain(`href="/opgaver/${task.id}/eksport.csv?mangler=1"`);
      expect(res.body).toContain('98 adresseret: 94 løst, 1 i gang, 2 ikke startet, 1 ikke relevant. 3 mangler.');

      const all = await consultant.get(`/opgaver/${task.id}/overblik`);
      expect(countRows(all.body, 'kommune')).toBe(98);
      expect(all.body).not.toContain('mangler 3 kommuner');
      expect(all.body).toContain(`href="/opgaver/${task.id}/overblik?mangler=1"`);

      // The day is Denmark's: 01.30 Danish summer time on 26 May is still 25 May in UTC.
      t.setNow(new Date('2025-05-25T23:30:00Z'));
      const api = await consultant.api('GET', `/api/v1/tasks/${task.id}/overview?missing=true`);
      expect(api.statusCode).toBe(200);
      const body = api.json();
      expect(body.missingSentence).toBe('Pr. 26. maj 2025 mangler 3 kommuner at løse opgaven: Brøndby, Faxe og Norddjurs');
      expect(body.rows.map((r: { municipalityName: string }) => r.municipalityName)).toEqual(['Brøndby', 'Faxe', 'Norddjurs']);
      expect(body.counts).toMatchObject({ addressed: 98, loest: 94, ikke_relevant: 1, missing: 3 });

      await setStatus(task.id, [FAXE, NORDDJURS], 'loest');
      const one = await consultant.get(`/opgaver/${task.id}/overblik?mangler=1`);
      expect(one.body).toContain('Pr. 26. maj 2025 mangler 1 kommune at løse opgaven: Brøndby');
      await setStatus(task.id, [BRONDBY], 'ikke_relevant');
      const none = await consultant.get(`/opgaver/${task.id}/overblik?mangler=1`);
      expect(none.body).toContain('Alle kommuner har løst opgaven');
      expect(countRows(none.body, 'kommune')).toBe(0);
    });

    it('marks overdue municipalities and shows the deadline history', async () => {
      const db = t.database.db;
      const { task } = await buildTask(db, { deadline: '2025-06-18' });
      await setStatus(task.id, { except: [FAXE] }, 'loest');
      await db.insert(taskDeadlineChange).values({ taskId: task.id, fromDeadline: '2025-05-30', toDeadline: '2025-06-18', reason: 'Leverandøren er forsinket' });
      t.setNow(new Date('2025-06-19T09:00:00+02:00'));
      const res = await consultant.get(`/opgaver/${task.id}/overblik`);
      expect(cellsOf(rowOf(res.body, 'kommune', FAXE)!)[1]).toBe('Ikke startet forsinket');
      expect(cellsOf(rowOf(res.body, 'kommune', BRONDBY)!)[1]).toBe('Løst');
      expect(res.body).toContain('Leverandøren er forsinket');
      expect(res.body).toContain('30.05.2025');
      t.setNow(new Date('2025-06-18T23:00:00+02:00'));
      const inTime = await consultant.get(`/opgaver/${task.id}/overblik`);
      expect(cellsOf(rowOf(inTime.body, 'kommune', FAXE)!)[1]).toBe('Ikke startet');
    });

    it('shows no reminder link before the task is published', async () => {
      const { task } = await buildTask(t.database.db, { status: 'announced' });
      const res = await consultant.get(`/opgaver/${task.id}/overblik`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('/paamindelse');
    });
  });

  describe('export', () => {
    it('exports the overview as XLSX and CSV, with the AftaleID column as text', async () => {
      const { task } = await taskWithAnswers();
      const xlsx = await consultant.get(`/opgaver/${task.id}/eksport.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename="opgave-test-[a-z0-9-]+-overblik\.xlsx"$/);
      expect(xlsx.headers['cache-control']).toBe('private, no-store');
      const table = await readTable(xlsx.rawPayload, 'x.xlsx');
      expect(table.headers).toEqual([
        'kommunekode',
        'kommune',
        'status',
        'ansvarlig',
        'seneste aktivitet',
        'læs vejledningen',
        'kontakt',
        'aftaleid',
        'test gennemført',
        'upload testrapport',
      ]);
      expect(table.rows).toHaveLength(98);
      expect(table.rows.find((r) => r.values.kommunekode === FAXE)?.values).toEqual({
        kommunekode: FAXE,
        kommune: 'Faxe',
        status: 'Løst',
        ansvarlig: 'Programleder Faxe',
        'seneste aktivitet': '2025-05-20',
        'læs vejledningen': '✓',
        kontakt: 'Hanne <Hansen> & co',
        aftaleid: '012345',
        'test gennemført': 'Ja',
        'upload testrapport': 'testrapport-faxe.pdf',
      });

      const csv = await consultant.get(`/opgaver/${task.id}/eksport.csv?mangler=1`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(/-mangler\.csv"$/);
      const missing = await readTable(csv.rawPayload, 'x.csv');
      expect(missing.rows).toHaveLength(97);
      expect(missing.rows.find((r) => r.values.kommunekode === FAXE)).toBeUndefined();
      expect(missing.rows.find((r) => r.values.kommunekode === BRONDBY)?.values).toMatchObject({ status: 'I gang', aftaleid: '654321', 'test gennemført': 'Nej' });
    });
  });

  describe('the dashboard', () => {
    it('lists open critical and cross-cutting tasks with counts of the missing and an overdue marker', async () => {
      const db = t.database.db;
      const [proj] = await db.insert(project).values({ key: 'kr-dash', name: 'Kontanthjælpsreformen (dashboard)' }).returning();
      const { task: critical } = await buildTask(db, { code: 'DASH - KR MI 02', deadline: '2025-05-20', critical: true });
      await db.update(taskTarget).set({ status: 'loest' }).where(eq(taskTarget.taskId, critical.id));
      await setStatus(critical.id, [KOBENHAVN, '0147', '0151'], 'ikke_relevant');
      await setStatus(critical.id, [BRONDBY, FAXE], 'ikke_startet');
      await setStatus(critical.id, [NORDDJURS], 'i_gang');
      const { task: cross } = await buildTask(db, { code: 'DASH - tværgående', crossCutting: true, targets: [FAXE, BRONDBY] });
      const { task: plain } = await buildTask(db, { code: 'DASH - almindelig' });
      const { task: closed } = await buildTask(db, { code: 'DASH - lukket', critical: true, status: 'closed' });
      const { task: draft } = await buildTask(db, { code: 'DASH - kladde', critical: true, status: 'draft' });
      const { task: local } = await buildTask(db, { code: 'DASH - lokal', critical: true, localMunicipalityCode: FAXE });
      const { task: inProject } = await buildTask(db, { code: 'DASH - i projekt' });
      await db.update(taskTarget).set({ status: 'loest' }).where(eq(taskTarget.taskId, inProject.id));
      await db.update(taskTable).set({ projectId: proj!.id }).where(eq(taskTable.id, inProject.id));
      t.setNow(new Date('2025-05-26T10:00:00+02:00'));

      const res = await consultant.get('/overblik');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('href="/opgaver/ny"');
      const criticalSection = res.body.slice(res.body.indexOf('Åbne opgaver af kritisk'), res.body.indexOf('Alle opgaver</h2>'));
      const row = rowOf(criticalSection, 'opgave', critical.id)!;
      expect(cellsOf(row)).toEqual([expect.stringContaining('DASH - KR MI 02'), '20.05.2025 Overskredet', '', 'Kritisk', '98', '92', '3']);
      expect(cellsOf(rowOf(criticalSection, 'opgave', cross.id)!).slice(-3)).toEqual(['2', '0', '2']);
      for (const other of [plain, closed, draft, local]) expect(criticalSection).not.toContain(other.id);

      // The full list: every central task, drafts (for authors) in the editor, never local ones.
      const list = res.body.slice(res.body.indexOf('Alle opgaver</h2>'));
      expect(list).toContain(`href="/opgaver/${draft.id}/rediger"`);
      expect(list).toContain(`href="/opgaver/${closed.id}/overblik"`);
      expect(list).not.toContain(local.id);

      const search = await consultant.get(`/overblik?q=${encodeURIComponent('dash - kr')}`);
      const found = search.body.slice(search.body.indexOf('Alle opgaver</h2>'));
      expect(countRows(found, 'opgave')).toBe(1);
      expect(found).toContain(critical.id);
      const byProject = await consultant.get(`/overblik?projekt=${proj!.id}`);
      const inProj = byProject.body.slice(byProject.body.indexOf('Alle opgaver</h2>'));
      expect(countRows(inProj, 'opgave')).toBe(1);
      expect(inProj).toContain('Kontanthjælpsreformen (dashboard)');
      const closedOnly = await consultant.get('/overblik?status=closed');
      expect(closedOnly.body.slice(closedOnly.body.indexOf('Alle opgaver</h2>'))).toContain(closed.id);

      const api = await consultant.api('GET', `/api/v1/tasks?q=${encodeURIComponent('DASH - KR')}`);
      expect(api.statusCode).toBe(200);
      expect(api.json()).toMatchObject({ total: 1, tasks: [{ id: critical.id, overdue: true, counts: { addressed: 98, loest: 92, ikke_relevant: 3, missing: 3 } }] });
    });

    it('shows drafts and "Ny opgave" only to authors', async () => {
      const { task: draft } = await buildTask(t.database.db, { code: 'DASH - kun for forfattere', status: 'draft' });
      const res = await drift.get('/overblik');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('/opgaver/ny');
      expect(res.body).not.toContain(draft.id);
      const asked = await drift.get('/overblik?status=draft');
      expect(asked.body).not.toContain(draft.id);
      const api = await drift.api('GET', '/api/v1/tasks?status=draft');
      expect(api.json().tasks.find((x: { id: string }) => x.id === draft.id)).toBeUndefined();
      expect((await admin.get('/overblik?status=draft')).body).toContain(draft.id);
    });

    it('pages the full list', () => {
      const actor = { municipalityCode: null, roles: [{ roleTypeKey: 'drift', solutionKey: null, isPrimary: false }] } as unknown as Actor;
      expect(parseTaskListFilters({ side: '3', status: 'draft', projekt: 'nope', q: '  KR  ' }, actor)).toEqual({
        status: null,
        projectId: null,
        solutionKey: null,
        q: 'KR',
        page: 3,
      });
      expect(parseTaskListFilters({ page: 2, status: 'published' }, actor)).toMatchObject({ page: 2, status: 'published' });
      expect(parseTaskListFilters({ side: '-1' }, actor).page).toBe(1);
    });
  });

  describe("a municipality's tasks (for the phone call)", () => {
    it('lists the tasks addressed to the municipality with status, deadline, overdue and responsible; never drafts or local tasks', async () => {
      const db = t.database.db;
      const { task: open } = await buildTask(db, { code: 'KOM - åben', deadline: '2025-05-20', targets: [FAXE, BRONDBY] });
      await db
        .update(taskTarget)
        .set({ responsiblePersonId: await personId(DEMO.klikAdmin(FAXE)) })
        .where(and(eq(taskTarget.taskId, open.id), eq(taskTarget.municipalityCode, FAXE)));
      const { task: solved } = await buildTask(db, { code: 'KOM - løst', targets: [FAXE] });
      await setStatus(solved.id, [FAXE], 'loest');
      const { task: notFaxe } = await buildTask(db, { code: 'KOM - ikke faxe', targets: [BRONDBY] });
      const { task: local } = await buildTask(db, { code: 'KOM - lokal', localMunicipalityCode: FAXE });
      t.setNow(new Date('2025-05-26T10:00:00+02:00'));

      const res = await consultant.get(`/kommuner/${FAXE}/opgaver`);
      expect(res.statusCode).toBe(200);
      expect(cellsOf(rowOf(res.body, 'opgave', open.id)!)).toEqual([
        `KOM - åben ${open.title} Alle kommuner`,
        'Publiceret',
        '20.05.2025',
        'Ikke startet forsinket',
        `KLIK-administrator Faxe klikadmin-${FAXE}@samspil.demo`,
        '',
      ]);
      expect(res.body).toContain(`href="/opgaver/${open.id}/kommuner/${FAXE}"`);
      expect(rowOf(res.body, 'opgave', solved.id)).toBeDefined();
      expect(res.body).not.toContain(notFaxe.id);
      expect(res.body).not.toContain(local.id);

      const missing = await consultant.get(`/kommuner/${FAXE}/opgaver?mangler=1`);
      expect(rowOf(missing.body, 'opgave', open.id)).toBeDefined();
      expect(rowOf(missing.body, 'opgave', solved.id)).toBeUndefined();

      const api = await consultant.api('GET', `/api/v1/municipalities/${FAXE}/tasks`);
      expect(api.statusCode).toBe(200);
      const ids = api.json().tasks.map((x: { id: string }) => x.id);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(local.id);
      expect(api.json().tasks.find((x: { id: string }) => x.id === open.id)).toMatchObject({ status: 'ikke_startet', overdue: true, local: false });
      expect((await consultant.get('/kommuner/9999/opgaver')).statusCode).toBe(404);
      expect((await consultant.get('/kommuner/abc/opgaver')).statusCode).toBe(404);
    });

    it("gives a municipality's users their own tasks by the policy, never another municipality's", async () => {
      const db = t.database.db;
      const { task: aula } = await buildTask(db, { code: 'KOM - aula', audienceRoleKey: 'superbruger', audienceSolutionKey: 'aula', targets: [FAXE] });
      const { task: valg } = await buildTask(db, { code: 'KOM - valg', audienceRoleKey: 'valgsekretariat', targets: [FAXE] });
      const { task: local } = await buildTask(db, { code: 'KOM - egen lokal', localMunicipalityCode: FAXE });

      const leader = (await faxeLeader.api('GET', `/api/v1/municipalities/${FAXE}/tasks`)).json().tasks.map((x: { id: string }) => x.id);
      expect(leader).toEqual(expect.arrayContaining([aula.id, valg.id, local.id]));
      const superUser = await faxeSuper.api('GET', `/api/v1/municipalities/${FAXE}/tasks`);
      expect(superUser.statusCode).toBe(200);
      const own = superUser.json().tasks.map((x: { id: string }) => x.id);
      expect(own).toContain(aula.id);
      expect(own).not.toContain(valg.id);

      expect((await faxeLeader.api('GET', `/api/v1/municipalities/${BRONDBY}/tasks`)).statusCode).toBe(404);
      expect((await faxeLeader.get(`/kommuner/${BRONDBY}/opgaver`)).statusCode).toBe(404);
      const ownPage = await faxeLeader.get(`/kommuner/${FAXE}/opgaver`);
      expect(ownPage.statusCode).toBe(303);
      expect(ownPage.headers.location).toBe('/opgaver');
    });
  });

  describe('access', () => {
    it('keeps the overview, the dashboard and the exports from municipal users (403 for /overblik, 404 for a task)', async () => {
      const { task } = await buildTask(t.database.db, { targets: [FAXE, BRONDBY] });
      for (const client of [faxeLeader, faxeSuper]) {
        expect((await client.get('/overblik')).statusCode).toBe(403);
        expect((await client.api('GET', '/api/v1/tasks')).statusCode).toBe(403);
        expect((await client.get(`/opgaver/${task.id}/overblik`)).statusCode).toBe(404);
        expect((await client.get(`/opgaver/${task.id}/overblik?mangler=1`)).statusCode).toBe(404);
        expect((await client.get(`/opgaver/${task.id}/eksport.xlsx`)).statusCode).toBe(404);
        expect((await client.get(`/opgaver/${task.id}/eksport.csv`)).statusCode).toBe(404);
        expect((await client.api('GET', `/api/v1/tasks/${task.id}/overview`)).statusCode).toBe(404);
      }
    });

    it("answers 404 to central staff for a municipality's local task and for unknown ids", async () => {
      const { task: local } = await buildTask(t.database.db, { localMunicipalityCode: FAXE });
      expect((await consultant.get(`/opgaver/${local.id}/overblik`)).statusCode).toBe(404);
      expect((await consultant.get(`/opgaver/${local.id}/eksport.csv`)).statusCode).toBe(404);
      expect((await consultant.api('GET', `/api/v1/tasks/${local.id}/overview`)).statusCode).toBe(404);
      expect((await consultant.get('/opgaver/00000000-0000-0000-0000-000000000000/overblik')).statusCode).toBe(404);
      expect((await consultant.get('/opgaver/ikke-et-id/overblik')).statusCode).toBe(404);
    });
  });

  describe('texts', () => {
    it('words the sentence for none, one and many', () => {
      const now = new Date('2025-05-26T10:00:00+02:00');
      expect(missingSentence(now, [])).toBe('Alle kommuner har løst opgaven');
      expect(missingSentence(now, ['Faxe'])).toBe('Pr. 26. maj 2025 mangler 1 kommune at løse opgaven: Faxe');
      expect(missingSentence(now, ['Brøndby', 'Faxe', 'Norddjurs'])).toBe('Pr. 26. maj 2025 mangler 3 kommuner at løse opgaven: Brøndby, Faxe og Norddjurs');
    });

    it('shows answers as the overview does', () => {
      expect(answerText('yes_no', { value: 'true', completed: true, filename: null })).toBe('Ja');
      expect(answerText('yes_no', { value: 'Nej', completed: true, filename: null })).toBe('Nej');
      expect(answerText('date', { value: '2025-05-28', completed: true, filename: null })).toBe('28.05.2025');
      expect(answerText('none', { value: null, completed: false, filename: null })).toBe('');
      expect(answerText('file', { value: null, completed: true, filename: 'a.pdf' })).toBe('a.pdf');
    });
  });
});
