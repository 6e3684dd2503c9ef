import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type MunicipalityRow = {
  code: string;
  name: string;
  region: string;
  regionCode: string;
  kkr: string;
  population: number;
  /** The municipality's CVR number: Context Handler's privilege groups are scoped by it. */
  cvr: string;
};

/** The 98 municipalities shipped with the application (population approximate, for demonstration). */
export function referenceMunicipalities(): MunicipalityRow[] {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'municipalities.csv');
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [code, name, region, regionCode, kkr, population, cvr] = line.split(',');
    if (!code || !name || !region || !regionCode || !kkr || !population || !cvr || !/^\d{8}$/.test(cvr)) {
      throw new Error(`municipalities.csv: ufuldstændig linje: ${line}`);
    }
    return { code, name, region, regionCode, kkr, population: Number(population), cvr };
  });
}
