import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { municipalityCodeParam } from '../../../platform/http/page-schemas.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { notFound } from '../../../platform/errors.ts';

export type MunicipalityName = { code: string; name: string };

/** The 98 for the page's select and the send, in Danish order. One statement. */
export async function allMunicipalities(db: Db): Promise<MunicipalityName[]> {
  const rows = await db.select({ code: municipality.code, name: municipality.name }).from(municipality);
  return rows.sort((a, b) => danishCompare(a.name, b.name));
}

/** One municipality by code; 404 for a code that names none. One statement. */
export async function oneMunicipality(db: Db, code: string): Promise<MunicipalityName> {
  if (!municipalityCodeParam.safeParse(code).success) throw notFound('Kommunen findes ikke.');
  const [m] = await db.select({ code: municipality.code, name: municipality.name }).from(municipality).where(eq(municipality.code, code));
  if (!m) throw notFound('Kommunen findes ikke.');
  return m;
}
