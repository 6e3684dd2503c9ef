import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { rawRows } from '../../../db/client.ts';
import { createTokenForEmail } from '../../auth/index.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { targetsInput } from '../inputs.ts';
import { municipalityRefs, resolveTargets, type MunicipalityRef } from './resolve-targets.ts';

/**
 * Authoring KLIK tasks: drafts through the pages and the API, validation that writes nothing,
 * who may author, projects, and attachments (common and per municipality, several files at once).
 */

let t: TestApp;
let consultant: Client;
let adminToken: string;
let consultantToken: string;
let financeToken: string; // central, but not an author
let seq = 0;
const uniq = (prefix: string) => `${prefix} ${++seq}-${Date.now().toString(36)}`;
const rows = <T,>(q: ReturnType<typeof sql>) => rawRows<T>(t.database.db, q);
const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

async function counts() {
  const [r] = await rows<{ tasks: number; steps: number; targets: number; audit: number; projects: number; files: number }>(sql`
    select (select count(*)::int from task) as tasks, (select count(*)::int from task_step) as steps,
           (select count(*)::int from task_target) as targets, (select count(*)::int from audit_event) as audit,
           (select count(*)::int from project) as projects, (select count(*)::int from task_file) as files`);
  return r!;
}

/** Posts a form like a browser, repeated names allowed (checkboxes), with an x-request-id. */
async function submit(c: Client, url: string, fields: Record<string, string> | [string, string][], requestId = `req-${++seq}`) {
  const params = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
  params.set('_csrf', c.csrf);
  const res = await c.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookieHeader(c), 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': requestId },
    payload: params.toString(),
  });
  return Object.assign(res, { requestId });
}

