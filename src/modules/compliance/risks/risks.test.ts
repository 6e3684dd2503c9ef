import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildPackage } from '../../../../test/factories/compliance.ts';
import { rawRows } from '../../../db/client.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { loadRiskScales, type RiskScale } from '../risk-scales.ts';
import { complianceRisk } from '../schema.ts';

/**
 * The risk assessment of a package through its pages and API: the form with every level's
 * definition, saving with warnings shown after, values outside the scale refused, double submits
 * written once, the heatmaps' counts, and who may do what.
 */

let t: TestApp;
let author: Client; // the demo consultant, given the information-security role
let economist: Client; // central, reads only
let faxeRecipient: Client; // Faxe's programleder, made a recipient
let brondbyRecipient: Client;
let scale: RiskScale;
const rows = <T,>(q: ReturnType<typeof sql>) => rawRows<T>(t.database.db, q);
const countOf = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(q))[0]!.n);

async function centralUser(email: string, roleTypeKey: string) {
  const db = t.database.db;
  const [p] = await db.insert(person).values({ municipalityCode: null, name: 'Øjvind Økonomi', email }).returning({ id: person.id });
  await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword('risiko-test-1') });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey, solutionKey: null });
  return loginAs(t.app, email, 'risiko-test-1');
}

async function addRole(email: string, code: string | null, roleTypeKey: string) {
  const [u] = await t.database.db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, email));
  await t.database.db.insert(roleAssignment).values({ personId: u!.personId, municipalityCode: code, roleTypeKey, solutionKey: null });
}

/** A complete form; `over` replaces fields. */
const form = (over: Record<string, string> = {}): Record<string, string> => ({
  requestKey: crypto.randomUUID(),
  measureRows: '3',
  ref: 'R1',
  threat: 'Uvedkommende får adgang til elevernes beskeder',
  impact: 'Krænkelse af privatliv',
  likelihood: '3',
  consequence: '2',
  existingMeasures: 'Adgangsstyring',
  'measures.0.description': 'Logning af opslag',
  'measures.0.owner': 'KOMBIT',
  'measures.0.deadline': '31.12.2026',
  'measures.1.description': '',
  'measures.1.owner': '',
  'measures.1.deadline': '',
  residualLikelihood: '1',
  residualConsequence: '2',
  treatment: 'reduce',
  rationale: '',
  ...over,
});

const apiRisk = (over: Record<string, unknown> = {}) => ({
  ref: 'A1',
  threat: 'Fejlsendt besked',
  likelihood: 3,
  consequence: 2,
  residualLikelihood: 2,
  residualConsequence: 2,
  treatment: 'reduce',
  existingMeasures: 'Kryptering',
  measures: [{ description: 'Kvittering før afsendelse', owner: 'KOMBIT', deadline: '2026-06-30' }],
  ...over,
});

const risksOf = (packageId: string) => rows<{ id: string; ref: string }>(sql`select id, ref from compliance_risk where package_id = ${packageId} order by ref`);
const audits = (action: string) => countOf(sql`select count(*)::int as n from audit_event where action = ${action}`);

beforeAll(async () => {
  t = await startTestApp();
  await addRole(DEMO.consultant, null, 'informationssikkerhed');
  await addRole(DEMO.programLeader('0320'), '0320', 'compliancepakke-modtager');
  await addRole(DEMO.programLeader('0153'), '0153', 'compliancepakke-modtager');
  author = await loginAs(t.app, DEMO.consultant);
  faxeRecipient = await loginAs(t.app, DEMO.programLeader('0320'));
  brondbyRecipient = await loginAs(t.app, DEMO.programLeader('0153'));
  economist = await centralUser('oekonomi@risikotest.dk', 'oekonomi');
  scale = (await loadRiskScales(t.database.db)).find((s) => s.key === 'datatilsynet-4x4')!;
});
afterAll(() => t?.close());

