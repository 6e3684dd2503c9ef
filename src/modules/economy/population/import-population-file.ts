import fs from 'node:fs/promises';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { printImportError } from '../../../platform/errors.ts';
import { formatNumber } from '../../../platform/views/format.ts';
import { importPopulation } from './import-population.ts';

/** `samspil import population FIL.csv`: prints the outcome in Danish and answers with the exit code. */
export async function importPopulationFile(db: Db, config: Config, file: string): Promise<number> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(file);
  } catch {
    console.error(`Filen ${file} kunne ikke læses.`);
    return 1;
  }
  const ctx: Ctx = { actor: null, db, now: new Date(), requestId: 'cli', config };
  try {
    const result = await importPopulation(ctx, buffer);
    for (const s of result.skipped) console.log(`Linje ${s.line}: ${s.reason}.`);
    const periods = result.periods.join(', ');
    if (result.changed === 0) console.log(`Ingen ændringer: befolkningstallene for ${periods} er allerede importeret (${formatNumber(result.unchanged)} uændrede).`);
    else console.log(`Importeret befolkningstal for ${periods}: ${formatNumber(result.changed)} nye eller ændrede, ${formatNumber(result.unchanged)} uændrede.`);
    return 0;
  } catch (error) {
    return printImportError(error);
  }
}
