import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildPackage } from '../../../../test/factories/compliance.ts';
import { rawRows } from '../../../db/client.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { eq } from 'drizzle-orm';

/**
 * Skema 1: activities with their legal bases and categories, column G, principles and rights,
 * through the pages and the API. Who may write (information security, drafts only), that bad
 * input changes nothing, and that a double submit saves once.
 */

let t: TestApp;
let author: Client;
let economist: Client;
let recipient: Client;
const rows = <T,>(q: ReturnType<typeof sql>) => rawRows<T>(t.database.db, q);

async function account(code: string | null, role: string, email: string): Promise<Client> {
  const db = t.database.db;
  const [p] = await db.insert(person).values({ municipalityCode: code, name: `Test ${role}`, email, title: 'Test' }).returning({ id: person.id });
  await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword('record-test-1') });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: code, roleTypeKey: role, solutionKey: null });
  return loginAs(t.app, email, 'record-test-1');
}

const activities = async (packageId: string) =>
  rows<{ id: string; ref: string; name: string }>(sql`select id, ref, name from compliance_activity where package_id = ${packageId} order by sort, ref`);
const links = async (activityId: string) =>
  (await rows<{ l: string }>(sql`select data_key || '|' || subject_key as l from compliance_column_g where activity_id = ${activityId} order by 1`)).map((r) => r.l);
const audits = async (action: string) => (await rows<{ n: number }>(sql`select count(*)::int as n from audit_event where action = ${action}`))[0]!.n;
const activityOf = async (packageId: string, ref: string) => (await activities(packageId)).find((a) => a.ref === ref)!;

/** The form's fields; repeated fields as URLSearchParams repeats them. */
async function postForm(c: Client, url: string, fields: [string, string][]) {
  return c.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', c.csrf], ...fields]).toString(),
  });
}

const activityForm = (ref: string, extra: [string, string][] = []): [string, string][] => [
  ['ref', ref],
  ['name', `Elevplaner ${ref}`],
  ['purpose', 'Opfølgning på elevernes udvikling'],
  ['legalBases', 'art6-1-e'],
  ['legalBases', 'dbl-11'],
  ['legalBasisNote', 'Folkeskoleloven § 13 b'],
  ['dataSubjects', 'borgere'],
  ['dataSubjects', 'boern'],
  ['personalData', 'cpr'],
  ['personalData', 'helbred'],
  ['recipients', 'Forældre'],
  ['thirdCountries', ''],
  ['transferBasis', ''],
  ['retention', '5-aar'],
  ['deletion', 'Slettes ved skoleskift.'],
  ...extra,
];

const apiActivity = (ref: string, o: Record<string, unknown> = {}) => ({
  ref,
  name: `API-aktivitet ${ref}`,
  legalBases: ['art6-1-e'],
  dataSubjects: ['borgere', 'boern'],
  personalData: ['identifikation', 'cpr'],
  retention: '3-aar',
  ...o,
});

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const [consultant] = await db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
  await db.insert(roleAssignment).values({ personId: consultant!.personId, municipalityCode: null, roleTypeKey: 'informationssikkerhed', solutionKey: null });
  author = await loginAs(t.app, DEMO.consultant);
  economist = await account(null, 'oekonomi', `oekonomi-${randomUUID()}@record.test`);
  recipient = await account('0320', 'compliancepakke-modtager', `modtager-${randomUUID()}@record.test`);
}, 60_000);
afterAll(() => t?.close());