describe('the risk form', () => {
  it("shows each level's definition where it is chosen, before and after the measures", async () => {
    const pkg = await buildPackage(t.database.db, { risks: 0 });
    const res = await author.get(`/compliance/pakker/${pkg.id}/risici/ny`);
    expect(res.statusCode).toBe(200);
    for (const name of ['likelihood', 'consequence', 'residualLikelihood', 'residualConsequence']) {
      const start = res.body.indexOf(`data-axis="${name}"`);
      const fieldset = res.body.slice(start, res.body.indexOf('</fieldset>', start));
      expect(fieldset).toContain('<legend');
      const axis = name.toLowerCase().includes('likelihood') ? scale.likelihoods : scale.consequences;
      for (const level of axis) {
        expect(fieldset, `${name} ${level.value}`).toContain(`value="${level.value}"`);
        expect(fieldset, `${name} ${level.value}`).toContain(level.definition);
        expect(fieldset).toContain(`${level.value} ${level.label}`);
      }
    }
  });

  it('saves a risk, then shows it with its levels, definitions, measures and the warnings', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 0 });
    const saved = await author.post(`/compliance/pakker/${pkg.id}/risici/ny`, form({ treatment: 'accept', 'measures.1.description': 'Uden ejer og frist' }));
    expect(saved.statusCode).toBe(303);
    const [risk] = await risksOf(pkg.id);
    expect(saved.headers.location).toBe(`/compliance/pakker/${pkg.id}/risici/${risk!.id}?besked=gemt`);
    const page = await author.get(saved.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Risikoen er gemt med 2 advarsler');
    expect(page.body).toContain('Risikoen er accepteret uden en begrundelse.');
    expect(page.body).toContain('Den planlagte foranstaltning »Uden ejer og frist« mangler ejer og frist.');
    expect(page.body).toContain('31.12.2026');
    expect(page.body).toContain(scale.likelihoods[2]!.definition); // the chosen likelihood's definition
    expect(page.body).toContain('>Høj<'); // 3×2 looked up
    expect(page.body).toContain('>Lav<'); // 1×2
    expect(page.body).toContain('Acceptere');
    expect(await audits('compliance.risk_saved')).toBeGreaterThan(0);
  });

  it('writes one risk when the form is sent twice', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 0 });
    const body = form();
    const first = await author.post(`/compliance/pakker/${pkg.id}/risici/ny`, body);
    const again = await author.post(`/compliance/pakker/${pkg.id}/risici/ny`, body);
    expect(first.statusCode).toBe(303);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await risksOf(pkg.id)).toHaveLength(1);
  });

  it('refuses 5 on a 4×4 scale with 422 and changes nothing', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 1 });
    const before = await rows(sql`select * from compliance_risk where package_id = ${pkg.id}`);
    const auditsBefore = await audits('compliance.risk_saved');
    const res = await author.post(`/compliance/pakker/${pkg.id}/risici/ny`, form({ ref: 'R9', likelihood: '5' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Vælg en sandsynlighed fra 1 til 4 på skalaen');
    expect(res.body).toContain('Uvedkommende får adgang'); // the input is kept
    const [r1] = await risksOf(pkg.id);
    const edit = await author.post(`/compliance/pakker/${pkg.id}/risici/${r1!.id}/rediger`, form({ residualConsequence: '5' }));
    expect(edit.statusCode).toBe(422);
    const api = await author.api('POST', `/api/v1/compliance/packages/${pkg.id}/risks`, apiRisk({ consequence: 5 }));
    expect(api.statusCode).toBe(422);
    expect((api.json() as { fieldErrors: Record<string, string> }).fieldErrors.consequence).toContain('1 til 4');
    expect(await rows(sql`select * from compliance_risk where package_id = ${pkg.id}`)).toEqual(before);
    expect(await audits('compliance.risk_saved')).toBe(auditsBefore);
  });

  it('keeps the number unique in the package, whatever the case', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 2 });
    const res = await author.post(`/compliance/pakker/${pkg.id}/risici/ny`, form({ ref: 'r2' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Pakken har allerede en risiko med nummeret r2');
    expect(await risksOf(pkg.id)).toHaveLength(2);
  });

  it('puts a row error back on its row and ignores blank rows', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 0 });
    const res = await author.post(
      `/compliance/pakker/${pkg.id}/risici/ny`,
      form({ 'measures.0.description': '', 'measures.0.owner': '', 'measures.0.deadline': '', 'measures.2.description': 'Ny', 'measures.2.deadline': '31.02.2026' }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Planlagt foranstaltning 3, frist: Skriv fristen som en dato');
    expect(res.body).toContain('id="felt-measures-2-deadline-error"');
  });

  it('edits a risk and replaces its planned measures', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 1 });
    const [r1] = await risksOf(pkg.id);
    const page = await author.get(`/compliance/pakker/${pkg.id}/risici/${r1!.id}/rediger`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Foranstaltning 1"');
    expect(page.body).toContain('value="31.12.2030"');
    const res = await author.post(`/compliance/pakker/${pkg.id}/risici/${r1!.id}/rediger`, form({ 'measures.0.description': 'Ny foranstaltning' }));
    expect(res.statusCode).toBe(303);
    const measures = await rows<{ description: string; deadline: string }>(sql`select description, deadline::text from compliance_risk_measure where risk_id = ${r1!.id}`);
    expect(measures).toEqual([{ description: 'Ny foranstaltning', deadline: '2026-12-31' }]);
  });

  it('deletes a risk after confirmation, once on a double click', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 2 });
    const [r1] = await risksOf(pkg.id);
    const confirm = await author.get(`/compliance/pakker/${pkg.id}/risici/${r1!.id}/slet`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Slet risiko R1?');
    const key = /name="requestKey" value="([^"]+)"/.exec(confirm.body)![1]!;
    const deletedBefore = await audits('compliance.risk_deleted');
    const first = await author.post(`/compliance/pakker/${pkg.id}/risici/${r1!.id}/slet`, { requestKey: key });
    const again = await author.post(`/compliance/pakker/${pkg.id}/risici/${r1!.id}/slet`, { requestKey: key });
    expect([first.statusCode, again.statusCode]).toEqual([303, 303]);
    expect(first.headers.location).toBe(`/compliance/pakker/${pkg.id}/risici?besked=slettet`);
    expect((await risksOf(pkg.id)).map((r) => r.ref)).toEqual(['R2']);
    expect(await audits('compliance.risk_deleted')).toBe(deletedBefore + 1);
  });
});

