import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAgreement, buildSignature, buildVersion, tinyPdf } from '../../../../test/factories/agreements.ts';
import { rawRows } from '../../../db/client.ts';
import { createTokenForEmail } from '../../auth/index.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { versionHash } from '../files.ts';
import { loadStatuses } from '../status.ts';

/**
 * Authoring agreements: creating one with its files through the page and the API, validation that
 * writes nothing, who may author, file downloads with their hashes, and new versions with and
 * without re-signing.
 */

let t: TestApp;
let consultant: Client;
let adminToken: string;
let financeToken: string; // central, reads but does not author
let seq = 0;
const rows = <T,>(q: ReturnType<typeof sql>) => rawRows<T>(t.database.db, q);
const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The smallest thing that passes as a DOCX: a ZIP's signature, with the right name. */
const tinyDocx = (text: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(text)]);

type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer | string; type?: string };
function multipart(parts: Part[]) {
  const boundary = `----agreement${++seq}`;
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
  const headers: Record<string, string> = { 'content-type': mp.contentType, 'x-request-id': `req-${++seq}` };
  if (auth.client) headers.cookie = cookieHeader(auth.client);
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  const res = await t.app.inject({ method: 'POST', url, headers, payload: mp.payload });
  return Object.assign(res, { requestId: headers['x-request-id']! });
}

async function counts() {
  const [r] = await rows<{ agreements: number; versions: number; files: number; solutions: number; audit: number; superseded: number }>(sql`
    select (select count(*)::int from agreement) as agreements, (select count(*)::int from agreement_version) as versions,
           (select count(*)::int from agreement_file) as files, (select count(*)::int from agreement_solution) as solutions,
           (select count(*)::int from audit_event) as audit, (select count(*)::int from agreement_signature where superseded_at is not null) as superseded`);
  return r!;
}

const DOC = tinyPdf('databehandleraftale Byg og Miljø');
const ANNEX1 = tinyPdf('bilag 1 instruks');
const ANNEX2 = tinyDocx('bilag 2 underdatabehandlere');

function agreementParts(extra: Part[] = [], title = 'Databehandleraftale for Byg og Miljø'): Part[] {
  return [
    { name: 'type', value: 'databehandleraftale' },
    { name: 'title', value: title },
    { name: 'description', value: 'Aftalen om behandling af personoplysninger i Byg og Miljø.' },
    { name: 'solutions', value: 'byg-og-miljoe' },
    { name: 'document', filename: 'dba-byg-og-miljoe.pdf', content: DOC, type: 'application/pdf' },
    ...extra,
  ];
}

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
  adminToken = await createTokenForEmail(t.database.db, t.config, DEMO.admin, 'aftaletest');
  financeToken = await createTokenForEmail(t.database.db, t.config, await centralUserWithRole('oekonomi'), 'aftaletest');
});
afterAll(() => t?.close());

