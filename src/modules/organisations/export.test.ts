import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { readTable } from '../../platform/spreadsheet/read.ts';
import { fileSlug } from '../../platform/http/send-download.ts';

describe('exporting galleries and the role overview', () => {
  let t: TestApp;
  let faxe: Client;
  let consultant: Client;

  beforeAll(async () => {
    t = await startTestApp();
    faxe = await loginAs(t.app, DEMO.klikAdmin('0320'));
    consultant = await loginAs(t.app, DEMO.consultant);
  });
  afterAll(() => t.close());

  it("exports Faxe's gallery as XLSX with Danish columns, one row per person and role", async () => {
    await faxe.post('/kommuner/0320/personer', { name: 'Uden Rolle', email: 'uden@faxe.dk' });
    const res = await faxe.get('/kommuner/0320/eksport.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="rollegalleri-0320-faxe.xlsx"');
    expect(res.headers['cache-control']).toBe('private, no-store');

    const table = await readTable(res.rawPayload, 'eksport.xlsx');
    expect(table.headers).toEqual(['navn', 'e-mail', 'titel', 'telefon', 'rolle', 'løsning', 'primær']);
    const rows = table.rows.map((r) => r.values);
    expect(rows).toContainEqual({
      navn: 'Programleder Faxe',
      'e-mail': 'programleder-0320@samspil.demo',
      titel: 'Programleder',
      telefon: '',
      rolle: 'Programleder',
      løsning: '',
      primær: 'Nej',
    });
    expect(rows).toContainEqual(expect.objectContaining({ navn: 'Systemansvarlig flis Faxe', rolle: 'Systemansvarlig', løsning: 'FLIS', primær: 'Ja' }));
    expect(rows).toContainEqual(expect.objectContaining({ navn: 'Uden Rolle', rolle: '', løsning: '', primær: '' }));
    expect(rows).toHaveLength(4);
  });

  it('exports CSV with a BOM, semicolons and an ASCII file name', async () => {
    const res = await consultant.get('/kommuner/0153/eksport.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="rollegalleri-0153-broendby.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.subarray(3).toString('utf8');
    expect(text.startsWith('Navn;E-mail;Titel;Telefon;Rolle;Løsning;Primær\r\n')).toBe(true);
    expect(text).toContain('Systemansvarlig byg-og-miljoe Brøndby;system-byg-og-miljoe-0153@samspil.demo;Systemansvarlig;;Systemansvarlig;Byg og Miljø;Ja\r\n');
  });

  it('exports the role overview with vacancies first and the same selection as the page', async () => {
    const res = await consultant.get('/rolleoverblik/eksport.csv?rolle=systemansvarlig&loesning=aula');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="rolleoverblik-systemansvarlig-aula.csv"');
    const table = await readTable(res.rawPayload, 'x.csv');
    expect(table.headers).toEqual(['kommunekode', 'kommune', 'region', 'status', 'personer', 'e-mail']);
    const statuses = table.rows.map((r) => r.values.status);
    expect(statuses).toHaveLength(98);
    const firstCovered = statuses.indexOf('Dækket');
    expect(firstCovered).toBeGreaterThan(0);
    expect(statuses.slice(0, firstCovered).every((s) => s === 'Ingen')).toBe(true);
    expect(statuses.slice(firstCovered).every((s) => s === 'Dækket')).toBe(true);
    expect(table.rows.find((r) => r.values.kommunekode === '0101')?.values).toMatchObject({
      kommune: 'København',
      personer: 'Systemansvarlig aula København (primær)',
      'e-mail': 'system-aula-0101@samspil.demo',
    });
    expect(table.rows.find((r) => r.values.kommunekode === '0320')?.values.status).toBe('Ingen');

    const xlsx = await consultant.get('/rolleoverblik/eksport.xlsx?rolle=programleder');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="rolleoverblik-programleder.xlsx"');
    const all = await readTable(xlsx.rawPayload, 'x.xlsx');
    expect(all.rows.every((r) => r.values.status === 'Dækket')).toBe(true);
  });

  it("answers 404 for another municipality's gallery and 403 for the overview to municipal users", async () => {
    expect((await faxe.get('/kommuner/0153/eksport.xlsx')).statusCode).toBe(404);
    expect((await faxe.get('/kommuner/0153/eksport.csv')).statusCode).toBe(404);
    expect((await consultant.get('/kommuner/9999/eksport.csv')).statusCode).toBe(404);
    expect((await faxe.get('/rolleoverblik/eksport.csv?rolle=programleder')).statusCode).toBe(403);
    expect((await t.app.inject('/kommuner/0320/eksport.csv')).statusCode).toBe(303);
  });

  it('makes file names ASCII', () => {
    expect(fileSlug('Høje-Taastrup')).toBe('hoeje-taastrup');
    expect(fileSlug('Ærø')).toBe('aeroe');
    expect(fileSlug('Lyngby-Taarbæk')).toBe('lyngby-taarbaek');
  });
});
