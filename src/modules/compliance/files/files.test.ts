import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildPackage } from '../../../../test/factories/compliance.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { buildPackageContent } from '../content.ts';

const FAXE = '0320';
const BRONDBY = '0153';

/** pdfkit writes non-ASCII document information as UTF-16BE with a byte order mark. */
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const hasInfoText = (pdf: Buffer, s: string) => pdf.includes(utf16be(s)) || pdf.includes(Buffer.from(s, 'latin1'));

const loadXlsx = async (file: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
};
const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));

/** A multipart body as the browser sends the import form. */
function multipart(fields: Record<string, string>, file: Buffer, filename: string) {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The file to the page (form with _csrf) or, with `api`, to the API (session and CSRF header). */
async function upload(c: Client, packageId: string, file: Buffer, opts: { api?: boolean; fields?: Record<string, string>; query?: string } = {}) {
  const { payload, contentType } = multipart(opts.api ? {} : { _csrf: c.csrf, ...opts.fields }, file, 'skema1.xlsx');
  const headers: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType };
  if (opts.api) headers['x-csrf-token'] = c.csrf;
  const url = opts.api ? `/api/v1/compliance/packages/${packageId}/record/import${opts.query ?? ''}` : `/compliance/pakker/${packageId}/fortegnelse/import`;
  return c.app.inject({ method: 'POST', url, headers, payload });
}