describe('creating an agreement through the page', () => {
  it('shows the form; for K98 the solutions of K98 are checked as annex 1', async () => {
    const form = await consultant.get('/aftaler/ny');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain('name="annexes.1"');
    expect(form.body).not.toMatch(/id="felt-solution-aula"[^>]*checked/);
    const k98 = await consultant.get('/aftaler/ny?type=k98');
    expect(k98.body).toContain('Bilag 1: løsninger omfattet af aftalen');
    expect(k98.body).toMatch(/id="felt-type-k98"[^>]*checked/);
    expect(k98.body).toMatch(/id="felt-solution-aula"[^>]*checked/);
    expect(k98.body).toMatch(/id="felt-solution-valg"[^>]*checked/);
    expect(k98.body).not.toMatch(/id="felt-solution-flis"[^>]*checked/);
  });

  it('stores the draft, its solutions and version 1 with the document and annexes, audited; the page shows each file\'s SHA-256', async () => {
    await consultant.get('/aftaler/ny');
    const before = await counts();
    const res = await upload(
      '/aftaler/ny',
      agreementParts([
        { name: 'annexTitles.1', value: 'Bilag 1 – Instruks' },
        { name: 'annexes.1', filename: 'instruks.pdf', content: ANNEX1 },
        { name: 'annexTitles.2', value: '' },
        { name: 'annexes.2', filename: 'underdatabehandlere.docx', content: ANNEX2 },
        { name: 'annexes.3', filename: '', content: '' },
      ]),
      { client: consultant },
    );
    expect(res.statusCode).toBe(303);
    const id = /^\/aftaler\/([0-9a-f-]{36})\?besked=oprettet$/.exec(String(res.headers.location))?.[1];
    expect(id).toBeDefined();

    const [a] = await rows<{ status: string; type: string; title: string; current_version_id: string; created_by: string | null }>(
      sql`select status, type, title, current_version_id, created_by from agreement where id = ${id}`,
    );
    expect(a).toMatchObject({ status: 'draft', type: 'databehandleraftale', title: 'Databehandleraftale for Byg og Miljø' });
    expect(a!.created_by).not.toBeNull();
    const files = await rows<{ kind: string; position: number; title: string; filename: string; content_type: string; size: number; sha256: string }>(
      sql`select kind, position, title, filename, content_type, size, sha256 from agreement_file where version_id = ${a!.current_version_id} order by position`,
    );
    expect(files).toEqual([
      { kind: 'document', position: 0, title: 'Aftale', filename: 'dba-byg-og-miljoe.pdf', content_type: 'application/pdf', size: DOC.length, sha256: sha(DOC) },
      { kind: 'annex', position: 1, title: 'Bilag 1 – Instruks', filename: 'instruks.pdf', content_type: 'application/pdf', size: ANNEX1.length, sha256: sha(ANNEX1) },
      {
        kind: 'annex',
        position: 2,
        title: 'Bilag 2',
        filename: 'underdatabehandlere.docx',
        content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: ANNEX2.length,
        sha256: sha(ANNEX2),
      },
    ]);
    const [v] = await rows<{ number: number; sha256: string; requires_resign: boolean }>(
      sql`select number, sha256, requires_resign from agreement_version where id = ${a!.current_version_id}`,
    );
    expect(v).toEqual({ number: 1, sha256: versionHash(files), requires_resign: true });
    const sols = await rows<{ solution_key: string }>(sql`select solution_key from agreement_solution where agreement_id = ${id}`);
    expect(sols).toEqual([{ solution_key: 'byg-og-miljoe' }]);
    const after = await counts();
    expect(after).toMatchObject({ agreements: before.agreements + 1, versions: before.versions + 1, files: before.files + 3, audit: before.audit + 1 });
    const [audit] = await rows<{ action: string; entity_id: string }>(sql`select action, entity_id from audit_event where request_id = ${res.requestId}`);
    expect(audit).toEqual({ action: 'agreement.created', entity_id: id });

    const page = await consultant.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Aftalen er oprettet som kladde');
    for (const b of [DOC, ANNEX1, ANNEX2]) expect(page.body).toContain(`<code class="samspil-hash">${sha(b)}</code>`);
    expect(page.body).toContain('Aftalen er ikke udsendt endnu.');

    // The download is the very bytes, with the hash in a header.
    const fileId = /\/aftaler\/[0-9a-f-]{36}\/filer\/([0-9a-f-]{36})"[^>]*>instruks\.pdf/.exec(page.body)?.[1];
    const got = await consultant.get(`/aftaler/${id}/filer/${fileId}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(ANNEX1)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe('attachment; filename="instruks.pdf"; filename*=UTF-8\'\'instruks.pdf');
    expect(got.headers['x-content-sha256']).toBe(sha(ANNEX1));
    const api = await bearer(t.app, financeToken, 'GET', `/api/v1/agreements/${id}/files/${fileId}`);
    expect(api.statusCode).toBe(200);
    expect(api.headers['x-content-sha256']).toBe(sha(ANNEX1));

    // The same submission again (a double click) gives the same draft, not a twin.
    const again = await upload(
      '/aftaler/ny',
      agreementParts([
        { name: 'annexTitles.1', value: 'Bilag 1 – Instruks' },
        { name: 'annexes.1', filename: 'instruks.pdf', content: ANNEX1 },
        { name: 'annexes.2', filename: 'underdatabehandlere.docx', content: ANNEX2 },
      ]),
      { client: consultant },
    );
    expect(again.headers.location).toBe(res.headers.location);
    expect(await counts()).toEqual(after);
  });

  it('answers wrong input with every error at once and writes nothing', async () => {
    await consultant.get('/aftaler/ny');
    const before = await counts();
    const bad = await upload(
      '/aftaler/ny',
      [
        { name: 'type', value: 'databehandleraftale' },
        { name: 'title', value: '  ' },
        { name: 'solutions', value: 'atlantis' },
        { name: 'annexTitles.1', value: 'Bilag uden fil' },
        { name: 'annexes.2', filename: 'noter.pdf', content: 'bare tekst, ingen PDF' },
      ],
      { client: consultant },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Der er problemer med det indsendte');
    expect(bad.body).toContain('Skriv aftalens titel');
    expect(bad.body).toContain('Vælg aftalens dokument (PDF eller Word)');
    expect(bad.body).toContain('Ukendt løsning: atlantis');
    expect(bad.body).toContain('Bilag 1: Vælg filen til bilaget, eller slet titlen');
    expect(bad.body).toContain('Filen skal være en PDF eller et Word-dokument (.docx): noter.pdf');
    expect(bad.body).toContain('value="Bilag uden fil"');

    // A text file renamed .pdf is not a PDF, whatever its name and content type say.
    const renamed = await upload(
      '/api/v1/agreements',
      [
        { name: 'type', value: 'k98' },
        { name: 'title', value: 'K98' },
        { name: 'solutions', value: 'aula' },
        { name: 'document', filename: 'aftale.pdf', content: 'Dette er en tekstfil', type: 'application/pdf' },
      ],
      { token: adminToken },
    );
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().fieldErrors).toEqual({ document: 'Filen skal være en PDF eller et Word-dokument (.docx): aftale.pdf' });
    const noSolutions = await upload('/api/v1/agreements', [{ name: 'type', value: 'aftale' }, { name: 'title', value: 'X' }], { token: adminToken });
    expect(noSolutions.statusCode).toBe(422);
    expect(noSolutions.json().fieldErrors).toMatchObject({ type: 'Vælg aftaletype', solutions: 'Vælg mindst én løsning', document: 'Vælg aftalens dokument (PDF eller Word)' });
    const json = await bearer(t.app, adminToken, 'POST', '/api/v1/agreements', { type: 'k98', title: 'JSON uden filer', solutions: ['aula'] });
    expect(json.statusCode).toBe(422);
    expect(json.json().fieldErrors.document).toBe('Vælg aftalens dokument (PDF eller Word)');
    expect(await counts()).toEqual(before);
  });
});

describe('the API', () => {
  it('creates with repeated annexes and titles by order, and reads the agreement back with versions, files and hashes', async () => {
    const res = await upload(
      '/api/v1/agreements',
      [
        { name: 'type', value: 'k98' },
        { name: 'title', value: 'K98-aftalen 2025' },
        { name: 'solutions', value: 'aula' },
        { name: 'solutions', value: 'valg' },
        { name: 'document', filename: 'k98.pdf', content: tinyPdf('k98') },
        { name: 'annexes', filename: 'bilag-1.pdf', content: tinyPdf('k98 bilag 1') },
        { name: 'annexes', filename: 'bilag-2.pdf', content: tinyPdf('k98 bilag 2') },
        { name: 'annexTitles', value: 'Bilag 1 – Løsninger' },
      ],
      { token: adminToken },
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'k98',
      title: 'K98-aftalen 2025',
      status: 'draft',
      deadline: null,
      currentVersionNumber: 1,
      counts: { addressed: 0, signed: 0, outstanding: 0 },
      ownStatus: null,
      history: [],
    });
    expect(body.solutions.map((s: { key: string }) => s.key).sort()).toEqual(['aula', 'valg']);
    expect(body.versions).toHaveLength(1);
    expect(body.versions[0].files.map((f: { title: string; position: number }) => [f.position, f.title])).toEqual([
      [0, 'Aftale'],
      [1, 'Bilag 1 – Løsninger'],
      [2, 'Bilag 2'],
    ]);
    expect(body.versions[0].files[1].sha256).toBe(sha(tinyPdf('k98 bilag 1')));

    const list = await bearer(t.app, financeToken, 'GET', '/api/v1/agreements');
    expect(list.statusCode).toBe(200);
    expect(list.json().find((a: { id: string }) => a.id === body.id)).toMatchObject({ title: 'K98-aftalen 2025', counts: { addressed: 0 } });
    const page = await consultant.get(`/aftaler/${body.id}`);
    expect(page.body).toContain('<h2>Bilag 1: løsninger omfattet af aftalen</h2>');
  });
});

describe('who may author', () => {
  it('municipal users get 404 on the author routes and on a draft; central readers 403 on writes', async () => {
    const { agreement: draft, version } = await buildAgreement(t.database.db, { status: 'draft', solutions: ['aula'] });
    const [file] = await rows<{ id: string }>(sql`select id from agreement_file where version_id = ${version.id} limit 1`);
    const municipal = await loginAs(t.app, DEMO.programLeader('0320'));
    const municipalToken = await createTokenForEmail(t.database.db, t.config, DEMO.klikAdmin('0320'), 'aftaletest');
    const before = await counts();

    expect((await municipal.get('/aftaler/ny')).statusCode).toBe(404);
    expect((await upload('/aftaler/ny', agreementParts(), { client: municipal })).statusCode).toBe(404);
    expect((await upload('/api/v1/agreements', agreementParts(), { token: municipalToken })).statusCode).toBe(404);
    expect((await municipal.get(`/aftaler/${draft.id}`)).statusCode).toBe(404);
    expect((await municipal.get(`/aftaler/${draft.id}/versioner/ny`)).statusCode).toBe(404);
    expect((await municipal.get(`/aftaler/${draft.id}/filer/${file!.id}`)).statusCode).toBe(404);
    expect((await bearer(t.app, municipalToken, 'GET', `/api/v1/agreements/${draft.id}`)).statusCode).toBe(404);
    expect((await bearer(t.app, municipalToken, 'GET', `/api/v1/agreements/${draft.id}/files/${file!.id}`)).statusCode).toBe(404);
    expect((await upload(`/api/v1/agreements/${draft.id}/versions`, [{ name: 'changeNote', value: 'x' }], { token: municipalToken })).statusCode).toBe(404);
    const listed = await bearer(t.app, municipalToken, 'GET', '/api/v1/agreements');
    expect(listed.json().map((a: { id: string }) => a.id)).not.toContain(draft.id);

    expect((await upload('/api/v1/agreements', agreementParts(), { token: financeToken })).statusCode).toBe(403);
    expect((await upload(`/api/v1/agreements/${draft.id}/versions`, [{ name: 'changeNote', value: 'x' }], { token: financeToken })).statusCode).toBe(403);
    expect((await bearer(t.app, financeToken, 'GET', `/api/v1/agreements/${draft.id}`)).statusCode).toBe(200);
    expect(await counts()).toEqual(before);

    // A file of another agreement is not reachable through this one.
    const other = await buildAgreement(t.database.db, { status: 'draft' });
    expect((await consultant.get(`/aftaler/${other.agreement.id}/filer/${file!.id}`)).statusCode).toBe(404);
  });
});

describe('new versions', () => {
  const versionParts = (note: string, resign: 'true' | 'false' | null, tag: string): Part[] => [
    { name: 'changeNote', value: note },
    ...(resign === null ? [] : [{ name: 'requiresResign', value: resign }]),
    { name: 'document', filename: `aftale-${tag}.pdf`, content: tinyPdf(`aftale ${tag}`) },
    { name: 'annexes', filename: `bilag-${tag}.pdf`, content: tinyPdf(`bilag ${tag}`) },
  ];

  it('a version that requires re-signing supersedes current signatures: they stay on record, the municipality is not signed again', async () => {
    const { agreement: a } = await buildAgreement(t.database.db, { targets: ['0320', '0153', '0101'] });
    const signed = await buildSignature(t.database.db, a.id, '0320');
    const pending = await buildSignature(t.database.db, a.id, '0153', { state: 'pending', method: 'upload' });
    const res = await upload(`/api/v1/agreements/${a.id}/versions`, versionParts('Rettet fejl i bilag 3', null, `v2-${a.id}`), { token: adminToken });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ number: 2, created: true, supersededMunicipalities: ['0153', '0320'] });

    const statuses = await loadStatuses(t.database.db, { agreementIds: [a.id] });
    expect(Object.fromEntries(statuses.map((s) => [s.municipalityCode, s.status]))).toEqual({ '0320': 'not_signed', '0153': 'not_signed', '0101': 'not_signed' });
    const old = await rows<{ id: string; state: string; superseded_at: Date | null; superseded_by_version_id: string }>(
      sql`select id, state, superseded_at, superseded_by_version_id from agreement_signature where agreement_id = ${a.id} order by municipality_code`,
    );
    expect(old.map((s) => s.id).sort()).toEqual([signed.id, pending.id].sort());
    for (const s of old) {
      expect(s.superseded_at).not.toBeNull();
      expect(s.superseded_by_version_id).toBe(res.json().versionId);
    }
    const [audit] = await rows<{ action: string; after: { supersededSignatures: string[]; requiresResign: boolean } }>(
      sql`select action, after from audit_event where request_id = ${res.requestId}`,
    );
    expect(audit).toMatchObject({ action: 'agreement.version_added', after: { requiresResign: true, supersededSignatures: ['0153', '0320'] } });

    // Sending the same version again (a retry) changes nothing.
    const before = await counts();
    const again = await upload(`/api/v1/agreements/${a.id}/versions`, versionParts('Rettet fejl i bilag 3', null, `v2-${a.id}`), { token: adminToken });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ number: 2, created: false });
    expect(await counts()).toEqual(before);
  });

  it('a version without re-signing leaves signatures current', async () => {
    const { agreement: a } = await buildAgreement(t.database.db, { targets: ['0320', '0101'] });
    await buildSignature(t.database.db, a.id, '0320');
    const res = await upload(`/api/v1/agreements/${a.id}/versions`, versionParts('Stavefejl rettet', 'false', `nr-${a.id}`), { token: adminToken });
    expect(res.json()).toMatchObject({ number: 2, supersededMunicipalities: [] });
    const statuses = await loadStatuses(t.database.db, { agreementIds: [a.id] });
    expect(statuses.find((s) => s.municipalityCode === '0320')).toMatchObject({ status: 'signed', signature: { versionNumber: 1 } });
  });

  it('through the page: a sent agreement goes on to dispatch with how many must sign again; bad input writes nothing', async () => {
    const { agreement: a } = await buildAgreement(t.database.db, { targets: ['0320', '0101', '0153'] });
    await buildSignature(t.database.db, a.id, '0320');
    await buildSignature(t.database.db, a.id, '0101');
    const form = await consultant.get(`/aftaler/${a.id}/versioner/ny`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Læg version 2 op');
    expect(form.body).toMatch(/id="felt-requiresResign"[^>]*checked/);

    const before = await counts();
    const noNote = await upload(`/aftaler/${a.id}/versioner/ny`, versionParts('', 'true', `bad-${a.id}`), { client: consultant });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain('Skriv hvad der er ændret');
    const same = await upload(
      `/aftaler/${a.id}/versioner/ny`,
      [
        { name: 'changeNote', value: 'Intet nyt' },
        { name: 'document', filename: 'aftale.pdf', content: tinyPdf(`aftale ${a.id} v1`) },
        { name: 'annexes', filename: 'bilag.pdf', content: tinyPdf(`bilag ${a.id} v1`) },
      ],
      { client: consultant },
    );
    expect(same.statusCode).toBe(422);
    expect(same.body).toContain('Dokumentet og bilagene er de samme som i version 1');
    expect(await counts()).toEqual(before);

    // The page's checkbox: a hidden "false" followed by the box's "true".
    const res = await upload(
      `/aftaler/${a.id}/versioner/ny`,
      [{ name: 'requiresResign', value: 'false' }, { name: 'requiresResign', value: 'true' }, ...versionParts('Nyt bilag 2', null, `page-${a.id}`)],
      { client: consultant },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/aftaler/${a.id}/udsend?omfang=mangler&besked=ny-version`);
    const next = await consultant.get(res.headers.location as string);
    expect(next.statusCode).toBe(200);
    expect(next.body).toContain('Version 2 er lagt op. 2 kommuner skal underskrive igen.');
    expect(next.body).toMatch(/id="felt-scope-outstanding"[^>]*checked/);
    expect(next.body).toContain('Kommuner, der mangler at underskrive (3)');

    const draft = await buildAgreement(t.database.db, { status: 'draft' });
    const unchecked = await upload(`/aftaler/${draft.agreement.id}/versioner/ny`, [{ name: 'requiresResign', value: 'false' }, ...versionParts('Ny tekst', null, `d-${draft.agreement.id}`)], {
      client: consultant,
    });
    expect(unchecked.headers.location).toBe(`/aftaler/${draft.agreement.id}?besked=version`);
    const [v] = await rows<{ requires_resign: boolean }>(sql`select requires_resign from agreement_version where agreement_id = ${draft.agreement.id} and number = 2`);
    expect(v!.requires_resign).toBe(false);
    const detail = await consultant.get(unchecked.headers.location as string);
    expect(detail.body).toContain('Tidligere versioner');
    expect(detail.body).toContain('Gældende version: version 2');
  });
});

