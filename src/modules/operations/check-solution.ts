import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invalid } from '../../platform/errors.ts';
import { solution } from '../../platform/identity/schema.ts';

/** A solution key named in an input must exist: a 422 on the field, not a foreign-key error. Its name, for the answer. */
export async function checkSolution(tx: Db, key: string | null): Promise<string | null> {
  if (key === null) return null;
  const [found] = await tx.select({ name: solution.name }).from(solution).where(eq(solution.key, key));
  if (!found) throw invalid({ solutionKey: 'Vælg en løsning fra listen' });
  return found.name;
}
