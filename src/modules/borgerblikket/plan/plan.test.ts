import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { setKleEntries } from '../../../../test/factories/borgerblikket.ts';
import { rawRows } from '../../../db/client.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { DEMO_CONFIGURATION_REASON, seedDemoKlePlan } from '../demo-plan.ts';
import { bbConfigChange, bbConfigEntry, klePlanImport, kleNumber } from '../schema.ts';
import { expiredConfiguredEntries } from './expired-configured-entries.ts';
import { importKlePlanFile } from './import-kle-plan-file.ts';
import { DEMO_KLE, syntheticKlePlan } from './synthetic-plan.ts';

function multipart(fields: Record<string, string>, filename: string, file: Buffer) {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="${filename}"\r\nContent-Type: application/xml\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a plan as the page's form (with the CSRF token and a request key) or to the API. */
async function upload(c: Client, xml: string, opts: { api?: boolean; key?: string; filename?: string } = {}) {
  const fields: Record<string, string> = opts.api ? {} : { _csrf: c.csrf, requestKey: opts.key ?? `k-${Math.random()}` };
  const { payload, contentType } = multipart(fields, opts.filename ?? 'kle.xml', Buffer.from(xml, 'utf8'));
  const headers: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType };
  if (opts.api) headers['x-csrf-token'] = c.csrf;
  if (opts.api && opts.key) headers['idempotency-key'] = opts.key;
  return c.app.inject({ method: 'POST', url: opts.api ? '/api/v1/borgerblikket/kle/import' : '/borgerblikket/kle/import', headers, payload });
}

