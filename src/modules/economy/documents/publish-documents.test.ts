import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildK98Year, buildPriceModel, seedPopulation } from '../../../../test/factories/economy.ts';
import { rawRows } from '../../../db/client.ts';
import { person, roleAssignment, userAccount } from '../../../db/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { loadActor } from '../../../platform/auth/load-actor.ts';
import { seedDemoItChefs } from '../../organisations/index.ts';
import { costActual } from '../schema.ts';
import type { GuidanceContent, InvoiceContent, StatementContent } from './content.ts';
import { publishDocuments } from './publish-documents.ts';

/**
 * Publishing a year's documents: one transaction freezes 98 documents and mails each
 * municipality's IT chiefs and økonomikontakter once (a person with both roles once, a double
 * click or two requests at once mail once); a refused publish writes nothing; what was published
 * does not move when the prices change afterwards; the guidance compares with the invoice
 * published the year before, and the statement settles against it.
 */

const FAXE = '0320';
const PASSWORD = 'dokumenttest-1234';

let t: TestApp;
let admin: Client;
let consultant: Client;
let economist: Client;
const rows = <T,>(q: ReturnType<typeof sql>) => rawRows<T>(t.database.db, q);

async function newPerson(code: string | null, name: string, email: string, roles: string[]): Promise<string> {
  const db = t.database.db;
  const [p] = await db.insert(person).values({ municipalityCode: code, name, email, title: 'Test' }).returning({ id: person.id });
  await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword(PASSWORD) });
  for (const role of roles) await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: code, roleTypeKey: role, solutionKey: null });
  return p!.id;
}

type Mail = { to_address: string; subject: string; body: string; municipality_code: string | null };
const mails = (year: number, kind: string) =>
  rows<Mail>(sql`select to_address, subject, body, municipality_code from outbox_mail where dedupe_key like ${`economy-document:${year}:${kind}:%`} order by to_address`);
const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(q))[0]!.n;
const documents = <T,>(year: number, kind: string) =>
  rows<{ municipality_code: string; total_ore: number; content: T }>(sql`select municipality_code, total_ore::bigint as total_ore, content from economy_document where year = ${year} and kind = ${kind}`);

const publishApi = (c: Client, year: number, kind: unknown) => c.api('POST', `/api/v1/economy/years/${year}/publish`, { kind });

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await seedDemoItChefs(db);
  await newPerson(null, 'Øjvind Økonomi', 'oekonomi@dokumenter.test', ['oekonomi']);
  // Faxe: an økonomikontakt, and one person who is both IT chief and økonomikontakt (mailed once).
  await newPerson(FAXE, 'Karin Kontakt', 'karin@faxe.test', ['oekonomikontakt']);
  await newPerson(FAXE, 'Dobbelt Rolle', 'dobbelt@faxe.test', ['it-chef', 'oekonomikontakt']);
  // A former økonomikontakt is not mailed.
  const former = await newPerson(FAXE, 'Tidligere Kontakt', 'tidligere@faxe.test', ['oekonomikontakt']);
  await db.update(roleAssignment).set({ removedAt: new Date() }).where(eq(roleAssignment.personId, former));
  await buildK98Year(db, 2026);
  admin = await loginAs(t.app, DEMO.admin);
  consultant = await loginAs(t.app, DEMO.consultant);
  economist = await loginAs(t.app, 'oekonomi@dokumenter.test', PASSWORD);
}, 60_000);
afterAll(() => t?.close());

