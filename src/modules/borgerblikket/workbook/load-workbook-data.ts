import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { kleNumber } from '../schema.ts';
import type { PlanNumber } from './check-rows.ts';

/** The municipality's name; a code that names no municipality is 404 for everyone. */
export async function municipalityName(db: Db, code: string): Promise<string> {
  const [row] = await db.select({ name: municipality.name }).from(municipality).where(eq(municipality.code, code));
  if (!row) throw notFound('Kommunen findes ikke.');
  return row.name;
}

/** The whole plan in one statement, in KLE order (the numbers are zero-padded, so text order is KLE order). */
export async function loadPlanNumbers(db: Db): Promise<PlanNumber[]> {
  const rows = await db.select({ number: kleNumber.number, title: kleNumber.title, expiredOn: kleNumber.expiredOn }).from(kleNumber);
  return rows.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}