describe('the heatmaps and the list', () => {
  it('counts the risks per cell, differently before and after the measures', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 0 });
    // three risks at likelihood 3, consequence 2 (Høj), reduced to 2×2, 1×2 and 1×1
    for (const [ref, rl, rc] of [['R1', 2, 2], ['R10', 1, 2], ['R2', 1, 1]] as const) {
      const res = await author.api('POST', `/api/v1/compliance/packages/${pkg.id}/risks`, apiRisk({ ref, residualLikelihood: rl, residualConsequence: rc }));
      expect(res.statusCode, res.body).toBe(201);
    }
    const page = await author.get(`/compliance/pakker/${pkg.id}/risici`);
    expect(page.statusCode).toBe(200);
    const svgCount = (kind: string, c: number, l: number) => {
      const svg = page.body.slice(page.body.indexOf(`data-heatmap="${kind}"`));
      return new RegExp(`data-consequence="${c}" data-likelihood="${l}" data-count="(\\d+)"`).exec(svg)![1];
    };
    const tableCell = (kind: string, cell: string) => {
      // each map's table follows its picture
      const table = page.body.slice(page.body.indexOf(`data-heatmap="${kind}"`));
      const m = new RegExp(`<td[^>]*data-cell="${cell}" data-count="(\\d+)">([\\s\\S]*?)</td>`).exec(table)!;
      return { count: m[1], text: m[2]!.replace(/<[^>]*>/g, '') };
    };
    expect(svgCount('inherent', 2, 3)).toBe('3');
    expect(svgCount('inherent', 2, 2)).toBe('0');
    expect(tableCell('inherent', '2:3')).toEqual({ count: '3', text: '3 risici, HøjR1, R2, R10' });
    expect(svgCount('residual', 2, 3)).toBe('0');
    expect([svgCount('residual', 2, 2), svgCount('residual', 2, 1), svgCount('residual', 1, 1)]).toEqual(['1', '1', '1']);
    expect(tableCell('residual', '2:2')).toEqual({ count: '1', text: '1 risiko, MellemR1' });
    expect(page.body).toContain('3 risici. Meget høj: 0, Høj: 3, Mellem: 0, Lav: 0.');
    expect(page.body).toMatch(/<th[^>]*scope="row"[^>]*>2 Mindre alvorlig</);
  });

  it('lists 60 risks with levels, treatment in Danish and warnings in words, sortable by level', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 60 });
    const [r5] = await rows<{ id: string }>(sql`select id from compliance_risk where package_id = ${pkg.id} and ref = 'R5'`);
    await t.database.db.update(complianceRisk).set({ treatment: 'accept', rationale: '' }).where(eq(complianceRisk.id, r5!.id));
    const byRef = await author.get(`/compliance/pakker/${pkg.id}/risici`);
    expect(byRef.statusCode).toBe(200);
    const refs = (body: string) => [...body.matchAll(/<tr data-risk="([^"]+)"/g)].map((m) => m[1]);
    expect(refs(byRef.body)).toHaveLength(60);
    expect(refs(byRef.body).slice(0, 3)).toEqual(['R1', 'R2', 'R3']);
    expect(refs(byRef.body)[9]).toBe('R10');
    const row5 = byRef.body.slice(byRef.body.indexOf('<tr data-risk="R5"'), byRef.body.indexOf('<tr data-risk="R6"'));
    expect(row5).toContain('Acceptere');
    expect(row5).toContain('1 advarsel');
    expect(row5).toContain('Risikoen er accepteret uden en begrundelse.');
    expect(row5).toContain('#warning');
    const byLevel = await author.get(`/compliance/pakker/${pkg.id}/risici?sorter=risiko`);
    // R15 (3×4) is Meget høj and stays so after its measure; R53 (1×2) is the last Lav by number
    expect(refs(byLevel.body).slice(0, 2)).toEqual(['R15', 'R16']);
    expect(refs(byLevel.body).at(-1)).toBe('R53');
    expect(byLevel.body).toContain('Risikoniveau (valgt)');
    expect((await author.get(`/compliance/pakker/${pkg.id}/risici?sorter=noget`)).statusCode).toBe(200);
  });
});