describe('the KLE plan: import, page, API and the demo', { timeout: 120_000 }, () => {
  let t: TestApp;
  let consultant: Client;
  let faxe: Client;
  let tmp: string;
  const db = () => t.database.db;
  const count = async (table: typeof klePlanImport | typeof kleNumber | typeof bbConfigChange | typeof bbConfigEntry) =>
    (await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  const imports = () => count(klePlanImport);
  const audits = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, 'borgerblikket.kle_plan_imported')))[0]!.n;
  /** Statements per page and API read, one request at a time (the counter is shared by every request in flight). */
  const BROWSE = ['/borgerblikket/kle', '/borgerblikket/kle?hovedgruppe=28', '/api/v1/borgerblikket/kle', '/api/v1/borgerblikket/kle?includeExpired=false'];
  let emptyPlanStatements: number[] = [];
  async function statements() {
    const out: number[] = [];
    for (const url of BROWSE) {
      const start = t.database.queries.count;
      expect((await faxe.get(url)).statusCode, url).toBe(200);
      out.push(t.database.queries.count - start);
    }
    return out;
  }
  const numberRow = async (n: string) => (await db().select().from(kleNumber).where(eq(kleNumber.number, n)))[0];

  beforeAll(async () => {
    t = await startTestApp();
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader('0320'));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-kle-'));
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await t?.close();
  });

  it('shows an empty plan to everyone signed in; only central editors may import, and bad files change nothing', async () => {
    const page = await faxe.get('/borgerblikket/kle');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Der er ikke indlæst nogen KLE-plan endnu.');
    expect(page.body).not.toContain('action="/borgerblikket/kle/import"');
    expect((await faxe.api('GET', '/api/v1/borgerblikket/kle')).json()).toEqual({ publishedOn: null, numbers: [] });
    emptyPlanStatements = await statements();

    const plan = syntheticKlePlan();
    expect((await upload(faxe, plan)).statusCode).toBe(403);
    expect((await upload(faxe, plan, { api: true })).statusCode).toBe(403);
    expect(await imports()).toBe(0);

    // Topic under the wrong group and a duplicate: a per-line report on the page, nothing written.
    const broken = plan.replace('<EmneNr>27.12.04</EmneNr>', '<EmneNr>27.13.04</EmneNr>').replace('<EmneNr>28.01.02</EmneNr>', '<EmneNr>28.01.01</EmneNr>');
    const refused = await upload(consultant, broken);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Emne 27.13.04 står under gruppe 27.12; nummeret skal begynde med 27.12');
    expect(refused.body).toMatch(/KLE-nummer 28\.01\.01 står også i linje \d+/);
    expect(refused.body).toContain('Fejlrapport (2 linjer med fejl)');
    const api = await upload(consultant, '<html/>', { api: true });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors).toEqual({ 'linje-1': 'Filen er ikke en KLE-plan i KLE-XML: dokumentets element hedder html, ikke KLE-Emneplan' });
    const empty = await upload(consultant, '', { api: true });
    expect(empty.statusCode).toBe(422);
    expect([await imports(), await count(kleNumber), await audits()]).toEqual([0, 0, 0]);
  });

  it('seeds the demo: the synthetic plan through the import, and all 98 configured through applyConfigChanges; a second seed does nothing', async () => {
    const now = new Date('2026-03-02T09:00:00+01:00');
    await seedDemoKlePlan(db(), now);
    expect(await imports()).toBe(1);
    expect(await count(kleNumber)).toBe(314);
    const [imp] = await db().select().from(klePlanImport);
    expect(imp).toMatchObject({ publishedOn: '2025-01-15', mainGroups: 14, groups: 62, topics: 238, newlyExpired: 0 });
    expect(imp!.importedBy).not.toBeNull();
    expect(await numberRow(DEMO_KLE.expired)).toMatchObject({ expiredOn: DEMO_KLE.expiredOn, expiredNote: 'Udgået i KLE' });
    const changes = await db().select().from(bbConfigChange);
    expect(changes).toHaveLength(98);
    expect(new Set(changes.map((c) => c.municipalityCode)).size).toBe(98);
    expect(changes.every((c) => c.kind === 'import' && c.reason === DEMO_CONFIGURATION_REASON && c.changedByName.startsWith('Programleder '))).toBe(true);
    const faxeEntries = Object.fromEntries((await db().select().from(bbConfigEntry).where(eq(bbConfigEntry.municipalityCode, '0320'))).map((e) => [e.kle, e.settings]));
    expect(faxeEntries['27']).toEqual({ shown: true, youth: true, fromDate: '2020-01-01' });
    expect(faxeEntries['28']).toMatchObject({ shown: true, youth: true });
    expect(Object.keys(faxeEntries).filter((k) => /^2[78]/.test(k) && faxeEntries[k]!.youth === false)).toEqual([]);
    const [youthNo] = await rawRows<{ n: number }>(db(), sql`select count(distinct municipality_code)::int as n from bb_config_entry where settings->>'youth' = 'false'`);
    expect(youthNo!.n).toBeGreaterThan(20);
    const [filtered] = await rawRows<{ n: number }>(db(), sql`select count(*)::int as n from bb_config_entry where jsonb_array_length(settings->'sourceSystems') > 0`);
    expect(filtered!.n).toBeGreaterThan(10);
    const review = await expiredConfiguredEntries(db(), null);
    expect(review.length).toBeGreaterThanOrEqual(5);
    expect(review.every((e) => e.kle === DEMO_KLE.expired && e.title === 'Fleksydelse' && e.expiredOn === DEMO_KLE.expiredOn)).toBe(true);

    const before = [await imports(), await count(kleNumber), await count(bbConfigChange), await count(bbConfigEntry), await audits()];
    await seedDemoKlePlan(db(), now);
    expect([await imports(), await count(kleNumber), await count(bbConfigChange), await count(bbConfigEntry), await audits()]).toEqual(before);
  });

  it('browses the plan on a page and in the API, expired numbers marked, in as many statements as the empty plan took', async () => {
    const overview = await faxe.get('/borgerblikket/kle');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Planen af 15.01.2025');
    expect(overview.body).toContain('href="/borgerblikket/kle?hovedgruppe=28"');
    expect(overview.body).toContain('Arbejdsmarked og beskæftigelse');
    const main = await faxe.get('/borgerblikket/kle?hovedgruppe=27');
    expect(main.body).toContain('27.12 Kontanthjælp og uddannelseshjælp');
    expect(main.body).toContain('Uddannelseshjælp til unge under 30 år');
    expect(main.body).toMatch(/Udgået<\/span> <span>01\.07\.2024: Udgået i KLE/);
    expect((await consultant.get('/borgerblikket/kle')).body).toContain('action="/borgerblikket/kle/import"');
    // A mangled main group falls back to the overview.
    expect((await faxe.get('/borgerblikket/kle?hovedgruppe=x9')).statusCode).toBe(200);

    const all = (await faxe.api('GET', '/api/v1/borgerblikket/kle')).json();
    expect(all.publishedOn).toBe('2025-01-15');
    expect(all.numbers).toHaveLength(314);
    expect(all.numbers.find((n: { number: string }) => n.number === '27.12.04')).toMatchObject({ level: 'emne', parent: '27.12', title: 'Uddannelseshjælp til unge under 30 år', expiredOn: null });
    const current = (await faxe.api('GET', '/api/v1/borgerblikket/kle?includeExpired=false')).json();
    expect(current.numbers).toHaveLength(313);
    expect(current.numbers.some((n: { number: string }) => n.number === DEMO_KLE.expired)).toBe(false);

    expect(await statements()).toEqual(emptyPlanStatements);
  });

  it('the same file again is "uændret"; an older plan is refused; nothing is written either time', async () => {
    const again = await upload(consultant, syntheticKlePlan(), { api: true });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'uaendret', publishedOn: '2025-01-15', newlyExpired: [] });
    expect(again.json().review.length).toBeGreaterThanOrEqual(5);
    const older = await upload(consultant, syntheticKlePlan({ publishedOn: '2024-06-01' }), { api: true });
    expect(older.statusCode).toBe(422);
    expect(older.json().message).toContain('Planen er udgivet 01.06.2024, men den nyeste indlæste plan er udgivet 15.01.2025. En ældre plan indlæses ikke');
    expect([await imports(), await audits()]).toEqual([1, 1]);
  });

  it('a newer plan marks retired and left-out numbers expired, keeps every configuration entry on them and lists them for review; a repeated request writes once', async () => {
    await setKleEntries(db(), '0320', { '27.12.05': { youth: false } });
    const newer = syntheticKlePlan({ publishedOn: '2026-01-15', omit: ['27.12.05'], expire: { '28.01.01': '2026-01-01' } });
    const first = await upload(consultant, newer, { api: true, key: 'kle-2026', filename: 'KLE-Emneplan_2026.xml' });
    expect(first.statusCode).toBe(200);
    const r = first.json();
    expect(r).toMatchObject({ status: 'importeret', publishedOn: '2026-01-15', filename: 'KLE-Emneplan_2026.xml', newlyExpired: ['27.12.05', '28.01.01'] });
    expect(r.review).toContainEqual(expect.objectContaining({ municipalityCode: '0320', municipalityName: 'Faxe', kle: '27.12.05', expiredOn: '2026-01-15', expiredNote: 'Ikke med i planen af 15.01.2026' }));
    const repeat = await upload(consultant, newer, { api: true, key: 'kle-2026', filename: 'KLE-Emneplan_2026.xml' });
    expect(repeat.json()).toEqual(r);
    expect([await imports(), await audits()]).toEqual([2, 2]);

    expect(await numberRow('27.12.05')).toMatchObject({ title: 'Ungeydelse til 18–24-årige', expiredOn: '2026-01-15', expiredNote: 'Ikke med i planen af 15.01.2026' });
    expect(await numberRow('28.01.01')).toMatchObject({ expiredOn: '2026-01-01', expiredNote: 'Udgået i KLE' });
    expect(await numberRow(DEMO_KLE.expired)).toMatchObject({ expiredOn: DEMO_KLE.expiredOn });
    expect(await numberRow('27.12.04')).toMatchObject({ expiredOn: null });
    expect(await count(kleNumber)).toBe(314);
    expect((await db().select().from(bbConfigEntry).where(eq(bbConfigEntry.kle, '27.12.05'))).map((e) => e.municipalityCode)).toEqual(['0320']);
    expect((await expiredConfiguredEntries(db(), '0320')).map((e) => e.kle)).toEqual(['27.12.05']);
    const [audit] = await db().select().from(auditEvent).where(eq(auditEvent.action, 'borgerblikket.kle_plan_imported')).orderBy(sql`${auditEvent.at} desc`).limit(1);
    expect(audit!.after).toMatchObject({ publishedOn: '2026-01-15', newlyExpired: ['27.12.05', '28.01.01'] });

    // The page's report says the same, with the entry to review.
    const page = await upload(consultant, newer);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Uændret: KLE-planen af 15.01.2026');
    expect(page.body).toContain('Kommunernes indstillinger på udgåede KLE-numre');
    expect(page.body).toContain('href="/borgerblikket/kommuner/0320"');
  });

  it('a plan that brings a number back puts it in force again; `samspil import kle` prints the report and exits 0, or 1 with the lines', async () => {
    const file = path.join(tmp, 'kle-2026-06.xml');
    fs.writeFileSync(file, syntheticKlePlan({ publishedOn: '2026-06-01', expire: { '28.01.01': '2026-01-01' } }));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await importKlePlanFile(db(), t.config, file)).toBe(0);
      const out = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(out).toContain('Indlæst: KLE-planen af 01.06.2026 (14 hovedgrupper, 62 grupper, 238 emner). 0 numre er udgået siden sidste plan.');
      expect(out).toContain('Til gennemgang:');
      expect(out).toMatch(/0320 Faxe: 28\.01\.01|\d{4} [^:]+: 27\.24\.07 Fleksydelse \(Udgået i KLE\)/);
      fs.writeFileSync(file, syntheticKlePlan({ publishedOn: '2026-07-01' }).replace('<EmneNr>27.12.04</EmneNr>', '<EmneNr>27.13.04</EmneNr>'));
      expect(await importKlePlanFile(db(), t.config, file)).toBe(1);
      expect(err.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/Linje \d+: Emne 27\.13\.04 står under gruppe 27\.12/);
      expect(await importKlePlanFile(db(), t.config, path.join(tmp, 'findes-ikke.xml'))).toBe(1);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    expect(await numberRow('27.12.05')).toMatchObject({ expiredOn: null, expiredNote: null });
    const [last] = await db().select().from(klePlanImport).orderBy(sql`${klePlanImport.importedAt} desc`).limit(1);
    expect(last).toMatchObject({ publishedOn: '2026-06-01', importedBy: null, filename: 'kle-2026-06.xml' });
  });
});