describe('publishing the invoices', () => {
  it('is refused to the consultant and, to a municipality, does not exist', async () => {
    expect((await publishApi(consultant, 2026, 'faktura')).statusCode).toBe(403);
    const itChief = await loginAs(t.app, `it-chef-${FAXE}@samspil.demo`);
    expect((await publishApi(itChief, 2026, 'faktura')).statusCode).toBe(404);
    expect((await itChief.post(`/oekonomi/dokumenter/2026/faktura/offentliggoer`)).statusCode).toBe(404);
    expect(await count(sql`select count(*)::int as n from economy_publication`)).toBe(0);
  });

  it('is refused in Danish, writing nothing, for a year without population or prices, and for an unknown kind', async () => {
    const noPopulation = await publishApi(economist, 2031, 'faktura');
    expect(noPopulation.statusCode).toBe(422);
    expect(noPopulation.json().message).toBe('Faktura 2031 kan ikke offentliggøres: Der er ikke valgt befolkningstal for 2031. Vælg under Befolkningstal, hvilken periode 2031 bruger.');
    await seedPopulation(t.database.db, 2032);
    const noPrices = await economist.post('/oekonomi/dokumenter/2032/budgetvejledning/offentliggoer');
    expect(noPrices.statusCode).toBe(422);
    expect(noPrices.body).toContain('Der er ingen priser for 2032.');
    expect((await publishApi(economist, 2026, 'kvittering')).json()).toMatchObject({ fieldErrors: { kind: 'Vælg faktura, budgetvejledning eller aarsopgoerelse.' } });
    expect(await count(sql`select count(*)::int as n from economy_publication`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from economy_document`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from outbox_mail where kind = 'economy-document'`)).toBe(0);
  });

  it('shows what will happen before it happens', async () => {
    const page = await economist.get('/oekonomi/dokumenter/2026/faktura/offentliggoer');
    expect(page.statusCode).toBe(200);
    // 98 demo IT chiefs, Faxe's økonomikontakt and the person with both roles: 100 people.
    expect(page.body).toContain('100 personer (kommunernes IT- og digitaliseringschefer og økonomikontakter) får en mail');
    expect(page.body).toContain('Årets priser for 2026 låses.');
  });

  it('freezes 98 invoices and mails each IT chief and økonomikontakt once; a double click publishes and mails once', async () => {
    const [first, second] = await Promise.all([
      economist.post('/oekonomi/dokumenter/2026/faktura/offentliggoer'),
      economist.post('/oekonomi/dokumenter/2026/faktura/offentliggoer'),
    ]);
    expect([first.headers.location, second.headers.location].sort()).toEqual([
      '/oekonomi/dokumenter/2026?besked=allerede-offentliggjort',
      '/oekonomi/dokumenter/2026?besked=offentliggjort',
    ]);
    const again = await publishApi(admin, 2026, 'faktura');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyPublished: true, municipalities: 98, recipientsMailed: 0 });

    const invoices = await documents<InvoiceContent>(2026, 'faktura');
    expect(invoices).toHaveLength(98);
    const faxe = invoices.find((d) => d.municipality_code === FAXE)!;
    expect(faxe.content.lines.map((l) => l.solutionKey).sort()).toEqual(['aula', 'infrastruktur', 'valg']);
    expect(Number(faxe.total_ore)).toBe(faxe.content.totalOre);
    expect(again.json().totalOre).toBe(invoices.reduce((s, d) => s + Number(d.total_ore), 0));

    const sent = await mails(2026, 'faktura');
    expect(sent).toHaveLength(100);
    const toFaxe = sent.filter((m) => m.municipality_code === FAXE).map((m) => m.to_address);
    expect(toFaxe).toEqual(['dobbelt@faxe.test', `it-chef-${FAXE}@samspil.demo`, 'karin@faxe.test']);
    const mail = sent.find((m) => m.to_address === 'karin@faxe.test')!;
    expect(mail.subject).toBe('Faktura 2026 fra KOMBIT til Faxe Kommune');
    expect(mail.body).toContain(`http://samspil.test/oekonomi/kommuner/${FAXE}/2026/faktura`);
    expect(await count(sql`select count(*)::int as n from audit_event where action = 'economy.documents_published' and entity_id = '2026:faktura'`)).toBe(1);
  });

  it('keeps what was published when the prices change afterwards', async () => {
    const before = (await economist.api('GET', `/api/v1/economy/years/2026/municipalities/${FAXE}/invoice`)).json();
    await buildPriceModel(t.database.db, { year: 2026, solutionKey: 'flis', label: 'FLIS', kind: 'fixed', amountOre: 1_000_000 });
    await buildPriceModel(t.database.db, { year: 2026, solutionKey: 'infrastruktur', label: 'Buffet', kind: 'per_citizen', rateOre: 480, sort: 2 });
    const after = await economist.api('GET', `/api/v1/economy/years/2026/municipalities/${FAXE}/invoice`);
    expect(after.json()).toEqual(before);
    expect(after.json()).toMatchObject({ status: 'published', kind: 'faktura' });
    const page = await economist.get(`/oekonomi/kommuner/${FAXE}/2026/faktura`);
    expect(page.body).not.toContain('FLIS');
    expect(page.body).toContain(before.lines[0].calculation);
  });
});