type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer | string; type?: string };
function multipart(parts: Part[]) {
  const boundary = `----authoring${++seq}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('filename' in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
      chunks.push(Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(url: string, parts: Part[], auth: { client?: Client; token?: string }) {
  const mp = multipart(auth.client ? [{ name: '_csrf', value: auth.client.csrf }, ...parts] : parts);
  const headers: Record<string, string> = { 'content-type': mp.contentType };
  if (auth.client) headers.cookie = cookieHeader(auth.client);
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  return t.app.inject({ method: 'POST', url, headers, payload: mp.payload });
}

/** A complete, valid task form. */
function taskForm(code: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    code,
    title: 'Indberet AftaleID for Kontanthjælpsreformen',
    description: 'Kommunen skal **indberette** sit AftaleID.',
    consequence: 'Kommunen kan ikke modtage ydelsesdata.',
    audienceRoleKey: 'programleder',
    'targets.mode': 'list',
    'targets.pasted': '0320, 0153\n0101',
    deadline: '2030-05-30',
    antalTrin: '5',
    'steps.0.title': 'Find AftaleID',
    'steps.0.instructions': 'Se aftalen.',
    'steps.0.answerKind': 'none',
    'steps.2.title': 'Indberet AftaleID',
    'steps.2.answerKind': 'identifier',
    'steps.2.answerLabel': 'AftaleID',
    'steps.2.answerPattern': '^[0-9]{6}$',
    'steps.2.answerHint': 'AftaleID består af 6 cifre',
    ...extra,
  };
}

/** A valid task body for the API. */
function taskBody(code: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    title: 'Test af MitID Erhverv som reservelogin',
    description: 'Alle brugere skal have MitID Erhverv.',
    consequence: '',
    audienceRoleKey: 'systemansvarlig',
    audienceSolutionKey: 'valg',
    targets: { mode: 'region', region: 'Region Sjælland' },
    deadline: '2030-06-18',
    steps: [{ title: 'Test login', answerKind: 'yes_no' }],
    ...extra,
  };
}

const idFrom = (location: unknown) => {
  const m = /\/opgaver\/([0-9a-f-]{36})\//.exec(String(location));
  if (!m) throw new Error(`no task id in ${String(location)}`);
  return m[1]!;
};

async function centralUserWithRole(role: string): Promise<string> {
  const email = `${role}-${++seq}@kombit.test`;
  const [p] = await t.database.db.insert(person).values({ name: `Central ${role}`, email, municipalityCode: null }).returning({ id: person.id });
  await t.database.db.insert(userAccount).values({ personId: p!.id, email });
  await t.database.db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey: role });
  return email;
}

beforeAll(async () => {
  t = await startTestApp();
  consultant = await loginAs(t.app, DEMO.consultant);
  adminToken = await createTokenForEmail(t.database.db, t.config, DEMO.admin, 'authoring test');
  consultantToken = await createTokenForEmail(t.database.db, t.config, DEMO.consultant, 'authoring test');
  financeToken = await createTokenForEmail(t.database.db, t.config, await centralUserWithRole('oekonomi'), 'authoring test');
});
afterAll(() => t?.close());

describe('creating a draft through the pages', () => {
  it('shows the form with five step rows and grows it without saving', async () => {
    const form = await consultant.get('/opgaver/ny');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Opret opgave');
    expect(form.body).toContain('name="steps.4.title"');
    expect(form.body).not.toContain('name="steps.5.title"');

    const before = await counts();
    const more = await submit(consultant, '/opgaver', { ...taskForm('KLIK - VOKS 01'), handling: 'flere-trin' });
    expect(more.statusCode).toBe(200);
    expect(more.body).toContain('name="steps.9.title"');
    expect(more.body).toContain('value="KLIK - VOKS 01"');
    expect(more.body).toContain('Indberet AftaleID');
    expect(await counts()).toEqual(before);
  });

  it('saves the task, its steps in order (empty rows skipped) and the addressed municipalities, audited', async () => {
    const before = await counts();
    const res = await submit(consultant, '/opgaver', taskForm('KLIK - KR MI 02', { critical: 'on', crossCutting: 'on' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/\/opgaver\/[0-9a-f-]{36}\/rediger\?besked=oprettet$/);
    const id = idFrom(res.headers.location);

    const [task] = await rows<{ status: string; code: string; critical: boolean; cross_cutting: boolean; deadline: string; audience_role_key: string }>(
      sql`select status, code, critical, cross_cutting, deadline, audience_role_key from task where id = ${id}`,
    );
    expect(task).toEqual({ status: 'draft', code: 'KLIK - KR MI 02', critical: true, cross_cutting: true, deadline: '2030-05-30', audience_role_key: 'programleder' });
    const steps = await rows<{ position: number; title: string; answer_kind: string; answer_pattern: string | null }>(
      sql`select position, title, answer_kind, answer_pattern from task_step where task_id = ${id} order by position`,
    );
    expect(steps).toEqual([
      { position: 1, title: 'Find AftaleID', answer_kind: 'none', answer_pattern: null },
      { position: 2, title: 'Indberet AftaleID', answer_kind: 'identifier', answer_pattern: '^[0-9]{6}$' },
    ]);
    const targets = await rows<{ code: string }>(sql`select municipality_code as code from task_target where task_id = ${id} order by 1`);
    expect(targets.map((r) => r.code)).toEqual(['0101', '0153', '0320']);

    const after = await counts();
    expect(after.tasks).toBe(before.tasks + 1);
    expect(after.audit).toBe(before.audit + 1);
    const [audit] = await rows<{ action: string; municipality_code: string | null; actor_label: string; entity_id: string }>(
      sql`select action, municipality_code, actor_label, entity_id from audit_event where request_id = ${res.requestId}`,
    );
    expect(audit).toEqual({ action: 'task.created', municipality_code: null, actor_label: `Karsten Konsulent <${DEMO.consultant}>`, entity_id: id });

    const page = await consultant.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kladden er gemt');
    expect(page.body).toContain('value="KLIK - KR MI 02"');
    // The stored list comes back as picked municipalities.
    expect(page.body).toMatch(/id="felt-kommune-0320"[^>]*checked/);
    const drafts = await consultant.get('/opgaver/kladder');
    expect(drafts.body).toContain('KLIK - KR MI 02');
  });

  it('answers a form with errors with every message at once and writes nothing', async () => {
    const before = await counts();
    const res = await submit(
      consultant,
      '/opgaver',
      taskForm('', {
        audienceRoleKey: 'systemansvarlig',
        'targets.pasted': 'Faxe, Atlantis; 9999',
        publishAt: '2030-06-15',
        'steps.2.answerPattern': '^[0-9{6}$',
        'steps.3.instructions': 'Et trin uden titel',
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Der er problemer med det indsendte');
    expect(res.body).toContain('Skriv opgavens kode');
    expect(res.body).toContain('Ukendte kommuner: Atlantis, 9999');
    expect(res.body).toContain('Publiceringsdatoen må ikke ligge efter fristen');
    expect(res.body).toContain('Mønsteret er ikke et gyldigt regulært udtryk');
    // The error belongs to the form row it came from (row 4), not to the fourth saved step.
    expect(res.body).toContain('Trin 4, titel: Skriv en titel på trinnet');
    expect(res.body).toContain('Trin 3, mønster');
    expect(res.body).toContain('Et trin uden titel');
    expect(await counts()).toEqual(before);

    // The reference checks: a per-solution role without a solution; "primary only" for a role without primaries.
    const again = await submit(consultant, '/opgaver', taskForm(uniq('KLIK - REF'), { audienceRoleKey: 'systemansvarlig' }));
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Vælg hvilken løsning opgaven er til systemansvarlig for');
    const primary = await submit(consultant, '/opgaver', taskForm(uniq('KLIK - REF'), { audiencePrimaryOnly: 'on' }));
    expect(primary.statusCode).toBe(422);
    expect(primary.body).toContain('Kun systemansvarlige har en primær');
    const empty = await submit(consultant, '/opgaver', taskForm(uniq('KLIK - REF'), { 'targets.pasted': ' ,; ' }));
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Vælg mindst én kommune');
    const noSteps = await submit(consultant, '/opgaver', { ...taskForm(uniq('KLIK - REF')), 'steps.0.title': '', 'steps.0.instructions': '', 'steps.2.title': '', 'steps.2.answerKind': 'none', 'steps.2.answerLabel': '', 'steps.2.answerPattern': '', 'steps.2.answerHint': '' });
    expect(noSteps.statusCode).toBe(422);
    expect(noSteps.body).toContain('Opgaven skal have mindst ét trin');
    const badDate = await submit(consultant, '/opgaver', taskForm(uniq('KLIK - REF'), { deadline: '31.02.2030' }));
    expect(badDate.statusCode).toBe(422);
    expect(badDate.body).toContain('Skriv en gyldig dato');
    expect(await counts()).toEqual(before);
  });

  it('refuses a code that another task has, with a field error (409)', async () => {
    await submit(consultant, '/opgaver', taskForm('KLIK - DUBLET 01'));
    const before = await counts();
    const res = await submit(consultant, '/opgaver', taskForm('KLIK - DUBLET 01'));
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Koden KLIK - DUBLET 01 er allerede brugt');
    expect(await counts()).toEqual(before);
    const api = await bearer(t.app, adminToken, 'POST', '/api/v1/tasks', taskBody('KLIK - DUBLET 01'));
    expect(api.statusCode).toBe(409);
    expect(api.json().fieldErrors.code).toContain('allerede brugt');
  });

  it('edits a draft: changes are audited with before and after; saving unchanged writes nothing', async () => {
    const created = await submit(consultant, '/opgaver', taskForm('KLIK - RET 01'));
    const id = idFrom(created.headers.location);
    const form = await consultant.get(`/opgaver/${id}/rediger`);
    // Re-submit what the page shows: nothing changes.
    const shown = Object.fromEntries([...form.body.matchAll(/name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    expect(shown.code).toBe('KLIK - RET 01');
    const before = await counts();
    const same = await submit(consultant, `/opgaver/${id}/rediger`, taskForm('KLIK - RET 01'));
    expect(same.statusCode).toBe(303);
    expect(same.headers.location).toContain('besked=uaendret');
    expect(await counts()).toEqual(before);

    const changed = await submit(consultant, `/opgaver/${id}/rediger`, taskForm('KLIK - RET 01', { title: 'Ny titel', 'targets.pasted': '0320', deadline: '2030-06-01' }));
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toContain('besked=gemt');
    const [audit] = await rows<{ action: string; before: Record<string, unknown>; after: Record<string, unknown> }>(
      sql`select action, before, after from audit_event where request_id = ${changed.requestId}`,
    );
    expect(audit).toMatchObject({
      action: 'task.updated',
      before: { title: 'Indberet AftaleID for Kontanthjælpsreformen', deadline: '2030-05-30', municipalities: 3 },
      after: { title: 'Ny titel', deadline: '2030-06-01', municipalities: 1 },
    });
    const targets = await rows<{ code: string }>(sql`select municipality_code as code from task_target where task_id = ${id}`);
    expect(targets).toEqual([{ code: '0320' }]);
  });
});

describe('the API', () => {
  it('creates a draft, returns the full definition, and replaces steps and municipalities on PUT', async () => {
    const created = await bearer(t.app, consultantToken, 'POST', '/api/v1/tasks', taskBody('KLIK - VALG 01', { announceAt: '2030-05-01', publishAt: '2030-06-01T08:00:00+02:00' }));
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      code: 'KLIK - VALG 01',
      status: 'draft',
      deadline: '2030-06-18',
      audience: { roleKey: 'systemansvarlig', solutionKey: 'valg', primaryOnly: false },
      solutionKey: 'valg',
      publishAt: '2030-06-01T06:00:00.000Z',
      // A date counts from midnight in Denmark.
      announceAt: '2030-04-30T22:00:00.000Z',
      steps: [{ position: 1, title: 'Test login', answerKind: 'yes_no' }],
      deadlineHistory: [],
    });
    expect(body.municipalityCodes).toHaveLength(17);

    const put = await bearer(t.app, consultantToken, 'PUT', `/api/v1/tasks/${body.id}`, {
      ...taskBody('KLIK - VALG 01'),
      targets: { mode: 'list', codes: ['Faxe', '153'] },
      steps: [{ title: 'Bestil MitID Erhverv' }, { title: 'Test login', answerKind: 'date', answerLabel: 'Testet den' }],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().municipalityCodes).toEqual(['0153', '0320']);
    expect(put.json().steps.map((s: { title: string }) => s.title)).toEqual(['Bestil MitID Erhverv', 'Test login']);
    // Leaving out the dates clears them (PUT replaces).
    expect(put.json().publishAt).toBeNull();

    const got = await bearer(t.app, financeToken, 'GET', `/api/v1/tasks/${body.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().code).toBe('KLIK - VALG 01');
    const drafts = await bearer(t.app, financeToken, 'GET', '/api/v1/tasks/drafts');
    expect(drafts.json().map((d: { code: string }) => d.code)).toContain('KLIK - VALG 01');
  });

  it('validates in the use case: 422 with Danish field errors, nothing written', async () => {
    const before = await counts();
    const res = await bearer(t.app, adminToken, 'POST', '/api/v1/tasks', {
      ...taskBody(''),
      audienceRoleKey: 'konsulent',
      deadline: 'i morgen',
      steps: Array.from({ length: 31 }, (_, i) => ({ title: `Trin ${i + 1}` })),
      targets: { mode: 'kkr', kkr: 'KKR Bornholm' },
    });
    expect(res.statusCode).toBe(422);
    const { fieldErrors } = res.json();
    expect(fieldErrors).toMatchObject({
      code: 'Skriv opgavens kode, fx KLIK - KR MI 02',
      deadline: 'Skriv en gyldig dato, fx 30.05.2025',
      steps: 'En opgave kan højst have 30 trin',
      'targets.kkr': 'Vælg et KKR fra listen',
    });
    expect(await counts()).toEqual(before);
    const role = await bearer(t.app, adminToken, 'POST', '/api/v1/tasks', { ...taskBody(uniq('KLIK - ROLLE')), audienceRoleKey: 'konsulent', audienceSolutionKey: undefined });
    expect(role.json().fieldErrors.audienceRoleKey).toBe('Vælg en af kommunernes roller');
    expect(await counts()).toEqual(before);
  });
});

