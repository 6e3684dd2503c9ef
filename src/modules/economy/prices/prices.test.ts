import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildPriceModel, seedPopulation } from '../../../../test/factories/economy.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { economyPublication, economyYearSetting, priceModel, priceUnitPrice, priceUsage } from '../schema.ts';

/** A hand-built multipart body, as a browser sends the usage form. */
function multipart(fields: Record<string, string>, file: Buffer, filename = 'forbrug.csv') {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function uploadUsage(c: Client, year: number, id: string, content: string) {
  const { payload, contentType } = multipart({ _csrf: c.csrf }, Buffer.from(content));
  return c.app.inject({
    method: 'POST',
    url: `/oekonomi/priser/${year}/modeller/${id}/forbrug`,
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
    payload,
  });
}

type Allocation = {
  totalOre: number;
  populationPeriod: string;
  municipalities: { code: string; name: string; population: number; amountOre: number; calculation: string; lines: { solution: string; model: string; amountOre: number; calculation: string }[] }[];
};

const KINK_MODEL = { solution: 'infrastruktur', label: 'Infrastruktur', kind: 'per_citizen_kink', rateOre: 2500, kink: { thresholdCitizens: 150_000, reducedPercent: 50 } };

describe('prices as data, and their allocation on the municipalities', () => {
  let t: TestApp;
  let admin: Client;
  let consultant: Client;
  let faxe: Client;

  /** Every row the prices and the population setting are made of, to show a refusal changed nothing. */
  const snapshot = async () => {
    const db = t.database.db;
    return JSON.stringify({
      models: await db.select().from(priceModel).orderBy(asc(priceModel.id)),
      units: await db.select().from(priceUnitPrice).orderBy(asc(priceUnitPrice.priceModelId), asc(priceUnitPrice.position)),
      usage: await db.select().from(priceUsage).orderBy(asc(priceUsage.priceModelId), asc(priceUsage.municipalityCode)),
      settings: await db.select().from(economyYearSetting).orderBy(asc(economyYearSetting.year)),
      audit: (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvent))[0]!.n,
    });
  };
  const audits = async (action: string) => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;
  const modelsOf = (year: number) => t.database.db.select().from(priceModel).where(eq(priceModel.year, year));

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAs(t.app, DEMO.admin);
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader('0320'));
  });
  afterAll(() => t?.close());

  it('charges the kink for København, Aarhus and Læsø to the øre, from a model created through the API', async () => {
    await seedPopulation(t.database.db, 2026);
    const created = await admin.api('POST', '/api/v1/economy/years/2026/prices', KINK_MODEL);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ label: 'Infrastruktur', kind: 'per_citizen_kink', rateOre: 2500, kink: { thresholdCitizens: 150_000, reducedPercent: 50 }, amountOre: null, unitPrices: [] });
    expect(await audits('economy.price_model_created')).toBe(1);

    const res = await admin.api('GET', '/api/v1/economy/years/2026/allocation?solution=infrastruktur');
    expect(res.statusCode).toBe(200);
    const a = res.json() as Allocation;
    const at = (code: string) => a.municipalities.find((m) => m.code === code)!;
    expect(a.municipalities).toHaveLength(98);
    expect(at('0101')).toMatchObject({
      population: 667_099,
      amountOre: 1_021_373_750,
      calculation: '150.000 indbyggere × 25,00 kr. + 517.099 indbyggere × 12,50 kr.',
      lines: [{ solution: 'infrastruktur', model: 'Infrastruktur', amountOre: 1_021_373_750, calculation: '150.000 indbyggere × 25,00 kr. + 517.099 indbyggere × 12,50 kr.' }],
    });
    // 150.000 × 2.500 øre + 217.095 × 1.250 øre
    expect(at('0751')).toMatchObject({ amountOre: 646_368_750, calculation: '150.000 indbyggere × 25,00 kr. + 217.095 indbyggere × 12,50 kr.' });
    // below the threshold: the full rate only
    expect(at('0825')).toMatchObject({ amountOre: 4_382_500, calculation: '1.753 indbyggere × 25,00 kr.' });
    expect(a.totalOre).toBe(a.municipalities.reduce((s, m) => s + m.amountOre, 0));

    // The pages say the same: the prices page with København as the example, the allocation page per municipality.
    const page = await admin.get('/oekonomi/priser/2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pris pr. indbygger med knækrabat');
    expect(page.body).toContain('25,00 kr. pr. indbygger; over 150.000 indbyggere 50 % (12,50 kr.)');
    expect(page.body).toContain('10.213.737,50 kr.');
    expect(page.body).toContain('150.000 indbyggere × 25,00 kr. + 517.099 indbyggere × 12,50 kr.');
    const allocation = await admin.get('/oekonomi/fordeling/2026?loesning=infrastruktur');
    expect(allocation.statusCode).toBe(200);
    expect(allocation.body).toContain('href="/oekonomi/fordeling/2026/kommuner/0825"');
    expect(allocation.body).toContain('43.825,00 kr.');
    const laesoe = await admin.get('/oekonomi/fordeling/2026/kommuner/0825');
    expect(laesoe.statusCode).toBe(200);
    expect(laesoe.body).toContain('1.753 indbyggere × 25,00 kr.');
  });

  it('shares a distributed total (with the kink) so the 98 shares add up to it exactly', async () => {
    const total = 123_456_789_01; // 123.456.789,01 kr.: does not divide evenly
    const res = await admin.api('POST', '/api/v1/economy/years/2026/prices', {
      solution: 'aula',
      label: 'Aula drift',
      kind: 'distributed',
      amountOre: total,
      kink: { thresholdCitizens: 150_000, reducedPercent: 50 },
    });
    expect(res.statusCode).toBe(201);
    const a = (await admin.api('GET', '/api/v1/economy/years/2026/allocation?solution=aula')).json() as Allocation;
    expect(a.municipalities).toHaveLength(98);
    expect(a.municipalities.reduce((s, m) => s + m.amountOre, 0)).toBe(total);
    expect(a.totalOre).toBe(total);
    expect(a.municipalities.find((m) => m.code === '0101')!.calculation).toMatch(/^Andel af 123\.456\.789,01 kr\. efter vægtet indbyggertal \(indbyggere over 150\.000 tæller 50 %\): 408\.549,5 af /);

    // All solutions at once: each municipality's amount is the sum of its lines, one line per model.
    const all = (await admin.api('GET', '/api/v1/economy/years/2026/allocation')).json() as Allocation & { solution: string | null };
    expect(all.solution).toBeNull();
    const kbh = all.municipalities.find((m) => m.code === '0101')!;
    expect(kbh.lines.map((l) => l.model)).toEqual(['Aula drift', 'Infrastruktur']);
    expect(kbh.amountOre).toBe(kbh.lines[0]!.amountOre + 1_021_373_750);
    const infrastructure = ((await admin.api('GET', '/api/v1/economy/years/2026/allocation?solution=infrastruktur')).json() as Allocation).totalOre;
    expect(all.totalOre).toBe(total + infrastructure);
  });

  it('answers 404 for an unknown solution and 422 in words for a year without population; a municipality gets 404', async () => {
    expect((await admin.api('GET', '/api/v1/economy/years/2026/allocation?solution=findes-ikke')).statusCode).toBe(404);
    const none = await admin.api('GET', '/api/v1/economy/years/2040/allocation');
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'validation_failed', message: 'Der er ikke valgt befolkningstal for 2040.', fieldErrors: { aar: expect.any(String) } });
    const page = await admin.get('/oekonomi/fordeling/2040');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Der er ikke valgt befolkningstal for 2040.');
    for (const url of ['/api/v1/economy/years/2026/prices', '/api/v1/economy/years/2026/allocation']) expect((await faxe.api('GET', url)).statusCode).toBe(404);
    for (const url of ['/oekonomi/priser/2026', '/oekonomi/fordeling/2026', '/oekonomi/priser']) expect((await faxe.get(url)).statusCode).toBe(404);
    expect((await consultant.get('/oekonomi/priser/2026')).statusCode).toBe(200);
    expect((await consultant.api('POST', '/api/v1/economy/years/2026/prices', { ...KINK_MODEL, label: 'Konsulent' })).statusCode).toBe(403);
  });

  it('refuses bad input in Danish and changes nothing', async () => {
    const before = await snapshot();
    const negative = await admin.api('POST', '/api/v1/economy/years/2026/prices', { solution: 'kp', label: 'KP', kind: 'per_citizen', rateOre: -100 });
    expect(negative.statusCode).toBe(422);
    expect(negative.json().fieldErrors).toEqual({ rateOre: 'Prisen pr. indbygger kan ikke være negativ' });
    const percent = await admin.api('POST', '/api/v1/economy/years/2026/prices', { ...KINK_MODEL, label: 'Knæk', kink: { thresholdCitizens: 150_000, reducedPercent: 150 } });
    expect(percent.statusCode).toBe(422);
    expect(percent.json().fieldErrors).toEqual({ 'kink.reducedPercent': 'Procentsatsen skal være et helt tal fra 0 til 100' });
    const wrongField = await admin.api('POST', '/api/v1/economy/years/2026/prices', { solution: 'kp', label: 'KP', kind: 'fixed', amountOre: 100, rateOre: 5 });
    expect(wrongField.json().fieldErrors.rateOre).toContain('Bruges ikke af typen «Fast beløb pr. kommune»');

    // The page: kroner that cannot be read, a negative amount and a kink percent of 150, all named at once.
    await admin.get('/oekonomi/priser/2026/ny?type=per_citizen_kink&loesning=kp');
    const form = await admin.post('/oekonomi/priser/2026/ny', { kind: 'per_citizen_kink', solution: 'kp', label: 'KP', rate: 'femogtyve', kinkThreshold: '150.000', kinkPercent: '150' });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Prisen pr. indbygger: Beløbet kan kun indeholde cifre, punktum mellem tusinder og komma før ørerne, fx 1.234,50.');
    expect(form.body).toContain('Procentsatsen skal være et helt tal fra 0 til 100');
    expect(form.body).toContain('value="femogtyve"');
    const minus = await admin.post('/oekonomi/priser/2026/ny', { kind: 'fixed', solution: 'kp', label: 'KP', amount: '-100,00' });
    expect(minus.statusCode).toBe(422);
    expect(minus.body).toContain('Beløbet kan ikke være negativ');

    // A usage file with a municipality that does not exist: the line is named and no count is stored.
    const valg = await buildPriceModel(t.database.db, { year: 2026, solutionKey: 'valg', label: 'Valgkort', kind: 'usage', usageUnit: 'valgkort', unitPrices: [{ label: 'tryk', unitPriceOre: 190 }] });
    const withModel = await snapshot();
    await admin.get(`/oekonomi/priser/2026/modeller/${valg}`);
    const bad = await uploadUsage(admin, 2026, valg, 'kommunekode;antal\r\n101;520000\r\n999;10\r\n320;-5\r\n');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Filen har fejl i 2 linjer; intet forbrug er ændret.');
    expect(bad.body).toContain('Ukendt kommunekode &#34;999&#34;');
    expect(bad.body).toContain('Antallet &#34;-5&#34; kan ikke være negativt');
    const api = await admin.api('PUT', `/api/v1/economy/years/2026/prices/${valg}/usage`, { usage: [{ code: '0101', quantity: 10 }, { code: '9999', quantity: 1 }] });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors).toEqual({ 'usage.1.code': 'Ukendt kommunekode "9999"' });
    expect(await snapshot()).toBe(withModel);
    expect(before).not.toBe(withModel);
  });

  it('stores usage from a file, shows it per municipality, and a second upload of the same file changes nothing', async () => {
    const [valg] = await t.database.db.select().from(priceModel).where(eq(priceModel.label, 'Valgkort'));
    const ok = await uploadUsage(admin, 2026, valg!.id, 'Kommunekode;Antal\r\n101;520.000\r\n0320;30000\r\n');
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/oekonomi/priser/2026/modeller/${valg!.id}?besked=forbrug#forbrug`);
    const page = await admin.get(`/oekonomi/priser/2026/modeller/${valg!.id}`);
    expect(page.body).toContain('2 kommuner har forbrug, i alt 550.000 valgkort');
    expect(page.body).toMatch(/>Faxe<\/th>\s*<td[^>]*>0320<\/td>\s*<td[^>]*>30\.000<\/td>/);
    const again = await uploadUsage(admin, 2026, valg!.id, 'kommunekode;antal\r\n101;520000\r\n320;30000\r\n');
    expect(again.headers.location).toContain('besked=forbrug-uaendret');
    expect(await audits('economy.usage_imported')).toBe(1);
    const a = (await admin.api('GET', '/api/v1/economy/years/2026/allocation?solution=valg')).json() as Allocation;
    expect(a.municipalities.find((m) => m.code === '0320')).toMatchObject({ amountOre: 30_000 * 190, calculation: '30.000 valgkort × 1,90 kr. (tryk)' });
  });

  it('makes one model of a double submit, and refuses another model under a label the solution has', async () => {
    await admin.get('/oekonomi/priser/2026/ny?type=usage&loesning=valg');
    const form = { kind: 'usage', solution: 'valg', label: 'Valgkort 2', usageUnit: 'valgkort', 'unitPrices.0.label': 'tryk', 'unitPrices.0.price': '1,90', 'unitPrices.2.label': 'porto', 'unitPrices.2.price': '7,40', requestKey: 'dobbelt-klik-1' };
    const first = await admin.post('/oekonomi/priser/2026/ny', form);
    const second = await admin.post('/oekonomi/priser/2026/ny', form);
    expect(first.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    const rows = (await modelsOf(2026)).filter((m) => m.label === 'Valgkort 2');
    expect(rows).toHaveLength(1);
    const units = await t.database.db.select().from(priceUnitPrice).where(eq(priceUnitPrice.priceModelId, rows[0]!.id)).orderBy(asc(priceUnitPrice.position));
    expect(units.map((u) => [u.label, u.unitPriceOre])).toEqual([['tryk', 190], ['porto', 740]]);

    // The API: the same body twice makes one, the second answered 200 with the first.
    const body = { solution: 'ksd', label: 'KSD', kind: 'fixed', amountOre: 5_000_000 };
    const a = await admin.api('POST', '/api/v1/economy/years/2026/prices', body);
    const b = await admin.api('POST', '/api/v1/economy/years/2026/prices', body);
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json().id).toBe(a.json().id);

    const taken = await admin.post('/oekonomi/priser/2026/ny', { ...form, label: 'valgkort 2', requestKey: 'andet-forsoeg' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Valg har allerede en prismodel med navnet «valgkort 2» i 2026. Vælg et andet navn.');
    expect((await modelsOf(2026)).filter((m) => m.solutionKey === 'valg')).toHaveLength(2);
  });

  it('edits and deletes a model, audited, and copies the year to the next without usage', async () => {
    const [ksd] = (await modelsOf(2026)).filter((m) => m.solutionKey === 'ksd');
    await admin.get(`/oekonomi/priser/2026/modeller/${ksd!.id}`);
    const saved = await admin.post(`/oekonomi/priser/2026/modeller/${ksd!.id}`, { kind: 'fixed', solution: 'ksd', label: 'KSD', amount: '60.000,00' });
    expect(saved.headers.location).toBe(`/oekonomi/priser/2026/modeller/${ksd!.id}?besked=gemt`);
    const same = await admin.post(`/oekonomi/priser/2026/modeller/${ksd!.id}`, { kind: 'fixed', solution: 'ksd', label: 'KSD', amount: '60.000' });
    expect(same.headers.location).toBe(`/oekonomi/priser/2026/modeller/${ksd!.id}?besked=uaendret`);
    expect(await audits('economy.price_model_updated')).toBe(1);
    expect((await admin.api('GET', '/api/v1/economy/years/2026/prices')).json().solutions.find((s: { key: string }) => s.key === 'ksd').models[0]).toMatchObject({ amountOre: 6_000_000 });

    const copied = await admin.post('/oekonomi/priser/2026/kopier', { requestKey: 'kopi-1' });
    expect(copied.headers.location).toBe('/oekonomi/priser/2027?besked=kopieret');
    const copies = await modelsOf(2027);
    expect(copies.map((m) => m.label).sort()).toEqual((await modelsOf(2026)).map((m) => m.label).sort());
    const valgCopy = copies.find((m) => m.label === 'Valgkort')!;
    expect(await t.database.db.select().from(priceUsage).where(eq(priceUsage.priceModelId, valgCopy.id))).toEqual([]);
    expect((await t.database.db.select().from(priceUnitPrice).where(eq(priceUnitPrice.priceModelId, valgCopy.id))).map((u) => u.unitPriceOre)).toEqual([190]);
    const twice = await admin.post('/oekonomi/priser/2026/kopier', { requestKey: 'kopi-2' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('2027 har allerede priser.');
    expect(await modelsOf(2027)).toHaveLength(copies.length);
    expect(await audits('economy.prices_copied')).toBe(1);

    const gone = await admin.post(`/oekonomi/priser/2026/modeller/${ksd!.id}/slet`, { requestKey: 'slet-1' });
    expect(gone.headers.location).toBe('/oekonomi/priser/2026?besked=slettet');
    const again = await admin.post(`/oekonomi/priser/2026/modeller/${ksd!.id}/slet`, { requestKey: 'slet-1' });
    expect(again.headers.location).toBe('/oekonomi/priser/2026?besked=slettet');
    expect((await modelsOf(2026)).find((m) => m.id === ksd!.id)).toBeUndefined();
    expect(await audits('economy.price_model_deleted')).toBe(1);
    expect((await admin.api('DELETE', `/api/v1/economy/years/2026/prices/${ksd!.id}`)).statusCode).toBe(404);
  });

  it('locks the year once its invoices are published: page and API refuse every change with 409, and nothing changes', async () => {
    const year = 2030;
    await seedPopulation(t.database.db, year);
    const id = await buildPriceModel(t.database.db, { year, solutionKey: 'valg', label: 'Valgkort', kind: 'usage', usageUnit: 'valgkort', unitPrices: [{ label: 'tryk', unitPriceOre: 190 }] });
    await t.database.db.insert(economyPublication).values({ year, kind: 'faktura' });
    const message = 'Priserne for 2030 er låst, fordi årets fakturaer er offentliggjort.';
    const before = await snapshot();

    const page = await admin.get(`/oekonomi/priser/${year}`);
    expect(page.body).toContain(message);
    expect(page.body).not.toContain('Tilføj prismodel');
    // Copying from a locked year is reading it; copying into one is a change.
    const intoLocked = await admin.get(`/oekonomi/priser/${year - 1}`);
    expect(intoLocked.body).toContain(message);
    expect(intoLocked.body).not.toContain(`action="/oekonomi/priser/${year - 1}/kopier"`);
    const modelPage = await admin.get(`/oekonomi/priser/${year}/modeller/${id}`);
    expect(modelPage.body).toContain(message);
    expect(modelPage.body).not.toContain(`action="/oekonomi/priser/${year}/modeller/${id}`);

    const calls = [
      await admin.api('POST', `/api/v1/economy/years/${year}/prices`, { ...KINK_MODEL }),
      await admin.api('PUT', `/api/v1/economy/years/${year}/prices/${id}`, { solution: 'valg', label: 'Valgkort', kind: 'usage', usageUnit: 'valgkort', unitPrices: [{ label: 'tryk', unitPriceOre: 200 }] }),
      await admin.api('PUT', `/api/v1/economy/years/${year}/prices/${id}/usage`, { usage: [{ code: '0101', quantity: 1 }] }),
      await admin.api('DELETE', `/api/v1/economy/years/${year}/prices/${id}`),
      await admin.api('POST', `/api/v1/economy/years/${year}/prices`, { solution: 'kp', label: '', kind: 'fixed', amountOre: -1 }),
    ];
    for (const res of calls) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'conflict', message });
    }
    const forms = [
      await admin.post(`/oekonomi/priser/${year}/ny`, { kind: 'fixed', solution: 'kp', label: 'KP', amount: '100' }),
      await admin.post(`/oekonomi/priser/${year}/modeller/${id}`, { kind: 'usage', solution: 'valg', label: 'Valgkort', usageUnit: 'valgkort', 'unitPrices.0.label': 'tryk', 'unitPrices.0.price': '2,00' }),
      await admin.post(`/oekonomi/priser/${year}/modeller/${id}/slet`, {}),
      await uploadUsage(admin, year, id, 'kommunekode;antal\r\n101;5\r\n'),
      await admin.post(`/oekonomi/priser/${year - 1}/kopier`, {}),
      await admin.post(`/oekonomi/befolkning/aar/${year}`, { [`periode-${year}`]: `${year}K1` }),
    ];
    for (const res of forms) {
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain(message);
    }
    expect(await snapshot()).toBe(before);
  });

  it('drops unit prices and usage when a usage model becomes another kind, and refuses usage for a model without', async () => {
    const id = await buildPriceModel(t.database.db, {
      year: 2026,
      solutionKey: 'sapa',
      label: 'Opslag',
      kind: 'usage',
      usageUnit: 'opslag',
      unitPrices: [{ label: 'opslag', unitPriceOre: 12 }],
      usage: { '0101': 10, '0320': 5 },
    });
    const res = await admin.api('PUT', `/api/v1/economy/years/2026/prices/${id}`, { solution: 'sapa', label: 'Opslag', kind: 'fixed', amountOre: 1_000_00 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'fixed', amountOre: 1_000_00, usageUnit: null, unitPrices: [], usage: [] });
    expect(await t.database.db.select().from(priceUsage).where(eq(priceUsage.priceModelId, id))).toEqual([]);
    const [entry] = await t.database.db.select().from(auditEvent).where(eq(auditEvent.entityId, id));
    expect(entry).toMatchObject({ action: 'economy.price_model_updated', before: expect.objectContaining({ kind: 'usage' }), after: expect.objectContaining({ kind: 'fixed', usageRemoved: 2 }) });
    const usage = await admin.api('PUT', `/api/v1/economy/years/2026/prices/${id}/usage`, { usage: [{ code: '0101', quantity: 1 }] });
    expect(usage.statusCode).toBe(422);
    expect(usage.json().fieldErrors).toEqual({ kind: 'Prismodellen beregnes ikke efter forbrug.' });
  });
});
