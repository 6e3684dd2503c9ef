import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { auditEvent } from '../../platform/audit/schema.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { importMunicipalities, importMunicipalitiesFile } from './import-municipalities.ts';
import { municipality } from '../../platform/identity/schema.ts';

describe('importing municipality reference data', () => {
  let t: TestApp;
  let ctx: Ctx;
  const snapshot = () => t.database.db.select().from(municipality).orderBy(municipality.code);

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    ctx = { actor: null, db: t.database.db, now: new Date('2025-01-02T10:00:00Z'), requestId: 'cli', config: t.config };
  });
  afterAll(() => t.close());

  it('updates names, population and CVR by code, audits as system, and is idempotent', async () => {
    const file = Buffer.from('kommunekode;navn;indbyggere;cvr\r\n0320;Faxe;36.512;29188548\r\n101;;670 000;\r\n0153;Brøndby;;\r\n');
    expect(await importMunicipalities(ctx, file, 'kommuner.csv')).toEqual({ updated: 2 });
    const rows = await t.database.db.select().from(municipality).where(inArray(municipality.code, ['0320', '0101', '0153']));
    expect(rows.find((m) => m.code === '0320')).toMatchObject({ name: 'Faxe', population: 36512, cvr: '29188548' });
    expect(rows.find((m) => m.code === '0101')).toMatchObject({ name: 'København', population: 670000, cvr: '64942212' }); // a blank CVR keeps the shipped one
    expect(rows.find((m) => m.code === '0153')).toMatchObject({ name: 'Brøndby', population: 39000 });

    const events = await t.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'municipality.imported'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorLabel: 'system', actorUserId: null, requestId: 'cli', after: { updated: 2 } });

    expect(await importMunicipalities(ctx, file, 'kommuner.csv')).toEqual({ updated: 0 });
  });

  it('reports every bad row by line and changes nothing', async () => {
    const before = await snapshot();
    const file = Buffer.from(
      ['kommunekode,indbyggere_ca,cvr', '0147,110000,', '9999,1000,', '0151,mange,', '0157,50000,1234', '0147,1,', 'abc,,'].join('\n'),
    );
    const error = await importMunicipalities(ctx, file, 'kommuner.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    expect((error as AppError).fieldErrors).toEqual({
      'linje-3': 'Ukendt kommunekode "9999"',
      'linje-4': 'Indbyggertallet "mange" er ikke et gyldigt helt tal',
      'linje-5': 'CVR-nummeret "1234" skal være otte cifre',
      'linje-6': 'Kommunekode 0147 står også i linje 2',
      'linje-7': 'Kommunekoden "abc" skal være fire cifre',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file without a code column', async () => {
    const error = await importMunicipalities(ctx, Buffer.from('navn;indbyggere\nFaxe;1\n'), 'k.csv').catch((e: unknown) => e);
    expect((error as AppError).fieldErrors).toHaveProperty('fil');
  });

  it('prints the report on stderr with exit code 1, or the count with exit code 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-import-'));
    const errors: string[] = [];
    const logs: string[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void logs.push(String(m)));
    try {
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, 'kommunekode;indbyggere\n0320;40000\n0000;5\n');
      expect(await importMunicipalitiesFile(t.database.db, t.config, bad)).toBe(1);
      expect(errors).toContain('Linje 3: Ukendt kommunekode "0000"');
      const [faxe] = await t.database.db.select().from(municipality).where(eq(municipality.code, '0320'));
      expect(faxe!.population).toBe(36512);

      const good = path.join(dir, 'good.csv');
      fs.writeFileSync(good, 'kommunekode;indbyggere\n0320;40000\n0360;70000\n');
      expect(await importMunicipalitiesFile(t.database.db, t.config, good)).toBe(0);
      expect(logs).toContain('Opdateret 2 kommuner.');

      expect(await importMunicipalitiesFile(t.database.db, t.config, path.join(dir, 'findes-ikke.csv'))).toBe(1);
    } finally {
      err.mockRestore();
      log.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