describe('who may do what', () => {
  it('lets a recipient read a published package delivered to the municipality, with the risk page', async () => {
    const pkg = await buildPackage(t.database.db, { status: 'published', targets: ['0320'] });
    const list = await faxeRecipient.get(`/compliance/pakker/${pkg.id}/risici`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Ny risiko');
    const [r1] = await risksOf(pkg.id);
    const page = await faxeRecipient.get(`/compliance/pakker/${pkg.id}/risici/${r1!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Ret risikoen');
  });

  it('answers 404 to another municipality, and for a risk of another package', async () => {
    const pkg = await buildPackage(t.database.db, { status: 'published', targets: ['0320'] });
    const other = await buildPackage(t.database.db, { risks: 1 });
    const [r1] = await risksOf(pkg.id);
    const [foreign] = await risksOf(other.id);
    expect((await brondbyRecipient.get(`/compliance/pakker/${pkg.id}/risici`)).statusCode).toBe(404);
    expect((await brondbyRecipient.get(`/compliance/pakker/${pkg.id}/risici/${r1!.id}`)).statusCode).toBe(404);
    expect((await author.get(`/compliance/pakker/${pkg.id}/risici/${foreign!.id}`)).statusCode).toBe(404);
    expect((await author.api('DELETE', `/api/v1/compliance/packages/${pkg.id}/risks/${foreign!.id}`)).statusCode).toBe(403);
    const draft = await buildPackage(t.database.db, { risks: 1 });
    expect((await author.api('DELETE', `/api/v1/compliance/packages/${draft.id}/risks/${foreign!.id}`)).statusCode).toBe(404);
  });

  it('refuses changes to a published package (403) and changes nothing', async () => {
    const pkg = await buildPackage(t.database.db, { status: 'published', targets: ['0320'] });
    const [r1] = await risksOf(pkg.id);
    expect((await author.get(`/compliance/pakker/${pkg.id}/risici/ny`)).statusCode).toBe(403);
    expect((await author.post(`/compliance/pakker/${pkg.id}/risici/ny`, form({ ref: 'R99' }))).statusCode).toBe(403);
    expect((await author.post(`/compliance/pakker/${pkg.id}/risici/${r1!.id}/slet`, {})).statusCode).toBe(403);
    expect((await author.api('PUT', `/api/v1/compliance/packages/${pkg.id}/risks/${r1!.id}`, apiRisk())).statusCode).toBe(403);
    expect(await risksOf(pkg.id)).toHaveLength(4);
    const list = await author.get(`/compliance/pakker/${pkg.id}/risici`);
    expect(list.body).not.toContain('Ny risiko');
  });

  it('lets central readers read but not author (403)', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 1 });
    const [r1] = await risksOf(pkg.id);
    expect((await economist.get(`/compliance/pakker/${pkg.id}/risici`)).statusCode).toBe(200);
    expect((await economist.get(`/compliance/pakker/${pkg.id}/risici/ny`)).statusCode).toBe(403);
    expect((await economist.post(`/compliance/pakker/${pkg.id}/risici/ny`, form({ ref: 'R7' }))).statusCode).toBe(403);
    expect((await economist.api('POST', `/api/v1/compliance/packages/${pkg.id}/risks`, apiRisk())).statusCode).toBe(403);
    expect((await economist.api('DELETE', `/api/v1/compliance/packages/${pkg.id}/risks/${r1!.id}`)).statusCode).toBe(403);
    expect(await risksOf(pkg.id)).toHaveLength(1);
  });
});

describe('the API', () => {
  it('answers with the looked-up levels and the warnings, and writes once on a repeat', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 0 });
    const url = `/api/v1/compliance/packages/${pkg.id}/risks`;
    const body = apiRisk({ treatment: 'accept', measures: [{ description: 'Uden frist', owner: 'KOMBIT' }] });
    const created = await author.api('POST', url, body);
    expect(created.statusCode).toBe(201);
    const risk = created.json() as { id: string; level: { label: string }; residualLevel: { label: string }; warnings: { code: string }[] };
    expect(risk.level.label).toBe('Høj');
    expect(risk.residualLevel.label).toBe('Mellem');
    expect(risk.warnings.map((w) => w.code)).toEqual(['accepted-without-rationale', 'measure-incomplete']);
    expect((await author.api('POST', url, body)).statusCode).toBe(201);
    expect(await risksOf(pkg.id)).toHaveLength(1);

    const put = await author.api('PUT', `${url}/${risk.id}`, apiRisk({ likelihood: 4, consequence: 4, residualLikelihood: 4, residualConsequence: 4, measures: [] }));
    expect(put.statusCode).toBe(200);
    const changed = put.json() as { level: { label: string }; warnings: { code: string }[]; measures: unknown[] };
    expect(changed.level.label).toBe('Meget høj');
    expect(changed.measures).toEqual([]);
    expect(changed.warnings.map((w) => w.code)).toEqual(['reduce-without-plan']);

    expect((await author.api('DELETE', `${url}/${risk.id}`)).statusCode).toBe(204);
    expect((await author.api('DELETE', `${url}/${risk.id}`)).statusCode).toBe(204); // the repeat answers alike
    expect(await risksOf(pkg.id)).toHaveLength(0);
  });

  it('answers a bad body with Danish field errors', async () => {
    const pkg = await buildPackage(t.database.db, { risks: 0 });
    const res = await author.api('POST', `/api/v1/compliance/packages/${pkg.id}/risks`, { ref: '', likelihood: 'x', treatment: 'maybe' });
    expect(res.statusCode).toBe(422);
    const errors = (res.json() as { fieldErrors: Record<string, string> }).fieldErrors;
    expect(errors.ref).toBe('Skriv risikoens nummer, fx R1');
    expect(errors.likelihood).toBe('Vælg sandsynligheden');
    expect(errors.treatment).toBe('Vælg, hvordan risikoen håndteres');
  });
});
