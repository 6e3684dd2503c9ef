import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildPackage } from '../../../../test/factories/compliance.ts';
import { rawRows } from '../../../db/client.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { buildPackageContent, type PackageContent } from '../content.ts';
import { compliancePackage, complianceRisk } from '../schema.ts';

/**
 * Packages: creating one (one per solution and year), starting next year's as a copy with
 * everything in it, who may do either, who sees which package, the list's filters, what changed
 * since last year and editing a draft.
 */

let t: TestApp;
let author: Client; // the demo consultant, here also holding the information-security role
let admin: Client; // central, reads but does not author
let economist: Client;
let faxeRecipient: Client;
let brondbyRecipient: Client;
let faxeLeader: Client;
let faxePlain: Client; // a Faxe user without any compliance role
let seq = 0;

const FAXE = '0320';
const BRONDBY = '0153';
const UUID = /\/compliance\/pakker\/([0-9a-f-]{36})\?besked=/;

async function newUser(municipalityCode: string | null, roleTypeKey: string | null): Promise<Client> {
  const db = t.database.db;
  const email = `pakketest-${++seq}@samspil.test`;
  const [p] = await db.insert(person).values({ municipalityCode, name: `Pakketest ${seq}`, email }).returning({ id: person.id });
  await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword('pakketest-1234') });
  if (roleTypeKey) await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode, roleTypeKey });
  return loginAs(t.app, email, 'pakketest-1234');
}

async function packagesOf(solutionKey: string) {
  return t.database.db
    .select({ id: compliancePackage.id, year: compliancePackage.year, copiedFromId: compliancePackage.copiedFromId, status: compliancePackage.status })
    .from(compliancePackage)
    .where(eq(compliancePackage.solutionKey, solutionKey));
}

async function audits(action: string, entityId: string) {
  return t.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, action), eq(auditEvent.entityId, entityId)));
}

/** The content without the ids a copy renews: what a copy must carry over unchanged. */
function withoutIds(c: PackageContent) {
  return {
    ...c,
    activities: c.activities.map(({ id: _id, ...a }) => a),
    risks: c.risks.map(({ id: _id, measures, ...r }) => ({ ...r, measures: measures.map(({ id: _m, ...m }) => m) })),
  };
}

const newKey = () => crypto.randomUUID();

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const [consultant] = await db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
  await db.insert(roleAssignment).values({ personId: consultant!.personId, municipalityCode: null, roleTypeKey: 'informationssikkerhed' });
  author = await loginAs(t.app, DEMO.consultant);
  admin = await loginAs(t.app, DEMO.admin);
  economist = await newUser(null, 'oekonomi');
  faxeRecipient = await newUser(FAXE, 'compliancepakke-modtager');
  brondbyRecipient = await newUser(BRONDBY, 'compliancepakke-modtager');
  faxeLeader = await loginAs(t.app, DEMO.programLeader(FAXE));
  faxePlain = await newUser(FAXE, null);
});
afterAll(() => t?.close());

