import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildPackage } from '../../../../test/factories/compliance.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { loadActor } from '../../../platform/auth/load-actor.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { loadPackageContent } from '../content.ts';
import { loadPackage } from '../load-package.ts';
import { loadRiskScales } from '../risk-scales.ts';
import { complianceResponseMeasure, complianceRisk, complianceRiskResponse } from '../schema.ts';
import { loadMunicipalityResponses } from './load-responses.ts';
import { responsePanel } from './response-panel.tsx';

const FAXE = '0320';
const BRONDBY = '0153';
const PASSWORD = 'svar-test-kodeord-1';

let t: TestApp;
let faxe: Client;
let brondby: Client;
let leader: Client;
let consultant: Client;
let faxeUserId = '';
let pkg: { id: string };
let draft: { id: string };
let risks: { id: string; ref: string }[] = [];

async function recipient(code: string, email: string, name: string) {
  const db = t.database.db;
  const [p] = await db.insert(person).values({ municipalityCode: code, name, email }).returning({ id: person.id });
  const [u] = await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword(PASSWORD) }).returning({ id: userAccount.id });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: code, roleTypeKey: 'compliancepakke-modtager', solutionKey: null });
  return { client: await loginAs(t.app, email, PASSWORD), userId: u!.id };
}

/** Posts the form as a browser does, measure fields repeated once per row. */
async function postForm(client: Client, url: string, fields: [string, string][]) {
  const body = new URLSearchParams([...fields, ['_csrf', client.csrf]]);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const riskUrl = (risk: { id: string }, packageId = pkg.id) => `/compliance/pakker/${packageId}/risici/${risk.id}/svar`;
const apiUrl = (risk: { id: string }, packageId = pkg.id) => `/api/v1/compliance/packages/${packageId}/risks/${risk.id}/response`;

async function stored(riskId: string, code = FAXE) {
  const db = t.database.db;
  const [row] = await db
    .select()
    .from(complianceRiskResponse)
    .where(and(eq(complianceRiskResponse.riskId, riskId), eq(complianceRiskResponse.municipalityCode, code)));
  const measures = row ? await db.select().from(complianceResponseMeasure).where(eq(complianceResponseMeasure.responseId, row.id)) : [];
  return { row, measures: measures.sort((a, b) => a.sort - b.sort).map((m) => ({ description: m.description, owner: m.owner, deadline: m.deadline })) };
}

const auditCount = async () =>
  (await t.database.db.select({ id: auditEvent.id }).from(auditEvent).where(eq(auditEvent.action, 'compliance.risk_response_saved'))).length;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const f = await recipient(FAXE, 'modtager-faxe@svartest.dk', 'Frida Faxe');
  faxe = f.client;
  faxeUserId = f.userId;
  brondby = (await recipient(BRONDBY, 'modtager-brondby@svartest.dk', 'Bo Brøndby')).client;
  leader = await loginAs(t.app, DEMO.programLeader(FAXE));
  consultant = await loginAs(t.app, DEMO.consultant);
  pkg = await buildPackage(db, { status: 'published', targets: [FAXE, BRONDBY, '0101'], risks: 6 });
  draft = await buildPackage(db, { status: 'draft' });
  risks = await db.select({ id: complianceRisk.id, ref: complianceRisk.ref }).from(complianceRisk).where(eq(complianceRisk.packageId, pkg.id));
  risks.sort((a, b) => Number(a.ref.slice(1)) - Number(b.ref.slice(1)));
}, 120_000);
afterAll(() => t?.close());

const risk = (ref: string) => risks.find((r) => r.ref === ref)!;

