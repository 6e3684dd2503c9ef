import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { person, roleAssignment, userAccount } from '../../platform/identity/schema.ts';
import { danishCompare } from '../../platform/views/format.ts';

/** Grouped by municipality, each group's people in Danish alphabetical order. */
const byMunicipalityThenName = (a: { municipalityCode: string; name: string }, b: { municipalityCode: string; name: string }) =>
  a.municipalityCode === b.municipalityCode ? danishCompare(a.name, b.name) : a.municipalityCode < b.municipalityCode ? -1 : 1;

export type AgreementRecipient = {
  municipalityCode: string;
  personId: string;
  name: string;
  email: string;
  userId: string | null;
  digestMode: string | null;
  /** 'addressee' holds the role the agreement was sent to and may sign; 'cc' is informed */
  as: 'addressee' | 'cc';
};

export type Audience = { roleKey: string; solutionKey: string | null; ccRoleKey: string | null };

/**
 * Everyone in the role galleries of `municipalityCodes` who holds the audience role (for the
 * solution, when it is a per-solution role) or, when asked, the cc role. One query for all
 * municipalities; someone holding both gets one entry, as addressee.
 */
export async function agreementRecipients(
  db: Db,
  audience: Audience,
  municipalityCodes: string[],
  opts: { includeCc: boolean },
): Promise<AgreementRecipient[]> {
  if (municipalityCodes.length === 0) return [];
  const addressee = audience.solutionKey
    ? and(eq(roleAssignment.roleTypeKey, audience.roleKey), eq(roleAssignment.solutionKey, audience.solutionKey))
    : eq(roleAssignment.roleTypeKey, audience.roleKey);
  const roleMatch = opts.includeCc && audience.ccRoleKey ? or(addressee, eq(roleAssignment.roleTypeKey, audience.ccRoleKey)) : addressee;
  const rows = await db
    .selectDistinct({
      municipalityCode: roleAssignment.municipalityCode,
      personId: person.id,
      name: person.name,
      email: person.email,
      userId: userAccount.id,
      digestMode: userAccount.digestMode,
      roleTypeKey: roleAssignment.roleTypeKey,
      solutionKey: roleAssignment.solutionKey,
    })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .leftJoin(userAccount, and(eq(userAccount.personId, person.id), eq(userAccount.disabled, false)))
    .where(and(inArray(roleAssignment.municipalityCode, municipalityCodes), isNull(roleAssignment.removedAt), eq(person.active, true), roleMatch))
    .orderBy(roleAssignment.municipalityCode);
  const byPerson = new Map<string, AgreementRecipient>();
  for (const r of rows) {
    const isAddressee = r.roleTypeKey === audience.roleKey && (!audience.solutionKey || r.solutionKey === audience.solutionKey);
    const as = isAddressee ? 'addressee' : 'cc';
    const key = `${r.municipalityCode}|${r.personId}`;
    const prior = byPerson.get(key);
    if (!prior || (prior.as === 'cc' && as === 'addressee')) {
      byPerson.set(key, {
        municipalityCode: r.municipalityCode!,
        personId: r.personId,
        name: r.name,
        email: r.email,
        userId: r.userId,
        digestMode: r.digestMode,
        as,
      });
    }
  }
  return [...byPerson.values()].sort(byMunicipalityThenName);
}
