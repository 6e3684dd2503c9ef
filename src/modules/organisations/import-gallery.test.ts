import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { auditEvent } from '../../platform/audit/schema.ts';
import { person, roleAssignment } from '../../platform/identity/schema.ts';

const FAXE = '0320';

/** A hand-built multipart body, as a browser sends it for a form with a file input. */
function multipart(fields: Record<string, string>, file: Buffer) {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="galleri.csv"\r\nContent-Type: text/csv\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts the file as the import form does, or to the API when `api` is set (session + CSRF header). */
async function upload(c: Client, code: string, file: Buffer | string, opts: { api?: boolean } = {}) {
  const { payload, contentType } = multipart(opts.api ? {} : { _csrf: c.csrf }, Buffer.from(file));
  const headers: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType };
  if (opts.api) headers['x-csrf-token'] = c.csrf;
  const url = opts.api ? `/api/v1/municipalities/${code}/gallery/import` : `/kommuner/${code}/import`;
  return c.app.inject({ method: 'POST', url, headers, payload });
}

const csv = (...lines: string[]) => ['Navn;E-mail;Titel;Telefon;Rolle;Løsning;Primær', ...lines].join('\r\n') + '\r\n';

describe('importing a municipality gallery', () => {
  let t: TestApp;
  let faxe: Client;

  const counts = async (code = FAXE) => {
    const db = t.database.db;
    const [people] = await db.select({ n: sql<number>`count(*)::int` }).from(person).where(and(eq(person.municipalityCode, code), eq(person.active, true)));
    const [roles] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(roleAssignment)
      .where(and(eq(roleAssignment.municipalityCode, code), isNull(roleAssignment.removedAt)));
    const [audit] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.municipalityCode, code));
    return { people: people!.n, roles: roles!.n, audit: audit!.n };
  };

  beforeAll(async () => {
    t = await startTestApp();
    faxe = await loginAs(t.app, DEMO.klikAdmin(FAXE));
  });
  afterAll(() => t.close());

  it('shows a multipart form with the CSRF field, a labelled file input and a link to the template', async () => {
    const res = await faxe.get(`/kommuner/${FAXE}/import`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(res.body).toContain('<label class="form-label" for="felt-fil">');
    expect(res.body).toContain('name="fil"');
    expect(res.body).toContain(`href="/kommuner/${FAXE}/eksport.xlsx"`);
    expect(res.body).toContain('Importen fjerner aldrig noget.');
  });

  it('creates people and roles, updates details, audits once, and does nothing the second time', async () => {
    const file = csv(
      'Birthe Borg;Birthe.Borg@faxe.dk;Teamleder;56 20 30 00;Systemansvarlig;Aula;',
      'Birthe Borg;birthe.borg@faxe.dk;;;Superbruger;aula;Nej',
      'Carl Holm;carl@faxe.dk;;;Compliancepakke-modtager;;',
      'Dorte Ny;dorte@faxe.dk;;;;;',
      `Programleder Faxe;programleder-${FAXE}@samspil.demo;Programleder og chef;;Programleder;;Nej`,
    );
    const before = await counts();
    const res = await upload(faxe, FAXE, file);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/kommuner/${FAXE}?besked=importeret`);

    const after = await counts();
    expect(after.people).toBe(before.people + 3);
    expect(after.roles).toBe(before.roles + 3);
    const [birthe] = await t.database.db.select().from(person).where(eq(person.email, 'birthe.borg@faxe.dk'));
    expect(birthe).toMatchObject({ name: 'Birthe Borg', title: 'Teamleder', phone: '56 20 30 00', municipalityCode: FAXE });
    const aula = await t.database.db.select().from(roleAssignment).where(and(eq(roleAssignment.personId, birthe!.id), eq(roleAssignment.roleTypeKey, 'systemansvarlig')));
    // Faxe had no system owner for Aula, so the first one is primary by necessity.
    expect(aula).toMatchObject([{ solutionKey: 'aula', isPrimary: true }]);
    const [leader] = await t.database.db.select().from(person).where(eq(person.email, `programleder-${FAXE}@samspil.demo`));
    expect(leader!.title).toBe('Programleder og chef');
    const imported = await t.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'gallery.imported'), eq(auditEvent.municipalityCode, FAXE)));
    expect(imported).toHaveLength(1);
    expect(imported[0]!.after).toMatchObject({ created: 3, updated: 1, rolesAssigned: 3, unchanged: 0, rows: 5 });

    const page = await faxe.get(`/kommuner/${FAXE}?besked=importeret`);
    expect(page.body).toContain('Importen er gennemført.');
    expect(page.body).toContain('Birthe Borg');

    const again = await upload(faxe, FAXE, file, { api: true });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ created: 0, updated: 0, rolesAssigned: 0, unchanged: 5 });
    expect(await counts()).toEqual(after);
  });

  it('writes nothing when one row is bad, and reports each bad line in Danish', async () => {
    const file = csv(
      'Erik Eng;erik@faxe.dk;;;Superbruger;Aula;',
      'Frida Fjord;frida@faxe.dk;;;Systemansvalig;Aula;',
      'Gorm Gran;gorm@faxe.dk;;;Systemansvarlig;;',
      'Hans Hav;ikke-en-mail;;;;;',
      'Ida Is;ida@faxe.dk;;;Programleder;Aula;Ja',
    );
    const before = await counts();
    const res = await upload(faxe, FAXE, file);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="error-summary"');
    expect(res.body).toContain('Linje 3: Ukendt rolle &#34;Systemansvalig&#34;');
    expect(res.body).toContain('Linje 4: Løsning mangler for rollen Systemansvarlig');
    expect(res.body).toContain('Linje 5: Ugyldig e-mail &#34;ikke-en-mail&#34;');
    expect(res.body).toContain('Linje 6: Rollen Programleder gælder hele kommunen');
    expect(res.body).not.toContain('Linje 2:');
    expect(await counts()).toEqual(before);

    const api = await upload(faxe, FAXE, file, { api: true });
    expect(api.statusCode).toBe(422);
    expect(api.json()).toMatchObject({ code: 'validation_failed', fieldErrors: { 'linje-3': 'Ukendt rolle "Systemansvalig"' } });
    expect(Object.keys(api.json().fieldErrors)).toEqual(['linje-3', 'linje-4', 'linje-5', 'linje-6']);
    expect(await counts()).toEqual(before);
  });

  it('refuses a third compliance recipient and two different primaries for one solution', async () => {
    // Carl (imported above) already holds the role; two more would make three.
    const third = csv('Jens Jul;jens@faxe.dk;;;Compliancepakke-modtager;;', 'Kim Kat;kim@faxe.dk;;;Compliancepakke-modtager;;');
    const before = await counts();
    const res = await upload(faxe, FAXE, third, { api: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().fieldErrors).toEqual({
      'linje-3': 'Der kan højst være to med rollen Compliancepakke-modtager i kommunen, og Carl Holm og Jens Jul har den allerede',
    });

    const primaries = csv('Lis Lund;lis@faxe.dk;;;Systemansvarlig;FLIS;Ja', 'Mads Mos;mads@faxe.dk;;;Systemansvarlig;FLIS;Ja');
    const res2 = await upload(faxe, FAXE, primaries);
    expect(res2.statusCode).toBe(422);
    expect(res2.body).toContain('Linje 3: Linje 2 gør allerede Lis Lund til primær Systemansvarlig for FLIS');
    expect(await counts()).toEqual(before);
  });

  it('moves the primary when the file says Ja, and reads the exported XLSX back without changes', async () => {
    const res = await upload(faxe, FAXE, csv('Lis Lund;lis@faxe.dk;;;Systemansvarlig;FLIS;Ja'));
    expect(res.statusCode).toBe(303);
    const flis = await t.database.db
      .select({ email: person.email, isPrimary: roleAssignment.isPrimary })
      .from(roleAssignment)
      .innerJoin(person, eq(person.id, roleAssignment.personId))
      .where(and(eq(roleAssignment.municipalityCode, FAXE), eq(roleAssignment.solutionKey, 'flis'), isNull(roleAssignment.removedAt)));
    expect(flis.filter((r) => r.isPrimary).map((r) => r.email)).toEqual(['lis@faxe.dk']);
    expect(flis).toHaveLength(2);

    const before = await counts();
    const xlsx = await faxe.get(`/kommuner/${FAXE}/eksport.xlsx`);
    const again = await upload(faxe, FAXE, xlsx.rawPayload, { api: true });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, rolesAssigned: 0 });
    expect(await counts()).toEqual(before);
  });

  it('explains a missing file, missing columns and unreadable files without writing', async () => {
    const before = await counts();
    const empty = await upload(faxe, FAXE, '');
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Vælg en XLSX- eller CSV-fil');
    const noEmail = await upload(faxe, FAXE, 'Navn;Rolle\r\nNiels;Programleder\r\n', { api: true });
    expect(noEmail.json()).toMatchObject({ fieldErrors: { fil: 'Filen skal have kolonnerne Navn og E-mail i første række' } });
    const broken = await upload(faxe, FAXE, 'Navn;E-mail\r\n"Niels;n@faxe.dk\r\n', { api: true });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().fieldErrors.fil).toContain('anførselstegn');
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for another municipality's import and 403 for readers without manage rights", async () => {
    const brondby = '0153';
    const before = await counts(brondby);
    expect((await faxe.get(`/kommuner/${brondby}/import`)).statusCode).toBe(404);
    expect((await upload(faxe, brondby, csv('Ole Ost;ole@x.dk;;;;;'))).statusCode).toBe(404);
    expect((await upload(faxe, brondby, csv('Ole Ost;ole@x.dk;;;;;'), { api: true })).statusCode).toBe(404);
    expect(await counts(brondby)).toEqual(before);

    const consultant = await loginAs(t.app, DEMO.consultant);
    expect((await consultant.get(`/kommuner/${FAXE}/import`)).statusCode).toBe(403);
    expect((await upload(consultant, FAXE, csv('Ole Ost;ole@x.dk;;;;;'), { api: true })).statusCode).toBe(403);

    const admin = await loginAs(t.app, DEMO.admin);
    expect((await upload(admin, brondby, csv('Ole Ost;ole@broendby.dk;;;;;'), { api: true })).json()).toEqual({
      created: 1,
      updated: 0,
      rolesAssigned: 0,
      unchanged: 0,
    });
  });

  it('rejects a form post without the CSRF token', async () => {
    const { payload, contentType } = multipart({}, Buffer.from(csv('Ole Ost;ole@faxe.dk;;;;;')));
    const cookie = [...faxe.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await t.app.inject({ method: 'POST', url: `/kommuner/${FAXE}/import`, headers: { cookie, 'content-type': contentType }, payload });
    expect(res.statusCode).toBe(403);
  });
});
