import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { rawRows } from '../../db/client.ts';
import { loadActor } from '../../platform/auth/load-actor.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createTokenForEmail } from '../auth/index.ts';
import { addPerson } from './add-person.ts';
import { assignRole } from './assign-role.ts';
import { deactivatePerson } from './deactivate-person.ts';
import { removeRole } from './remove-role.ts';
import { updatePerson } from './update-person.ts';

/**
 * The role gallery's use cases, through the pages, through /api/v1 and called directly.
 * Faxe (0320) has no Aula system owner in the demo data; Brøndby (0153) has one.
 */

const FAXE = '0320';
const BRONDBY = '0153';

let t: TestApp;
let klik: Client; // Faxe's KLIK administrator, through the pages
let adminToken: string; // central administrator, through the API
let klikUserId: string;
let adminUserId: string;
let seq = 0;
const uniq = (prefix: string) => `${prefix}-${++seq}-${Date.now().toString(36)}`;

type AuditRow = {
  actor_user_id: string | null;
  actor_label: string;
  municipality_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
};

const rows = <T,>(query: ReturnType<typeof sql>) => rawRows<T>(t.database.db, query);

async function counts() {
  const [r] = await rows<{ people: number; roles: number; audit: number; accounts: number }>(sql`
    select (select count(*)::int from person) as people,
           (select count(*)::int from role_assignment) as roles,
           (select count(*)::int from audit_event) as audit,
           (select count(*)::int from user_account) as accounts`);
  return r!;
}

async function userIdOf(email: string) {
  const [r] = await rows<{ id: string }>(sql`select id from user_account where lower(email) = ${email}`);
  return r!.id;
}

const auditFor = (requestId: string) =>
  rows<AuditRow>(sql`select actor_user_id, actor_label, municipality_code, action, entity_type, entity_id, before, after, request_id
                     from audit_event where request_id = ${requestId} order by id`);

/** Exactly one audit row for the request, by the given actor, with the expected content. */
async function expectOneAudit(requestId: string, actorUserId: string, expected: Partial<AuditRow>) {
  const found = await auditFor(requestId);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ actor_user_id: actorUserId, request_id: requestId, ...expected });
  return found[0]!;
}

const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** Posts a form like the browser would, with the session's CSRF token and an x-request-id. */
async function submit(c: Client, url: string, form: Record<string, string>, requestId = uniq('req')) {
  const res = await c.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookieHeader(c), 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': requestId },
    payload: new URLSearchParams({ ...form, _csrf: c.csrf }).toString(),
  });
  return Object.assign(res, { requestId });
}

/** A JSON call with a Bearer token and an x-request-id. */
async function api(token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, requestId = uniq('api')) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-request-id': requestId };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await t.app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
  return Object.assign(res, { requestId });
}

const personIdFrom = (location: unknown) => {
  const m = /\/personer\/([0-9a-f-]{36})/.exec(String(location));
  if (!m) throw new Error(`no person id in ${String(location)}`);
  return m[1]!;
};

/** Adds a person to Faxe through the page and returns the id. */
async function addViaPage(name: string, email = `${uniq('p')}@faxe.dk`) {
  const res = await submit(klik, `/kommuner/${FAXE}/personer`, { name, email, title: 'Medarbejder', phone: '' });
  expect(res.statusCode).toBe(303);
  return personIdFrom(res.headers.location);
}

async function ctxFor(email: string, requestId = uniq('direct')): Promise<Ctx & { actor: Actor }> {
  const actor = await loadActor(t.database.db, await userIdOf(email));
  return { actor: actor!, db: t.database.db, now: new Date(), requestId, config: t.config };
}

async function holders(code: string, roleTypeKey: string, solutionKey: string | null) {
  return rows<{ id: string; person_id: string; is_primary: boolean }>(sql`
    select id, person_id, is_primary from role_assignment
    where municipality_code = ${code} and role_type_key = ${roleTypeKey}
      and solution_key is not distinct from ${solutionKey} and removed_at is null
    order by created_at, id`);
}

const primaryOf = async (code: string, solutionKey: string) =>
  (await holders(code, 'systemansvarlig', solutionKey)).filter((h) => h.is_primary).map((h) => h.person_id);

