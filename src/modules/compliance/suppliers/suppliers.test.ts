import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { auditEvent, person, roleAssignment, userAccount } from '../../../db/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { AUTHOR_ROLE } from '../policy.ts';
import { complianceSupplier } from '../schema.ts';

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&#34;/g, '"');

describe('supplier master data', () => {
  let t: TestApp;
  let author: Client;
  let economist: Client;
  let municipal: Client;

  const suppliers = () => t.database.db.select().from(complianceSupplier);
  const audits = (action: string) => t.database.db.select().from(auditEvent).where(eq(auditEvent.action, action));
  const byName = async (name: string) => (await suppliers()).find((s) => s.name === name);
  /** The page's form as the author's browser posts it. */
  const create = (form: Record<string, string>) => author.post('/compliance/leverandoerer/ny', { role: 'processor', ...form });

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const [consultant] = await db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
    await db.insert(roleAssignment).values({ personId: consultant!.personId, municipalityCode: null, roleTypeKey: AUTHOR_ROLE });
    author = await loginAs(t.app, DEMO.consultant);
    const [p] = await db.insert(person).values({ municipalityCode: null, name: 'Øjvind Økonomi', email: 'oekonomi@leverandoer.test' }).returning();
    await db.insert(userAccount).values({ personId: p!.id, email: p!.email, passwordHash: await hashPassword(DEMO.password) });
    await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey: 'oekonomi' });
    economist = await loginAs(t.app, p!.email);
    municipal = await loginAs(t.app, DEMO.klikAdmin('0320'));
  });
  afterAll(() => t?.close());

  it('creates a supplier from the form, audited, and lists it with its role and transfer basis', async () => {
    await author.get('/compliance/leverandoerer/ny');
    const res = await create({ name: 'Netcompany A/S', cvr: '14 81 48 33', address: 'Strandgade 3, 1401 København K, Danmark', locations: 'Danmark', transferBasisKey: 'eu-eoes' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compliance/leverandoerer?besked=oprettet');
    const row = await byName('Netcompany A/S');
    expect(row).toMatchObject({ cvr: '14814833', role: 'processor', parentId: null, transferBasisKey: 'eu-eoes' });
    expect((await audits('compliance.supplier_created')).some((a) => a.entityId === row!.id)).toBe(true);
    const list = await author.get('/compliance/leverandoerer?besked=oprettet');
    expect(list.body).toContain('Leverandøren er oprettet');
    expect(list.body).toContain('14814833');
    expect(list.body).toContain('Inden for EU/EØS');
  });

  it('refuses bad input with Danish messages next to the fields, and writes nothing', async () => {
    const before = (await suppliers()).length;
    const auditsBefore = (await audits('compliance.supplier_created')).length;
    const badCvr = await create({ name: 'Forkert CVR ApS', cvr: '1234', address: 'Vejen 1, 4690 Haslev' });
    expect(badCvr.statusCode).toBe(422);
    expect(badCvr.body).toContain('Et CVR-nummer er 8 cifre');
    expect(badCvr.body).toContain('value="Forkert CVR ApS"');

    const noCountry = await create({ name: 'Udenlandsk Ltd', cvr: '', address: '1 Main Street' });
    expect(noCountry.statusCode).toBe(422);
    expect(decode(noCountry.body)).toContain('Skriv landet i adressen, når leverandøren ikke har et dansk CVR-nummer');

    const danishWithout = await create({ name: 'Dansk uden CVR', cvr: '', address: 'Torvet 1, 4690 Haslev, Danmark' });
    expect(danishWithout.statusCode).toBe(422);
    expect(danishWithout.body).toContain('En dansk leverandør skal have sit CVR-nummer');

    const orphan = await create({ name: 'Underleverandør ApS', cvr: '87654321', role: 'sub-processor' });
    expect(orphan.statusCode).toBe(422);
    expect(orphan.body).toContain('Vælg den leverandør, som underdatabehandleren arbejder for');
    expect(orphan.body).toContain('href="#felt-parentId"');

    const unknownParent = await create({ name: 'Underleverandør ApS', cvr: '87654321', role: 'sub-processor', parentId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownParent.statusCode).toBe(422);
    expect(unknownParent.body).toContain('Vælg en leverandør fra listen');

    const api = await author.api('POST', '/api/v1/compliance/suppliers', { name: '', cvr: 'abc', role: 'leverandør' });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors).toMatchObject({ name: 'Skriv leverandørens navn', cvr: 'Et CVR-nummer er 8 cifre, fx 12345678' });
    expect(api.json().fieldErrors.role).toContain('Vælg om leverandøren er databehandler');

    expect((await suppliers()).length).toBe(before);
    expect((await audits('compliance.supplier_created')).length).toBe(auditsBefore);
  });

  it('accepts a foreign supplier without CVR when the address names the country', async () => {
    const res = await create({ name: 'Amazon Web Services EMEA SARL', cvr: '', address: '38 Avenue John F. Kennedy, L-1855 Luxembourg', locations: 'Irland, Tyskland' });
    expect(res.statusCode).toBe(303);
    expect((await byName('Amazon Web Services EMEA SARL'))!.cvr).toBe('');
  });

  it('refuses a second supplier with the same CVR in the same place of a chain, and says which one exists', async () => {
    const before = (await suppliers()).length;
    const res = await create({ name: 'Netcompany (igen)', cvr: '14814833', address: 'København, Danmark' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Netcompany A/S har allerede CVR-nummer 14814833 som databehandler');
    const api = await author.api('POST', '/api/v1/compliance/suppliers', { name: 'Netcompany (igen)', cvr: '14814833', role: 'processor' });
    expect(api.statusCode).toBe(409);
    expect(api.json().message).toContain('Ret den eksisterende leverandør i stedet');
    expect((await suppliers()).length).toBe(before);
  });

  it('creates once on a double submit of the same form (same request key), and once for an API retry with the same Idempotency-Key', async () => {
    const form = { name: 'Dobbeltklik A/S', cvr: '11223344', address: 'Haslev, Danmark', requestKey: 'dobbelt-1' };
    const first = await create(form);
    const second = await create(form);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    const rows = (await suppliers()).filter((s) => s.name === 'Dobbeltklik A/S');
    expect(rows).toHaveLength(1);
    expect((await audits('compliance.supplier_created')).filter((a) => a.entityId === rows[0]!.id)).toHaveLength(1);

    // Two at once (the second click before the first answer): still one row.
    const parallel = { name: 'Samtidig A/S', cvr: '11223355', address: 'Faxe, Danmark', requestKey: 'samtidig-1' };
    const both = await Promise.all([create(parallel), create(parallel)]);
    expect(both.map((r) => r.statusCode)).toEqual([303, 303]);
    expect((await suppliers()).filter((s) => s.name === 'Samtidig A/S')).toHaveLength(1);

    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/compliance/suppliers',
        headers: { cookie: [...author.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': author.csrf, 'content-type': 'application/json', 'idempotency-key': 'api-gentag-1' },
        payload: JSON.stringify({ name: 'Gentaget ApS', cvr: '55667788', address: 'Faxe, Danmark', role: 'processor' }),
      });
    const a = await send();
    const b = await send();
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json().id).toBe(a.json().id);
    expect((await suppliers()).filter((s) => s.name === 'Gentaget ApS')).toHaveLength(1);
  });

  it('keeps a chain without loops: a supplier cannot sit under itself or under its own sub-processors', async () => {
    const mk = async (name: string, cvr: string, parentId?: string) => {
      const res = await author.api('POST', '/api/v1/compliance/suppliers', {
        name,
        cvr,
        address: 'Danmark',
        role: parentId ? 'sub-processor' : 'processor',
        parentId: parentId ?? null,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; parentName: string | null };
    };
    const a = await mk('Kæde A A/S', '20000001');
    const b = await mk('Kæde B A/S', '20000002', a.id);
    const c = await mk('Kæde C A/S', '20000003', b.id);
    expect(c.parentName).toBe('Kæde B A/S');

    const before = await byName('Kæde A A/S');
    const loop = await author.post(`/compliance/leverandoerer/${a.id}`, { name: 'Kæde A A/S', cvr: '20000001', address: 'Danmark', role: 'sub-processor', parentId: c.id });
    expect(loop.statusCode).toBe(422);
    expect(loop.body).toContain('Kæde C A/S er selv underdatabehandler for Kæde A A/S');
    expect(loop.body).toContain('en leverandør kan ikke stå over sig selv i kæden');
    const self = await author.api('PUT', `/api/v1/compliance/suppliers/${b.id}`, { name: 'Kæde B A/S', cvr: '20000002', role: 'sub-processor', parentId: b.id });
    expect(self.statusCode).toBe(422);
    expect(self.json().fieldErrors.parentId).toBe('En leverandør kan ikke være underdatabehandler for sig selv');
    const processorWithParent = await author.api('PUT', `/api/v1/compliance/suppliers/${a.id}`, { name: 'Kæde A A/S', cvr: '20000001', role: 'processor', parentId: c.id });
    expect(processorWithParent.statusCode).toBe(422);
    expect(await byName('Kæde A A/S')).toEqual(before);

    // The edit form offers neither the supplier itself nor anything below it as its parent.
    const form = await author.get(`/compliance/leverandoerer/${a.id}`);
    const select = form.body.slice(form.body.indexOf('name="parentId"'), form.body.indexOf('</select>', form.body.indexOf('name="parentId"')));
    expect(select).not.toContain(b.id);
    expect(select).not.toContain(c.id);
    expect(select).toContain('Netcompany A/S');
  });

  it('corrects a supplier, audits what changed, and treats saving the same values again as no change', async () => {
    const s = (await byName('Dobbeltklik A/S'))!;
    const form = { name: 'Dobbeltklik A/S', cvr: '11223344', address: 'Haslev, Danmark', role: 'processor', locations: 'USA', transferBasisKey: 'dpf' };
    const first = await author.post(`/compliance/leverandoerer/${s.id}`, form);
    expect(first.headers.location).toBe('/compliance/leverandoerer?besked=rettet');
    const again = await author.post(`/compliance/leverandoerer/${s.id}`, form);
    expect(again.headers.location).toBe('/compliance/leverandoerer?besked=uaendret');
    const logged = (await audits('compliance.supplier_updated')).filter((a) => a.entityId === s.id);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.before).toEqual({ locations: '', transferBasisKey: null });
    expect(logged[0]!.after).toEqual({ locations: 'USA', transferBasisKey: 'dpf' });
  });

  it('shows the list in Danish order with parents and package counts, and warns where data may leave EU/EØS without a basis', async () => {
    for (const [name, cvr] of [['Åbenrå Hosting ApS', '30000001'], ['Ørsted IT ApS', '30000002'], ['Zeta Data ApS', '30000003']] as const) {
      expect((await create({ name, cvr, address: 'Danmark', locations: name.startsWith('Z') ? 'USA' : 'Danmark' })).statusCode).toBe(303);
    }
    const res = await economist.get('/compliance/leverandoerer');
    expect(res.statusCode).toBe(200);
    const names = [...res.body.matchAll(/<tr data-leverandoer="[^"]+"><th[^>]*>(?:<span>)?([^<]+)</g)].map((m) => decode(m[1]!));
    expect(names).toEqual([...names].sort(danishCompare));
    expect(names.slice(-3)).toEqual(['Zeta Data ApS', 'Ørsted IT ApS', 'Åbenrå Hosting ApS']);
    expect(res.body).toContain('Underdatabehandler for Kæde A A/S');
    const zeta = res.body.slice(res.body.indexOf('Zeta Data ApS'), res.body.indexOf('</tr>', res.body.indexOf('Zeta Data ApS')));
    expect(zeta).toContain('Behandles uden for EU/EØS uden overførselsgrundlag');
    // Economists read but do not write: no link to the form, and the form answers 403.
    expect(res.body).not.toContain('href="/compliance/leverandoerer/ny"');
    const api = await economist.get('/api/v1/compliance/suppliers');
    expect(api.statusCode).toBe(200);
    expect((api.json() as { suppliers: { name: string }[] }).suppliers.map((s) => s.name)).toEqual(names);
  });

  it('answers 403 to central staff who only read, 404 to a municipality, and changes nothing', async () => {
    const s = (await byName('Netcompany A/S'))!;
    const before = (await suppliers()).length;
    expect((await economist.get('/compliance/leverandoerer/ny')).statusCode).toBe(403);
    expect((await economist.post('/compliance/leverandoerer/ny', { name: 'Økonomens ApS', cvr: '40000001', role: 'processor' })).statusCode).toBe(403);
    expect((await economist.get(`/compliance/leverandoerer/${s.id}`)).statusCode).toBe(403);
    expect((await economist.post(`/compliance/leverandoerer/${s.id}`, { name: 'Omdøbt', cvr: '14814833', role: 'processor' })).statusCode).toBe(403);
    expect((await economist.api('PUT', `/api/v1/compliance/suppliers/${s.id}`, { name: 'Omdøbt', role: 'processor' })).statusCode).toBe(403);
    expect((await municipal.get('/compliance/leverandoerer')).statusCode).toBe(404);
    expect((await municipal.get('/api/v1/compliance/suppliers')).statusCode).toBe(404);
    expect((await municipal.get(`/compliance/leverandoerer/${s.id}`)).statusCode).toBe(404);
    expect((await municipal.api('POST', '/api/v1/compliance/suppliers', { name: 'Kommunens ApS', role: 'processor' })).statusCode).toBe(404);
    expect((await suppliers()).length).toBe(before);
    expect((await byName('Netcompany A/S'))!.name).toBe('Netcompany A/S');
    const [row] = await t.database.db.select().from(complianceSupplier).where(and(eq(complianceSupplier.id, s.id), eq(complianceSupplier.name, 'Netcompany A/S')));
    expect(row).toBeDefined();
  });
});