describe('Skema 1', () => {
  it('saves an activity with its categories and column G through the pages, and shows them on Skema 1', async () => {
    const pkg = await buildPackage(t.database.db, { activities: 1 });
    const form = await author.get(`/compliance/pakker/${pkg.id}/fortegnelse/ny`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Behandlingen er nødvendig af hensyn til en opgave i samfundets interesse'); // a basis's reference text
    const saved = await postForm(author, `/compliance/pakker/${pkg.id}/fortegnelse/ny`, activityForm('B9'));
    expect(saved.statusCode).toBe(303);
    const a = await activityOf(pkg.id, 'B9');
    expect(saved.headers.location).toBe(`/compliance/pakker/${pkg.id}/fortegnelse?besked=aktivitet-gemt#aktivitet-${a.id}`);

    const grid = await postForm(author, `/compliance/pakker/${pkg.id}/fortegnelse/${a.id}/kolonne-g`, [
      ['cell', 'cpr|boern'],
      ['cell', 'cpr|borgere'],
    ]);
    expect(grid.statusCode).toBe(303);
    expect(await links(a.id)).toEqual(['cpr|boern', 'cpr|borgere']);
    expect(await audits('compliance.activity_saved')).toBeGreaterThan(0);
    expect(await audits('compliance.column_g_saved')).toBeGreaterThan(0);

    const page = await author.get(`/compliance/pakker/${pkg.id}/fortegnelse`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Compliancepakke ${pkg.year} – Aula: Skema 1</h1>`);
    expect(page.body).toContain('CPR-nummer → Borgere, Børn og unge');
    expect(page.body).toContain('Følsomme personoplysninger (art. 9): </strong><span>Helbredsoplysninger');
    expect(page.body).toContain('Databeskyttelseslovens § 11</strong><span> – Offentlige myndigheder må behandle CPR-nummer');
    expect(page.body).toContain('Folkeskoleloven § 13 b');
    // health data is linked to nobody yet: said in words
    expect(page.body).toContain('Helbredsoplysninger er ikke knyttet til nogen kategori af registrerede.');
    expect(page.body).toContain(`href="/compliance/pakker/${pkg.id}/fortegnelse/${a.id}"`);

    // Dropping a data subject from the activity drops its column G links, and only those.
    const put = await author.api('PUT', `/api/v1/compliance/packages/${pkg.id}/activities/${a.id}`, apiActivity('B9', { dataSubjects: ['borgere'], personalData: ['cpr', 'helbred'] }));
    expect(put.statusCode).toBe(200);
    expect(await links(a.id)).toEqual(['cpr|borgere']);
  });

  it('refuses a column G link to a category not on the activity, and changes nothing', async () => {
    const pkg = await buildPackage(t.database.db, { activities: 1 });
    const a = await activityOf(pkg.id, 'B1');
    const before = await links(a.id);
    const res = await author.api('PUT', `/api/v1/compliance/packages/${pkg.id}/activities/${a.id}/column-g`, [
      { personalData: 'cpr', dataSubjects: ['boern'] },
      { personalData: 'oekonomi', dataSubjects: ['borgere'] },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().fieldErrors.personalData).toContain('Økonomiske forhold');
    expect(await links(a.id)).toEqual(before);
    const ok = await author.api('PUT', `/api/v1/compliance/packages/${pkg.id}/activities/${a.id}/column-g`, [{ personalData: 'cpr', dataSubjects: ['boern', 'borgere'] }]);
    expect(ok.statusCode).toBe(200);
    expect(await links(a.id)).toEqual(['cpr|boern', 'cpr|borgere']);
  });

  it('refuses an unknown legal basis with a 422 naming the field, and saves nothing', async () => {
    const pkg = await buildPackage(t.database.db, { activities: 1 });
    const audit = await audits('compliance.activity_saved');
    const res = await author.api('POST', `/api/v1/compliance/packages/${pkg.id}/activities`, apiActivity('B5', { legalBases: ['art6-1-e', 'art99'] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().fieldErrors.legalBases).toBe('Ukendt retsgrundlag: art99');
    expect((await activities(pkg.id)).map((a) => a.ref)).toEqual(['B1']);
    expect(await audits('compliance.activity_saved')).toBe(audit);
    // the page says the same next to the field, with what was typed kept
    const page = await postForm(author, `/compliance/pakker/${pkg.id}/fortegnelse/ny`, activityForm('B5', [['legalBases', 'art99']]));
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Retsgrundlag: Ukendt retsgrundlag: art99');
    expect(page.body).toContain('value="Elevplaner B5"');
  });

  it('says clearly when the number is taken, and when third countries lack a transfer basis', async () => {
    const pkg = await buildPackage(t.database.db, { activities: 2 });
    const dup = await postForm(author, `/compliance/pakker/${pkg.id}/fortegnelse/ny`, activityForm('b2'));
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('B2 er allerede nummeret på en anden behandlingsaktivitet i pakken');
    const noBasis = await author.api('POST', `/api/v1/compliance/packages/${pkg.id}/activities`, apiActivity('B7', { thirdCountries: 'USA' }));
    expect(noBasis.statusCode).toBe(422);
    expect(noBasis.json().fieldErrors.transferBasis).toContain('Vælg overførselsgrundlaget');
    const none = await author.api('POST', `/api/v1/compliance/packages/${pkg.id}/activities`, apiActivity('B7', { thirdCountries: 'USA', transferBasis: 'none' }));
    expect(none.statusCode).toBe(201);
    const page = await author.get(`/compliance/pakker/${pkg.id}/fortegnelse`);
    expect(page.body).toContain('Der overføres til tredjelande uden overførselsgrundlag');
  });

  it('refuses every write to a published package (403) and leaves it as it was', async () => {
    const pkg = await buildPackage(t.database.db, { status: 'published' });
    const a = await activityOf(pkg.id, 'B1');
    const before = { acts: await activities(pkg.id), links: await links(a.id) };
    const base = `/api/v1/compliance/packages/${pkg.id}`;
    expect((await author.api('POST', `${base}/activities`, apiActivity('B8'))).statusCode).toBe(403);
    expect((await author.api('PUT', `${base}/activities/${a.id}`, apiActivity('B1'))).statusCode).toBe(403);
    expect((await author.api('DELETE', `${base}/activities/${a.id}`)).statusCode).toBe(403);
    expect((await author.api('PUT', `${base}/activities/${a.id}/column-g`, [])).statusCode).toBe(403);
    expect((await author.api('PUT', `${base}/rights`, { principles: 'Nyt' })).statusCode).toBe(403);
    expect((await postForm(author, `/compliance/pakker/${pkg.id}/fortegnelse/ny`, activityForm('B8'))).statusCode).toBe(403);
    expect((await author.get(`/compliance/pakker/${pkg.id}/fortegnelse/ny`)).statusCode).toBe(403);
    expect({ acts: await activities(pkg.id), links: await links(a.id) }).toEqual(before);
    // it still reads, without edit links
    const page = await author.get(`/compliance/pakker/${pkg.id}/fortegnelse`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Tilføj behandlingsaktivitet');
  });

  it('lets central readers read but not write (403); another municipality gets 404', async () => {
    const draft = await buildPackage(t.database.db, { activities: 1 });
    const a = await activityOf(draft.id, 'B1');
    expect((await economist.get(`/compliance/pakker/${draft.id}/fortegnelse`)).statusCode).toBe(200);
    expect((await economist.api('POST', `/api/v1/compliance/packages/${draft.id}/activities`, apiActivity('B4'))).statusCode).toBe(403);
    expect((await economist.api('PUT', `/api/v1/compliance/packages/${draft.id}/activities/${a.id}/column-g`, [])).statusCode).toBe(403);
    expect((await economist.get(`/compliance/pakker/${draft.id}/principper`)).statusCode).toBe(403);
    expect((await activities(draft.id)).length).toBe(1);

    const elsewhere = await buildPackage(t.database.db, { status: 'published', targets: ['0153'] });
    expect((await recipient.get(`/compliance/pakker/${elsewhere.id}/fortegnelse`)).statusCode).toBe(404);
    expect((await recipient.api('POST', `/api/v1/compliance/packages/${elsewhere.id}/activities`, apiActivity('B4'))).statusCode).toBe(404);
    expect((await recipient.get(`/compliance/pakker/${draft.id}/fortegnelse`)).statusCode).toBe(404);
    const own = await buildPackage(t.database.db, { status: 'published', targets: ['0320'] });
    const page = await recipient.get(`/compliance/pakker/${own.id}/fortegnelse`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Behandlingsaktivitet 1');
    expect((await recipient.api('POST', `/api/v1/compliance/packages/${own.id}/activities`, apiActivity('B4'))).statusCode).toBe(403);
  });

  it('makes one activity of a double submit', async () => {
    const pkg = await buildPackage(t.database.db, { activities: 0 });
    const key = randomUUID();
    const form = activityForm('B3', [['requestKey', key]]);
    const [first, second] = [
      await postForm(author, `/compliance/pakker/${pkg.id}/fortegnelse/ny`, form),
      await postForm(author, `/compliance/pakker/${pkg.id}/fortegnelse/ny`, form),
    ];
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    // the API without a key: the same body at once is the same request
    const body = apiActivity('B4');
    const api = await Promise.all([0, 1].map(() => author.api('POST', `/api/v1/compliance/packages/${pkg.id}/activities`, body)));
    expect(api.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect((await activities(pkg.id)).map((a) => a.ref)).toEqual(['B3', 'B4']);
  });

  it('draws column G as a grid with labelled checkboxes, a hint for unlinked data, and read-only ticks with text for readers', async () => {
    const pkg = await buildPackage(t.database.db, { activities: 1 });
    const a = await activityOf(pkg.id, 'B1');
    const url = `/compliance/pakker/${pkg.id}/fortegnelse/${a.id}/kolonne-g`;
    const grid = await author.get(url);
    expect(grid.statusCode).toBe(200);
    expect(grid.body).toContain('<th scope="col">Børn og unge</th>');
    expect(grid.body).toMatch(
      /<input type="checkbox" class="form-checkbox" id="celle-cpr-boern" name="cell" value="cpr\|boern"\s*\/?>\s*<label for="celle-cpr-boern" class="form-label"><span class="sr-only">CPR-nummer – Børn og unge<\/span><\/label>/,
    );
    expect(grid.body).toMatch(/value="cpr\|borgere" checked/);
    // identification data is on the activity but linked to nobody
    expect(grid.body).toContain('Identifikationsoplysninger (navn, adresse, kontaktoplysninger) er ikke knyttet til nogen kategori af registrerede');
    const read = await economist.get(url);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('type="checkbox"');
    expect(read.body).toContain('Ja<span class="sr-only">: CPR-nummer – Borgere</span>');
  });

  it('saves principles, security measures and the handling of each right', async () => {
    const pkg = await buildPackage(t.database.db, { activities: 0 });
    const form = await author.get(`/compliance/pakker/${pkg.id}/principper`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Ret til indsigt (Art. 15)');
    const res = await postForm(author, `/compliance/pakker/${pkg.id}/principper`, [
      ['principles', 'Dataminimering i alle moduler.'],
      ['securityMeasures', 'Kryptering i hvile og under transport.'],
      ['ret-indsigt', 'Kommunen svarer via Aulas indsigtsudtræk.'],
      ['ret-sletning', ''],
    ]);
    expect(res.statusCode).toBe(303);
    const page = await author.get(`/compliance/pakker/${pkg.id}/fortegnelse`);
    expect(page.body).toContain('Kryptering i hvile og under transport.');
    expect(page.body).toContain('Kommunen svarer via Aulas indsigtsudtræk.');
    expect(page.body).toMatch(/Ret til sletning \(Art\. 17\)<\/th>\s*<td[^>]*>Ikke beskrevet/);
    const bad = await author.api('PUT', `/api/v1/compliance/packages/${pkg.id}/rights`, { rights: [{ right: 'glemsel', handling: 'x' }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fieldErrors.rights).toBe('Ukendt rettighed: glemsel');
    expect(await audits('compliance.rights_saved')).toBe(1);
  });

  it('deletes an activity after confirmation, with its column G', async () => {
    const pkg = await buildPackage(t.database.db, { activities: 2 });
    const a = await activityOf(pkg.id, 'B2');
    const confirm = await author.get(`/compliance/pakker/${pkg.id}/fortegnelse/${a.id}/slet`);
    expect(confirm.body).toContain('Slet B2 Behandlingsaktivitet 2?');
    const res = await postForm(author, `/compliance/pakker/${pkg.id}/fortegnelse/${a.id}/slet`, []);
    expect(res.headers.location).toBe(`/compliance/pakker/${pkg.id}/fortegnelse?besked=aktivitet-slettet`);
    const again = await postForm(author, `/compliance/pakker/${pkg.id}/fortegnelse/${a.id}/slet`, []);
    expect(again.headers.location).toBe(`/compliance/pakker/${pkg.id}/fortegnelse?besked=allerede-slettet`);
    expect((await activities(pkg.id)).map((x) => x.ref)).toEqual(['B1']);
    expect(await links(a.id)).toEqual([]);
    expect(await audits('compliance.activity_deleted')).toBe(1);
  });
});
