import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildPackage } from '../../../../test/factories/compliance.ts';
import { rawRows } from '../../../db/client.ts';
import { person, roleAssignment, userAccount } from '../../../db/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { loadActor } from '../../../platform/auth/load-actor.ts';
import { buildPackageContent, loadPackageContent } from '../content.ts';
import { loadPackage } from '../load-package.ts';
import { compliancePackage, compliancePackageTarget, complianceRisk } from '../schema.ts';
import { deliveryPanel } from './delivery-panel.tsx';
import { logAccess } from './log-access.ts';

/**
 * Delivery of a compliance package: publishing mails each recipient once (also on a double submit
 * and two requests at once) and asks programledere where nobody is registered; the content is
 * frozen; the role gallery holds the recipients to two; a municipality sees only its own delivery;
 * acknowledgement happens once; every view of a recipient is logged.
 */

const FAXE = '0320';
const BRONDBY = '0153';
const KOEGE = '0259';
const PASSWORD = 'leveringstest-1234';

let t: TestApp;
let author: Client;
let economist: Client;
let faxeLeader: Client;
let recipientA: Client;
let recipientB: Client;
const people = { faxeA: '', faxeB: '', brondby: '' };
const rows = <T,>(q: ReturnType<typeof sql>) => rawRows<T>(t.database.db, q);

async function newPerson(code: string | null, name: string, email: string, role: string | null): Promise<string> {
  const db = t.database.db;
  const [p] = await db.insert(person).values({ municipalityCode: code, name, email, title: 'Test' }).returning({ id: person.id });
  await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword(PASSWORD) });
  if (role) await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: code, roleTypeKey: role, solutionKey: null });
  return p!.id;
}

type Mail = { to_address: string; subject: string; body: string; kind: string; municipality_code: string | null };
const mailsFor = (packageId: string) =>
  rows<Mail>(sql`select to_address, subject, body, kind, municipality_code from outbox_mail
    where dedupe_key like ${`compliance-publish%:${packageId}%`} order by to_address`);
const auditCount = async (action: string, id: string) =>
  (await rows<{ n: number }>(sql`select count(*)::int as n from audit_event where action = ${action} and entity_id = ${id}`))[0]!.n;

const publishPage = (c: Client, id: string, requestKey: string) => c.post(`/compliance/pakker/${id}/offentliggoer`, { requestKey });
const publishApi = (c: Client, id: string, key?: string) =>
  c.app.inject({
    method: 'POST',
    url: `/api/v1/compliance/packages/${id}/publish`,
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf, ...(key ? { 'idempotency-key': key } : {}) },
  });

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const [consultant] = await db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
  await db.insert(roleAssignment).values({ personId: consultant!.personId, municipalityCode: null, roleTypeKey: 'informationssikkerhed' });
  await newPerson(null, 'Øjvind Økonomi', 'oekonomi@levering.test', 'oekonomi');
  people.faxeA = await newPerson(FAXE, 'Anne Modtager', 'anne@faxe.test', 'compliancepakke-modtager');
  people.faxeB = await newPerson(FAXE, 'Bo Modtager', 'bo@faxe.test', 'compliancepakke-modtager');
  people.brondby = await newPerson(BRONDBY, 'Cecilie Modtager', 'cecilie@broendby.test', 'compliancepakke-modtager');
  // A former recipient and a deactivated one are not mailed.
  const former = await newPerson(KOEGE, 'Tidligere Modtager', 'tidligere@koege.test', 'compliancepakke-modtager');
  await db.update(roleAssignment).set({ removedAt: new Date() }).where(eq(roleAssignment.personId, former));
  const inactive = await newPerson(KOEGE, 'Inaktiv Modtager', 'inaktiv@koege.test', 'compliancepakke-modtager');
  await db.update(person).set({ active: false }).where(eq(person.id, inactive));

  author = await loginAs(t.app, DEMO.consultant);
  economist = await loginAs(t.app, 'oekonomi@levering.test', PASSWORD);
  faxeLeader = await loginAs(t.app, DEMO.programLeader(FAXE));
  recipientA = await loginAs(t.app, 'anne@faxe.test', PASSWORD);
  recipientB = await loginAs(t.app, 'bo@faxe.test', PASSWORD);
}, 60_000);
afterAll(() => t?.close());