describe('the guidance and the statement', () => {
  it('compares next year with the invoices published for this year, in kroner and percent', async () => {
    await seedPopulation(t.database.db, 2027);
    await buildPriceModel(t.database.db, { year: 2027, solutionKey: 'infrastruktur', label: 'Infrastruktur', kind: 'per_citizen_kink', rateOre: 2750, kink: { thresholdCitizens: 150_000, reducedPercent: 50 } });
    await buildPriceModel(t.database.db, { year: 2027, solutionKey: 'flis', label: 'FLIS', kind: 'fixed', amountOre: 1_000_000 });
    const res = await publishApi(economist, 2027, 'budgetvejledning');
    expect(res.statusCode).toBe(201);
    const faxe = (await documents<GuidanceContent>(2027, 'budgetvejledning')).find((d) => d.municipality_code === FAXE)!.content;
    const invoice = (await documents<InvoiceContent>(2026, 'faktura')).find((d) => d.municipality_code === FAXE)!.content;
    expect(faxe.previousSource).toBe('faktura');
    const infra = faxe.lines.find((l) => l.solutionKey === 'infrastruktur')!;
    const before = invoice.lines.find((l) => l.solutionKey === 'infrastruktur')!.amountOre;
    // Faxe is below the threshold: 27,50 kr. against 25,00 kr. per citizen is +10,0 %.
    expect(infra).toMatchObject({ previousOre: before, amountOre: (before / 2500) * 2750, changeOre: (before / 2500) * 250, changePerMille: 100, isNew: false });
    expect(faxe.lines.find((l) => l.solutionKey === 'flis')).toMatchObject({ amountOre: 1_000_000, isNew: true, previousOre: null });
    expect(faxe.lines.find((l) => l.solutionKey === 'aula')).toMatchObject({ amountOre: 0, discontinued: true });
    const page = await economist.get(`/oekonomi/kommuner/${FAXE}/2027/budgetvejledning`);
    expect(page.body).toContain('+10,0 %');
    expect(page.body).toMatch(/<td[^>]*>ny<\/td>/);
  });

  it('refuses the statement until every invoiced solution has its actual cost, then settles to the øre', async () => {
    await t.database.db.insert(costActual).values({ year: 2026, solutionKey: 'infrastruktur', actualOre: 1_500_000_000_00 });
    const refused = await publishApi(economist, 2026, 'aarsopgoerelse');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('Der mangler den faktiske omkostning for Valg i 2026.');
    expect(await count(sql`select count(*)::int as n from economy_publication where kind = 'aarsopgoerelse'`)).toBe(0);

    await t.database.db.insert(costActual).values([
      { year: 2026, solutionKey: 'valg', actualOre: 5_000_000_01 },
      { year: 2026, solutionKey: 'aula', actualOre: 290_000_000_00 },
    ]);
    expect((await publishApi(economist, 2026, 'aarsopgoerelse')).statusCode).toBe(201);
    const statements = await documents<StatementContent>(2026, 'aarsopgoerelse');
    expect(statements).toHaveLength(98);
    const actual = { infrastruktur: 1_500_000_000_00, valg: 5_000_000_01, aula: 290_000_000_00 };
    for (const [key, ore] of Object.entries(actual)) {
      const lines = statements.map((s) => s.content.lines.find((l) => l.solutionKey === key)!);
      expect(lines.reduce((sum, l) => sum + l.shareOre, 0), key).toBe(ore);
      for (const l of lines) expect(l.settlementOre).toBe(l.shareOre - l.paidOre);
    }
    const invoiced = (await documents<InvoiceContent>(2026, 'faktura')).reduce((s, d) => s + Number(d.total_ore), 0);
    expect(statements.reduce((s, d) => s + Number(d.total_ore), 0)).toBe(actual.infrastruktur + actual.valg + actual.aula - invoiced);
    // Valg was charged per polling card: a municipality without cards paid nothing and owes nothing.
    const albertslund = statements.find((s) => s.municipality_code === '0165')!.content.lines.find((l) => l.solutionKey === 'valg')!;
    expect(albertslund).toMatchObject({ paidOre: 0, shareOre: 0, settlementOre: 0 });
  });

  it('runs the same use case from a script (as the demo does)', async () => {
    const [account] = await t.database.db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'oekonomi@dokumenter.test'));
    const actor = (await loadActor(t.database.db, account!.id))!;
    const ctx = { actor, db: t.database.db, now: new Date(), requestId: 'test', config: t.config };
    await expect(publishDocuments(ctx, 2026, 'faktura')).resolves.toMatchObject({ alreadyPublished: true, municipalities: 98 });
  });
});
