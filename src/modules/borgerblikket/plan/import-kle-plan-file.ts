import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { printImportError } from '../../../platform/errors.ts';
import { formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { importKlePlan } from './import-kle-plan.ts';

/** `samspil import kle FIL.xml`: imports KL's plan, prints the outcome and the entries to review in Danish, and answers with the exit code. */
export async function importKlePlanFile(db: Db, config: Config, file: string): Promise<number> {
  let content: Buffer;
  try {
    content = await fs.readFile(file);
  } catch {
    console.error(`Filen ${file} kunne ikke læses.`);
    return 1;
  }
  const ctx: Ctx = { actor: null, db, now: new Date(), requestId: 'cli', config };
  try {
    const r = await importKlePlan(ctx, { filename: path.basename(file), content });
    const plan = `KLE-planen af ${formatDeadline(r.publishedOn)} (${formatNumber(r.mainGroups)} hovedgrupper, ${formatNumber(r.groups)} grupper, ${formatNumber(r.topics)} emner)`;
    if (r.status === 'uaendret') console.log(`Uændret: ${plan} er allerede indlæst fra netop denne fil.`);
    else console.log(`Indlæst: ${plan}. ${formatNumber(r.newlyExpired.length)} ${r.newlyExpired.length === 1 ? 'nummer er' : 'numre er'} udgået siden sidste plan${r.newlyExpired.length > 0 ? `: ${r.newlyExpired.slice(0, 20).join(', ')}${r.newlyExpired.length > 20 ? ' …' : ''}` : ''}.`);
    if (r.review.length > 0) {
      console.log(`Til gennemgang: ${formatNumber(r.review.length)} kommunale indstillinger på udgåede KLE-numre (intet er fjernet):`);
      for (const e of r.review) console.log(`  ${e.municipalityCode} ${e.municipalityName}: ${e.kle} ${e.title} (${e.expiredNote})`);
    }
    return 0;
  } catch (error) {
    return printImportError(error);
  }
}