describe('publishing', () => {
  it('shows who will be mailed before publishing, to the author only', async () => {
    const pkg = await buildPackage(t.database.db);
    const page = await author.get(`/compliance/pakker/${pkg.id}/offentliggoer`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pakken leveres til 98 kommuner');
    expect(page.body).toContain('3 modtagere i 2 kommuner får en mail');
    expect(page.body).toContain('96 kommuner har ingen modtager. 96 programledere i dem får en mail om at registrere modtagere');
    expect(page.body).toContain('Køge');
    expect((await economist.get(`/compliance/pakker/${pkg.id}/offentliggoer`)).statusCode).toBe(403);
    expect((await economist.post(`/compliance/pakker/${pkg.id}/offentliggoer`, {})).statusCode).toBe(403);
    expect((await faxeLeader.get(`/compliance/pakker/${pkg.id}/offentliggoer`)).statusCode).toBe(404);
    const [row] = await t.database.db.select({ status: compliancePackage.status }).from(compliancePackage).where(eq(compliancePackage.id, pkg.id));
    expect(row!.status).toBe('draft');
  });

  it('mails each recipient once, asks the programledere of municipalities without one, delivers to all 98 and freezes the content', async () => {
    const pkg = await buildPackage(t.database.db, { year: 2031 });
    const expected = await buildPackageContent(t.database.db, pkg.id);
    const res = await publishPage(author, pkg.id, 'klik-1');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/compliance/pakker/${pkg.id}/kommuner?besked=offentliggjort`);

    const mails = await mailsFor(pkg.id);
    const toRecipients = mails.filter((m) => m.kind === 'compliance-package');
    expect(toRecipients.map((m) => m.to_address)).toEqual(['anne@faxe.test', 'bo@faxe.test', 'cecilie@broendby.test']);
    expect(toRecipients[0]!.subject).toBe('Ny compliancepakke: Compliancepakke 2031 – Aula');
    expect(toRecipients[0]!.body).toContain('Ændringer siden 2030');
    expect(toRecipients[0]!.body).toContain(`http://samspil.test/compliance/pakker/${pkg.id}`);
    expect(toRecipients[0]!.body).toContain('Adgangen til pakken er personlig');
    expect(toRecipients[0]!.body).toContain('logges');

    const asked = mails.filter((m) => m.kind === 'compliance-package-no-recipient');
    expect(asked).toHaveLength(96);
    expect(asked.map((m) => m.to_address)).not.toContain(DEMO.programLeader(FAXE));
    expect(asked.map((m) => m.to_address)).not.toContain(DEMO.programLeader(BRONDBY));
    const koege = asked.find((m) => m.to_address === DEMO.programLeader(KOEGE))!;
    expect(koege.municipality_code).toBe(KOEGE);
    expect(koege.body).toContain('Køge Kommune har ingen compliancepakke-modtagere');
    expect(koege.body).toContain(`http://samspil.test/kommuner/${KOEGE}`);

    expect(await t.database.db.$count(compliancePackageTarget, eq(compliancePackageTarget.packageId, pkg.id))).toBe(98);
    const [row] = await t.database.db.select().from(compliancePackage).where(eq(compliancePackage.id, pkg.id));
    expect(row!.status).toBe('published');
    expect(row!.publishedContent).toEqual(expected);
    expect(await auditCount('compliance.package_published', pkg.id)).toBe(1);

    // Frozen: a later change to the rows does not reach what the municipalities received.
    await t.database.db.update(complianceRisk).set({ threat: 'Rettet bagefter' }).where(eq(complianceRisk.packageId, pkg.id));
    const content = await loadPackageContent(t.database.db, pkg.id);
    expect(content.risks.map((r) => r.threat)).not.toContain('Rettet bagefter');

    const page = await author.get(res.headers.location as string);
    expect(page.body).toContain('Pakken er offentliggjort og leveret til 98 kommuner');
    expect((page.body.match(/<tr data-kommune=/g) ?? []).length).toBe(98);
  });

  it('publishes once on a double submit: the second gets the same answer and nothing new is sent', async () => {
    const pkg = await buildPackage(t.database.db);
    const [first, second] = await Promise.all([publishPage(author, pkg.id, 'dobbeltklik'), publishPage(author, pkg.id, 'dobbeltklik')]);
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    const third = await publishPage(author, pkg.id, 'dobbeltklik');
    expect(third.headers.location).toBe(first.headers.location);
    const mails = await mailsFor(pkg.id);
    expect(mails.filter((m) => m.kind === 'compliance-package')).toHaveLength(3);
    expect(mails).toHaveLength(3 + 96);
    expect(await auditCount('compliance.package_published', pkg.id)).toBe(1);
  });

  it('publishes once when two different requests arrive at once: the other is told it was already published', async () => {
    const pkg = await buildPackage(t.database.db);
    const answers = await Promise.all([publishApi(author, pkg.id, 'en'), publishApi(author, pkg.id, 'to')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    const twin = answers.find((a) => a.statusCode === 200)!.json();
    expect(twin).toMatchObject({ alreadyPublished: true, municipalities: 98, recipientsMailed: 0, programLeadersMailed: 0 });
    expect(answers.find((a) => a.statusCode === 201)!.json()).toMatchObject({ alreadyPublished: false, municipalities: 98, recipientsMailed: 3, programLeadersMailed: 96, municipalitiesWithoutRecipients: 96 });
    const mails = await mailsFor(pkg.id);
    expect(mails.filter((m) => m.kind === 'compliance-package').map((m) => m.to_address)).toEqual(['anne@faxe.test', 'bo@faxe.test', 'cecilie@broendby.test']);
    expect(await auditCount('compliance.package_published', pkg.id)).toBe(1);
    // Later: the page answers "already published", the confirmation page sends there too.
    const later = await publishPage(author, pkg.id, 'senere');
    expect(later.headers.location).toBe(`/compliance/pakker/${pkg.id}/kommuner?besked=allerede-offentliggjort`);
    expect((await author.get(later.headers.location as string)).body).toContain('Pakken var allerede offentliggjort. Der er ikke sendt nye mails.');
    expect((await author.get(`/compliance/pakker/${pkg.id}/offentliggoer`)).headers.location).toBe(later.headers.location);
    expect(await mailsFor(pkg.id)).toHaveLength(mails.length);
  });
});

describe('the recipients in the role gallery', () => {
  it('refuses a third recipient with a clear Danish message', async () => {
    const klik = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    const [third] = await t.database.db.insert(person).values({ municipalityCode: FAXE, name: 'Tredje Modtager', email: 'tredje@faxe.test' }).returning({ id: person.id });
    await klik.get(`/kommuner/${FAXE}/personer/${third!.id}`);
    const res = await klik.post(`/kommuner/${FAXE}/personer/${third!.id}/roller`, { roleTypeKey: 'compliancepakke-modtager' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Der kan højst være to med rollen Compliancepakke-modtager i kommunen');
    const holders = await t.database.db
      .select()
      .from(roleAssignment)
      .where(and(eq(roleAssignment.municipalityCode, FAXE), eq(roleAssignment.roleTypeKey, 'compliancepakke-modtager')));
    expect(holders.filter((h) => h.removedAt === null)).toHaveLength(2);
  });
});

describe('a municipality and its delivery', () => {
  let id = '';
  beforeAll(async () => {
    id = (await buildPackage(t.database.db, { status: 'published', targets: [FAXE, BRONDBY] })).id;
  });

  it("logs each view of a recipient and marks the package opened once; central staff's reading is not logged", async () => {
    const db = t.database.db;
    const [account] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'anne@faxe.test'));
    const actor = (await loadActor(db, account!.id))!;
    const pkg = await loadPackage(db, actor, id, 'read');
    await logAccess(db, actor, pkg, 'view');
    const [opened] = await db.select().from(compliancePackageTarget).where(and(eq(compliancePackageTarget.packageId, id), eq(compliancePackageTarget.municipalityCode, FAXE)));
    expect(opened!.firstOpenedAt).not.toBeNull();
    await logAccess(db, actor, pkg, 'download', 'compliancepakke-aula.xlsx');
    const [still] = await db.select().from(compliancePackageTarget).where(and(eq(compliancePackageTarget.packageId, id), eq(compliancePackageTarget.municipalityCode, FAXE)));
    expect(still!.firstOpenedAt).toEqual(opened!.firstOpenedAt);
    const [central] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
    const consultant = (await loadActor(db, central!.id))!;
    await logAccess(db, consultant, await loadPackage(db, consultant, id, 'read'), 'view');

    const log = await rows<{ kind: string; file: string; person_id: string }>(sql`select kind, file, person_id from compliance_access where package_id = ${id} order by at, kind desc`);
    expect(log).toEqual([
      { kind: 'view', file: '', person_id: people.faxeA },
      { kind: 'download', file: 'compliancepakke-aula.xlsx', person_id: people.faxeA },
    ]);

    const page = await faxeLeader.get(`/compliance/pakker/${id}/kommuner/${FAXE}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Modtagere: 2 af 2');
    expect(page.body).toContain('Anne Modtager');
    expect((page.body.match(/<tr data-adgang=/g) ?? []).length).toBe(2);
    expect(page.body).toContain('compliancepakke-aula.xlsx');
    expect(page.body).toContain('Første gang');
    const api = await faxeLeader.api('GET', `/api/v1/compliance/packages/${id}/municipalities/${FAXE}`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({
      municipalityCode: FAXE,
      recipients: [{ name: 'Anne Modtager' }, { name: 'Bo Modtager' }],
      acknowledged: null,
      accessLog: { total: 2, entries: [{ kind: 'download', name: 'Anne Modtager' }, { kind: 'view' }] },
      riskResponses: [],
    });
  });

  it("answers 404 for another municipality's delivery page and access log, and 403 on the central overview", async () => {
    for (const c of [faxeLeader, recipientA]) {
      expect((await c.get(`/compliance/pakker/${id}/kommuner/${BRONDBY}`)).statusCode).toBe(404);
      expect((await c.api('GET', `/api/v1/compliance/packages/${id}/municipalities/${BRONDBY}`)).statusCode).toBe(404);
      expect((await c.get(`/compliance/pakker/${id}/kommuner`)).statusCode).toBe(403);
    }
    const elsewhere = await buildPackage(t.database.db, { status: 'published', targets: [BRONDBY] });
    expect((await faxeLeader.get(`/compliance/pakker/${elsewhere.id}/kommuner/${FAXE}`)).statusCode).toBe(404);
    const page = await economist.get(`/compliance/pakker/${id}/kommuner/${BRONDBY}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Modtagere: 1 af 2');
    expect((await economist.get(`/compliance/pakker/${id}/kommuner/${KOEGE}`)).statusCode).toBe(404);
  });

  it('the central overview lists the delivered municipalities in Danish order, "Ingen modtager" where none, and filters what is missing', async () => {
    const all = await economist.get(`/compliance/pakker/${id}/kommuner`);
    expect(all.statusCode).toBe(200);
    const codes = [...all.body.matchAll(/<tr data-kommune="(\d{4})"/g)].map((m) => m[1]);
    expect(codes).toEqual([BRONDBY, FAXE]);
    const missing = await economist.get(`/compliance/pakker/${id}/kommuner?vis=mangler`);
    expect(missing.body).toContain('Mangler modtager eller kvittering (2)');
  });

  it('a recipient acknowledges once for the municipality; the front page asks until then', async () => {
    const front = await recipientB.get('/');
    expect(front.body).toContain(`Kvittér for modtagelsen af Compliancepakke`);
    expect(front.body).toContain('Ny pakke');
    expect((await faxeLeader.post(`/compliance/pakker/${id}/kvitter`, {})).statusCode).toBe(403);
    expect((await author.post(`/compliance/pakker/${id}/kvitter`, {})).statusCode).toBe(403);

    const first = await recipientA.post(`/compliance/pakker/${id}/kvitter`, {});
    expect(first.statusCode).toBe(303);
    const second = await recipientB.api('POST', `/api/v1/compliance/packages/${id}/acknowledge`);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ changed: false, acknowledgedBy: { personId: people.faxeA, name: 'Anne Modtager' } });
    expect(await auditCount('compliance.package_acknowledged', id)).toBe(1);
    const [target] = await t.database.db
      .select()
      .from(compliancePackageTarget)
      .where(and(eq(compliancePackageTarget.packageId, id), eq(compliancePackageTarget.municipalityCode, FAXE)));
    expect(target!.acknowledgedBy).toBe(people.faxeA);
    const after = await recipientB.get('/');
    expect(after.body).not.toContain(`Kvittér for modtagelsen af Compliancepakke ${(await t.database.db.select().from(compliancePackage).where(eq(compliancePackage.id, id)))[0]!.year}`);
    const page = await economist.get(`/compliance/pakker/${id}/kommuner/${FAXE}`);
    expect(page.body).toContain('af Anne Modtager');
    // Not delivered to Køge's users, a draft to nobody: 404.
    const draft = await buildPackage(t.database.db);
    expect((await recipientA.post(`/compliance/pakker/${draft.id}/kvitter`, {})).statusCode).toBe(404);
  });
});

describe("the delivery panel on a package's overview page", () => {
  const panelFor = async (email: string, id: string) => {
    const db = t.database.db;
    const [account] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, email));
    const actor = (await loadActor(db, account!.id))!;
    const ctx = { actor, db, now: new Date(), requestId: 'panel', config: t.config };
    return String(await deliveryPanel(ctx, await loadPackage(db, actor, id, 'status'), 'csrf-token'));
  };

  it('offers publishing to the author of a draft, counts for central staff once published, the acknowledgement to a recipient, and nothing to others', async () => {
    const draft = await buildPackage(t.database.db);
    expect(await panelFor(DEMO.consultant, draft.id)).toContain(`href="/compliance/pakker/${draft.id}/offentliggoer"`);
    expect(await panelFor('oekonomi@levering.test', draft.id)).toBe('');
    const published = await buildPackage(t.database.db, { status: 'published', targets: [FAXE, BRONDBY] });
    const central = await panelFor('oekonomi@levering.test', published.id);
    expect(central).toContain('2 kommuner');
    expect(central).toContain(`href="/compliance/pakker/${published.id}/kommuner"`);
    const before = await panelFor('anne@faxe.test', published.id);
    expect(before).toContain(`action="/compliance/pakker/${published.id}/kvitter"`);
    expect(before).toContain('value="csrf-token"');
    expect(await panelFor(DEMO.programLeader(FAXE), published.id)).toBe('');
    await recipientB.post(`/compliance/pakker/${published.id}/kvitter`, {});
    const after = await panelFor('anne@faxe.test', published.id);
    expect(after).toContain('Kvitteret for modtagelsen');
    expect(after).toContain('af Bo Modtager');
    expect(after).not.toContain('<form');
  });
});

describe('publishing runs a fixed number of statements', () => {
  it('whatever the number of recipients and programledere', async () => {
    const db = t.database.db;
    const publishCounting = async () => {
      const pkg = await buildPackage(db);
      const start = t.database.queries.count;
      const res = await publishApi(author, pkg.id);
      expect(res.statusCode).toBe(201);
      return { count: t.database.queries.count - start, body: res.json() as { recipientsMailed: number } };
    };
    const few = await publishCounting();
    const codes = (await db.query.municipality.findMany({ columns: { code: true } })).map((m) => m.code).filter((c) => c !== FAXE && c !== BRONDBY);
    const added = await db
      .insert(person)
      .values(codes.flatMap((code) => [1, 2].map((n) => ({ municipalityCode: code, name: `Mange ${code}-${n}`, email: `mange-${n}-${code}@kommune.test` }))))
      .returning({ id: person.id, code: person.municipalityCode });
    await db.insert(roleAssignment).values(added.map((p) => ({ personId: p.id, municipalityCode: p.code, roleTypeKey: 'compliancepakke-modtager' })));
    const many = await publishCounting();
    expect(many.body.recipientsMailed).toBe(few.body.recipientsMailed + added.length);
    expect(many.count).toBe(few.count);
  });
});