/** Error code and constraint of a database error, whether or not the driver wrapper hides it in `cause`. */
function pgError(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return e.cause?.code ? e.cause : e;
}

beforeAll(async () => {
  t = await startTestApp();
  klik = await loginAs(t.app, DEMO.klikAdmin(FAXE));
  klikUserId = await userIdOf(DEMO.klikAdmin(FAXE));
  adminUserId = await userIdOf(DEMO.admin);
  adminToken = await createTokenForEmail(t.database.db, t.config, DEMO.admin, 'gallery test');
});
afterAll(() => t?.close());

describe('adding, editing and deactivating a person through the pages', () => {
  it('keeps the deactivated person and their former roles as history, auditing every step', async () => {
    const form = await klik.get(`/kommuner/${FAXE}/personer/ny`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Tilføj person');

    const email = `${uniq('bente')}@faxe.dk`;
    const before = await counts();
    const added = await submit(klik, `/kommuner/${FAXE}/personer`, { name: 'Bente Børgesen', email, title: 'Skoleleder', phone: '56 20 30 00' });
    expect(added.statusCode).toBe(303);
    expect(added.headers['x-request-id']).toBe(added.requestId);
    const id = personIdFrom(added.headers.location);
    expect(added.headers.location).toContain('besked=person-oprettet');
    const after = await counts();
    expect(after.people).toBe(before.people + 1);
    expect(after.audit).toBe(before.audit + 1);
    await expectOneAudit(added.requestId, klikUserId, {
      actor_label: `KLIK-administrator Faxe <${DEMO.klikAdmin(FAXE)}>`,
      municipality_code: FAXE,
      action: 'person.created',
      entity_type: 'person',
      entity_id: id,
      before: null,
      after: { name: 'Bente Børgesen', email, title: 'Skoleleder', phone: '56 20 30 00' },
    });

    const page = await klik.get(`/kommuner/${FAXE}/personer/${id}?besked=person-oprettet`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Personen er tilføjet til rollegalleriet.');
    expect(page.body).toContain('Skoleleder');
    const gallery = await klik.get(`/kommuner/${FAXE}`);
    expect(gallery.body).toContain('Bente Børgesen');

    // A role, so there is something to keep as history.
    const assigned = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller`, { roleTypeKey: 'superbruger', solutionKey: 'aula' });
    expect(assigned.statusCode).toBe(303);
    await expectOneAudit(assigned.requestId, klikUserId, {
      municipality_code: FAXE,
      action: 'role.assigned',
      entity_type: 'role_assignment',
      before: null,
      after: { personId: id, roleTypeKey: 'superbruger', solutionKey: 'aula', isPrimary: false },
    });
    expect((await klik.get(`/kommuner/${FAXE}`)).body).toContain('Superbruger – Aula');

    // Edit: the change shows and the audit row holds before and after.
    const edited = await submit(klik, `/kommuner/${FAXE}/personer/${id}/rediger`, { name: 'Bente Børgesen', email, title: 'Viceskoleleder', phone: '56 20 30 00' });
    expect(edited.statusCode).toBe(303);
    expect(edited.headers.location).toContain('besked=person-gemt');
    await expectOneAudit(edited.requestId, klikUserId, {
      municipality_code: FAXE,
      action: 'person.updated',
      entity_id: id,
      before: { title: 'Skoleleder', email },
      after: { title: 'Viceskoleleder', email },
    });
    expect((await klik.get(`/kommuner/${FAXE}/personer/${id}`)).body).toContain('Viceskoleleder');

    // Saving the form unchanged writes nothing.
    const auditBefore = (await counts()).audit;
    const same = await submit(klik, `/kommuner/${FAXE}/personer/${id}/rediger`, { name: 'Bente Børgesen', email, title: 'Viceskoleleder', phone: '56 20 30 00' });
    expect(same.statusCode).toBe(303);
    expect((await counts()).audit).toBe(auditBefore);

    // Deactivate: kept, listed under "Deaktiverede personer", former role shown.
    const deactivated = await submit(klik, `/kommuner/${FAXE}/personer/${id}/deaktiver`, {});
    expect(deactivated.statusCode).toBe(303);
    expect(deactivated.headers.location).toContain('besked=person-deaktiveret');
    await expectOneAudit(deactivated.requestId, klikUserId, {
      municipality_code: FAXE,
      action: 'person.deactivated',
      entity_id: id,
      before: { name: 'Bente Børgesen', email, active: true, roles: 1 },
      after: { active: false },
    });

    const [stored] = await rows<{ active: boolean; deactivated_at: unknown }>(sql`select active, deactivated_at from person where id = ${id}`);
    expect(stored).toMatchObject({ active: false });
    expect(stored!.deactivated_at).not.toBeNull();
    const roles = await rows<{ removed_at: unknown }>(sql`select removed_at from role_assignment where person_id = ${id}`);
    expect(roles).toHaveLength(1);
    expect(roles[0]!.removed_at).not.toBeNull();

    const galleryAfter = (await klik.get(`/kommuner/${FAXE}`)).body;
    const formerSection = galleryAfter.slice(galleryAfter.indexOf('Deaktiverede personer'));
    expect(galleryAfter).toMatch(/Deaktiverede personer \(\d+\)/);
    expect(formerSection).toContain('Bente Børgesen');
    const activeSection = galleryAfter.slice(0, galleryAfter.indexOf('Deaktiverede personer'));
    expect(activeSection).not.toContain('Bente Børgesen');

    const personPage = (await klik.get(`/kommuner/${FAXE}/personer/${id}`)).body;
    expect(personPage).toContain('Personen blev deaktiveret');
    expect(personPage).toContain('Tidligere roller');
    expect(personPage).toContain('Superbruger – Aula');
    expect(personPage).toContain('Personen har ingen roller.');
    expect(personPage).not.toContain('Deaktivér person');

    // A deactivated person cannot be edited or given roles, and nothing is written trying.
    const frozen = await counts();
    const editAgain = await submit(klik, `/kommuner/${FAXE}/personer/${id}/rediger`, { name: 'Bente B', email, title: '', phone: '' });
    expect(editAgain.statusCode).toBe(409);
    expect(editAgain.body).toContain('En deaktiveret person kan ikke redigeres.');
    const roleAgain = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller`, { roleTypeKey: 'programleder' });
    expect(roleAgain.statusCode).toBe(409);
    expect(roleAgain.body).toContain('Personen er deaktiveret og kan ikke få nye roller.');
    expect(await counts()).toEqual(frozen);

    // The same e-mail may be used again by a new, active person (someone re-hired).
    const rehired = await submit(klik, `/kommuner/${FAXE}/personer`, { name: 'Bente Børgesen', email, title: '', phone: '' });
    expect(rehired.statusCode).toBe(303);
  });

  it('removes a role from the person page and keeps it as a former role', async () => {
    const id = await addViaPage('Rolf Rollefjern');
    await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller`, { roleTypeKey: 'it-chef' });
    const [role] = await holders(FAXE, 'it-chef', null).then((h) => h.filter((x) => x.person_id === id));
    expect(role).toBeDefined();

    const removed = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller/${role!.id}/fjern`, {});
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toContain('besked=rolle-fjernet');
    await expectOneAudit(removed.requestId, klikUserId, {
      municipality_code: FAXE,
      action: 'role.removed',
      entity_id: role!.id,
      before: { personId: id, roleTypeKey: 'it-chef', solutionKey: null, isPrimary: false },
    });
    const page = (await klik.get(`/kommuner/${FAXE}/personer/${id}`)).body;
    expect(page).toContain('Personen har ingen roller.');
    expect(page.slice(page.indexOf('Tidligere roller'))).toContain('IT- og digitaliseringschef');

    // Removing it again (a double click) changes nothing and logs nothing.
    const audit = (await counts()).audit;
    const again = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller/${role!.id}/fjern`, {});
    expect(again.statusCode).toBe(303);
    expect((await counts()).audit).toBe(audit);
  });
});

describe('the same use cases through /api/v1', () => {
  it('adds, edits, gives and removes roles and deactivates, with one audit row per write', async () => {
    const email = `${uniq('api')}@brondby.dk`;
    const created = await api(adminToken, 'POST', `/api/v1/municipalities/${BRONDBY}/people`, { name: 'Anders API', email, title: 'Udvikler' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: 'Anders API', email, title: 'Udvikler', phone: '', active: true, hasLogin: false, roles: [] });
    await expectOneAudit(created.requestId, adminUserId, { municipality_code: BRONDBY, action: 'person.created', entity_id: body.id });

    const updated = await api(adminToken, 'PUT', `/api/v1/municipalities/${BRONDBY}/people/${body.id}`, { name: 'Anders Andersen', email, title: 'Udvikler' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().name).toBe('Anders Andersen');
    await expectOneAudit(updated.requestId, adminUserId, {
      municipality_code: BRONDBY,
      action: 'person.updated',
      before: { name: 'Anders API' },
      after: { name: 'Anders Andersen' },
    });

    const assigned = await api(adminToken, 'POST', `/api/v1/municipalities/${BRONDBY}/people/${body.id}/roles`, { roleTypeKey: 'valgsekretariat' });
    expect(assigned.statusCode).toBe(201);
    const role = assigned.json().roles.find((r: { roleTypeKey: string }) => r.roleTypeKey === 'valgsekretariat');
    expect(role).toMatchObject({ roleLabel: 'Valgsekretariat', solutionKey: null, isPrimary: false });
    await expectOneAudit(assigned.requestId, adminUserId, { municipality_code: BRONDBY, action: 'role.assigned', entity_id: role.id });

    const removed = await api(adminToken, 'DELETE', `/api/v1/municipalities/${BRONDBY}/people/${body.id}/roles/${role.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().roles).toEqual([]);
    await expectOneAudit(removed.requestId, adminUserId, { municipality_code: BRONDBY, action: 'role.removed', entity_id: role.id });

    const deactivated = await api(adminToken, 'POST', `/api/v1/municipalities/${BRONDBY}/people/${body.id}/deactivate`);
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json()).toMatchObject({ id: body.id, active: false });
    expect(deactivated.json().deactivatedAt).toEqual(expect.any(String));
    await expectOneAudit(deactivated.requestId, adminUserId, { municipality_code: BRONDBY, action: 'person.deactivated', entity_id: body.id });

    // Still in the gallery, as inactive.
    const gallery = await api(adminToken, 'GET', `/api/v1/municipalities/${BRONDBY}/gallery`);
    expect(gallery.statusCode).toBe(200);
    expect(gallery.json().people.find((p: { id: string }) => p.id === body.id)).toMatchObject({ active: false, name: 'Anders Andersen' });

    // A deactivated person cannot be edited through the API either.
    const frozen = await counts();
    const edit = await api(adminToken, 'PUT', `/api/v1/municipalities/${BRONDBY}/people/${body.id}`, { name: 'X', email, title: '' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toBe('En deaktiveret person kan ikke redigeres.');
    expect(await counts()).toEqual(frozen);
  });

  it('answers 404 for a person or role that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await api(adminToken, 'PUT', `/api/v1/municipalities/${FAXE}/people/${missing}`, { name: 'X', email: 'x@faxe.dk' })).statusCode).toBe(404);
    const id = (await api(adminToken, 'POST', `/api/v1/municipalities/${FAXE}/people`, { name: 'Nul Rolle', email: `${uniq('n')}@faxe.dk` })).json().id;
    const res = await api(adminToken, 'DELETE', `/api/v1/municipalities/${FAXE}/people/${id}/roles/${missing}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('Rollen findes ikke.');
    expect((await api(adminToken, 'GET', `/api/v1/municipalities/9999/gallery`)).statusCode).toBe(404);
  });
});

describe('exactly one primary system owner per solution and municipality', () => {
  it('makes the first holder primary, moves primary on request, and promotes the next when the primary leaves', async () => {
    expect(await primaryOf(FAXE, 'aula')).toEqual([]);
    const anna = await addViaPage('Anna Aula');
    const bo = await addViaPage('Bo Aula');
    const carl = await addViaPage('Carl Aula');

    // First holder: primary without asking.
    const first = await submit(klik, `/kommuner/${FAXE}/personer/${anna}/roller`, { roleTypeKey: 'systemansvarlig', solutionKey: 'aula' });
    expect(first.statusCode).toBe(303);
    expect(await primaryOf(FAXE, 'aula')).toEqual([anna]);
    expect((await klik.get(`/kommuner/${FAXE}`)).body).toContain('Systemansvarlig – Aula (primær)');

    // Second and third holders: not primary unless asked.
    await submit(klik, `/kommuner/${FAXE}/personer/${bo}/roller`, { roleTypeKey: 'systemansvarlig', solutionKey: 'aula' });
    await submit(klik, `/kommuner/${FAXE}/personer/${carl}/roller`, { roleTypeKey: 'systemansvarlig', solutionKey: 'aula' });
    expect(await primaryOf(FAXE, 'aula')).toEqual([anna]);
    expect(await holders(FAXE, 'systemansvarlig', 'aula')).toHaveLength(3);

    // "Gør til primær" on Bo's page: Bo becomes primary, Anna is demoted, one audit row.
    const boPage = (await klik.get(`/kommuner/${FAXE}/personer/${bo}`)).body;
    expect(boPage).toContain('Gør til primær');
    const made = await submit(klik, `/kommuner/${FAXE}/personer/${bo}/roller`, { roleTypeKey: 'systemansvarlig', solutionKey: 'aula', isPrimary: 'on' });
    expect(made.statusCode).toBe(303);
    expect(await primaryOf(FAXE, 'aula')).toEqual([bo]);
    await expectOneAudit(made.requestId, klikUserId, { municipality_code: FAXE, action: 'role.primary_changed' });
    expect(await holders(FAXE, 'systemansvarlig', 'aula')).toHaveLength(3);

    // Removing the primary's role promotes the longest-serving remaining holder (Anna).
    const boRole = (await holders(FAXE, 'systemansvarlig', 'aula')).find((h) => h.person_id === bo)!;
    const removed = await submit(klik, `/kommuner/${FAXE}/personer/${bo}/roller/${boRole.id}/fjern`, {});
    expect(removed.statusCode).toBe(303);
    expect(await primaryOf(FAXE, 'aula')).toEqual([anna]);
    const audit = await expectOneAudit(removed.requestId, klikUserId, { action: 'role.removed', before: { isPrimary: true } });
    const annaRole = (await holders(FAXE, 'systemansvarlig', 'aula')).find((h) => h.person_id === anna)!;
    expect(audit.after).toEqual({ newPrimaryAssignmentId: annaRole.id });

    // Deactivating the primary holder passes primary on as well (to Carl).
    const gone = await submit(klik, `/kommuner/${FAXE}/personer/${anna}/deaktiver`, {});
    expect(gone.statusCode).toBe(303);
    expect(await primaryOf(FAXE, 'aula')).toEqual([carl]);

    // The last holder leaving leaves the slot vacant, not with a dangling primary.
    const carlRole = (await holders(FAXE, 'systemansvarlig', 'aula')).find((h) => h.person_id === carl)!;
    await submit(klik, `/kommuner/${FAXE}/personer/${carl}/roller/${carlRole.id}/fjern`, {});
    expect(await holders(FAXE, 'systemansvarlig', 'aula')).toEqual([]);
  });

  it('asking for primary on a new assignment demotes the current primary (direct use case)', async () => {
    const ctx = await ctxFor(DEMO.klikAdmin(FAXE));
    const p1 = await addPerson(ctx, FAXE, { name: 'Dorte Dubu', email: `${uniq('d')}@faxe.dk` });
    const p2 = await addPerson(ctx, FAXE, { name: 'Erik Dubu', email: `${uniq('e')}@faxe.dk` });
    const a1 = await assignRole(ctx, FAXE, p1.id, { roleTypeKey: 'systemansvarlig', solutionKey: 'dubu' });
    expect(a1.assignment.isPrimary).toBe(true);
    const a2 = await assignRole(ctx, FAXE, p2.id, { roleTypeKey: 'systemansvarlig', solutionKey: 'dubu', isPrimary: true });
    expect(a2.assignment.isPrimary).toBe(true);
    expect(await primaryOf(FAXE, 'dubu')).toEqual([p2.id]);
    // Asking again for what is already so changes nothing.
    const again = await assignRole(ctx, FAXE, p2.id, { roleTypeKey: 'systemansvarlig', solutionKey: 'dubu', isPrimary: true });
    expect(again.changed).toBe(false);
    // The slot is per solution: FLIS in Faxe keeps its seeded primary.
    expect(await primaryOf(FAXE, 'flis')).toHaveLength(1);
  });

  it('keeps one primary when two holders ask for it at the same time', async () => {
    const ctx = await ctxFor(DEMO.admin);
    const p1 = await addPerson(ctx, BRONDBY, { name: 'Samtidig En', email: `${uniq('s1')}@brondby.dk` });
    const p2 = await addPerson(ctx, BRONDBY, { name: 'Samtidig To', email: `${uniq('s2')}@brondby.dk` });
    const results = await Promise.all(
      [p1, p2].map((p) =>
        api(adminToken, 'POST', `/api/v1/municipalities/${BRONDBY}/people/${p.id}/roles`, { roleTypeKey: 'systemansvarlig', solutionKey: 'kp', isPrimary: true }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(await primaryOf(BRONDBY, 'kp')).toHaveLength(1);
    expect(await holders(BRONDBY, 'systemansvarlig', 'kp')).toHaveLength(2);
  });

  it('is enforced by the database: a second primary row inserted with SQL is refused', async () => {
    const ctx = await ctxFor(DEMO.klikAdmin(FAXE));
    const p1 = await addPerson(ctx, FAXE, { name: 'Frida Valg', email: `${uniq('f')}@faxe.dk` });
    const p2 = await addPerson(ctx, FAXE, { name: 'Gustav Valg', email: `${uniq('g')}@faxe.dk` });
    await assignRole(ctx, FAXE, p1.id, { roleTypeKey: 'systemansvarlig', solutionKey: 'valg' });
    expect(await primaryOf(FAXE, 'valg')).toEqual([p1.id]);

    const insert = (isPrimary: boolean) =>
      t.database.db.execute(sql`insert into role_assignment (person_id, municipality_code, role_type_key, solution_key, is_primary)
                                values (${p2.id}, ${FAXE}, 'systemansvarlig', 'valg', ${isPrimary})`);
    const error = await insert(true).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(pgError(error)).toMatchObject({ code: '23505', constraint: 'role_assignment_one_primary' });
    expect(await primaryOf(FAXE, 'valg')).toEqual([p1.id]);
    // The same row as a non-primary holder is fine: the index is about primary only.
    await insert(false);
    expect(await holders(FAXE, 'systemansvarlig', 'valg')).toHaveLength(2);
  });

  it('holds across the whole database: every occupied slot has exactly one primary', async () => {
    const bad = await rows<{ municipality_code: string; solution_key: string; primaries: number }>(sql`
      select municipality_code, solution_key, count(*) filter (where is_primary)::int as primaries
      from role_assignment
      where role_type_key = 'systemansvarlig' and removed_at is null
      group by municipality_code, solution_key
      having count(*) filter (where is_primary) <> 1`);
    expect(bad).toEqual([]);
  });
});

describe('at most two compliancepakke-modtagere per municipality', () => {
  const message =
    'Kommunen har allerede to med rollen Compliancepakke-modtager, som er det højeste antal. Fjern rollen fra en af dem først.';

  it('refuses a third with 409 and a Danish message, writing nothing (page and API)', async () => {
    const [p1, p2, p3] = [await addViaPage('Compliance En'), await addViaPage('Compliance To'), await addViaPage('Compliance Tre')];
    for (const p of [p1, p2]) {
      expect((await submit(klik, `/kommuner/${FAXE}/personer/${p}/roller`, { roleTypeKey: 'compliancepakke-modtager' })).statusCode).toBe(303);
    }
    expect(await holders(FAXE, 'compliancepakke-modtager', null)).toHaveLength(2);

    const before = await counts();
    const page = await submit(klik, `/kommuner/${FAXE}/personer/${p3}/roller`, { roleTypeKey: 'compliancepakke-modtager' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Der kan højst være to med rollen Compliancepakke-modtager i kommunen');
    expect(page.body).toContain('Compliance Tre');
    expect(await counts()).toEqual(before);
    expect(await auditFor(page.requestId)).toEqual([]);

    const viaApi = await api(adminToken, 'POST', `/api/v1/municipalities/${FAXE}/people/${p3}/roles`, { roleTypeKey: 'compliancepakke-modtager' });
    expect(viaApi.statusCode).toBe(409);
    expect(viaApi.json()).toMatchObject({ code: 'conflict', message });
    expect(await counts()).toEqual(before);
    expect(await holders(FAXE, 'compliancepakke-modtager', null)).toHaveLength(2);

    // Once one of the two lets go, the third can take over.
    const [first] = await holders(FAXE, 'compliancepakke-modtager', null);
    await submit(klik, `/kommuner/${FAXE}/personer/${first!.person_id}/roller/${first!.id}/fjern`, {});
    expect((await submit(klik, `/kommuner/${FAXE}/personer/${p3}/roller`, { roleTypeKey: 'compliancepakke-modtager' })).statusCode).toBe(303);
    expect((await holders(FAXE, 'compliancepakke-modtager', null)).map((h) => h.person_id)).toContain(p3);
    expect(await holders(FAXE, 'compliancepakke-modtager', null)).toHaveLength(2);
  });

  it('holds when three requests arrive at once', async () => {
    const ctx = await ctxFor(DEMO.admin);
    const people = await Promise.all(
      ['Et', 'To', 'Tre'].map((n) => addPerson(ctx, BRONDBY, { name: `Samtidig modtager ${n}`, email: `${uniq('cm')}@brondby.dk` })),
    );
    const results = await Promise.all(
      people.map((p) => api(adminToken, 'POST', `/api/v1/municipalities/${BRONDBY}/people/${p.id}/roles`, { roleTypeKey: 'compliancepakke-modtager' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 409]);
    expect(await holders(BRONDBY, 'compliancepakke-modtager', null)).toHaveLength(2);
  });
});

describe('double submit', () => {
  it('of the same role form creates one assignment and one audit row', async () => {
    const id = await addViaPage('Dobbelt Klik');
    const before = await counts();
    const form = { roleTypeKey: 'superbruger', solutionKey: 'sapa' };
    const first = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller`, form);
    const second = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller`, form);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(await holders(FAXE, 'superbruger', 'sapa').then((h) => h.filter((x) => x.person_id === id))).toHaveLength(1);
    const after = await counts();
    expect(after.roles).toBe(before.roles + 1);
    expect(after.audit).toBe(before.audit + 1);
    expect(await auditFor(second.requestId)).toEqual([]);
  });

  it('of the same API call at the same moment creates one assignment (201 then 200)', async () => {
    const id = (await api(adminToken, 'POST', `/api/v1/municipalities/${FAXE}/people`, { name: 'Samtidig Klik', email: `${uniq('sk')}@faxe.dk` })).json().id;
    const results = await Promise.all(
      [1, 2].map(() => api(adminToken, 'POST', `/api/v1/municipalities/${FAXE}/people/${id}/roles`, { roleTypeKey: 'programleder' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect((await holders(FAXE, 'programleder', null)).filter((h) => h.person_id === id)).toHaveLength(1);
  });
});

describe('input errors', () => {
  it('a duplicate e-mail gives a Danish field error and writes nothing', async () => {
    const before = await counts();
    // Same address as Faxe's KLIK administrator, typed in capitals.
    const page = await submit(klik, `/kommuner/${FAXE}/personer`, { name: 'Dublet', email: DEMO.klikAdmin(FAXE).toUpperCase(), title: '', phone: '' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('E-mailadressen er allerede registreret i kommunens rollegalleri');
    expect(page.body).toContain('Der er problemer med det indsendte');
    expect(page.body).toContain('value="Dublet"');

    const viaApi = await api(adminToken, 'POST', `/api/v1/municipalities/${FAXE}/people`, { name: 'Dublet', email: DEMO.programLeader(FAXE) });
    expect(viaApi.statusCode).toBe(409);
    expect(viaApi.json().fieldErrors).toEqual({ email: 'E-mailadressen er allerede registreret i kommunens rollegalleri' });
    expect(await counts()).toEqual(before);

    // Changing someone's e-mail to an address already in use is refused the same way.
    const id = await addViaPage('Skifter Adresse');
    const frozen = await counts();
    const edit = await submit(klik, `/kommuner/${FAXE}/personer/${id}/rediger`, { name: 'Skifter Adresse', email: DEMO.programLeader(FAXE), title: '', phone: '' });
    expect(edit.statusCode).toBe(409);
    expect(edit.body).toContain('E-mailadressen bruges allerede af en anden');
    expect(await counts()).toEqual(frozen);
  });

  it('an empty name and a bad e-mail re-render the form with an error summary (422) and write nothing', async () => {
    const before = await counts();
    const res = await submit(klik, `/kommuner/${FAXE}/personer`, { name: '   ', email: 'ikke-en-mail', title: 'Konsulent', phone: '' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Der er problemer med det indsendte');
    expect(res.body).toContain('Navn: Navn skal udfyldes');
    expect(res.body).toContain('E-mail: Skriv en gyldig e-mailadresse, fx navn@kommune.dk');
    expect(res.body).toContain('href="#felt-name"');
    // What the user typed is kept.
    expect(res.body).toContain('value="ikke-en-mail"');
    expect(res.body).toContain('value="Konsulent"');
    expect(await counts()).toEqual(before);

    const phone = await submit(klik, `/kommuner/${FAXE}/personer`, { name: 'Tlf', email: 'tlf@faxe.dk', phone: 'ring til mig' });
    expect(phone.statusCode).toBe(422);
    expect(phone.body).toContain('Skriv et gyldigt telefonnummer');
    expect(await counts()).toEqual(before);
  });

  it('invalid API input gives 422 with Danish field errors and writes nothing', async () => {
    const before = await counts();
    const res = await api(adminToken, 'POST', `/api/v1/municipalities/${FAXE}/people`, { name: '', email: 'nope' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      fieldErrors: { name: 'Navn skal udfyldes', email: 'Skriv en gyldig e-mailadresse, fx navn@kommune.dk' },
    });
    expect(await counts()).toEqual(before);
  });

  it('a role for a solution needs the solution, and whole-municipality roles refuse one', async () => {
    const id = await addViaPage('Løsningsløs');
    const before = await counts();
    const noSolution = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller`, { roleTypeKey: 'systemansvarlig', solutionKey: '' });
    expect(noSolution.statusCode).toBe(422);
    expect(noSolution.body).toContain('Vælg hvilken løsning personen er systemansvarlig for');
    const extra = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller`, { roleTypeKey: 'programleder', solutionKey: 'aula' });
    expect(extra.statusCode).toBe(422);
    expect(extra.body).toContain('Rollen Programleder gælder hele kommunen og har ingen løsning');
    const central = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller`, { roleTypeKey: 'administrator' });
    expect(central.statusCode).toBe(422);
    expect(central.body).toContain('Vælg en af kommunens roller');
    const unknownSolution = await submit(klik, `/kommuner/${FAXE}/personer/${id}/roller`, { roleTypeKey: 'superbruger', solutionKey: 'findes-ikke' });
    expect(unknownSolution.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('direct calls validate before writing and report every field', async () => {
    const ctx = await ctxFor(DEMO.klikAdmin(FAXE));
    const before = await counts();
    const error = await addPerson(ctx, FAXE, { name: '', email: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 422, fieldErrors: { name: 'Navn skal udfyldes', email: expect.stringContaining('gyldig e-mailadresse') } });
    const p = await addPerson(ctx, FAXE, { name: '  Hanne Hansen  ', email: `  ${uniq('HANNE')}@Faxe.DK ` });
    // Names are trimmed and addresses normalised, so "the same e-mail" means the same thing everywhere.
    expect(p.name).toBe('Hanne Hansen');
    expect(p.email).toBe(p.email.trim().toLowerCase());
    await expect(updatePerson(ctx, FAXE, p.id, { name: 'Hanne', email: 'ugyldig' })).rejects.toMatchObject({ status: 422 });
    await expect(removeRole(ctx, FAXE, p.id, 'ikke-et-id')).rejects.toMatchObject({ status: 404 });
    await expect(deactivatePerson(ctx, FAXE, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
    const after = await counts();
    expect(after.people).toBe(before.people + 1);
    expect(after.audit).toBe(before.audit + 1);
  });
});
