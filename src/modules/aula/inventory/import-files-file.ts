import fs from 'node:fs';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { printImportError } from '../../../platform/errors.ts';
import { formatNumber } from '../../../platform/views/format.ts';
import { importAulaFiles } from './import-files.ts';

/** `samspil import aula-files FIL.csv`: streams the file from disk, prints the outcome in Danish and answers with the exit code. */
export async function importAulaFilesFile(db: Db, config: Config, file: string): Promise<number> {
  try {
    await fs.promises.access(file, fs.constants.R_OK);
  } catch {
    console.error(`Filen ${file} kunne ikke læses.`);
    return 1;
  }
  const ctx: Ctx = { actor: null, db, now: new Date(), requestId: 'cli', config };
  try {
    const result = await importAulaFiles(ctx, fs.createReadStream(file));
    for (const m of result.municipalities) {
      console.log(`Kommune ${m.code}: ${formatNumber(m.files)} filer på ${formatNumber(m.institutions)} institutioner.`);
    }
    console.log(`Filoversigten er indlæst: ${formatNumber(result.lines)} linjer, ${formatNumber(result.removed)} filer fjernet, som ikke længere er i filen.`);
    return 0;
  } catch (error) {
    return printImportError(error);
  }
}
