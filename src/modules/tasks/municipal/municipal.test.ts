import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildTask, targetOf } from '../../../../test/factories/tasks.ts';
import { rawRows } from '../../../db/client.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { createTokenForEmail } from '../../auth/index.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { project, task as taskTable, taskDeadlineChange, taskFile, taskMessage } from '../schema.ts';
import { danishDay } from '../../../platform/views/format.ts';

/**
 * The municipality side: "Mine opgaver", the task page, people, the thread, files and the API's
 * tenancy. Faxe (0320) acts; Brøndby (0153) is the other municipality.
 */

const FAXE = '0320';
const BRONDBY = '0153';
const OWNER = 'aula-ejer@faxe.test';
const PASSWORD = 'hemmelig-1234';

/** A multipart body as a browser sends it for a form with one file input `fil`. */
export function multipart(fields: Record<string, string>, file: { filename: string; contentType: string; content: Buffer }) {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const rowOf = (html: string, taskId: string) => new RegExp(`<tr data-opgave="${taskId}">([\\s\\S]*?)</tr>`).exec(html)?.[1];

describe('the municipality side of tasks', () => {
  let t: TestApp;
  let leader: Client; // Faxe's programleder: sees all of Faxe's tasks
  let owner: Client; // Faxe's Aula system owner: sees tasks to system owners of Aula
  let brondby: Client;
  let admin: Client;
  let ownerPersonId: string;

  const db = () => t.database.db;
  const count = async (table: string, where = sql`true`) =>
    (await rawRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    const [p] = await db().insert(person).values({ municipalityCode: FAXE, name: 'Aase Aulaejer', email: OWNER, title: 'Systemansvarlig' }).returning();
    ownerPersonId = p!.id;
    await db().insert(userAccount).values({ personId: p!.id, email: OWNER, passwordHash: await hashPassword(PASSWORD) });
    await db().insert(roleAssignment).values({ personId: p!.id, municipalityCode: FAXE, roleTypeKey: 'systemansvarlig', solutionKey: 'aula', isPrimary: true });
    owner = await loginAs(t.app, OWNER, PASSWORD);
    leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    brondby = await loginAs(t.app, DEMO.programLeader(BRONDBY));
    admin = await loginAs(t.app, DEMO.admin);
  });
  afterAll(() => t.close());
  afterEach(() => t.setNow(null));

  describe('Mine opgaver', () => {
    it('shows the tasks addressed to the roles I hold; the program leader sees all of the municipality', async () => {
      const aula = await buildTask(db(), { title: 'Aula-opgave til systemejere', audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'aula', targets: [FAXE, BRONDBY] });
      const valg = await buildTask(db(), { title: 'Valg-opgave til systemejere', audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'valg', targets: [FAXE] });
      const other = await buildTask(db(), { title: 'Kun til Brøndby', audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'aula', targets: [BRONDBY] });
      const draft = await buildTask(db(), { title: 'En kladde', status: 'draft', targets: [FAXE] });
      const announced = await buildTask(db(), { title: 'En annonceret', status: 'announced', audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'aula', targets: [FAXE] });

      const mine = await owner.get('/opgaver');
      expect(mine.statusCode).toBe(200);
      expect(rowOf(mine.body, aula.task.id)).toContain('Aula-opgave til systemejere');
      expect(rowOf(mine.body, valg.task.id)).toBeUndefined();
      expect(rowOf(mine.body, other.task.id)).toBeUndefined();
      expect(rowOf(mine.body, draft.task.id)).toBeUndefined();
      expect(rowOf(mine.body, announced.task.id)).toBeUndefined();
      expect(mine.body).toContain('href="/opgaver/kommende"');

      const all = await leader.get('/opgaver');
      expect(rowOf(all.body, aula.task.id)).toBeDefined();
      expect(rowOf(all.body, valg.task.id)).toBeDefined();
      expect(rowOf(all.body, other.task.id)).toBeUndefined();
      expect(rowOf(all.body, draft.task.id)).toBeUndefined();

      // The system owner may not open the Valg task; the program leader may.
      expect((await owner.get(`/opgaver/${valg.task.id}`)).statusCode).toBe(404);
      expect((await leader.get(`/opgaver/${valg.task.id}`)).statusCode).toBe(200);
    });

    it('shows code, title, project, deadline, status and responsible', async () => {
      const [proj] = await db().insert(project).values({ key: `kr-${Date.now()}`, name: 'Kontanthjælpsreformen' }).returning();
      const built = await buildTask(db(), { code: `KLIK - KR MI ${Date.now()}`, title: 'AftaleID', deadline: '2031-05-28', targets: [FAXE] });
      await db().update(taskTable).set({ projectId: proj!.id }).where(eq(taskTable.id, built.task.id));
      await leader.api('PUT', `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}/people`, { responsiblePersonId: ownerPersonId, executorPersonId: null });
      const row = rowOf((await leader.get('/opgaver')).body, built.task.id)!;
      expect(row).toContain(built.task.code);
      expect(row).toContain('Kontanthjælpsreformen');
      expect(row).toContain('28.05.2031');
      expect(row).toContain('Ikke startet');
      expect(row).toContain('Aase Aulaejer');
    });

    it('filters by project, solution, status, deadline and flags', async () => {
      const key = `flis-${Date.now()}`;
      const [proj] = await db().insert(project).values({ key, name: 'FLIS-projekt' }).returning();
      const critical = await buildTask(db(), { title: 'Kritisk opgave', critical: true, deadline: '2031-01-10', targets: [FAXE] });
      const cross = await buildTask(db(), { title: 'Tværgående opgave', crossCutting: true, deadline: '2031-02-10', targets: [FAXE] });
      const optional = await buildTask(db(), { title: 'Valgfri opgave', optional: true, deadline: '2031-03-10', targets: [FAXE] });
      await db().update(taskTable).set({ projectId: proj!.id, solutionKey: 'flis' }).where(eq(taskTable.id, cross.task.id));
      await leader.api('PUT', `/api/v1/tasks/${critical.task.id}/municipalities/${FAXE}/steps/${critical.steps[0]!.id}`, { completed: true });

      const ids = async (query: string) => {
        const html = (await leader.get(`/opgaver?${query}`)).body;
        return [critical, cross, optional].filter((b) => rowOf(html, b.task.id)).map((b) => b.task.title);
      };
      expect(await ids('kritisk=on')).toEqual(['Kritisk opgave']);
      expect(await ids('tvaergaaende=on')).toEqual(['Tværgående opgave']);
      expect(await ids('valgfri=on')).toEqual(['Valgfri opgave']);
      expect(await ids(`projekt=${key}`)).toEqual(['Tværgående opgave']);
      expect(await ids('loesning=flis')).toEqual(['Tværgående opgave']);
      expect(await ids('status=loest')).toEqual(['Kritisk opgave']);
      expect(await ids('status=ikke_startet&frist-fra=2031-02-01&frist-til=2031-12-31')).toEqual(['Tværgående opgave', 'Valgfri opgave']);
      // Garbage in the query string is ignored, not an error.
      expect((await leader.get('/opgaver?status=%3Cscript%3E&frist-fra=ig%C3%A5r&frist-til=2031-13-01')).statusCode).toBe(200);
      expect((await leader.api('GET', '/api/v1/my-tasks?deadlineTo=2031-02-30')).statusCode).toBe(422);

      const api = await leader.api('GET', '/api/v1/my-tasks?critical=true');
      expect(api.statusCode).toBe(200);
      expect((api.json() as { title: string; status: string }[]).map((r) => [r.title, r.status])).toEqual([['Kritisk opgave', 'loest']]);
      expect((await leader.api('GET', '/api/v1/my-tasks?status=nonsense')).statusCode).toBe(422);
    });

    it('marks overdue tasks past the deadline (Danish days) and filters them as "forsinket"', async () => {
      // The clock only travels back: a login in the future would expire everybody's sessions.
      const deadline = danishDay(new Date(Date.now() - 3 * 86_400_000));
      const late = await buildTask(db(), { title: 'Snart for sent', deadline, targets: [FAXE] });
      const done = await buildTask(db(), { title: 'Løst i tide', deadline, targets: [FAXE] });
      await leader.api('PUT', `/api/v1/tasks/${done.task.id}/municipalities/${FAXE}/steps/${done.steps[0]!.id}`, { completed: true });

      t.setNow(new Date(`${deadline}T21:30:00Z`)); // 22:30 or 23:30 in Copenhagen: still the deadline day
      expect(rowOf((await leader.get('/opgaver')).body, late.task.id)).not.toContain('Forsinket');
      t.setNow(new Date(`${deadline}T23:30:00Z`)); // 00:30 or 01:30 the next day in Copenhagen
      const html = (await leader.get('/opgaver')).body;
      expect(rowOf(html, late.task.id)).toContain('Forsinket');
      expect(rowOf(html, done.task.id)).not.toContain('Forsinket');
      const filtered = (await leader.get('/opgaver?status=forsinket')).body;
      expect(rowOf(filtered, late.task.id)).toBeDefined();
      expect(rowOf(filtered, done.task.id)).toBeUndefined();
      expect((await leader.get(`/opgaver/${late.task.id}`)).body).toContain('Forsinket');
      const api = (await leader.api('GET', '/api/v1/my-tasks?status=overdue')).json() as { id: string; overdue: boolean }[];
      expect(api.find((r) => r.id === late.task.id)?.overdue).toBe(true);
    });

    it('sends central staff to their overview', async () => {
      const built = await buildTask(db(), { targets: [FAXE] });
      expect((await admin.get('/opgaver')).headers.location).toBe('/overblik');
      expect((await admin.get(`/opgaver/${built.task.id}`)).headers.location).toBe(`/opgaver/${built.task.id}/overblik`);
    });
  });

  describe('the task page', () => {
    it('shows flags, deadline history, the description, the consequence and the steps with their answer fields', async () => {
      const built = await buildTask(db(), {
        title: 'KR MI 02',
        critical: true,
        optional: true,
        deadline: '2031-06-18',
        targets: [FAXE],
        steps: [
          { title: 'Læs vejledningen' },
          { title: 'AftaleID', answerKind: 'identifier', answerLabel: 'AftaleID', answerPattern: '^[0-9]{6}$', answerHint: 'AftaleID består af 6 cifre' },
          { title: 'Dato', answerKind: 'date' },
          { title: 'Testet?', answerKind: 'yes_no' },
          { title: 'Rapport', answerKind: 'file' },
          { title: 'Noter', answerKind: 'text' },
        ],
      });
      await db().insert(taskDeadlineChange).values({ taskId: built.task.id, fromDeadline: '2031-05-30', toDeadline: '2031-06-18', reason: 'Leverandøren er forsinket <b>' });
      const html = (await leader.get(`/opgaver/${built.task.id}`)).body;
      expect(html).toContain('<strong>fed</strong>'); // Markdown
      expect(html).toContain('Kritisk');
      expect(html).toContain('Valgfri');
      expect(html).toContain('18.06.2031');
      expect(html).toContain('30.05.2031 → 18.06.2031 – Leverandøren er forsinket &lt;b>');
      expect(html).toContain('Ellers går det galt.');
      expect(html).toContain('Markér som udført');
      expect(html).toContain('AftaleID består af 6 cifre');
      expect(html).toContain('type="date"');
      expect(html).toMatch(/type="radio"[^>]*value="ja"/);
      expect(html).toContain('enctype="multipart/form-data"');
      expect(html).toContain('name="fil"');
      expect(html).toContain('<textarea');
      expect(html).toContain('Markér som ikke relevant');
      expect(html).toContain('name="responsiblePersonId"');
    });

    it('is 404 for a task not addressed to the municipality, for drafts and for nonsense ids', async () => {
      const other = await buildTask(db(), { targets: [BRONDBY] });
      const draft = await buildTask(db(), { status: 'draft', targets: [FAXE] });
      await db().insert(taskMessage).values({ taskId: other.task.id, municipalityCode: BRONDBY, authorName: 'B', fromCentral: false, body: 'x' });
      for (const id of [other.task.id, draft.task.id, 'ikke-et-id', '00000000-0000-0000-0000-000000000000']) {
        expect((await leader.get(`/opgaver/${id}`)).statusCode, id).toBe(404);
        expect((await leader.post(`/opgaver/${id}/beskeder`, { body: 'Hej' })).statusCode, id).toBe(404);
      }
      expect((await leader.api('GET', `/api/v1/tasks/${draft.task.id}/municipalities/${FAXE}`)).statusCode).toBe(404);
      expect(await count('task_message', sql`task_id = ${other.task.id}`)).toBe(1);
    });

    it('shows an announced task read-only and refuses answers with 403', async () => {
      const built = await buildTask(db(), { status: 'announced', targets: [FAXE] });
      const page = await leader.get(`/opgaver/${built.task.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('kan endnu ikke besvares');
      expect(page.body).not.toContain(`/trin/${built.steps[0]!.id}`);
      expect((await leader.post(`/opgaver/${built.task.id}/trin/${built.steps[0]!.id}`, { completed: 'on' })).statusCode).toBe(403);
      expect((await leader.api('PUT', `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}/steps/${built.steps[0]!.id}`, { completed: true })).statusCode).toBe(403);
      expect(await count('step_answer', sql`task_id = ${built.task.id}`)).toBe(0);
    });

    it('assigns a responsible person and an executor from the municipality, tells them, and ignores a repeat', async () => {
      const built = await buildTask(db(), { code: `PEOPLE-${Date.now()}`, targets: [FAXE, BRONDBY] });
      const [brondbyPerson] = await db().select({ id: person.id }).from(person).where(eq(person.email, DEMO.programLeader(BRONDBY)));
      const [klik] = await db().select({ id: person.id }).from(person).where(eq(person.email, DEMO.klikAdmin(FAXE)));
      await leader.get(`/opgaver/${built.task.id}`);

      const wrong = await leader.post(`/opgaver/${built.task.id}/personer`, { responsiblePersonId: brondbyPerson!.id, executorPersonId: '' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.body).toContain('Vælg en aktiv person fra kommunens rollegalleri');

      const ok = await leader.post(`/opgaver/${built.task.id}/personer`, { responsiblePersonId: ownerPersonId, executorPersonId: klik!.id });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toContain('besked=personer-gemt');
      const target = await targetOf(db(), built.task.id, FAXE);
      expect(target).toMatchObject({ responsiblePersonId: ownerPersonId, executorPersonId: klik!.id, status: 'ikke_startet' });
      expect(target!.lastActivityAt).not.toBeNull();
      const mails = await rawRows<{ to_address: string; body: string }>(db(), sql`select to_address, body from outbox_mail where subject like ${`%${built.task.code}%`}`);
      expect(mails.map((m) => m.to_address).sort()).toEqual([DEMO.klikAdmin(FAXE), OWNER].sort());
      expect(mails[0]!.body).toContain(`http://samspil.test/opgaver/${built.task.id}`);

      const audits = () => count('audit_event', sql`action = 'task.people_assigned' and entity_id = ${built.task.id}`);
      expect(await audits()).toBe(1);
      expect((await leader.post(`/opgaver/${built.task.id}/personer`, { responsiblePersonId: ownerPersonId, executorPersonId: klik!.id })).headers.location).toContain(
        'besked=ingen-aendring',
      );
      expect(await audits()).toBe(1);
      // Brøndby's people are not on Faxe's page, and Faxe cannot touch Brøndby's target.
      expect((await leader.get(`/opgaver/${built.task.id}`)).body).not.toContain(DEMO.programLeader(BRONDBY));
      const cross = await leader.api('PUT', `/api/v1/tasks/${built.task.id}/municipalities/${BRONDBY}/people`, { responsiblePersonId: null, executorPersonId: null });
      expect(cross.statusCode).toBe(404);
    });
  });

  describe('the thread', () => {
    it('keeps each municipality to its own thread; central staff reply and the municipality is mailed', async () => {
      const built = await buildTask(db(), { code: `THREAD-${Date.now()}`, targets: [FAXE, BRONDBY] });
      await leader.get(`/opgaver/${built.task.id}`);
      const asked = await leader.post(`/opgaver/${built.task.id}/beskeder`, { body: 'Hvor finder vi AftaleID?' });
      expect(asked.statusCode).toBe(303);
      expect(await count('outbox_mail', sql`subject like ${`%${built.task.code}%`}`)).toBe(0); // nobody mailed centrally

      await brondby.get(`/opgaver/${built.task.id}`);
      await brondby.post(`/opgaver/${built.task.id}/beskeder`, { body: 'Brøndbys hemmelige spørgsmål' });
      const faxePage = (await leader.get(`/opgaver/${built.task.id}`)).body;
      expect(faxePage).toContain('Hvor finder vi AftaleID?');
      expect(faxePage).not.toContain('Brøndbys hemmelige spørgsmål');
      expect((await leader.api('GET', `/api/v1/tasks/${built.task.id}/municipalities/${BRONDBY}`)).statusCode).toBe(404);
      expect((await leader.api('POST', `/api/v1/tasks/${built.task.id}/municipalities/${BRONDBY}/messages`, { body: 'Snyd' })).statusCode).toBe(404);
      expect((await leader.get(`/opgaver/${built.task.id}/kommuner/${BRONDBY}`)).statusCode).toBe(404);

      // Central staff read one municipality's page and reply there.
      const central = await admin.get(`/opgaver/${built.task.id}/kommuner/${FAXE}`);
      expect(central.statusCode).toBe(200);
      expect(central.body).toContain('Hvor finder vi AftaleID?');
      expect(central.body).not.toContain('Brøndbys hemmelige spørgsmål');
      const replied = await admin.post(`/opgaver/${built.task.id}/kommuner/${FAXE}/beskeder`, { body: 'Den står i aftalen, side 2.' });
      expect(replied.statusCode).toBe(303);
      const mails = await rawRows<{ to_address: string; body: string }>(db(), sql`select to_address, body from outbox_mail where subject like ${`%${built.task.code}%`}`);
      expect(mails.map((m) => m.to_address)).toEqual([DEMO.programLeader(FAXE)]); // nobody responsible: the program leader
      expect(mails[0]!.body).toContain(`http://samspil.test/opgaver/${built.task.id}#beskeder`);
      expect((await leader.get(`/opgaver/${built.task.id}`)).body).toContain('Den står i aftalen, side 2.');
      expect((await brondby.get(`/opgaver/${built.task.id}`)).body).not.toContain('Den står i aftalen');

      // A double click posts once.
      await admin.post(`/opgaver/${built.task.id}/kommuner/${FAXE}/beskeder`, { body: 'Den står i aftalen, side 2.' });
      expect(await count('task_message', sql`task_id = ${built.task.id} and municipality_code = ${FAXE}`)).toBe(2);
      expect(await count('audit_event', sql`action = 'task.message_posted' and entity_id = ${built.task.id}`)).toBe(3);

      // A question does not start the task.
      expect((await targetOf(db(), built.task.id, FAXE))!.status).toBe('ikke_startet');
      // Empty messages are refused in Danish.
      const empty = await leader.post(`/opgaver/${built.task.id}/beskeder`, { body: '   ' });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('Skriv en besked');
    });

    it('mails a central reply to the responsible person when there is one', async () => {
      const built = await buildTask(db(), { code: `REPLY-${Date.now()}`, targets: [FAXE] });
      await leader.api('PUT', `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}/people`, { responsiblePersonId: ownerPersonId, executorPersonId: null });
      const res = await admin.api('POST', `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}/messages`, { body: 'Svar fra KOMBIT' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ fromCentral: true, body: 'Svar fra KOMBIT' });
      const mails = await rawRows<{ to_address: string }>(db(), sql`select to_address from outbox_mail where subject like ${`Svar fra KOMBIT om opgaven ${built.task.code}`}`);
      expect(mails.map((m) => m.to_address)).toEqual([OWNER]);
    });

    it('hides local tasks and unaddressed municipalities from central staff', async () => {
      const local = await buildTask(db(), { localMunicipalityCode: FAXE });
      const built = await buildTask(db(), { targets: [FAXE] });
      expect((await admin.get(`/opgaver/${local.task.id}/kommuner/${FAXE}`)).statusCode).toBe(404);
      expect((await admin.get(`/opgaver/${built.task.id}/kommuner/${BRONDBY}`)).statusCode).toBe(404);
      expect((await admin.api('GET', `/api/v1/tasks/${built.task.id}/municipalities/${BRONDBY}`)).statusCode).toBe(404);
      expect((await admin.api('GET', `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}`)).statusCode).toBe(200);
      // Central staff cannot answer for a municipality.
      expect((await admin.api('PUT', `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}/steps/${built.steps[0]!.id}`, { completed: true })).statusCode).toBe(403);
    });
  });

  describe('files', () => {
    it('serves common files and the municipality’s own, never another municipality’s', async () => {
      const built = await buildTask(db(), { targets: [FAXE, BRONDBY] });
      const file = (code: string | null, filename: string) => ({
        taskId: built.task.id,
        municipalityCode: code,
        purpose: 'attachment' as const,
        filename,
        contentType: 'application/pdf',
        size: 4,
        sha256: 'x',
        content: Buffer.from('%PDF'),
      });
      const [common, own, others] = await db()
        .insert(taskFile)
        .values([file(null, 'vejledning.pdf'), file(FAXE, 'faxe-udtræk.pdf'), file(BRONDBY, 'brøndby-udtræk.pdf')])
        .returning();
      const page = (await leader.get(`/opgaver/${built.task.id}`)).body;
      expect(page).toContain('vejledning.pdf');
      expect(page).toContain('faxe-udtræk.pdf');
      expect(page).not.toContain('brøndby-udtræk.pdf');
      const get = (c: Client, id: string) => c.get(`/opgaver/${built.task.id}/filer/${id}`);
      const res = await get(leader, own!.id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''faxe-udtr%C3%A6k.pdf");
      expect(res.headers['content-disposition']).toMatch(/^attachment/);
      expect((await get(leader, common!.id)).statusCode).toBe(200);
      expect((await get(leader, others!.id)).statusCode).toBe(404);
      expect((await get(brondby, own!.id)).statusCode).toBe(404);
      expect((await get(admin, own!.id)).statusCode).toBe(200);
      // A file of another task through this task's address: 404.
      const elsewhere = await buildTask(db(), { targets: [FAXE] });
      expect((await leader.get(`/opgaver/${elsewhere.task.id}/filer/${common!.id}`)).statusCode).toBe(404);
    });
  });

  describe('the API with a token', () => {
    it('sees only its own municipality’s answers and threads', async () => {
      const built = await buildTask(db(), { targets: [FAXE, BRONDBY] });
      await brondby.api('POST', `/api/v1/tasks/${built.task.id}/municipalities/${BRONDBY}/messages`, { body: 'Brøndby spørger' });
      const token = await createTokenForEmail(db(), t.config, DEMO.programLeader(FAXE), 'test');
      const own = await bearer(t.app, token, 'GET', `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}`);
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ municipalityCode: FAXE, status: 'ikke_startet', messages: [] });
      expect((await bearer(t.app, token, 'GET', `/api/v1/tasks/${built.task.id}/municipalities/${BRONDBY}`)).statusCode).toBe(404);
      expect((await bearer(t.app, token, 'PUT', `/api/v1/tasks/${built.task.id}/municipalities/${BRONDBY}/steps/${built.steps[0]!.id}`, { completed: true })).statusCode).toBe(404);
      const answered = await bearer(t.app, token, 'PUT', `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}/steps/${built.steps[0]!.id}`, { completed: true });
      expect(answered.statusCode).toBe(200);
      expect(answered.json()).toMatchObject({ status: 'loest' });
      const list = (await bearer(t.app, token, 'GET', '/api/v1/my-tasks')).json() as { id: string; status: string }[];
      expect(list.find((r) => r.id === built.task.id)?.status).toBe('loest');
      expect((await targetOf(db(), built.task.id, BRONDBY))!.status).toBe('ikke_startet');
    });

    it('answers with a file through the form and keeps its name', async () => {
      const built = await buildTask(db(), { targets: [FAXE], steps: [{ title: 'Upload testrapport', answerKind: 'file' }] });
      await leader.get(`/opgaver/${built.task.id}`);
      const { payload, contentType } = multipart({ _csrf: leader.csrf, completed: 'on' }, { filename: 'testrapport æ.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 rapport') });
      const res = await t.app.inject({
        method: 'POST',
        url: `/opgaver/${built.task.id}/trin/${built.steps[0]!.id}`,
        headers: { cookie: [...leader.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
        payload,
      });
      expect(res.statusCode).toBe(303);
      const [stored] = await db().select().from(taskFile).where(and(eq(taskFile.taskId, built.task.id), eq(taskFile.purpose, 'answer')));
      expect(stored).toMatchObject({ filename: 'testrapport æ.pdf', contentType: 'application/pdf', municipalityCode: FAXE, size: 16 });
      expect((await targetOf(db(), built.task.id, FAXE))!.status).toBe('loest');
      const page = (await leader.get(`/opgaver/${built.task.id}`)).body;
      expect(page).toContain('testrapport æ.pdf');
      const download = await leader.get(`/opgaver/${built.task.id}/filer/${stored!.id}`);
      expect(download.body).toBe('%PDF-1.4 rapport');
      expect((await brondby.get(`/opgaver/${built.task.id}/filer/${stored!.id}`)).statusCode).toBe(404);
    });

    it('takes files up to 10 MB and refuses bigger ones in Danish', async () => {
      const built = await buildTask(db(), { targets: [FAXE], steps: [{ title: 'Upload', answerKind: 'file' }] });
      await leader.get(`/opgaver/${built.task.id}`);
      const upload = async (bytes: number) => {
        const { payload, contentType } = multipart({ _csrf: leader.csrf }, { filename: 'stor.bin', contentType: 'application/octet-stream', content: Buffer.alloc(bytes, 1) });
        return t.app.inject({
          method: 'POST',
          url: `/opgaver/${built.task.id}/trin/${built.steps[0]!.id}`,
          headers: { cookie: [...leader.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
          payload,
        });
      };
      expect((await upload(6 * 1024 * 1024)).statusCode).toBe(303);
      expect(await count('task_file', sql`task_id = ${built.task.id}`)).toBe(1);
      const big = Buffer.alloc(10 * 1024 * 1024 + 10, 1);
      const { payload, contentType } = multipart({ _csrf: leader.csrf }, { filename: 'stor.bin', contentType: 'application/octet-stream', content: big });
      const res = await t.app.inject({
        method: 'POST',
        url: `/opgaver/${built.task.id}/trin/${built.steps[0]!.id}`,
        headers: { cookie: [...leader.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
        payload,
      });
      expect(res.statusCode).toBe(413);
      expect(res.body).toContain('højst fylde 10 MB');
      expect(await count('task_file', sql`task_id = ${built.task.id}`)).toBe(1);
    });
  });
});
