import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';
import { rawRows } from '../../db/client.ts';
import { createTokenForEmail } from '../auth/index.ts';

/**
 * Who may see and change which municipality's gallery. Faxe (0320) and Brøndby (0153); Brøndby
 * has an Aula system owner in the demo data, Faxe has none.
 */

const FAXE = '0320';
const BRONDBY = '0153';
const OWNER_EMAIL = 'sofie.systemejer@faxe.dk';
const OWNER_PASSWORD = 'sofies-aula-kode';

let t: TestApp;
let admin: Client;
let faxeKlik: Client;
let faxeLeader: Client;
let consultant: Client;
let owner: Client; // Faxe's Aula system owner, created through the gallery and a password link
let ownerId: string;
let brondbyPersonId: string;
let brondbyRoleId: string;
let seq = 0;
const uniq = (prefix: string) => `${prefix}-${++seq}-${Date.now().toString(36)}`;

const rows = <T,>(query: ReturnType<typeof sql>) => rawRows<T>(t.database.db, query);
async function snapshot() {
  const [r] = await rows<{ people: number; roles: number; audit: number; mails: number; active: number }>(sql`
    select (select count(*)::int from person) as people,
           (select count(*)::int from role_assignment) as roles,
           (select count(*)::int from audit_event) as audit,
           (select count(*)::int from outbox_mail) as mails,
           (select count(*)::int from person where active) as active`);
  return r!;
}

const personIdFrom = (location: unknown) => /\/personer\/([0-9a-f-]{36})/.exec(String(location))![1]!;

type Overview = {
  vacantCount: number;
  coveredCount: number;
  municipalities: { code: string; name: string; holders: { name: string; email: string; isPrimary: boolean }[] }[];
};

/** Faxe's KLIK administrator adds Sofie as Aula system owner and sends her a password link; she picks a password. */
async function createSystemOwner() {
  const added = await faxeKlik.post(`/kommuner/${FAXE}/personer`, { name: 'Sofie Systemejer', email: OWNER_EMAIL, title: 'Aula-ansvarlig', phone: '' });
  expect(added.statusCode).toBe(303);
  ownerId = personIdFrom(added.headers.location);
  await faxeKlik.get(`/kommuner/${FAXE}/personer/${ownerId}`);
  expect((await faxeKlik.post(`/kommuner/${FAXE}/personer/${ownerId}/roller`, { roleTypeKey: 'systemansvarlig', solutionKey: 'aula' })).statusCode).toBe(303);
  expect((await faxeKlik.post(`/kommuner/${FAXE}/personer/${ownerId}/login-link`)).statusCode).toBe(303);

  const [mail] = await rows<{ body: string }>(sql`select body from outbox_mail where to_address = ${OWNER_EMAIL}`);
  const path = /\/adgangskode\/[\w-]+/.exec(mail!.body)![0];
  const visitor = new Client(t.app);
  await visitor.get(path);
  expect((await visitor.post(path, { password: OWNER_PASSWORD, confirm: OWNER_PASSWORD })).statusCode).toBe(303);
  owner = await loginAs(t.app, OWNER_EMAIL, OWNER_PASSWORD);
}

beforeAll(async () => {
  t = await startTestApp();
  [admin, faxeKlik, faxeLeader, consultant] = await Promise.all([
    loginAs(t.app, DEMO.admin),
    loginAs(t.app, DEMO.klikAdmin(FAXE)),
    loginAs(t.app, DEMO.programLeader(FAXE)),
    loginAs(t.app, DEMO.consultant),
  ]);
  const [p] = await rows<{ person_id: string; id: string }>(sql`
    select person_id, id from role_assignment
    where municipality_code = ${BRONDBY} and role_type_key = 'systemansvarlig' and solution_key = 'aula' and removed_at is null`);
  brondbyPersonId = p!.person_id;
  brondbyRoleId = p!.id;
  await createSystemOwner();
});
afterAll(() => t?.close());