describe('compliance package files', () => {
  let t: TestApp;
  let author: Client; // central consultant with the information-security role
  let reader: Client; // central administrator: reads, does not author
  let recipient: Client; // Faxe's KLIK-administrator, also a designated recipient
  let leader: Client; // Faxe's programleder: sees the delivery, not the content
  let brondby: Client; // a recipient in Brøndby
  let published: Awaited<ReturnType<typeof buildPackage>>;
  let draftId: string;

  const grant = async (email: string, code: string | null, roleTypeKey: string) => {
    const [u] = await t.database.db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, email));
    await t.database.db.insert(roleAssignment).values({ personId: u!.personId, municipalityCode: code, roleTypeKey, solutionKey: null });
  };
  const content = (id: string) => buildPackageContent(t.database.db, id);
  const withoutIds = async (id: string) => (await content(id)).activities.map(({ id: _id, ...a }) => a);
  const imports = async (id: string) =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(and(eq(auditEvent.action, 'compliance.record_imported'), eq(auditEvent.entityId, id))))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    await grant(DEMO.consultant, null, 'informationssikkerhed');
    await grant(DEMO.klikAdmin(FAXE), FAXE, 'compliancepakke-modtager');
    await grant(DEMO.klikAdmin(BRONDBY), BRONDBY, 'compliancepakke-modtager');
    published = await buildPackage(db, { status: 'published', targets: [FAXE], activities: 3, suppliers: 3, risks: 6, publishedAt: new Date('2025-07-01T08:00:00Z') });
    draftId = (await buildPackage(db, { activities: 3 })).id;
    author = await loginAs(t.app, DEMO.consultant);
    reader = await loginAs(t.app, DEMO.admin);
    recipient = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    brondby = await loginAs(t.app, DEMO.klikAdmin(BRONDBY));
  });
  afterAll(() => t.close());

  it('gives a recipient the package as a workbook: one sheet per table, Danish headers, frozen header row, autofilter, column G rows, hidden column keys', async () => {
    const res = await recipient.get(`/compliance/pakker/${published.id}/compliancepakke.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`compliancepakke-${published.year}-aula.xlsx`);
    const wb = await loadXlsx(res.rawPayload);
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Skema 1', 'visible'],
      ['Kolonne G', 'visible'],
      ['Principper og rettigheder', 'visible'],
      ['Leverandører', 'visible'],
      ['Risici', 'visible'],
      ['Kolonnenøgler', 'hidden'],
    ]);
    const skema = wb.getWorksheet('Skema 1')!;
    expect(rowValues(skema, 1).slice(0, 6)).toEqual(['Ref.', 'Behandlingsaktivitet', 'Formål', 'Retsgrundlag', 'National bestemmelse', 'Kategorier af registrerede']);
    expect(rowValues(skema, 1)).toContain('CPR-nummer');
    expect(rowValues(skema, 2).slice(0, 4)).toEqual(['B1', 'Behandlingsaktivitet 1', 'Formål 1', 'Art. 6, stk. 1, litra e']);
    for (const sheet of wb.worksheets.filter((s) => s.state === 'visible')) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, sheet.name).toBeTruthy();
      expect(sheet.getColumn(1).width, sheet.name).toBeGreaterThan(5);
    }
    const g = wb.getWorksheet('Kolonne G')!;
    expect(rowValues(g, 1)).toEqual(['Ref.', 'Behandlingsaktivitet', 'Personoplysninger', 'Kategori af registrerede']);
    expect([2, 3, 4].map((r) => rowValues(g, r))).toEqual([1, 2, 3].map((i) => [`B${i}`, `Behandlingsaktivitet ${i}`, 'CPR-nummer', 'Borgere']));
    const keys = wb.getWorksheet('Kolonnenøgler')!;
    expect(rowValues(keys, 1)).toEqual(['Ark', 'Kolonne', 'Nøgle', 'Overskrift']);
    expect(rowValues(keys, 2)).toEqual(['Skema 1', 'A', 'ref', 'Ref.']);
    const risks = wb.getWorksheet('Risici')!;
    const header = rowValues(risks, 1);
    // Risk 4 is likelihood 4, consequence 1: Datatilsynet's matrix says Høj there, not a product of the two
    const r4 = rowValues(risks, 5);
    expect(r4[header.indexOf('Sandsynlighed')]).toBe('4');
    expect(r4[header.indexOf('Konsekvens')]).toBe('1');
    expect(r4[header.indexOf('Risikoniveau')]).toBe('Høj');
    expect(r4[header.indexOf('Planlagte foranstaltninger')]).toBe('Foranstaltning 4 – ansvarlig: KOMBIT – frist: 31.12.2030');
    expect(r4[header.indexOf('Håndtering')]).toBe('Reducere');
    const suppliers = wb.getWorksheet('Leverandører')!;
    expect(rowValues(suppliers, 1)).toContain('Underdatabehandler for');
    expect(suppliers.rowCount).toBe(4);
  });

  it('gives the package as a PDF with its title', async () => {
    const res = await author.get(`/compliance/pakker/${published.id}/compliancepakke.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`compliancepakke-${published.year}-aula.pdf`);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(hasInfoText(res.rawPayload, `Compliancepakke ${published.year} – Aula`)).toBe(true);
  });

  it("answers 403 to the municipality's programleder and 404 to another municipality's recipient", async () => {
    for (const format of ['xlsx', 'pdf']) {
      expect((await leader.get(`/compliance/pakker/${published.id}/compliancepakke.${format}`)).statusCode).toBe(403);
      expect((await brondby.get(`/compliance/pakker/${published.id}/compliancepakke.${format}`)).statusCode).toBe(404);
      expect((await recipient.get(`/compliance/pakker/${draftId}/compliancepakke.${format}`)).statusCode).toBe(404);
    }
  });

  it('imports its own export back unchanged (round trip), and says so', async () => {
    const before = await withoutIds(draftId);
    const file = (await author.get(`/compliance/pakker/${draftId}/compliancepakke.xlsx`)).rawPayload;
    const res = await upload(author, draftId, file, { api: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, kept: 0, columnG: true, dryRun: false });
    expect(await withoutIds(draftId)).toEqual(before);
    expect(await imports(draftId)).toBe(0);
  });

  it('adds and updates by Ref., finds columns by key under a renamed header, keeps what the file leaves out, and audits once', async () => {
    const pkg = await buildPackage(t.database.db, { activities: 3 });
    const wb = await loadXlsx((await author.get(`/compliance/pakker/${pkg.id}/compliancepakke.xlsx`)).rawPayload);
    const skema = wb.getWorksheet('Skema 1')!;
    const header = rowValues(skema, 1);
    const col = (h: string) => header.indexOf(h) + 1;
    skema.getRow(1).getCell(col('Formål')).value = 'Formål med behandlingen (omdøbt)';
    skema.getRow(2).getCell(col('Formål')).value = 'Nyt formål';
    skema.spliceRows(4, 1); // B3 is left out of the file: kept
    wb.getWorksheet('Kolonne G')!.spliceRows(4, 1);
    const added = skema.addRow([]);
    added.getCell(col('Ref.')).value = 'B9';
    added.getCell(col('Behandlingsaktivitet')).value = 'Fravær';
    added.getCell(col('Retsgrundlag')).value = 'art6-1-c; Art. 6, stk. 1, litra e';
    added.getCell(col('Kategorier af registrerede')).value = 'Elever\nForældre og værger';
    added.getCell(col('Almindelige personoplysninger')).value = 'Uddannelse og skolegang';
    added.getCell(col('Opbevaringsperiode')).value = '5 år';
    wb.getWorksheet('Kolonne G')!.addRow(['B9', 'Fravær', 'Uddannelse og skolegang', 'Elever']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const preview = await upload(author, pkg.id, file, { fields: { handling: 'kontroller' } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1 ny, 1 ændret, 1 uændrede. 1 aktivitet, der ikke står i filen, beholdes uændret.');
    expect((await content(pkg.id)).activities.map((a) => a.ref)).toEqual(['B1', 'B2', 'B3']);

    const res = await upload(author, pkg.id, file);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/compliance/pakker/${pkg.id}/fortegnelse/import?besked=importeret&nye=1&aendrede=1&uaendrede=1&beholdt=1`);
    const done = await author.get(res.headers.location as string);
    expect(done.body).toContain('Skema 1 er importeret: 1 ny, 1 ændret, 1 uændrede.');

    const after = (await content(pkg.id)).activities;
    expect(after.map((a) => a.ref)).toEqual(['B1', 'B2', 'B3', 'B9']);
    expect(after[0]).toMatchObject({ purpose: 'Nyt formål', columnG: [{ personalData: 'cpr', dataSubjects: ['borgere'] }] });
    expect(after[3]).toMatchObject({
      name: 'Fravær',
      legalBases: ['art6-1-c', 'art6-1-e'],
      dataSubjects: ['elever', 'foraeldre'],
      personalData: ['uddannelse'],
      retention: '5-aar',
      columnG: [{ personalData: 'uddannelse', dataSubjects: ['elever'] }],
    });
    expect(await imports(pkg.id)).toBe(1);
    // a double submit gets the first answer; the same file later finds nothing to change; neither logs anything
    const twin = await upload(author, pkg.id, file, { api: true });
    expect(twin.json()).toMatchObject({ created: 1, updated: 1, unchanged: 1, kept: 1 });
    t.setNow(new Date(Date.now() + 60_000));
    try {
      const later = await upload(author, pkg.id, file, { api: true });
      expect(later.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, kept: 1 });
    } finally {
      t.setNow(null);
    }
    expect(await imports(pkg.id)).toBe(1);
    expect((await content(pkg.id)).activities).toHaveLength(4);
  });

  it('changes nothing when one row is bad, and reports row and column in Danish', async () => {
    const before = await withoutIds(draftId);
    const wb = await loadXlsx((await author.get(`/compliance/pakker/${draftId}/compliancepakke.xlsx`)).rawPayload);
    const skema = wb.getWorksheet('Skema 1')!;
    const header = rowValues(skema, 1);
    const col = (h: string) => header.indexOf(h) + 1;
    skema.getRow(2).getCell(col('Formål')).value = 'Ændret, men må ikke gemmes';
    skema.getRow(3).getCell(col('Retsgrundlag')).value = 'Art. 99';
    const added = skema.addRow([]);
    added.getCell(col('Ref.')).value = 'B1';
    wb.getWorksheet('Kolonne G')!.addRow(['B2', '', 'Helbredsoplysninger', 'Borgere']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const res = await upload(author, draftId, file, { api: true });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error?: { fieldErrors?: Record<string, string> }; fieldErrors?: Record<string, string> };
    const fieldErrors = body.error?.fieldErrors ?? body.fieldErrors ?? {};
    expect(fieldErrors['Skema 1.3.Retsgrundlag']).toBe('Ukendt retsgrundlag «Art. 99».');
    expect(fieldErrors['Skema 1.5.Ref.']).toBe('Ref. «B1» står også i række 2.');
    expect(fieldErrors['Skema 1.5.Behandlingsaktivitet']).toBe('Navnet på behandlingsaktiviteten mangler.');
    expect(fieldErrors['Kolonne G.5.Personoplysninger']).toBe('«Helbredsoplysninger» er ikke valgt som personoplysninger for B2 i «Skema 1».');

    const pageRes = await upload(author, draftId, file);
    expect(pageRes.statusCode).toBe(422);
    expect(pageRes.body).toContain('Fejlrapport: 3 rækker med fejl');
    expect(pageRes.body).toContain('Ukendt retsgrundlag «Art. 99».');
    expect(pageRes.body).toContain('Intet er importeret');
    expect(await withoutIds(draftId)).toEqual(before);
    expect(await imports(draftId)).toBe(0);
  });

  it('refuses a file without Skema 1 columns, a published package and a reader who is not the author', async () => {
    const csv = Buffer.from('Navn;E-mail\r\nA;a@b.dk\r\n');
    const missing = await upload(author, draftId, csv, { api: true });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('mangler kolonnen «Ref.»');
    const file = Buffer.from('Ref.;Behandlingsaktivitet\r\nX1;Test\r\n');
    expect((await upload(reader, draftId, file, { api: true })).statusCode).toBe(403);
    expect((await reader.get(`/compliance/pakker/${draftId}/fortegnelse/import`)).statusCode).toBe(403);
    expect((await upload(recipient, draftId, file, { api: true })).statusCode).toBe(404);
    expect((await upload(author, published.id, file, { api: true })).statusCode).toBe(403);
    expect((await content(draftId)).activities.map((a) => a.ref)).not.toContain('X1');
  });
});