describe('bounded queries', () => {
  it('the list and the detail page run the same number of statements however many agreements, versions and signatures', async () => {
    const db = t.database.db;
    // K98 and a connection agreement from the start, so the replacement lookups run both times.
    const k98 = (await buildAgreement(db, { type: 'k98', solutions: ['aula'], targets: ['0320', '0101'] })).agreement;
    await buildSignature(db, k98.id, '0320');
    const { agreement: a } = await buildAgreement(db, { type: 'tilslutningsaftale', solutions: ['aula'], targets: ['0320', '0101'] });
    const measure = async (url: string) => {
      const before = t.database.queries.count;
      const res = await consultant.get(url);
      expect(res.statusCode).toBe(200);
      return t.database.queries.count - before;
    };
    const list = await measure('/aftaler');
    const detail = await measure(`/aftaler/${a.id}`);
    for (let i = 0; i < 12; i++) {
      const x = await buildAgreement(db, { type: i % 2 ? 'tilslutningsaftale' : 'databehandleraftale', solutions: ['aula', 'valg'], targets: ['0320', '0101', '0153'] });
      await buildSignature(db, x.agreement.id, '0153');
    }
    await buildSignature(db, a.id, '0101');
    await buildVersion(db, a.id, 2);
    await buildVersion(db, a.id, 3);
    expect(await measure('/aftaler')).toBe(list);
    expect(await measure(`/aftaler/${a.id}`)).toBe(detail);
  });
});