describe('a Faxe system owner, created the way a municipality would', () => {
  it('has the Aula system owner role (primary, as the first) and a working login', async () => {
    expect((await owner.api('GET', '/api/v1/me')).json()).toMatchObject({
      municipalityCode: FAXE,
      roles: [{ roleTypeKey: 'systemansvarlig', solutionKey: 'aula', isPrimary: true }],
    });
  });

  it('reads Faxe, without the buttons for changing it', async () => {
    const page = await owner.get(`/kommuner/${FAXE}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Faxe Kommune</h1>');
    expect(page.body).toContain('Sofie Systemejer');
    expect(page.body).not.toContain('Tilføj person');
    const person = await owner.get(`/kommuner/${FAXE}/personer/${ownerId}`);
    expect(person.statusCode).toBe(200);
    expect(person.body).not.toContain('Deaktivér person');
    expect(person.body).not.toContain('Tildel rolle');
    expect((await owner.api('GET', `/api/v1/municipalities/${FAXE}/gallery`)).statusCode).toBe(200);
  });

  it('gets 403 on every write to Faxe, and nothing changes', async () => {
    const before = await snapshot();
    const pages = [
      await owner.get(`/kommuner/${FAXE}/personer/ny`),
      await owner.get(`/kommuner/${FAXE}/personer/${ownerId}/rediger`),
      await owner.post(`/kommuner/${FAXE}/personer`, { name: 'Ikke Tilladt', email: 'ikke-tilladt@faxe.dk' }),
      await owner.post(`/kommuner/${FAXE}/personer/${ownerId}/rediger`, { name: 'Sofie S', email: OWNER_EMAIL }),
      await owner.post(`/kommuner/${FAXE}/personer/${ownerId}/roller`, { roleTypeKey: 'programleder' }),
      await owner.post(`/kommuner/${FAXE}/personer/${ownerId}/deaktiver`),
      await owner.post(`/kommuner/${FAXE}/personer/${ownerId}/login-link`),
    ];
    for (const res of pages) {
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Ingen adgang');
    }
    // Not allowed is not allowed, whatever the form says: no form with errors comes back.
    for (const res of [
      await owner.post(`/kommuner/${FAXE}/personer`, { name: '', email: 'ugyldig' }),
      await owner.post(`/kommuner/${FAXE}/personer/${ownerId}/rediger`, { name: '', email: '' }),
      await owner.post(`/kommuner/${FAXE}/personer/${ownerId}/roller`, { roleTypeKey: '' }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('Der er problemer med det indsendte');
    }
    const [role] = await rows<{ id: string }>(sql`select id from role_assignment where person_id = ${ownerId} and removed_at is null`);
    expect((await owner.post(`/kommuner/${FAXE}/personer/${ownerId}/roller/${role!.id}/fjern`)).statusCode).toBe(403);

    const apis = [
      await owner.api('POST', `/api/v1/municipalities/${FAXE}/people`, { name: 'Ikke Tilladt', email: 'ikke-tilladt@faxe.dk' }),
      await owner.api('PUT', `/api/v1/municipalities/${FAXE}/people/${ownerId}`, { name: 'Sofie S', email: OWNER_EMAIL }),
      await owner.api('POST', `/api/v1/municipalities/${FAXE}/people/${ownerId}/roles`, { roleTypeKey: 'programleder' }),
      await owner.api('DELETE', `/api/v1/municipalities/${FAXE}/people/${ownerId}/roles/${role!.id}`),
      await owner.api('POST', `/api/v1/municipalities/${FAXE}/people/${ownerId}/deactivate`),
      await owner.api('POST', `/api/v1/municipalities/${FAXE}/people/${ownerId}/password-link`),
    ];
    for (const res of apis) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden', message: 'Du har ikke adgang til at gøre dette.' });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("a Faxe user asking for Brøndby's gallery", () => {
  it('gets 404 for the pages and the API, for reading', async () => {
    for (const c of [faxeKlik, faxeLeader, owner]) {
      for (const url of [`/kommuner/${BRONDBY}`, `/kommuner/${BRONDBY}/personer/${brondbyPersonId}`, `/kommuner/${BRONDBY}/personer/ny`]) {
        const res = await c.get(url);
        expect(res.statusCode).toBe(404);
        expect(res.body).toContain('Siden findes ikke');
        expect(res.body).not.toContain('Systemansvarlig aula Brøndby');
      }
      const api = await c.api('GET', `/api/v1/municipalities/${BRONDBY}/gallery`);
      expect(api.statusCode).toBe(404);
      expect(api.body).not.toContain('Brøndby');
    }
    // The list of municipalities sends a municipal user to their own.
    const list = await faxeKlik.get('/kommuner');
    expect(list.statusCode).toBe(303);
    expect(list.headers.location).toBe(`/kommuner/${FAXE}`);
  });

  it('gets 404 for every write, through the pages and the API, and nothing changes', async () => {
    const before = await snapshot();
    const form = { name: 'Indtrænger', email: 'indtraenger@faxe.dk' };
    const pages = [
      await faxeKlik.post(`/kommuner/${BRONDBY}/personer`, form),
      await faxeKlik.post(`/kommuner/${BRONDBY}/personer/${brondbyPersonId}/rediger`, form),
      await faxeKlik.post(`/kommuner/${BRONDBY}/personer/${brondbyPersonId}/roller`, { roleTypeKey: 'programleder' }),
      await faxeKlik.post(`/kommuner/${BRONDBY}/personer/${brondbyPersonId}/roller/${brondbyRoleId}/fjern`),
      await faxeKlik.post(`/kommuner/${BRONDBY}/personer/${brondbyPersonId}/deaktiver`),
      await faxeKlik.post(`/kommuner/${BRONDBY}/personer/${brondbyPersonId}/login-link`),
      // Brøndby's person addressed through Faxe's own gallery.
      await faxeKlik.post(`/kommuner/${FAXE}/personer/${brondbyPersonId}/deaktiver`),
      await faxeKlik.post(`/kommuner/${FAXE}/personer/${brondbyPersonId}/roller/${brondbyRoleId}/fjern`),
    ];
    expect(pages.map((r) => r.statusCode)).toEqual(pages.map(() => 404));

    const apis = [
      await faxeLeader.api('POST', `/api/v1/municipalities/${BRONDBY}/people`, form),
      await faxeLeader.api('PUT', `/api/v1/municipalities/${BRONDBY}/people/${brondbyPersonId}`, form),
      await faxeLeader.api('POST', `/api/v1/municipalities/${BRONDBY}/people/${brondbyPersonId}/roles`, { roleTypeKey: 'programleder' }),
      await faxeLeader.api('DELETE', `/api/v1/municipalities/${BRONDBY}/people/${brondbyPersonId}/roles/${brondbyRoleId}`),
      await faxeLeader.api('POST', `/api/v1/municipalities/${BRONDBY}/people/${brondbyPersonId}/deactivate`),
      await faxeLeader.api('POST', `/api/v1/municipalities/${BRONDBY}/people/${brondbyPersonId}/password-link`),
      await faxeLeader.api('PUT', `/api/v1/municipalities/${FAXE}/people/${brondbyPersonId}`, form),
      await faxeLeader.api('POST', `/api/v1/municipalities/${FAXE}/people/${brondbyPersonId}/deactivate`),
      await faxeLeader.api('DELETE', `/api/v1/municipalities/${FAXE}/people/${brondbyPersonId}/roles/${brondbyRoleId}`),
    ];
    for (const res of apis) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }

    // The same with a personal API token (no CSRF involved).
    const token = await createTokenForEmail(t.database.db, t.config, DEMO.klikAdmin(FAXE), 'tenancy');
    const afterToken = await snapshot();
    expect((await bearer(t.app, token, 'GET', `/api/v1/municipalities/${BRONDBY}/gallery`)).statusCode).toBe(404);
    expect((await bearer(t.app, token, 'POST', `/api/v1/municipalities/${BRONDBY}/people`, form)).statusCode).toBe(404);
    expect((await bearer(t.app, token, 'POST', `/api/v1/municipalities/${BRONDBY}/people/${brondbyPersonId}/deactivate`)).statusCode).toBe(404);

    expect(await snapshot()).toEqual({ ...before, audit: afterToken.audit });
    expect(afterToken.audit).toBe(before.audit + 1); // the token's own creation, nothing else
    const [brondby] = await rows<{ active: boolean; removed_at: unknown }>(sql`
      select p.active, r.removed_at from person p join role_assignment r on r.person_id = p.id where r.id = ${brondbyRoleId}`);
    expect(brondby).toEqual({ active: true, removed_at: null });
  });

  it('works the same the other way round: Brøndby cannot see Faxe', async () => {
    const brondby = await loginAs(t.app, DEMO.klikAdmin(BRONDBY));
    expect((await brondby.get(`/kommuner/${FAXE}`)).statusCode).toBe(404);
    expect((await brondby.api('GET', `/api/v1/municipalities/${FAXE}/gallery`)).statusCode).toBe(404);
    expect((await brondby.get(`/kommuner/${BRONDBY}`)).statusCode).toBe(200);
  });
});

describe("Faxe's programleder and KLIK administrator", () => {
  it('both manage Faxe through the pages and the API', async () => {
    for (const [c, who] of [
      [faxeKlik, 'KLIK'],
      [faxeLeader, 'Programleder'],
    ] as const) {
      const page = await c.get(`/kommuner/${FAXE}`);
      expect(page.body).toContain('Tilføj person');
      const added = await c.post(`/kommuner/${FAXE}/personer`, { name: `Tilføjet af ${who}`, email: `${uniq(who.toLowerCase())}@faxe.dk` });
      expect(added.statusCode).toBe(303);
      const id = personIdFrom(added.headers.location);
      await c.get(`/kommuner/${FAXE}/personer/${id}`);
      expect((await c.post(`/kommuner/${FAXE}/personer/${id}/roller`, { roleTypeKey: 'superbruger', solutionKey: 'ky' })).statusCode).toBe(303);

      const viaApi = await c.api('POST', `/api/v1/municipalities/${FAXE}/people`, { name: `API fra ${who}`, email: `${uniq(who.toLowerCase())}@faxe.dk` });
      expect(viaApi.statusCode).toBe(201);
      expect((await c.api('POST', `/api/v1/municipalities/${FAXE}/people/${viaApi.json().id}/deactivate`)).statusCode).toBe(200);
    }
  });
});

describe('the central consultant', () => {
  it('reads every gallery through the pages and the API', async () => {
    for (const code of [FAXE, BRONDBY, '0101']) {
      expect((await consultant.get(`/kommuner/${code}`)).statusCode).toBe(200);
      expect((await consultant.api('GET', `/api/v1/municipalities/${code}/gallery`)).statusCode).toBe(200);
    }
    const list = await consultant.get('/kommuner');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Faxe');
    expect(list.body).toContain('Brøndby');
    expect((await consultant.get(`/kommuner/${BRONDBY}`)).body).not.toContain('Tilføj person');
  });

  it('cannot write anywhere (403) and nothing changes', async () => {
    const before = await snapshot();
    for (const code of [FAXE, BRONDBY]) {
      const page = await consultant.post(`/kommuner/${code}/personer`, { name: 'Konsulentens Ven', email: 'ven@kombit.dk' });
      expect(page.statusCode).toBe(403);
      const api = await consultant.api('POST', `/api/v1/municipalities/${code}/people`, { name: 'Konsulentens Ven', email: 'ven@kombit.dk' });
      expect(api.statusCode).toBe(403);
    }
    expect((await consultant.post(`/kommuner/${BRONDBY}/personer`, { name: '', email: '' })).statusCode).toBe(403);
    expect((await consultant.post(`/kommuner/${BRONDBY}/personer/${brondbyPersonId}/roller`, { roleTypeKey: 'systemansvarlig' })).statusCode).toBe(403);
    expect((await consultant.post(`/kommuner/${BRONDBY}/personer/${brondbyPersonId}/deaktiver`)).statusCode).toBe(403);
    expect((await consultant.api('POST', `/api/v1/municipalities/${BRONDBY}/people/${brondbyPersonId}/roles`, { roleTypeKey: 'programleder' })).statusCode).toBe(403);
    expect((await consultant.api('DELETE', `/api/v1/municipalities/${BRONDBY}/people/${brondbyPersonId}/roles/${brondbyRoleId}`)).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the central administrator', () => {
  it('writes in any municipality', async () => {
    for (const code of [FAXE, BRONDBY, '0851']) {
      const page = await admin.post(`/kommuner/${code}/personer`, { name: `Administreret ${code}`, email: `${uniq('adm')}@kommune.dk` });
      expect(page.statusCode).toBe(303);
      const id = personIdFrom(page.headers.location);
      const role = await admin.api('POST', `/api/v1/municipalities/${code}/people/${id}/roles`, { roleTypeKey: 'it-chef' });
      expect(role.statusCode).toBe(201);
      const [audit] = await rows<{ municipality_code: string; action: string }>(sql`
        select municipality_code, action from audit_event where entity_id = ${id} order by id`);
      expect(audit).toEqual({ municipality_code: code, action: 'person.created' });
    }
  });
});

describe('the central overview of a role across municipalities', () => {
  it('is only for central staff', async () => {
    for (const c of [faxeKlik, faxeLeader, owner]) {
      const page = await c.get('/rolleoverblik');
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('Oversigten på tværs af kommuner er forbeholdt KOMBIT.');
      const api = await c.api('GET', '/api/v1/role-overview?role=systemansvarlig&solution=aula');
      expect(api.statusCode).toBe(403);
    }
    expect((await consultant.get('/rolleoverblik')).statusCode).toBe(200);
    expect((await admin.api('GET', '/api/v1/role-overview?role=programleder')).statusCode).toBe(200);
  });

  it('refuses municipal users before it reads the query: 403 for a missing or odd role, on the API and the page', async () => {
    for (const c of [faxeKlik, faxeLeader]) {
      for (const query of ['', '?role=', '?solution=aula', '?role=findes-ikke', '?role=a&role=b']) {
        const api = await c.api('GET', `/api/v1/role-overview${query}`);
        expect(api.statusCode, query).toBe(403);
        expect(api.json().message).toBe('Oversigten på tværs af kommuner er forbeholdt KOMBIT.');
      }
      for (const url of ['/rolleoverblik?rolle=&loesning=', '/rolleoverblik?rolle=findes-ikke&rolle=x', '/rolleoverblik/eksport.csv?rolle=']) {
        expect((await c.get(url)).statusCode, url).toBe(403);
      }
    }
    // Central staff still get the query checked.
    expect((await admin.api('GET', '/api/v1/role-overview')).statusCode).toBe(422);
  });

  it('lists vacancies first, counts them, and shows the new Aula system owner in Faxe', async () => {
    const res = await consultant.api('GET', '/api/v1/role-overview?role=systemansvarlig&solution=aula');
    expect(res.statusCode).toBe(200);
    const o = res.json() as Overview;
    expect(o.municipalities).toHaveLength(98);
    // Demo data: Aula system owners in 0101, 0153, 0707, 0751 and 0461; plus Sofie in Faxe.
    const covered = o.municipalities.filter((m) => m.holders.length > 0).map((m) => m.code).sort();
    expect(covered).toEqual(['0101', '0153', '0320', '0461', '0707', '0751']);
    expect(o.coveredCount).toBe(6);
    expect(o.vacantCount).toBe(92);
    // Vacancies first: the first 92 rows are the vacant ones.
    expect(o.municipalities.slice(0, 92).every((m) => m.holders.length === 0)).toBe(true);
    expect(o.municipalities.slice(92).every((m) => m.holders.length > 0)).toBe(true);
    expect(o.municipalities.find((m) => m.code === FAXE)!.holders).toEqual([
      expect.objectContaining({ name: 'Sofie Systemejer', email: OWNER_EMAIL, isPrimary: true }),
    ]);

    const page = await consultant.get('/rolleoverblik?rolle=systemansvarlig&loesning=aula');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('92 af 98 kommuner');
    expect(page.body).toContain('6 kommuner er dækket');
    expect(page.body).toContain(`Sofie Systemejer (primær) · ${OWNER_EMAIL}`);
    const codes = [...page.body.matchAll(/data-kommune="(\d{4})"/g)].map((m) => m[1]);
    expect(codes).toHaveLength(98);
    expect(codes.slice(92).sort()).toEqual(covered);
  });

  it('follows changes: when Sofie leaves, Faxe is vacant again', async () => {
    expect((await faxeKlik.post(`/kommuner/${FAXE}/personer/${ownerId}/deaktiver`)).statusCode).toBe(303);
    const o = (await consultant.api('GET', '/api/v1/role-overview?role=systemansvarlig&solution=aula')).json() as Overview;
    expect(o.vacantCount).toBe(93);
    expect(o.municipalities.findIndex((m) => m.code === FAXE)).toBeLessThan(93);
    expect(o.municipalities.find((m) => m.code === FAXE)!.holders).toEqual([]);
    // And her session ended with her.
    expect((await owner.get(`/kommuner/${FAXE}`)).statusCode).toBe(303);
  });

  it('counts whole-municipality roles, and refuses unknown roles and solutions with 404', async () => {
    const leaders = (await admin.api('GET', '/api/v1/role-overview?role=programleder')).json() as Overview & { solutionKey: string | null };
    expect(leaders.solutionKey).toBeNull();
    expect(leaders.vacantCount).toBe(0);
    expect(leaders.coveredCount).toBe(98);
    expect((await admin.api('GET', '/api/v1/role-overview?role=findes-ikke')).statusCode).toBe(404);
    expect((await admin.api('GET', '/api/v1/role-overview?role=administrator')).statusCode).toBe(404);
    expect((await admin.api('GET', '/api/v1/role-overview?role=systemansvarlig&solution=findes-ikke')).statusCode).toBe(404);
  });
});

describe('a caller who may not write learns nothing from a malformed body', () => {
  it('gets 403 (own municipality, read-only) or 404 (another municipality), never a validation report', async () => {
    const before = await snapshot();
    const ro = await consultant.api('POST', `/api/v1/municipalities/${FAXE}/people`, { name: '', email: 'not-an-email' });
    expect(ro.statusCode).toBe(403);
    const other = await faxeKlik.api('POST', `/api/v1/municipalities/${BRONDBY}/people`, { name: '', email: 'not-an-email' });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'not_found', fieldErrors: {} });
    expect(await snapshot()).toEqual(before);
  });
});