describe("a recipient responds to the package's risks", () => {
  it('accepts a risk', async () => {
    const res = await postForm(faxe, riskUrl(risk('R1')), [['response', 'accepted']]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/compliance/pakker/${pkg.id}/risici/${risk('R1').id}?besked=svar-gemt#svar`);
    const { row, measures } = await stored(risk('R1').id);
    expect(row).toMatchObject({ response: 'accepted', reason: '', residualLikelihood: null, residualConsequence: null });
    expect(measures).toEqual([]);
  });

  it('adds its own measures with owner and a Danish deadline, and its own residual assessment', async () => {
    const res = await postForm(faxe, riskUrl(risk('R2')), [
      ['response', 'own-measures'],
      ['measureDescription', 'Ekstra logning af opslag'],
      ['measureOwner', 'IT-sikkerhed'],
      ['measureDeadline', '31.12.2026'],
      ['measureDescription', 'Awareness-kursus for skolesekretærer'],
      ['measureOwner', ''],
      ['measureDeadline', ''],
      // a blank row, as the form always offers
      ['measureDescription', ''],
      ['measureOwner', ''],
      ['measureDeadline', ''],
      ['residualLikelihood', '1'],
      ['residualConsequence', '2'],
    ]);
    expect(res.statusCode).toBe(303);
    const { row, measures } = await stored(risk('R2').id);
    expect(row).toMatchObject({ response: 'own-measures', residualLikelihood: 1, residualConsequence: 2 });
    expect(measures).toEqual([
      { description: 'Ekstra logning af opslag', owner: 'IT-sikkerhed', deadline: '2026-12-31' },
      { description: 'Awareness-kursus for skolesekretærer', owner: '', deadline: null },
    ]);
    // The API shows the level looked up in the matrix, and who answered.
    const api = await faxe.api('GET', apiUrl(risk('R2')));
    expect(api.statusCode).toBe(200);
    expect(api.json().response).toMatchObject({ riskRef: 'R2', response: 'own-measures', residualLevel: { label: 'Lav' }, updatedByName: 'Frida Faxe' });
  });

  it('finds a risk not relevant, with a reason', async () => {
    const res = await faxe.api('PUT', apiUrl(risk('R3')), { response: 'not-relevant', reason: 'Vi bruger ikke modulet til forældrebeskeder.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ changed: true, response: { response: 'not-relevant', reason: 'Vi bruger ikke modulet til forældrebeskeder.', measures: [] } });
    expect((await stored(risk('R3').id)).row).toMatchObject({ response: 'not-relevant', municipalityCode: FAXE });
    const [audit] = await t.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'compliance.risk_response_saved')).orderBy(auditEvent.at);
    expect(audit).toMatchObject({ municipalityCode: FAXE, entityId: pkg.id });
  });

  it('loads its responses with their measures and the name of who answered, in a fixed number of statements', async () => {
    const before = t.database.queries.count;
    const mine = await loadMunicipalityResponses(t.database.db, pkg.id, FAXE);
    expect(t.database.queries.count - before).toBe(2);
    expect(mine.map((r) => [r.riskRef, r.response, r.measures.length, r.updatedByName])).toEqual([
      ['R1', 'accepted', 0, 'Frida Faxe'],
      ['R2', 'own-measures', 2, 'Frida Faxe'],
      ['R3', 'not-relevant', 0, 'Frida Faxe'],
    ]);
  });

  it("shows the recipient its response on the risk's panel, with the form and each level's definition", async () => {
    const db = t.database.db;
    const actor = (await loadActor(db, faxeUserId))!;
    const ctx = { actor, db, now: new Date(), requestId: 'test', config: t.config };
    const p = await loadPackage(db, actor, pkg.id, 'read');
    const content = await loadPackageContent(db, pkg.id);
    const scale = (await loadRiskScales(db)).find((s) => s.key === p.scaleKey)!;
    const html = String(await responsePanel(ctx, p, content.risks.find((r) => r.ref === 'R2')!, scale, 'csrf'));
    expect(html).toContain('Egne supplerende foranstaltninger');
    expect(html).toContain('Ekstra logning af opslag');
    expect(html).toContain('31.12.2026');
    expect(html).toContain('Gemt');
    expect(html).toContain(`action="${riskUrl(risk('R2'))}"`);
    for (const l of scale.likelihoods) expect(html).toContain(l.definition);
    expect(html).toMatch(/value="1"[^>]*checked/);
  });

  it('changing a response replaces its measures; accepting drops them', async () => {
    const url = apiUrl(risk('R2'));
    const changed = await faxe.api('PUT', url, { response: 'own-measures', measures: [{ description: 'Kvartalsvis kontrol af adgange', owner: 'Skoleforvaltningen' }], residualLikelihood: 2, residualConsequence: 2 });
    expect(changed.statusCode).toBe(200);
    expect((await stored(risk('R2').id)).measures).toEqual([{ description: 'Kvartalsvis kontrol af adgange', owner: 'Skoleforvaltningen', deadline: null }]);
    await faxe.api('PUT', url, { response: 'accepted', measures: [{ description: 'Ignoreres' }], residualLikelihood: 4, residualConsequence: 4 });
    const { row, measures } = await stored(risk('R2').id);
    expect(row).toMatchObject({ response: 'accepted', residualLikelihood: null });
    expect(measures).toEqual([]);
  });

  it('a double submit saves one row and logs once', async () => {
    const audits = await auditCount();
    const fields: [string, string][] = [
      ['response', 'own-measures'],
      ['measureDescription', 'Dobbeltklik-foranstaltning'],
      ['measureOwner', 'Digitalisering'],
      ['measureDeadline', '2026-06-30'],
      ['residualLikelihood', '2'],
      ['residualConsequence', '1'],
      ['requestKey', 'svar-dobbeltklik-1'],
    ];
    const [a, b] = await Promise.all([postForm(faxe, riskUrl(risk('R4')), fields), postForm(faxe, riskUrl(risk('R4')), fields)]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    const rows = await t.database.db.select().from(complianceRiskResponse).where(eq(complianceRiskResponse.riskId, risk('R4').id));
    expect(rows).toHaveLength(1);
    expect((await stored(risk('R4').id)).measures).toHaveLength(1);
    expect(await auditCount()).toBe(audits + 1);
    // The same answer again (a new form) changes nothing and logs nothing.
    const again = await faxe.api('PUT', apiUrl(risk('R4')), { response: 'own-measures', measures: [{ description: 'Dobbeltklik-foranstaltning', owner: 'Digitalisering', deadline: '30.06.2026' }], residualLikelihood: 2, residualConsequence: 1 });
    expect(again.json().changed).toBe(false);
    expect(await auditCount()).toBe(audits + 1);
  });
});

describe('refused responses change nothing', () => {
  const refusals: { what: string; fields: [string, string][]; field: string; message: string }[] = [
    { what: 'no answer chosen', fields: [], field: 'response', message: 'Vælg jeres svar på risikoen' },
    { what: 'own measures without any measure', fields: [['response', 'own-measures'], ['residualLikelihood', '1'], ['residualConsequence', '1']], field: 'measures.0.description', message: 'Beskriv mindst én egen foranstaltning' },
    {
      what: 'a measure with an owner but no description',
      fields: [['response', 'own-measures'], ['measureDescription', ''], ['measureOwner', 'IT'], ['measureDeadline', ''], ['residualLikelihood', '1'], ['residualConsequence', '1']],
      field: 'measures.0.description',
      message: 'Beskriv foranstaltningen',
    },
    {
      what: 'a deadline that is no day',
      fields: [['response', 'own-measures'], ['measureDescription', 'Noget'], ['measureOwner', ''], ['measureDeadline', '31.02.2026'], ['residualLikelihood', '1'], ['residualConsequence', '1']],
      field: 'measures.0.deadline',
      message: 'Skriv fristen som en gyldig dato, fx 31.12.2025',
    },
    {
      what: 'a residual value outside the scale',
      fields: [['response', 'own-measures'], ['measureDescription', 'Noget'], ['measureOwner', ''], ['measureDeadline', ''], ['residualLikelihood', '5'], ['residualConsequence', '1']],
      field: 'residualLikelihood',
      message: 'Vælg jeres sandsynlighed efter foranstaltningerne (1-4)',
    },
    { what: 'not relevant without a reason', fields: [['response', 'not-relevant'], ['reason', '   ']], field: 'reason', message: 'Skriv, hvorfor risikoen ikke er relevant for jer' },
  ];

  it.each(refusals.map((r) => [r.what, r] as const))('%s: the form again with the Danish message (422), nothing changed', async (_, r) => {
    const before = await stored(risk('R1').id);
    const audits = await auditCount();
    const res = await postForm(faxe, riskUrl(risk('R1')), r.fields);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Der er problemer med det indsendte');
    expect(res.body).toContain(r.message);
    expect(res.body).toContain(`href="#felt-${r.field.replace(/\./g, '-')}"`);
    expect(res.body).toContain(`id="felt-${r.field.replace(/\./g, '-')}"`);
    expect(await stored(risk('R1').id)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('the API answers 422 with the field errors', async () => {
    const res = await faxe.api('PUT', apiUrl(risk('R1')), { response: 'own-measures', measures: [{ description: 'X', deadline: '2026-13-01' }, { description: ' ', owner: 'IT' }], residualLikelihood: 0 });
    expect(res.statusCode).toBe(422);
    expect(res.json().fieldErrors).toMatchObject({
      'measures.0.deadline': 'Skriv fristen som en gyldig dato, fx 31.12.2025',
      'measures.1.description': 'Beskriv foranstaltningen',
      residualLikelihood: 'Vælg jeres sandsynlighed efter foranstaltningerne (1-4)',
      residualConsequence: 'Vælg jeres konsekvens efter foranstaltningerne (1-4)',
    });
    expect((await stored(risk('R1').id)).row).toMatchObject({ response: 'accepted' });
  });

  it('a draft package does not exist for the municipality (404)', async () => {
    const [draftRisk] = await t.database.db.select({ id: complianceRisk.id }).from(complianceRisk).where(eq(complianceRisk.packageId, draft.id));
    expect((await postForm(faxe, riskUrl(draftRisk!, draft.id), [['response', 'accepted']])).statusCode).toBe(404);
    expect((await faxe.api('PUT', apiUrl(draftRisk!, draft.id), { response: 'accepted' })).statusCode).toBe(404);
  });

  it('a risk of another package is 404', async () => {
    const [draftRisk] = await t.database.db.select({ id: complianceRisk.id }).from(complianceRisk).where(eq(complianceRisk.packageId, draft.id));
    expect((await faxe.api('PUT', apiUrl(draftRisk!), { response: 'accepted' })).statusCode).toBe(404);
  });

  it('the programleder, who sees the delivery but is no recipient, cannot respond (403); central staff answer for no municipality (403)', async () => {
    const leaderRes = await leader.api('PUT', apiUrl(risk('R5')), { response: 'accepted' });
    expect(leaderRes.statusCode).toBe(403);
    expect(leaderRes.json().message).toContain('modtagere');
    expect((await postForm(leader, riskUrl(risk('R5')), [['response', 'accepted']])).statusCode).toBe(403);
    expect((await consultant.api('PUT', apiUrl(risk('R5')), { response: 'accepted' })).statusCode).toBe(403);
    expect((await stored(risk('R5').id)).row).toBeUndefined();
  });
});

describe('a municipality sees only its own responses; central staff see them all, aggregated', () => {
  beforeAll(async () => {
    const res = await brondby.api('PUT', apiUrl(risk('R1')), {
      response: 'own-measures',
      measures: [{ description: 'Brøndbys egen kontrol', owner: 'Brøndby IT', deadline: '2027-01-31' }],
      residualLikelihood: 3,
      residualConsequence: 3,
    });
    expect(res.statusCode).toBe(200);
    // Faxe too adds its own measures to R1, so two municipalities have.
    const faxeRes = await faxe.api('PUT', apiUrl(risk('R1')), { response: 'own-measures', measures: [{ description: 'Faxes egen kontrol' }], residualLikelihood: 1, residualConsequence: 1 });
    expect(faxeRes.statusCode).toBe(200);
    await brondby.api('PUT', apiUrl(risk('R3')), { response: 'accepted' });
  });

  it("never shows Brøndby's response to Faxe", async () => {
    const own = await faxe.api('GET', apiUrl(risk('R1')));
    expect(own.json().response.measures).toEqual([{ description: 'Faxes egen kontrol', owner: '', deadline: null }]);
    expect(own.body).not.toContain('Brøndbys egen kontrol');
    const mine = await loadMunicipalityResponses(t.database.db, pkg.id, FAXE);
    expect(JSON.stringify(mine)).not.toContain('Brøndby');
    expect((await faxe.get(`/compliance/pakker/${pkg.id}/svar`)).statusCode).toBe(404);
    expect((await faxe.api('GET', `/api/v1/compliance/packages/${pkg.id}/responses`)).statusCode).toBe(404);
    // Nor its own response on R4 to Brøndby.
    const theirs = await brondby.api('GET', apiUrl(risk('R4')));
    expect(theirs.json()).toEqual({ response: null });
  });

  it('counts per risk on the aggregate page: "2 kommuner har tilføjet egne foranstaltninger til R1", names in Danish order', async () => {
    const res = await consultant.get(`/compliance/pakker/${pkg.id}/svar`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2 kommuner har tilføjet egne foranstaltninger til R1');
    expect(res.body).toContain(': Brøndby og Faxe');
    expect(res.body).toContain('aria-current="page"');
    const row = /<tr id="risiko-R1"[\s\S]*?<\/tr>/.exec(res.body)![0];
    // accepted 0, own 2, not relevant 0, no response 1 (Albertslund); own residual levels Lav 1 and Middel 1 (3×3 on the 4×4)
    expect([...row.matchAll(/align-text-right"[^>]*>(\d+)</g)].map((m) => m[1])).toEqual(['0', '2', '0', '1']);
    expect(row).toMatch(/Lav: 1, (Middel|Høj): 1/);
    const faxeRow = /<tr data-kommune="0320"[\s\S]*?<\/tr>/.exec(res.body)![0];
    expect(faxeRow).toContain('4 af 6');
    expect((res.body.match(/<tr data-kommune=/g) ?? []).length).toBe(3);
  });

  it('the API gives the same aggregate', async () => {
    const res = await consultant.api('GET', `/api/v1/compliance/packages/${pkg.id}/responses`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.delivered).toBe(3);
    const r1 = body.risks.find((r: { ref: string }) => r.ref === 'R1');
    expect(r1).toMatchObject({ accepted: 0, ownMeasures: 2, notRelevant: 0, noResponse: 1 });
    expect(r1.ownMeasuresMunicipalities.map((m: { name: string }) => m.name)).toEqual(['Brøndby', 'Faxe']);
    const r3 = body.risks.find((r: { ref: string }) => r.ref === 'R3');
    expect(r3).toMatchObject({ accepted: 1, notRelevant: 1, noResponse: 1 });
    const faxeRow = body.municipalities.find((m: { code: string }) => m.code === FAXE);
    expect(faxeRow).toMatchObject({ answered: 4, ownMeasures: 2, measures: 2, acknowledgedAt: null });
  });

  it("shows central staff the risk's counts on its panel, with a link to the aggregate", async () => {
    const db = t.database.db;
    const [u] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
    const actor = (await loadActor(db, u!.id))!;
    const p = await loadPackage(db, actor, pkg.id, 'read');
    const content = await loadPackageContent(db, pkg.id);
    const scale = (await loadRiskScales(db)).find((s) => s.key === p.scaleKey)!;
    const html = String(await responsePanel({ actor, db, now: new Date(), requestId: 'test', config: t.config }, p, content.risks.find((r) => r.ref === 'R1')!, scale, 'csrf'));
    expect(html).toContain('2 kommuner har tilføjet egne foranstaltninger til R1');
    expect(html).toContain('1 kommune har ikke svaret');
    expect(html).toContain(`/compliance/pakker/${pkg.id}/svar#risiko-R1`);
    expect(html).not.toContain('<form');
  });
});
