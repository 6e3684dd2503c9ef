import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { aulaInstitution, aulaSecureFile } from '../schema.ts';
import { importAulaFilesFile } from './import-files-file.ts';
import { importAulaFiles } from './import-files.ts';

const HEADER = 'kommunekode;fil_id;institutionsnummer;institutionsnavn;kategori;oprettet;udloesende_dato;journaliseret;esdh_reference';

function multipart(fields: Record<string, string>, file: Buffer) {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="filer.csv"\r\nContent-Type: text/csv\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(c: Client, file: string, opts: { api?: boolean } = {}) {
  const { payload, contentType } = multipart(opts.api ? {} : { _csrf: c.csrf }, Buffer.from(file));
  const headers: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType };
  if (opts.api) headers['x-csrf-token'] = c.csrf;
  return c.app.inject({ method: 'POST', url: opts.api ? '/api/v1/aula/files/import' : '/aula/filer/import', headers, payload });
}

const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';

describe('the secure-file inventory import', () => {
  let t: TestApp;
  let consultant: Client;
  let faxe: Client;
  let tmp: string;

  const files = (code: string) =>
    t.database.db.select().from(aulaSecureFile).where(eq(aulaSecureFile.municipalityCode, code)).orderBy(aulaSecureFile.fileId);
  const institutions = (code: string) =>
    t.database.db.select().from(aulaInstitution).where(eq(aulaInstitution.municipalityCode, code)).orderBy(aulaInstitution.number);
  const audits = async () =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, 'aula.files_imported')))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader('0320'));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-aula-'));
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await t?.close();
  });

  it('imports a small file for two municipalities through the API, with its institutions, and a re-import replaces a municipality\'s files', async () => {
    const first = await upload(
      consultant,
      '\uFEFF' +
        csv(
          '0320;F-1;101;Børnehuset Solsikken;Handleplaner;2025-01-10;2026-03-01;nej;',
          '320;F-2;101;Børnehuset Solsikken;observationer;10-02-2025;;ja;SBSYS-77',
          '0320;F-3;102;Faxe Skole;PÆDAGOGISKE NOTER;2024-12-24;;1;',
          '0153;B-1;7;Brøndby Vuggestue;Rive/kradseskema;2025-05-05;;0;',
        ),
      { api: true },
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      municipalities: [
        { code: '0153', files: 1, institutions: 1 },
        { code: '0320', files: 3, institutions: 2 },
      ],
      removed: 0,
      lines: 4,
    });
    const stored = await files('0320');
    expect(stored.map((f) => [f.fileId, f.category, f.createdOn, f.triggerOn, f.journalised, f.esdhReference])).toEqual([
      ['F-1', 'handleplaner', '2025-01-10', '2026-03-01', false, null],
      ['F-2', 'observationer', '2025-02-10', null, true, 'SBSYS-77'],
      ['F-3', 'paedagogiske-noter', '2024-12-24', null, true, null],
    ]);
    expect((await institutions('0320')).map((i) => [i.number, i.name])).toEqual([
      ['101', 'Børnehuset Solsikken'],
      ['102', 'Faxe Skole'],
    ]);
    expect(await audits()).toBe(1);

    // Faxe's keeper re-imports Faxe only: F-3 is gone, F-1 changed, F-4 new; Brøndby is untouched.
    const again = await upload(
      faxe,
      csv('0320;F-1;101;Solsikken;Handleplaner;2025-01-10;2026-03-01;ja;SBSYS-1', '0320;F-2;101;Solsikken;Observationer;2025-02-10;;ja;SBSYS-77', '0320;F-4;102;Faxe Skole;Referater;2025-03-03;;nej;'),
    );
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/aula/filer/import?besked=indlaest');
    expect((await files('0320')).map((f) => [f.fileId, f.journalised, f.esdhReference])).toEqual([
      ['F-1', true, 'SBSYS-1'],
      ['F-2', true, 'SBSYS-77'],
      ['F-4', false, null],
    ]);
    expect((await institutions('0320')).find((i) => i.number === '101')?.name).toBe('Solsikken');
    expect((await files('0153')).map((f) => f.fileId)).toEqual(['B-1']);
    expect(await audits()).toBe(2);
    const page = await faxe.get('/aula/filer/import?besked=indlaest');
    expect(page.body).toContain('Filoversigten er indlæst.');
  });

  it('refuses a file with bad lines, naming each line, and changes nothing', async () => {
    const before = await files('0320');
    const res = await upload(
      consultant,
      csv(
        '0320;F-9;101;Solsikken;Handleplaner;2025-01-10;;nej;',
        '0320;F-10;101;Solsikken;Madplaner;2025-01-10;;nej;',
        '0320;F-11;101;Solsikken;Referater;2025-02-30;;nej;',
        '0320;F-12;101;Solsikken;Referater;2025-02-03;;nej;010203-1234',
        '9999;F-13;101;Solsikken;Referater;2025-02-03;;nej;',
      ),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Filen har fejl i 4 linjer; filoversigten er ikke ændret.');
    expect(res.body).toContain('Ukendt kategori &#34;Madplaner&#34;');
    expect(res.body).toMatch(/<th scope="row">\s*3\s*<\/th>/);
    expect(res.body).toContain('Oprettet &#34;2025-02-30&#34; er ikke en dato');
    expect(res.body).toContain('ligner et CPR-nummer');
    expect(res.body).toContain('Ukendt kommune &#34;9999&#34;');
    expect(await files('0320')).toEqual(before);
    expect(await audits()).toBe(2);

    const api = await upload(consultant, csv('0320;F-1;101;S;Referater;2025-01-01;;nej;', '0320;F-1;101;S;Referater;2025-01-01;;nej;'), { api: true });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors).toEqual({ 'linje-3': 'Fil-id "F-1" står også i linje 2' });
    expect(await files('0320')).toEqual(before);
  });

  it("refuses a municipality's keeper a line for another municipality, and a user who keeps nothing", async () => {
    const before = await files('0153');
    const res = await upload(faxe, csv('0320;F-1;101;S;Referater;2025-01-01;;nej;', '0153;B-2;7;Brøndby Vuggestue;Referater;2025-01-01;;nej;'), { api: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().fieldErrors).toEqual({ 'linje-3': 'Filen indeholder linjer for en anden kommune' });
    expect(await files('0153')).toEqual(before);
    const klik = await loginAs(t.app, DEMO.klikAdmin('0320'));
    expect((await upload(klik, csv('0320;F-1;101;S;Referater;2025-01-01;;nej;'), { api: true })).statusCode).toBe(403);
  });

  it('imports a file from disk as the command line does, and refuses a bad one with exit 1', async () => {
    const config = t.config;
    const good = path.join(tmp, 'filer.csv');
    fs.writeFileSync(good, csv('0153;B-1;7;Brøndby Vuggestue;Referater;2025-01-01;;nej;', '0153;B-2;7;Brøndby Vuggestue;Dagsordener;2025-01-02;;ja;ACADRE-2'));
    expect(await importAulaFilesFile(t.database.db, config, good)).toBe(0);
    expect((await files('0153')).map((f) => [f.fileId, f.category])).toEqual([
      ['B-1', 'referater'],
      ['B-2', 'dagsordener'],
    ]);
    const bad = path.join(tmp, 'fejl.csv');
    fs.writeFileSync(bad, csv('0153;B-3;7;Brøndby Vuggestue;Referater;2025-01-01;;måske;'));
    expect(await importAulaFilesFile(t.database.db, config, bad)).toBe(1);
    expect((await files('0153')).map((f) => f.fileId)).toEqual(['B-1', 'B-2']);
    const audit = await t.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'aula.files_imported')).orderBy(sql`${auditEvent.id} desc`).limit(1);
    expect(audit[0]!.actorUserId).toBeNull();
    expect(audit[0]!.after).toEqual({ lines: 2, removed: 0, municipalities: [{ code: "0153", files: 2, institutions: 1 }] });
  });

  it('changes nothing when the upload breaks off halfway, and the database answers the next import', async () => {
    const before = await files('0153');
    const lines = Array.from({ length: 12_000 }, (_, i) => `0153;CUT-${i};7;Brøndby Vuggestue;Referater;2025-01-01;;nej;`);
    async function* brokenUpload() {
      yield Buffer.from(csv(...lines));
      throw new Error('forbindelsen blev afbrudt');
    }
    const ctx = { actor: null, db: t.database.db, now: new Date(), requestId: 'test', config: t.config };
    await expect(importAulaFiles(ctx, Readable.from(brokenUpload()))).rejects.toThrow('forbindelsen blev afbrudt');
    expect(await files('0153')).toEqual(before);
    await importAulaFiles(ctx, Readable.from([csv('0153;B-1;7;Brøndby Vuggestue;Referater;2025-01-01;;nej;')]));
    expect((await files('0153')).map((f) => f.fileId)).toEqual(['B-1']);
  });
});
