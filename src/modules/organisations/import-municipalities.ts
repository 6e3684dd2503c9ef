import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
export async function importMunicipalitiesFile(_db: Db, _config: Config, _file: string): Promise<number> {
  throw new Error('import municipalities: not yet written');
}
