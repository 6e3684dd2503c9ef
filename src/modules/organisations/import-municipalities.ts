import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalid, printImportError, type FieldErrors } from '../../platform/errors.ts';
import { readUploadedTable, type Table } from '../../platform/spreadsheet/read.ts';
import { municipality } from '../../platform/identity/schema.ts';

/** Lower-cased headers accepted per column: ours first, then what Danmarks Statistik and others tend to call them. */
const COLUMNS = {
  code: ['kommunekode', 'kode', 'komkode', 'kommunenr'],
  name: ['navn', 'kommunenavn', 'kommune', 'titel'],
  population: ['indbyggere', 'indbyggere_ca', 'folketal', 'befolkning'],
  cvr: ['cvr', 'cvr-nummer', 'cvrnr', 'cvr_nr'],
} as const;
type ColumnKey = keyof typeof COLUMNS;

type Change = { code: string; name?: string; population?: number; cvr?: string };

/**
 * Updates names, population and CVR of the 98 municipalities by code. The whole file is checked
 * first; one bad row means nothing is changed, so a half-applied reference update cannot happen.
 */
export async function importMunicipalities(ctx: Ctx, file: Buffer, filename: string): Promise<{ updated: number }> {
  const table = await readUploadedTable(file, filename);
  const current = await ctx.db.select().from(municipality);
  const changes = validate(table, new Set(current.map((m) => m.code)));

  return ctx.db.transaction(async (tx) => {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const c of changes) {
      const was = current.find((m) => m.code === c.code)!;
      const set = {
        name: c.name ?? was.name,
        population: c.population ?? was.population,
        cvr: c.cvr ?? was.cvr,
      };
      if (set.name === was.name && set.population === was.population && set.cvr === was.cvr) continue;
      await tx.update(municipality).set(set).where(eq(municipality.code, c.code));
      before[c.code] = { name: was.name, population: was.population, cvr: was.cvr };
      after[c.code] = set;
    }
    const updated = Object.keys(after).length;
    if (updated > 0) {
      await recordAudit(tx, ctx, { action: 'municipality.imported', entityType: 'municipality', before, after: { updated, municipalities: after } });
    }
    return { updated };
  });
}

function validate(table: Table, known: Set<string>): Change[] {
  const col: Partial<Record<ColumnKey, string>> = {};
  for (const key of Object.keys(COLUMNS) as ColumnKey[]) {
    const header = COLUMNS[key].find((h) => table.headers.includes(h));
    if (header) col[key] = header;
  }
  if (!col.code || !(col.name || col.population || col.cvr)) {
    throw invalid(
      { fil: 'Filen skal have kolonnen kommunekode og mindst én af navn, indbyggere og cvr' },
      'Filen mangler kolonner: kommunekode og mindst én af navn, indbyggere og cvr.',
    );
  }
  const errors: FieldErrors = {};
  const seen = new Map<string, number>();
  const changes: Change[] = [];
  for (const { line, values } of table.rows) {
    const cell = (key: ColumnKey) => (col[key] ? (values[col[key]] ?? '') : '');
    const problems: string[] = [];
    const change: Change = { code: '' };

    // Excel drops the leading zero of 0101 when it opens a CSV, and Danmarks Statistik writes 101.
    const rawCode = cell('code');
    if (!/^\d{3,4}$/.test(rawCode)) problems.push(rawCode ? `Kommunekoden "${rawCode}" skal være fire cifre` : 'Kommunekode mangler');
    else {
      change.code = rawCode.padStart(4, '0');
      if (!known.has(change.code)) problems.push(`Ukendt kommunekode "${rawCode}"`);
      else if (seen.has(change.code)) problems.push(`Kommunekode ${change.code} står også i linje ${seen.get(change.code)}`);
      else seen.set(change.code, line);
    }

    const name = cell('name');
    if (name.length > 100) problems.push('Navnet må højst være 100 tegn');
    else if (name) change.name = name;

    // Danish thousands separators ("667.000", "667 000") are how the number is usually written.
    const population = cell('population');
    const digits = population.replace(/[.\s\u00a0]/g, '');
    if (population && (!/^\d{1,3}([.\s\u00a0]?\d{3})*$/.test(population) || Number(digits) <= 0 || Number(digits) > 10_000_000)) {
      problems.push(`Indbyggertallet "${population}" er ikke et gyldigt helt tal`);
    } else if (population) change.population = Number(digits);

    const cvr = cell('cvr').replace(/\s/g, '');
    if (cvr && !/^\d{8}$/.test(cvr)) problems.push(`CVR-nummeret "${cell('cvr')}" skal være otte cifre`);
    else if (cvr) change.cvr = cvr;

    if (problems.length > 0) errors[`linje-${line}`] = problems.join('. ');
    else changes.push(change);
  }
  const bad = Object.keys(errors).length;
  if (bad > 0) throw invalid(errors, `Filen har fejl i ${bad} ${bad === 1 ? 'linje' : 'linjer'}; ingen kommuner er ændret.`);
  return changes;
}

/** `samspil import municipalities FIL.csv`: prints the outcome in Danish and answers with the exit code. */
export async function importMunicipalitiesFile(db: Db, config: Config, file: string): Promise<number> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(file);
  } catch {
    console.error(`Filen ${file} kunne ikke læses.`);
    return 1;
  }
  const ctx: Ctx = { actor: null, db, now: new Date(), requestId: 'cli', config };
  try {
    const { updated } = await importMunicipalities(ctx, buffer, path.basename(file));
    console.log(`Opdateret ${updated} ${updated === 1 ? 'kommune' : 'kommuner'}.`);
    return 0;
  } catch (error) {
    return printImportError(error);
  }
}