describe('creating a package', () => {
  it('creates a draft for a solution and year, audited, and shows it by its title', async () => {
    const res = await author.post('/compliance/pakker', { solution: 'borgerblikket', year: '2031', requestKey: newKey() });
    expect(res.statusCode).toBe(303);
    const id = UUID.exec(res.headers.location as string)![1]!;
    const page = await author.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Compliancepakke 2031 – Borgerblikket</h1>');
    expect(page.body).toContain('Pakken er oprettet som kladde');
    expect(page.body).toContain('Kladde');
    expect(await audits('compliance.package_created', id)).toHaveLength(1);
  });

  it('refuses a second package for the same solution and year with a Danish reason, writing nothing', async () => {
    await author.post('/compliance/pakker', { solution: 'kp', year: '2032', requestKey: newKey() });
    const before = await packagesOf('kp');
    const again = await author.post('/compliance/pakker', { solution: 'kp', year: '2032', requestKey: newKey() });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Der findes allerede en compliancepakke for KP 2032');
    expect(await packagesOf('kp')).toEqual(before);
    const viaApi = await author.api('POST', '/api/v1/compliance/packages', { solution: 'kp', year: 2032 });
    expect(viaApi.statusCode).toBe(409);
    expect(viaApi.json().message).toContain('Der findes allerede');
  });

  it('makes one package of a double submit and answers both with it', async () => {
    const form = { solution: 'ksd', year: '2033', requestKey: newKey() };
    const first = await author.post('/compliance/pakker', form);
    const second = await author.post('/compliance/pakker', form);
    expect(first.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await packagesOf('ksd')).toHaveLength(1);
  });

  it('answers bad input with field messages in Danish (422) and writes nothing', async () => {
    const res = await author.post('/compliance/pakker', { solution: 'ukendt-loesning', year: '20x5' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Skriv året som fire cifre');
    const unknown = await author.post('/compliance/pakker', { solution: 'ukendt-loesning', year: '2030' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Vælg en løsning fra listen');
    const api = await author.api('POST', '/api/v1/compliance/packages', { solution: 'aula', year: 1999 });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors.year).toContain('mellem 2000 og 2100');
    expect(await packagesOf('ukendt-loesning')).toEqual([]);
  });

  it('lets only information security create: other central staff get 403, nothing written', async () => {
    for (const who of [admin, economist]) {
      expect((await who.post('/compliance/pakker', { solution: 'sapa', year: '2034' })).statusCode).toBe(403);
      expect((await who.api('POST', '/api/v1/compliance/packages', { solution: 'sapa', year: 2034 })).statusCode).toBe(403);
    }
    expect((await faxeRecipient.post('/compliance/pakker', { solution: 'sapa', year: '2034' })).statusCode).toBe(403);
    expect(await packagesOf('sapa')).toEqual([]);
    // the list offers the form to the author only
    expect((await author.get('/compliance')).body).toContain('Opret pakke');
    expect((await admin.get('/compliance')).body).not.toContain('Opret pakke');
  });
});

describe('starting next year as a copy', () => {
  it('copies everything: record with legal bases, categories and column G, rights, texts, suppliers, risks with planned measures', async () => {
    const source = await buildPackage(t.database.db, { solutionKey: 'ky', year: 2040, activities: 4, suppliers: 4, risks: 6 });
    await t.database.db.update(complianceRisk).set({ treatment: 'accept', rationale: 'Lav restrisiko' }).where(and(eq(complianceRisk.packageId, source.id), eq(complianceRisk.ref, 'R2')));
    const res = await author.post(`/compliance/pakker/${source.id}/kopi`, { requestKey: newKey() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/besked=kopieret$/);
    const id = UUID.exec(res.headers.location as string)![1]!;
    const [copy] = await t.database.db.select().from(compliancePackage).where(eq(compliancePackage.id, id));
    expect(copy).toMatchObject({ solutionKey: 'ky', year: 2041, status: 'draft', copiedFromId: source.id, introduction: source.introduction, publishedContent: null });
    const was = withoutIds(await buildPackageContent(t.database.db, source.id));
    const now = withoutIds(await buildPackageContent(t.database.db, id));
    expect(now).toEqual(was);
    expect(now.activities[0]!.columnG).toEqual([{ personalData: 'cpr', dataSubjects: ['borgere'] }]);
    expect(now.risks.every((r) => r.measures.length === 1)).toBe(true);
    expect(now.suppliers.some((s) => s.parentName !== null)).toBe(true);
    expect(await audits('compliance.package_copied', id)).toHaveLength(1);
    // the copy is a draft with nothing changed yet since last year
    const page = await author.get(`/compliance/pakker/${id}`);
    expect(page.body).toContain('Intet er ændret i forhold til Compliancepakke 2040 – KY');
  });

  it('refuses a second copy once next year exists, and a double submit makes one copy', async () => {
    const source = await buildPackage(t.database.db, { solutionKey: 'flis', year: 2042 });
    const key = newKey();
    const first = await author.post(`/compliance/pakker/${source.id}/kopi`, { requestKey: key });
    const repeat = await author.post(`/compliance/pakker/${source.id}/kopi`, { requestKey: key });
    expect(first.statusCode).toBe(303);
    expect(repeat.headers.location).toBe(first.headers.location);
    const again = await author.post(`/compliance/pakker/${source.id}/kopi`, { requestKey: newKey() });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Der findes allerede en compliancepakke for FLIS 2043');
    const api = await author.api('POST', `/api/v1/compliance/packages/${source.id}/copy`, {});
    expect(api.statusCode).toBe(409);
    expect((await packagesOf('flis')).map((p) => p.year).sort()).toEqual([2042, 2043]);
    // the list no longer offers to copy 2042
    const list = await author.get('/compliance?loesning=flis');
    expect(list.body).toContain('Start 2044 som kopi');
    expect(list.body).not.toContain('Start 2043 som kopi');
    expect(list.body).toContain('2043 findes');
  });

  it('copies in a fixed number of statements, however large the package', async () => {
    const count = async (activities: number, risks: number, year: number) => {
      const source = await buildPackage(t.database.db, { solutionKey: 'dubu', year, activities, risks, suppliers: 2 });
      const start = t.database.queries.count;
      const res = await author.post(`/compliance/pakker/${source.id}/kopi`, { requestKey: newKey() });
      expect(res.statusCode).toBe(303);
      return t.database.queries.count - start;
    };
    expect(await count(2, 2, 2050)).toBe(await count(25, 30, 2052));
  });

  it('lets only information security copy', async () => {
    const source = await buildPackage(t.database.db, { solutionKey: 'gateway', year: 2044, status: 'published', targets: [FAXE] });
    expect((await admin.post(`/compliance/pakker/${source.id}/kopi`, {})).statusCode).toBe(403);
    expect((await economist.api('POST', `/api/v1/compliance/packages/${source.id}/copy`, {})).statusCode).toBe(403);
    expect((await faxeRecipient.post(`/compliance/pakker/${source.id}/kopi`, {})).statusCode).toBe(403);
    expect((await brondbyRecipient.post(`/compliance/pakker/${source.id}/kopi`, {})).statusCode).toBe(404);
    expect((await packagesOf('gateway')).map((p) => p.year)).toEqual([2044]);
  });
});

describe('who sees which package', () => {
  let faxeOnly: { id: string };
  beforeAll(async () => {
    faxeOnly = await buildPackage(t.database.db, { solutionKey: 'infrastruktur', year: 2045, status: 'published', targets: [FAXE] });
  });

  it("gives another municipality's recipient 404 on the page, the changes and the API", async () => {
    for (const url of [`/compliance/pakker/${faxeOnly.id}`, `/compliance/pakker/${faxeOnly.id}/aendringer`]) {
      expect((await brondbyRecipient.get(url)).statusCode).toBe(404);
    }
    for (const url of [`/api/v1/compliance/packages/${faxeOnly.id}`, `/api/v1/compliance/packages/${faxeOnly.id}/changes`]) {
      expect((await brondbyRecipient.api('GET', url)).statusCode).toBe(404);
    }
    const list = await brondbyRecipient.api('GET', '/api/v1/compliance/packages');
    expect(list.json().map((p: { id: string }) => p.id)).not.toContain(faxeOnly.id);
  });

  it("shows Faxe's recipient what changed first, and sends Faxe's programleder to the delivery page", async () => {
    const page = await faxeRecipient.get(`/compliance/pakker/${faxeOnly.id}`);
    expect(page.statusCode).toBe(200);
    const changes = page.body.indexOf('Ændringer siden 2044</h2>');
    expect(changes).toBeGreaterThan(page.body.indexOf('<h1>'));
    expect(changes).toBeLessThan(page.body.indexOf('aria-label="Pakkens sider"'));
    expect(changes).toBeLessThan(page.body.indexOf('Nøgletal'));
    expect(page.body).toContain('Der er ingen compliancepakke for Fælleskommunal IT-Infrastruktur 2044 at sammenligne med');
    const leader = await faxeLeader.get(`/compliance/pakker/${faxeOnly.id}`);
    expect(leader.statusCode).toBe(303);
    expect(leader.headers.location).toBe(`/compliance/pakker/${faxeOnly.id}/kommuner/${FAXE}`);
    expect((await faxeLeader.api('GET', `/api/v1/compliance/packages/${faxeOnly.id}`)).statusCode).toBe(403);
    // central staff read it with what changed at the end
    const central = await economist.get(`/compliance/pakker/${faxeOnly.id}`);
    expect(central.body.indexOf('Ændringer siden 2044</h2>')).toBeGreaterThan(central.body.indexOf('Nøgletal'));
  });

  it('lists for a municipality only the published packages delivered to it, with opened and acknowledged', async () => {
    const draft = await buildPackage(t.database.db, { solutionKey: 'infrastruktur', year: 2046 });
    const list = await faxeLeader.get('/compliance?loesning=infrastruktur');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Compliancepakke 2045 – Fælleskommunal IT-Infrastruktur');
    expect(list.body).not.toContain(draft.id);
    // Faxe's recipient opened it in the test before (the access log marks it opened); nobody acknowledged it.
    expect(list.body).not.toContain('Ikke åbnet');
    expect(list.body).toContain('Ikke kvitteret');
    expect((await brondbyRecipient.get('/compliance?loesning=infrastruktur')).body).toContain('Kommunen har ikke modtaget nogen compliancepakker endnu.');
    const api = await faxeRecipient.api('GET', '/api/v1/compliance/packages?solution=infrastruktur');
    expect(api.json()).toEqual([expect.objectContaining({ id: faxeOnly.id, delivery: expect.objectContaining({ firstOpenedAt: expect.any(String), acknowledgedAt: null }) })]);
  });

  it('explains to other users who get the packages, without refusing them', async () => {
    const res = await faxePlain.get('/compliance');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Compliancepakke-modtager');
    expect(res.body).toContain(`href="/kommuner/${FAXE}"`);
    expect(res.body).not.toContain('<table');
    expect((await faxePlain.api('GET', '/api/v1/compliance/packages')).json()).toEqual([]);
  });
});

describe('the list', () => {
  beforeAll(async () => {
    for (const [solutionKey, year] of [['valg', 2060], ['valg', 2061], ['aula', 2061], ['byg-og-miljoe', 2061], ['faelles-sprog-iii', 2061]] as const) {
      await buildPackage(t.database.db, { solutionKey, year, status: year === 2061 && solutionKey === 'valg' ? 'published' : 'draft', targets: [] });
    }
  });

  const titles = (html: string) => [...html.matchAll(/<a href="\/compliance\/pakker\/[0-9a-f-]+">([^<]+)<\/a>/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

  it('filters by year and by solution, newest year first and the solutions in Danish order', async () => {
    const year = await admin.get('/compliance?aar=2061');
    expect(titles(year.body)).toEqual([
      'Compliancepakke 2061 – Aula',
      'Compliancepakke 2061 – Byg og Miljø',
      'Compliancepakke 2061 – Fælles Sprog III',
      'Compliancepakke 2061 – Valg',
    ]);
    const valg = await admin.get('/compliance?loesning=valg');
    expect(titles(valg.body)).toEqual(['Compliancepakke 2061 – Valg', 'Compliancepakke 2060 – Valg']);
    expect(valg.body).toMatch(/Offentliggjort \d\d\.\d\d\.\d{4}/);
    const both = await admin.get('/compliance?aar=2060&loesning=valg');
    expect(titles(both.body)).toEqual(['Compliancepakke 2060 – Valg']);
    // a mangled filter is no filter
    expect((await admin.get('/compliance?aar=abc')).statusCode).toBe(200);
    const api = await admin.api('GET', '/api/v1/compliance/packages?year=2061');
    expect(api.json().map((p: { title: string }) => p.title)).toEqual(titles(year.body));
    expect((await admin.api('GET', '/api/v1/compliance/packages?solution=valg&year=2060')).json()).toHaveLength(1);
  });
});

describe('what changed since last year', () => {
  it('lists the changes in Danish with choice labels and risk levels as the scale names them', async () => {
    const db = t.database.db;
    const last = await buildPackage(db, { solutionKey: 'sapa', year: 2070, status: 'published', activities: 2, risks: 3, targets: [FAXE] });
    const res = await author.post(`/compliance/pakker/${last.id}/kopi`, { requestKey: newKey() });
    const id = UUID.exec(res.headers.location as string)![1]!;
    // R2 is likelihood 2, consequence 1 (Lav); make it 4 (Høj), and drop activity B2
    await db.update(complianceRisk).set({ likelihood: 4 }).where(and(eq(complianceRisk.packageId, id), eq(complianceRisk.ref, 'R2')));
    await rawRows(db, sql`delete from compliance_activity where package_id = ${id} and ref = 'B2'`);
    const page = await author.get(`/compliance/pakker/${id}/aendringer`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ændringer siden 2070');
    expect(page.body).toMatch(/Fjernet:<\/strong> <span>B2 Behandlingsaktivitet 2/);
    expect(page.body).toContain('CPR-nummer');
    const level = /<tr data-felt="level"><th[^>]*>Risikoniveau<\/th><td[^>]*>([^<]+)<\/td><td[^>]*>([^<]+)<\/td>/.exec(page.body);
    expect(level?.slice(1)).toEqual(['Lav', 'Høj']);
    const api = await author.api('GET', `/api/v1/compliance/packages/${id}/changes`);
    expect(api.statusCode).toBe(200);
    const body = api.json();
    expect(body.previous).toMatchObject({ id: last.id, year: 2070 });
    expect(body.activities).toEqual([expect.objectContaining({ key: 'B2', kind: 'removed' })]);
    expect(body.columnG).toEqual([expect.objectContaining({ key: 'B2|cpr|borgere', kind: 'removed' })]);
    expect(body.risks[0].fields).toContainEqual({ field: 'level', label: 'Risikoniveau', from: 'Lav', to: 'Høj' });
    const overview = await author.get(`/compliance/pakker/${id}`);
    expect(overview.body).toContain('Behandlingsaktiviteter: 1 fjernet');
    expect(overview.body).toContain('Risici: 1 ændret');
  });

  it('says so when there is no package for the year before', async () => {
    const lone = await buildPackage(t.database.db, { solutionKey: 'sygesikring', year: 2080 });
    const page = await author.get(`/compliance/pakker/${lone.id}/aendringer`);
    expect(page.body).toContain('Der er ingen compliancepakke for Sygesikring 2079 at sammenligne med');
    const api = await author.api('GET', `/api/v1/compliance/packages/${lone.id}/changes`);
    expect(api.json()).toMatchObject({ previous: null, previousYear: 2079, activities: [] });
  });
});

describe('the package in the API', () => {
  it('gives the record with column G per activity, suppliers and risks with level labels', async () => {
    const pkg = await buildPackage(t.database.db, { solutionKey: 'borgerblikket', year: 2075, status: 'published', targets: [FAXE], risks: 5 });
    const res = await faxeRecipient.api('GET', `/api/v1/compliance/packages/${pkg.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.title).toBe('Compliancepakke 2075 – Borgerblikket');
    expect(body.record.activities[0].columnG).toEqual([{ personalData: 'cpr', dataSubjects: ['borgere'] }]);
    expect(body.suppliers).toHaveLength(2);
    // R5: likelihood 1, consequence 2 (Lav); residual the same
    expect(body.risks.find((r: { ref: string }) => r.ref === 'R5')).toMatchObject({ level: { label: 'Lav' }, residualLevel: { label: 'Lav' } });
    expect(body.labels['personal-data'].cpr).toBeTruthy();
    expect(body.delivery).toMatchObject({ acknowledgedAt: null });
  });
});

describe('editing a draft', () => {
  it('saves the introduction and scale, audited; a published package is refused', async () => {
    const draft = await buildPackage(t.database.db, { solutionKey: 'faelles-sprog-iii', year: 2076 });
    const form = await author.get(`/compliance/pakker/${draft.id}/rediger`);
    expect(form.statusCode).toBe(200);
    const res = await author.post(`/compliance/pakker/${draft.id}/rediger`, { introduction: 'Kære modtager\n\nI år er der nyt.', scaleKey: 'datatilsynet-4x4' });
    expect(res.statusCode).toBe(303);
    expect((await author.get(`/compliance/pakker/${draft.id}`)).body).toContain('I år er der nyt.');
    expect(await audits('compliance.package_updated', draft.id)).toHaveLength(1);
    const bad = await author.post(`/compliance/pakker/${draft.id}/rediger`, { introduction: 'x', scaleKey: 'findes-ikke' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Vælg en risikoskala fra listen');
    expect((await admin.post(`/compliance/pakker/${draft.id}/rediger`, { introduction: 'y', scaleKey: 'datatilsynet-4x4' })).statusCode).toBe(403);
    const published = await buildPackage(t.database.db, { solutionKey: 'faelles-sprog-iii', year: 2077, status: 'published' });
    const refused = await author.post(`/compliance/pakker/${published.id}/rediger`, { introduction: 'z', scaleKey: 'datatilsynet-4x4' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('offentliggjort');
  });
});
