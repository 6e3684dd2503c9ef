import type { Db } from '../../../db/client.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { byDanishName } from '../../../platform/views/format.ts';

/** The 98 municipalities in Danish order of the name (sorted here: the database may not know Danish). */
export async function municipalitiesInOrder(db: Db): Promise<{ code: string; name: string }[]> {
  const rows = await db.select({ code: municipality.code, name: municipality.name }).from(municipality);
  return rows.sort(byDanishName);
}
