import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildPackage } from '../../../../test/factories/compliance.ts';
import { auditEvent, person, roleAssignment, userAccount } from '../../../db/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { buildPackageContent } from '../content.ts';
import { AUTHOR_ROLE, RECIPIENT_ROLE } from '../policy.ts';
import { compliancePackage, compliancePackageSupplier, compliancePackageTarget, complianceSupplier } from '../schema.ts';

const FAXE = '0320';

describe("a package's suppliers", () => {
  let t: TestApp;
  let author: Client;
  let recipient: Client;
  let programLeader: Client;
  let economist: Client;
  const ids = { netcompany: '', microsoft: '', azureSupport: '', kmd: '', offshore: '', unlisted: '' };

  const db = () => t.database.db;
  const inPackage = async (packageId: string) =>
    (await db().select({ id: compliancePackageSupplier.supplierId }).from(compliancePackageSupplier).where(eq(compliancePackageSupplier.packageId, packageId))).map((r) => r.id).sort();
  const supplier = async (values: Partial<typeof complianceSupplier.$inferInsert> & { name: string }) => {
    const [s] = await db().insert(complianceSupplier).values(values).returning({ id: complianceSupplier.id });
    return s!.id;
  };
  /** A published package listing these suppliers, frozen as publishing freezes it. */
  const publishedWith = async (supplierIds: string[]) => {
    const pkg = await buildPackage(db(), { status: 'draft', suppliers: 0 });
    await db().insert(compliancePackageSupplier).values(supplierIds.map((supplierId) => ({ packageId: pkg.id, supplierId })));
    const content = await buildPackageContent(db(), pkg.id);
    await db().update(compliancePackage).set({ status: 'published', publishedContent: content, publishedAt: new Date('2025-08-14T10:00:00Z') }).where(eq(compliancePackage.id, pkg.id));
    await db().insert(compliancePackageTarget).values({ packageId: pkg.id, municipalityCode: FAXE });
    return pkg.id;
  };
  const draftWith = async (supplierIds: string[]) => {
    const pkg = await buildPackage(db(), { status: 'draft', suppliers: 0 });
    if (supplierIds.length > 0) await db().insert(compliancePackageSupplier).values(supplierIds.map((supplierId) => ({ packageId: pkg.id, supplierId })));
    return pkg.id;
  };
  /** The text of one supplier's list item, with its nested sub-processors. */
  const item = (html: string, id: string) => {
    const start = html.indexOf(`<li class="mb-6" data-leverandoer="${id}">`);
    expect(start, `supplier ${id} on the page`).toBeGreaterThan(-1);
    let depth = 0;
    const re = /<li\b|<\/li>/g;
    re.lastIndex = start;
    for (let m = re.exec(html); m; m = re.exec(html)) {
      depth += m[0] === '</li>' ? -1 : 1;
      if (depth === 0) return html.slice(start, m.index);
    }
    throw new Error('unclosed item');
  };

  beforeAll(async () => {
    t = await startTestApp();
    const newUser = async (email: string, code: string | null, roleTypeKey: string) => {
      const [p] = await db().insert(person).values({ municipalityCode: code, name: `Testperson ${roleTypeKey}`, email }).returning();
      await db().insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword(DEMO.password) });
      await db().insert(roleAssignment).values({ personId: p!.id, municipalityCode: code, roleTypeKey });
      return loginAs(t.app, email);
    };
    const [consultant] = await db().select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
    await db().insert(roleAssignment).values({ personId: consultant!.personId, municipalityCode: null, roleTypeKey: AUTHOR_ROLE });
    author = await loginAs(t.app, DEMO.consultant);
    recipient = await newUser('modtager@faxe.test', FAXE, RECIPIENT_ROLE);
    economist = await newUser('oekonomi@pakke.test', null, 'oekonomi');
    programLeader = await loginAs(t.app, DEMO.programLeader(FAXE));

    ids.netcompany = await supplier({ name: 'Netcompany A/S', cvr: '14814833', address: 'Strandgade 3, København, Danmark', contractParty: 'KOMBIT', processingActivity: 'Drift og udvikling af Aula', locations: 'Danmark', transferBasisKey: 'eu-eoes' });
    ids.microsoft = await supplier({ name: 'Microsoft Ireland Operations Ltd', address: 'One Microsoft Place, Dublin, Irland', contractParty: 'Netcompany A/S', role: 'sub-processor', parentId: ids.netcompany, locations: 'Irland, Nederlandene', transferBasisKey: 'eu-eoes' });
    ids.azureSupport = await supplier({ name: 'Azure Support Inc.', address: 'Redmond, USA', role: 'sub-processor', parentId: ids.microsoft, locations: 'USA', transferBasisKey: 'none' });
    ids.kmd = await supplier({ name: 'KMD A/S', cvr: '26911745', address: 'Ballerup, Danmark', locations: 'USA, Danmark' });
    ids.offshore = await supplier({ name: 'Offshore Support Pvt', address: 'Bangalore, Indien', role: 'sub-processor', parentId: ids.kmd, locations: 'Indien', transferBasisKey: 'scc' });
    ids.unlisted = await supplier({ name: 'Backup Partner ApS', cvr: '33445566', address: 'Aarhus, Danmark', role: 'sub-processor', parentId: ids.netcompany, locations: 'Danmark', transferBasisKey: 'eu-eoes' });
  });
  afterAll(() => t?.close());

  it('shows each processor followed by its chain of sub-processors, with every field and the transfer basis explained', async () => {
    const id = await draftWith([ids.netcompany, ids.microsoft, ids.azureSupport, ids.kmd]);
    const res = await economist.get(`/compliance/pakker/${id}/leverandoerer`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('aria-current="page">Leverandører</a>');
    const netcompany = item(res.body, ids.netcompany);
    const microsoft = item(res.body, ids.microsoft);
    // Nested: Microsoft's item (and Azure support's inside it) is within Netcompany's.
    expect(netcompany).toContain(microsoft);
    expect(microsoft).toContain(item(res.body, ids.azureSupport));
    expect(netcompany).toContain('<ul class="nobullet-list pl-6" aria-label="Underdatabehandlere for Netcompany A/S">');
    expect(microsoft).toContain('<span>Underdatabehandler</span><span> · Underdatabehandler for Netcompany A/S</span>');
    expect(netcompany).toContain('<h3 id="leverandoer-');
    expect(microsoft).toContain('<h4 id="leverandoer-');
    for (const text of ['14814833', 'Strandgade 3, København, Danmark', 'KOMBIT', 'Drift og udvikling af Aula', 'Inden for EU/EØS', 'Ingen overførsel til tredjeland.']) {
      expect(netcompany).toContain(text);
    }
    expect(microsoft).toContain('Intet dansk CVR-nummer');
    expect(microsoft.slice(0, microsoft.indexOf('</section>'))).not.toContain('badge-warning');
    // Outside EU/EØS: 'none' as basis, or no basis while data goes to the USA, both earn a badge with words.
    expect(item(res.body, ids.azureSupport)).toContain('<span class="badge badge-warning">Overførsel til tredjeland uden grundlag</span>');
    expect(item(res.body, ids.kmd)).toContain('<span class="badge badge-warning">Behandles uden for EU/EØS uden overførselsgrundlag</span>');
    expect(res.body).toContain('2 leverandører kan behandle data uden for EU/EØS uden et overførselsgrundlag');
    // A reader gets no forms.
    expect(res.body).not.toContain('/fjern"');
    expect(res.body).not.toContain('Tilføj en leverandør');
  });

  it('lets the author add and remove suppliers on a draft, audited once however often the form is sent, with a hint for a sub-processor without its processor', async () => {
    const id = await draftWith([ids.kmd]);
    const page = await author.get(`/compliance/pakker/${id}/leverandoerer`);
    expect(page.body).toContain('Tilføj en leverandør');
    const select = page.body.slice(page.body.indexOf('name="supplierId"'), page.body.indexOf('</select>', page.body.indexOf('name="supplierId"')));
    expect(select).toContain('Microsoft Ireland Operations Ltd (underdatabehandler for Netcompany A/S)');
    expect(select).not.toContain(ids.kmd);

    const add = () => author.post(`/compliance/pakker/${id}/leverandoerer`, { supplierId: ids.unlisted });
    expect((await add()).headers.location).toBe(`/compliance/pakker/${id}/leverandoerer?besked=tilfoejet`);
    expect((await add()).headers.location).toBe(`/compliance/pakker/${id}/leverandoerer?besked=uaendret`);
    expect(await inPackage(id)).toEqual([ids.kmd, ids.unlisted].sort());
    const after = await author.get(`/compliance/pakker/${id}/leverandoerer?besked=tilfoejet`);
    expect(after.body).toContain('Leverandøren er tilføjet pakken.');
    expect(item(after.body, ids.unlisted)).toContain('Netcompany A/S, som Backup Partner ApS arbejder for, er ikke med i pakken.');

    const remove = () => author.post(`/compliance/pakker/${id}/leverandoerer/${ids.kmd}/fjern`);
    expect((await remove()).headers.location).toBe(`/compliance/pakker/${id}/leverandoerer?besked=fjernet`);
    expect((await remove()).headers.location).toBe(`/compliance/pakker/${id}/leverandoerer?besked=uaendret`);
    expect(await inPackage(id)).toEqual([ids.unlisted]);
    expect((await db().select().from(complianceSupplier).where(eq(complianceSupplier.id, ids.kmd))).length).toBe(1);

    const audits = await db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'compliance.package_suppliers_changed'), eq(auditEvent.entityId, id)));
    expect(audits.map((a) => a.after)).toEqual([
      { supplierIds: [ids.kmd, ids.unlisted], added: [ids.unlisted], removed: [] },
      { supplierIds: [ids.unlisted], added: [], removed: [ids.kmd] },
    ]);

    const unknown = await author.post(`/compliance/pakker/${id}/leverandoerer`, { supplierId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Vælg leverandører fra listen; en af dem findes ikke');
  });

  it('sets the whole list through the API, telling which sub-processors lack their processor', async () => {
    const id = await draftWith([]);
    const res = await author.api('PUT', `/api/v1/compliance/packages/${id}/suppliers`, { supplierIds: [ids.microsoft, ids.kmd] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ changed: true, withoutParent: [{ id: ids.microsoft, name: 'Microsoft Ireland Operations Ltd', parentName: 'Netcompany A/S' }] });
    const again = await author.api('PUT', `/api/v1/compliance/packages/${id}/suppliers`, { supplierIds: [ids.kmd, ids.microsoft] });
    expect(again.json()).toMatchObject({ changed: false, added: [], removed: [] });
    const bad = await author.api('PUT', `/api/v1/compliance/packages/${id}/suppliers`, { supplierIds: ['ikke-et-id'] });
    expect(bad.statusCode).toBe(422);
    expect(await inPackage(id)).toEqual([ids.kmd, ids.microsoft].sort());
    const list = (await author.get('/api/v1/compliance/suppliers')).json() as { suppliers: { id: string; packages: number }[] };
    expect(list.suppliers.find((s) => s.id === ids.kmd)!.packages).toBeGreaterThanOrEqual(2);
  });

  it('shows a published package with its suppliers as they were when it went out, even after the master data is corrected', async () => {
    const id = await publishedWith([ids.netcompany, ids.microsoft]);
    const edit = await author.api('PUT', `/api/v1/compliance/suppliers/${ids.netcompany}`, {
      name: 'Netcompany Group A/S',
      cvr: '14814833',
      address: 'Ny adresse 1, København, Danmark',
      role: 'processor',
      locations: 'Danmark',
      transferBasisKey: 'eu-eoes',
    });
    expect(edit.statusCode).toBe(200);
    const res = await recipient.get(`/compliance/pakker/${id}/leverandoerer`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Leverandørerne er vist, som de var, da pakken blev offentliggjort 14. august 2025.');
    expect(item(res.body, ids.netcompany)).toContain('Netcompany A/S');
    expect(res.body).toContain('Strandgade 3, København, Danmark');
    expect(res.body).not.toContain('Netcompany Group A/S');
    expect(res.body).toContain('Underdatabehandler for Netcompany A/S');
    // A draft lists the corrected data.
    const draft = await draftWith([ids.netcompany]);
    expect((await economist.get(`/compliance/pakker/${draft}/leverandoerer`)).body).toContain('Netcompany Group A/S');
    // The published package cannot be changed, not even by its author.
    const add = await author.post(`/compliance/pakker/${id}/leverandoerer`, { supplierId: ids.kmd });
    expect(add.statusCode).toBe(403);
    expect(add.body).toContain('Pakken er offentliggjort og kan ikke længere ændres');
    expect((await author.api('PUT', `/api/v1/compliance/packages/${id}/suppliers`, { supplierIds: [] })).statusCode).toBe(403);
    expect(await inPackage(id)).toEqual([ids.netcompany, ids.microsoft].sort());
  });

  it("keeps the page from the municipality's administrators (403) and from anyone before it is delivered (404)", async () => {
    const published = await publishedWith([ids.kmd]);
    expect((await programLeader.get(`/compliance/pakker/${published}/leverandoerer`)).statusCode).toBe(403);
    const draft = await draftWith([ids.kmd]);
    expect((await recipient.get(`/compliance/pakker/${draft}/leverandoerer`)).statusCode).toBe(404);
    expect((await recipient.post(`/compliance/pakker/${draft}/leverandoerer`, { supplierId: ids.netcompany })).statusCode).toBe(404);
    expect((await economist.post(`/compliance/pakker/${draft}/leverandoerer`, { supplierId: ids.netcompany })).statusCode).toBe(403);
    expect(await inPackage(draft)).toEqual([ids.kmd]);
  });
});
