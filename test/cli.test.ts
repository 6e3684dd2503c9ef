import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openPglite, rawRows } from '../src/db/client.ts';
import { sha256 } from '../src/platform/auth/secrets.ts';
import { syntheticKlePlan } from '../src/modules/borgerblikket/plan/synthetic-plan.ts';
import { samspil } from './cli-run.ts';
import { engine } from './db.ts';

// The CLI only ever uses a PGlite directory here; under TEST_DATABASE=postgres these runs would
// merely repeat the same PGlite work, so the file is skipped there.
describe.skipIf(engine === 'postgres')('the samspil command line', { timeout: 90_000 }, () => {
  let tmp: string;
  let dataDir: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-cli-'));
    dataDir = path.join(tmp, 'data');
  });
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('migrate creates the database and exits 0', async () => {
    const run = await samspil(['migrate'], { DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Databasen er migreret.');
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
  });

  it('seed --demo loads demo data once; a second time it refuses with exit 2', async () => {
    const first = await samspil(['seed', '--demo'], { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Demodata indlæst: \d+ brugere med adgangskoden demo1234\./);
    const second = await samspil(['seed', '--demo'], { DATA_DIR: dataDir });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('Databasen indeholder allerede personer; demodata indlæses kun i en tom database.');
  });

  it('never seeds demo data in production mode', async () => {
    const elsewhere = path.join(tmp, 'production');
    const run = await samspil(['seed', '--demo'], { DATA_DIR: elsewhere, SAMSPIL_MODE: 'production' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Demodata indlæses aldrig i produktionstilstand (SAMSPIL_MODE=production).');
    expect(fs.existsSync(elsewhere)).toBe(false);
  });

  it('token create prints a token that works as Bearer against the same database', async () => {
    const run = await samspil(['token', 'create', '--user', 'admin@samspil.demo', '--name', 'Fra testen'], { DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    const token = run.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^samspil_[\w-]{20,}$/);

    const unknown = await samspil(['token', 'create', '--user', 'ingen@samspil.demo'], { DATA_DIR: dataDir });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('Der findes ingen aktiv bruger med e-mailadressen ingen@samspil.demo.');

    // The CLI has exited, so this process may open the embedded database.
    const config = loadConfig({ DATA_DIR: dataDir, SAMSPIL_MODE: 'demo', LOG_LEVEL: 'silent' });
    const database = await openPglite(path.join(dataDir, 'pglite'));
    const app = await buildApp({ config, database, logger: false });
    try {
      const stored = await rawRows<{ name: string; token_hash: string }>(database.db, sql`select name, token_hash from api_token`);
      expect(stored).toEqual([{ name: 'Fra testen', token_hash: sha256(token) }]);
      const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ email: 'admin@samspil.demo', municipalityCode: null });
      const wrong = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.statusCode).toBe(401);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('import population stores a FOLK1A file, says so when it is imported again, and reports bad rows by line with exit 1', async () => {
    const good = path.join(tmp, 'folk1a.csv');
    fs.writeFileSync(good, Buffer.from('OMRÅDE;TID;INDHOLD\r\nHele landet;2026K1;5.992.734\r\n101;2026K1;667.099\r\nFaxe;2026K1;36512\r\n', 'latin1'));
    const first = await samspil(['import', 'population', good], { DATA_DIR: dataDir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Linje 2: "Hele landet" er hele landet og springes over.');
    expect(first.stdout).toContain('Importeret befolkningstal for 2026K1: 2 nye eller ændrede, 0 uændrede.');
    const again = await samspil(['import', 'population', good], { DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Ingen ændringer: befolkningstallene for 2026K1 er allerede importeret (2 uændrede).');

    const bad = path.join(tmp, 'folk1a-fejl.csv');
    fs.writeFileSync(bad, 'OMRÅDE;TID;INDHOLD\n101;2026K1;1\nAtlantis;2026K1;10\n');
    const refused = await samspil(['import', 'population', bad], { DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Filen har fejl i 1 linje; ingen befolkningstal er ændret.');
    expect(refused.stderr).toContain('Linje 3: Ukendt kommune "Atlantis"');
  });

  it('import aula-files stores a secure-file inventory from disk, and a bad line exits 1 naming it', async () => {
    const header = 'kommunekode;fil_id;institutionsnummer;institutionsnavn;kategori;oprettet;udloesende_dato;journaliseret;esdh_reference';
    const good = path.join(tmp, 'sikre-filer.csv');
    fs.writeFileSync(good, `${header}\n0320;F-1;1;Hus;Referater;2025-01-01;;nej;\n0320;F-2;1;Hus;Handleplaner;2025-01-01;;ja;SBSYS-2\n`);
    const run = await samspil(['import', 'aula-files', good], { DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Kommune 0320: 2 filer på 1 institutioner.');
    const bad = path.join(tmp, 'sikre-filer-fejl.csv');
    fs.writeFileSync(bad, `${header}\n0320;F-1;1;Hus;Madplaner;2025-01-01;;nej;\n`);
    const refused = await samspil(['import', 'aula-files', bad], { DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Linje 2: Ukendt kategori "Madplaner"');
  });

  it('import kle reads a newer KLE plan, lists the settings on expired numbers for review, and a misplaced topic exits 1 naming its line', async () => {
    const good = path.join(tmp, 'kle-2026.xml');
    // The demo seeded the synthetic plan of 15.01.2025; this one is a year newer and leaves 27.12.05 out.
    fs.writeFileSync(good, syntheticKlePlan({ publishedOn: '2026-01-15', omit: ['27.12.05'] }));
    const run = await samspil(['import', 'kle', good], { DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Indlæst: KLE-planen af 15.01.2026 (14 hovedgrupper, 62 grupper, 237 emner). 1 nummer er udgået siden sidste plan: 27.12.05.');
    expect(run.stdout).toMatch(/Til gennemgang: \d+ kommunale indstillinger på udgåede KLE-numre/);
    expect(run.stdout).toMatch(/\d{4} .+: 27\.24\.07 Fleksydelse \(Udgået i KLE\)/);
    const bad = path.join(tmp, 'kle-fejl.xml');
    fs.writeFileSync(bad, syntheticKlePlan({ publishedOn: '2026-02-01' }).replace('<EmneNr>27.12.04</EmneNr>', '<EmneNr>27.13.04</EmneNr>'));
    const refused = await samspil(['import', 'kle', bad], { DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Linje \d+: Emne 27\.13\.04 står under gruppe 27\.12; nummeret skal begynde med 27\.12/);
  });

  it('serve with a bad PORT stops with a Danish message naming PORT', async () => {
    const run = await samspil(['serve'], { DATA_DIR: path.join(tmp, 'serve'), PORT: 'abc' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Ugyldig konfiguration');
    expect(run.stderr).toContain('PORT: skal være et tal');
  });

  it('an unknown command exits 2 with the help text', async () => {
    const run = await samspil(['frobnicate'], { DATA_DIR: dataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Ukendt kommando: frobnicate');
    expect(run.stderr).toContain('seed --demo');
  });
});
