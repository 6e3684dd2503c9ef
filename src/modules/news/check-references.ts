import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invalid } from '../../platform/errors.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { person, solution } from '../../platform/identity/schema.ts';
import { project } from '../tasks/index.ts';
import type { NewsInput } from './news-input.ts';

/**
 * The contact person must be active central staff (KOMBIT's people answer for the news), and every
 * solution and programme must exist: a wrong one is a 422 on its field, never a half-written item.
 * Answers the programmes' ids, which the link rows hold.
 */
export async function checkNewsReferences(tx: Db, input: NewsInput): Promise<{ programmeIds: string[] }> {
  const errors: Record<string, string> = {};
  if (input.contactPersonId !== null) {
    const [p] = isUuid(input.contactPersonId)
      ? await tx
          .select({ id: person.id })
          .from(person)
          .where(and(eq(person.id, input.contactPersonId), isNull(person.municipalityCode), eq(person.active, true)))
      : [];
    if (!p) errors.contactPersonId = 'Vælg en kontaktperson blandt KOMBITs medarbejdere';
  }
  if (input.solutions.length > 0) {
    const found = await tx.select({ key: solution.key }).from(solution).where(inArray(solution.key, input.solutions));
    if (found.length !== input.solutions.length) errors.solutions = 'Vælg løsninger fra listen';
  }
  let programmeIds: string[] = [];
  if (input.programmes.length > 0) {
    const found = await tx.select({ id: project.id }).from(project).where(inArray(project.key, input.programmes));
    if (found.length !== input.programmes.length) errors.programmes = 'Vælg programmer fra listen';
    programmeIds = found.map((r) => r.id);
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return { programmeIds };
}
