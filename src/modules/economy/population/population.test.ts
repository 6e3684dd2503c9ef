import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { person, roleAssignment, userAccount } from '../../../db/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { formatNumber } from '../../../platform/views/format.ts';
import { economyYearSetting, population } from '../schema.ts';

const ECONOMIST = { email: 'oekonomi@befolkning.test', password: 'befolkning-oekonomi-1' };

/** A hand-built multipart body, as a browser sends it for a form with a file input. */
function multipart(fields: Record<string, string>, file: Buffer) {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="folk1a.csv"\r\nContent-Type: text/csv\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts the file as the page's form does, or to the API when `api` is set (session + CSRF header). */
async function upload(c: Client, file: Buffer | string, opts: { api?: boolean } = {}) {
  const { payload, contentType } = multipart(opts.api ? {} : { _csrf: c.csrf }, Buffer.from(file));
  const headers: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType };
  if (opts.api) headers['x-csrf-token'] = c.csrf;
  const url = opts.api ? '/api/v1/economy/population/import' : '/oekonomi/befolkning/import';
  return c.app.inject({ method: 'POST', url, headers, payload });
}

describe('population figures per municipality and period', () => {
  let t: TestApp;
  let economist: Client;
  let consultant: Client;
  let faxe: Client;
  /** FOLK1A for all 98 municipalities in 2026K1, Danmarks Statistik's way: Windows-1252, names and codes mixed. */
  let full: Buffer;
  let total = 0;

  const stored = () => t.database.db.select().from(population).orderBy(population.period, population.municipalityCode);
  const audits = async () =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, 'economy.population_imported')))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const [p] = await db.insert(person).values({ municipalityCode: null, name: 'Øjvind Økonomi', email: ECONOMIST.email, title: 'Økonom' }).returning({ id: person.id });
    await db.insert(userAccount).values({ personId: p!.id, email: ECONOMIST.email, passwordHash: await hashPassword(ECONOMIST.password) });
    await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey: 'oekonomi', solutionKey: null });
    economist = await loginAs(t.app, ECONOMIST.email, ECONOMIST.password);
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader('0320'));

    const municipalities = await db.select().from(municipality).orderBy(municipality.code);
    const lines = municipalities.map((m, i) => {
      const figure = 10_000 + i * 1_001;
      total += figure;
      return `${i % 2 === 0 ? String(Number(m.code)) : `"${m.name} Kommune"`};2026K1;${figure}`;
    });
    full = Buffer.from(['"OMRÅDE";"TID";"INDHOLD"', `"Hele landet";2026K1;${total}`, 'Region Sjælland;2026K1;1', ...lines].join('\r\n'), 'latin1');
  });
  afterAll(() => t.close());

  it('imports a FOLK1A file from the page, shows the period with its count, and a second upload changes nothing', async () => {
    await economist.get('/oekonomi/befolkning');
    const first = await upload(economist, full);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/oekonomi/befolkning?besked=importeret');
    const page = await economist.get('/oekonomi/befolkning?besked=importeret');
    expect(page.body).toContain('Befolkningstallene er importeret.');
    expect(page.body).toContain('>2026K1<');
    expect(page.body).toContain('98 kommuner');
    expect(page.body).toContain(`${formatNumber(total)} indbyggere`);
    const after = await stored();
    expect(after).toHaveLength(98);
    expect(await audits()).toBe(1);

    const second = await upload(economist, full);
    expect(second.headers.location).toBe('/oekonomi/befolkning?besked=uaendret');
    expect((await economist.get('/oekonomi/befolkning?besked=uaendret')).body).toContain('Filens befolkningstal var allerede importeret; intet er ændret.');
    expect(await stored()).toEqual(after);
    expect(await audits()).toBe(1);
  });

  it('a file with one bad row changes nothing and reports the rows by line (422)', async () => {
    const before = await stored();
    const file = ['OMRÅDE;TID;INDHOLD', '320;2026K1;99999', '320;2027K1;1', 'Atlantis;2026K1;10', 'Læsø;2026K7;1.735'].join('\n');
    const res = await upload(economist, file);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Filen har fejl i 2 linjer; ingen befolkningstal er ændret.');
    expect(res.body).toContain('Ukendt kommune &#34;Atlantis&#34;');
    expect(res.body).toContain('Perioden &#34;2026K7&#34; skal skrives som år og kvartal, fx 2026K1');
    expect(await stored()).toEqual(before);

    const api = await upload(economist, file, { api: true });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors).toMatchObject({ 'linje-4': 'Ukendt kommune "Atlantis"' });
    expect(await stored()).toEqual(before);
  });

  it('the API imports and answers a period per municipality', async () => {
    const res = await upload(economist, 'OMRÅDE;TID;INDHOLD\n320;2026K2;36.600\nBrøndby;2026K2;39000\n', { api: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ periods: ['2026K2'], changed: 2, unchanged: 0, skipped: [] });
    const read = await consultant.api('GET', '/api/v1/economy/population?period=2026K2');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({
      period: '2026K2',
      municipalities: [
        { code: '0153', name: 'Brøndby', population: 39000 },
        { code: '0320', name: 'Faxe', population: 36600 },
      ],
    });
    expect((await consultant.api('GET', '/api/v1/economy/population?period=2026')).statusCode).toBe(422);
  });

  it('a budget year may use only a period with every municipality', async () => {
    await economist.get('/oekonomi/befolkning');
    const partial = await economist.post('/oekonomi/befolkning/aar/2027', { 'periode-2027': '2026K2' });
    expect(partial.statusCode).toBe(422);
    expect(partial.body).toContain('Perioden 2026K2 har befolkningstal for 2 af 98 kommuner; importér hele perioden først');
    expect(await t.database.db.select().from(economyYearSetting)).toEqual([]);

    const ok = await economist.post('/oekonomi/befolkning/aar/2027', { 'periode-2027': '2026k1' });
    expect(ok.headers.location).toBe('/oekonomi/befolkning?besked=gemt');
    expect(await t.database.db.select().from(economyYearSetting)).toEqual([{ year: 2027, populationPeriod: '2026K1' }]);
    const page = await economist.get('/oekonomi/befolkning');
    expect(page.body).toMatch(/<th scope="row">2027<\/th>\s*<td>2026K1<\/td>/);
  });

  it('the consultant reads but may not import (403); a municipality does not see the pages (404)', async () => {
    const page = await consultant.get('/oekonomi/befolkning');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Importér befolkningstal');
    expect((await upload(consultant, full)).statusCode).toBe(403);
    expect((await upload(consultant, full, { api: true })).statusCode).toBe(403);
    expect((await consultant.post('/oekonomi/befolkning/aar/2028', { 'periode-2028': '2026K1' })).statusCode).toBe(403);

    expect((await faxe.get('/oekonomi/befolkning')).statusCode).toBe(404);
    expect((await faxe.api('GET', '/api/v1/economy/population?period=2026K1')).statusCode).toBe(404);
    expect((await upload(faxe, full, { api: true })).statusCode).toBe(404);
  });
});