describe('who may author', () => {
  it('a municipal user and a central non-author get 403; drafts are 404 for a municipality', async () => {
    const municipal = await loginAs(t.app, DEMO.programLeader('0320'));
    const draft = await bearer(t.app, adminToken, 'POST', '/api/v1/tasks', taskBody(uniq('KLIK - SKJULT'), { targets: { mode: 'all' } }));
    const id = draft.json().id as string;
    const before = await counts();

    expect((await municipal.get('/opgaver/ny')).statusCode).toBe(403);
    expect((await submit(municipal, '/opgaver', taskForm(uniq('KLIK - KOMMUNE')))).statusCode).toBe(403);
    expect((await municipal.get(`/opgaver/${id}/rediger`)).statusCode).toBe(404);
    expect((await municipal.api('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
    expect((await municipal.api('PUT', `/api/v1/tasks/${id}`, taskBody('X'))).statusCode).toBe(404);
    expect((await municipal.api('POST', `/api/v1/tasks/${id}/publish`)).statusCode).toBe(404);
    expect((await municipal.get('/opgaver/kladder')).statusCode).toBe(403);
    expect((await municipal.api('POST', '/api/v1/tasks', taskBody(uniq('KLIK - KOMMUNE')))).statusCode).toBe(403);
    expect((await municipal.api('POST', '/api/v1/projects', { name: 'Kommunens projekt' })).statusCode).toBe(403);

    expect((await bearer(t.app, financeToken, 'POST', '/api/v1/tasks', taskBody(uniq('KLIK - OEKONOMI')))).statusCode).toBe(403);
    expect((await bearer(t.app, financeToken, 'PUT', `/api/v1/tasks/${id}`, taskBody('X'))).statusCode).toBe(403);
    expect((await bearer(t.app, financeToken, 'POST', `/api/v1/tasks/${id}/publish`)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('projects', () => {
  it('are created by authors (key from the name), listed for central staff, and keys are unique', async () => {
    const form = await consultant.get('/projekter');
    expect(form.statusCode).toBe(200);
    const res = await submit(consultant, '/projekter', { name: 'Kontanthjælpsreformen', key: '', description: 'Reformen 2025', solutionKey: 'ky' });
    expect(res.statusCode).toBe(303);
    const [p] = await rows<{ key: string; solution_key: string }>(sql`select key, solution_key from project where name = 'Kontanthjælpsreformen'`);
    expect(p).toEqual({ key: 'kontanthjaelpsreformen', solution_key: 'ky' });
    const [audit] = await rows<{ action: string }>(sql`select action from audit_event where request_id = ${res.requestId}`);
    expect(audit!.action).toBe('project.created');

    const before = await counts();
    const dup = await submit(consultant, '/projekter', { name: 'Kontanthjælpsreformen' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('Nøglen kontanthjaelpsreformen er allerede brugt');
    const bad = await submit(consultant, '/projekter', { name: '', key: 'Store Bogstaver' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Skriv projektets navn');
    expect(await counts()).toEqual(before);

    const api = await bearer(t.app, adminToken, 'POST', '/api/v1/projects', { name: 'Valg 2025' });
    expect(api.statusCode).toBe(201);
    expect(api.json()).toMatchObject({ key: 'valg-2025', name: 'Valg 2025', taskCount: 0 });
    const list = await bearer(t.app, financeToken, 'GET', '/api/v1/projects');
    expect(list.json().map((x: { key: string }) => x.key)).toEqual(expect.arrayContaining(['kontanthjaelpsreformen', 'valg-2025']));

    const withProject = await bearer(t.app, adminToken, 'POST', '/api/v1/tasks', taskBody(uniq('KLIK - VALG'), { projectId: api.json().id }));
    expect(withProject.json().projectName).toBe('Valg 2025');
  });
});

describe('attachments', () => {
  it('stores several common and per-municipality files in one request; a bad file name stores nothing', async () => {
    const created = await bearer(t.app, adminToken, 'POST', '/api/v1/tasks', taskBody(uniq('KLIK - BILAG'), { targets: { mode: 'list', codes: '0320 0153 0101' } }));
    const id = created.json().id as string;
    await consultant.get(`/opgaver/${id}/rediger`);

    const common = await upload(
      `/opgaver/${id}/bilag`,
      [
        { name: 'filer', filename: 'vejledning.pdf', content: '%PDF-1.4 vejledning', type: 'application/pdf' },
        { name: 'filer', filename: 'skabelon æøå.xlsx', content: 'xlsx-bytes' },
      ],
      { client: consultant },
    );
    expect(common.statusCode).toBe(303);
    expect(common.headers.location).toBe(`/opgaver/${id}/rediger?besked=bilag`);

    const before = await counts();
    const bad = await upload(
      `/api/v1/tasks/${id}/municipality-attachments`,
      [
        { name: 'filer', filename: '0320-faxe-udtraek.xlsx', content: 'faxe' },
        { name: 'filer', filename: 'udtraek-uden-kode.xlsx', content: 'x' },
        { name: 'filer', filename: '0751-aarhus.xlsx', content: 'aarhus' },
      ],
      { token: adminToken },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fieldErrors.filer).toContain('udtraek-uden-kode.xlsx');
    const outside = await upload(
      `/api/v1/tasks/${id}/municipality-attachments`,
      [
        { name: 'filer', filename: '0320-faxe-udtraek.xlsx', content: 'faxe' },
        { name: 'filer', filename: '0751-aarhus.xlsx', content: 'aarhus' },
      ],
      { token: adminToken },
    );
    expect(outside.statusCode).toBe(422);
    expect(outside.json().fieldErrors.filer).toContain('0751-aarhus.xlsx (0751)');
    expect(await counts()).toEqual(before);

    const bulk = await upload(
      `/api/v1/tasks/${id}/municipality-attachments`,
      [
        { name: 'filer', filename: '0320-faxe-udtraek.xlsx', content: 'faxe' },
        { name: 'filer', filename: '0153-broendby-udtraek.xlsx', content: 'broendby' },
      ],
      { token: adminToken },
    );
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json()).toMatchObject({ added: 2, replaced: 0, unchanged: 0 });
    const again = await upload(
      `/api/v1/tasks/${id}/municipality-attachments`,
      [
        { name: 'filer', filename: '0320-faxe-udtraek.xlsx', content: 'faxe' },
        { name: 'filer', filename: '0153-broendby-udtraek.xlsx', content: 'broendby rettet' },
      ],
      { token: adminToken },
    );
    expect(again.json()).toMatchObject({ added: 0, replaced: 1, unchanged: 1 });

    const files = await rows<{ municipality_code: string | null; filename: string }>(
      sql`select municipality_code, filename from task_file where task_id = ${id} order by municipality_code nulls first, filename`,
    );
    expect(files).toEqual([
      { municipality_code: null, filename: 'skabelon æøå.xlsx' },
      { municipality_code: null, filename: 'vejledning.pdf' },
      { municipality_code: '0153', filename: '0153-broendby-udtraek.xlsx' },
      { municipality_code: '0320', filename: '0320-faxe-udtraek.xlsx' },
    ]);
    const audits = await rows<{ n: number }>(sql`select count(*)::int as n from audit_event where action = 'task.attachment_added' and entity_id = ${id}`);
    expect(audits[0]!.n).toBe(5);

    // Published, Faxe's program leader gets the common files and Faxe's own extract, never Brøndby's.
    expect((await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/publish`)).statusCode).toBe(200);
    const def = (await bearer(t.app, adminToken, 'GET', `/api/v1/tasks/${id}`)).json();
    const faxe = await loginAs(t.app, DEMO.programLeader('0320'));
    const own = def.attachments.find((a: { filename: string }) => a.filename === '0320-faxe-udtraek.xlsx');
    const other = def.attachments.find((a: { filename: string }) => a.filename === '0153-broendby-udtraek.xlsx');
    const pdf = def.attachments.find((a: { filename: string }) => a.filename === 'vejledning.pdf');
    const got = await faxe.get(own.url);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe('faxe');
    expect(got.headers['content-disposition']).toContain('attachment');
    expect((await faxe.get(pdf.url)).headers['content-type']).toBe('application/pdf');
    expect((await faxe.get(other.url)).statusCode).toBe(404);
    const seen = (await faxe.api('GET', `/api/v1/tasks/${id}`)).json();
    expect(seen.municipalityCodes).toEqual(['0320']);
    expect(seen.attachments.map((a: { filename: string }) => a.filename).sort()).toEqual(['0320-faxe-udtraek.xlsx', 'skabelon æøå.xlsx', 'vejledning.pdf']);
  });

  it('takes files above the form size limit up to 10 MB each, and refuses bigger ones in Danish', async () => {
    const created = await bearer(t.app, adminToken, 'POST', '/api/v1/tasks', taskBody(uniq('KLIK - STOR')));
    const id = created.json().id as string;
    const big = await upload(`/api/v1/tasks/${id}/attachments`, [{ name: 'filer', filename: 'stor.pdf', content: Buffer.alloc(3 * 1024 * 1024, 1) }], { token: adminToken });
    expect(big.statusCode).toBe(200);
    expect(big.json()).toMatchObject({ added: 1 });
    const before = await counts();
    const tooBig = await upload(`/api/v1/tasks/${id}/attachments`, [{ name: 'filer', filename: 'for-stor.pdf', content: Buffer.alloc(10 * 1024 * 1024 + 1, 1) }], {
      token: adminToken,
    });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().fieldErrors.filer).toBe('Filer må højst fylde 10 MB: for-stor.pdf');
    const none = await upload(`/api/v1/tasks/${id}/attachments`, [{ name: 'filer', filename: '', content: '' }], { token: adminToken });
    expect(none.statusCode).toBe(422);
    expect(none.json().fieldErrors.filer).toBe('Vælg en eller flere filer');
    const many = await upload(
      `/api/v1/tasks/${id}/attachments`,
      Array.from({ length: 6 }, (_, i) => ({ name: 'filer', filename: `del-${i}.pdf`, content: Buffer.alloc(9 * 1024 * 1024, 1) })),
      { token: adminToken },
    );
    expect(many.statusCode).toBe(413);
    expect(many.json().message).toContain('højst sendes 50 MB');
    expect(await counts()).toEqual(before);
  });
});

describe('resolving the addressed municipalities', () => {
  let all: MunicipalityRef[];
  beforeAll(async () => {
    all = await municipalityRefs(t.database.db);
  });
  const resolve = (raw: unknown) => resolveTargets(all, targetsInput.parse(raw));

  it('reads all, a region, a KKR, and lists of codes or names with any separator', () => {
    expect(resolve({ mode: 'all' })).toEqual({ codes: expect.arrayContaining(['0101', '0320', '0851']) });
    expect((resolve({ mode: 'all' }) as { codes: string[] }).codes).toHaveLength(98);
    expect((resolve({ mode: 'region', region: 'Region Nordjylland' }) as { codes: string[] }).codes).toHaveLength(11);
    expect((resolve({ mode: 'region', region: '1085' }) as { codes: string[] }).codes).toHaveLength(17);
    expect((resolve({ mode: 'kkr', kkr: 'kkr midtjylland' }) as { codes: string[] }).codes).toHaveLength(19);
    expect(resolve({ mode: 'list', codes: '0320, 0153\n0101' })).toEqual({ codes: ['0101', '0153', '0320'] });
    expect(resolve({ mode: 'list', pasted: 'Faxe, Brøndby' })).toEqual({ codes: ['0153', '0320'] });
    expect(resolve({ mode: 'list', pasted: 'Faxe Kommune;Lyngby-Taarbæk\t320 0101 0101' })).toEqual({ codes: ['0101', '0173', '0320'] });
    expect(resolve({ mode: 'list', codes: ['0320', 'brøndby'], pasted: '0101' })).toEqual({ codes: ['0101', '0153', '0320'] });
  });

  it('names unknown entries and refuses an empty result', () => {
    expect(resolve({ mode: 'list', pasted: 'Faxe, Gotham, 12345' })).toEqual({
      errors: { 'targets.pasted': 'Ukendte kommuner: Gotham, 12345. Brug kommunekoder (fx 0320) eller navne (fx Faxe).' },
    });
    expect(resolve({ mode: 'list', pasted: ' ; , ' })).toEqual({ errors: { 'targets.pasted': 'Vælg mindst én kommune' } });
    expect(resolve({ mode: 'list' })).toEqual({ errors: { 'targets.codes': 'Vælg mindst én kommune' } });
    expect(resolve({ mode: 'region' })).toEqual({ errors: { 'targets.region': 'Vælg en region' } });
    expect(resolve({ mode: 'region', region: 'Region Skåne' })).toEqual({ errors: { 'targets.region': 'Vælg en region fra listen' } });
  });
});
