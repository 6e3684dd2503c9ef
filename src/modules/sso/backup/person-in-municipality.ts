import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { person } from '../../../platform/identity/schema.ts';
import type { LinkTarget } from './attach-mitid.ts';

/** An active person of the municipality in the address; anyone else's id answers 404 like an unknown one. */
export async function personInMunicipality(db: Db, personId: string, code: string): Promise<LinkTarget> {
  const [p] = await db
    .select({ personId: person.id, municipalityCode: person.municipalityCode, name: person.name })
    .from(person)
    .where(and(eq(person.id, personId), eq(person.municipalityCode, code), eq(person.active, true)));
  if (!p) throw notFound('Personen findes ikke i kommunen.');
  return p;
}
