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
};

/** The 98 municipalities shipped with the application (population approximate, for demonstration). */
export function referenceMunicipalities(): MunicipalityRow[] {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'municipalities.csv');
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [code, name, region, regionCode, kkr, population] = line.split(',');
    if (!code || !name || !region || !regionCode || !kkr || !population) {
      throw new Error(`municipalities.csv: ufuldstændig linje: ${line}`);
    }
    return { code, name, region, regionCode, kkr, population: Number(population) };
  });
}
