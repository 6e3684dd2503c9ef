import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { municipality, person, roleAssignment, userAccount } from '../identity/schema.ts';
import type { Actor } from '../context.ts';

/** Builds the actor for a user in one query; disabled users and deactivated people get none. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const rows = await db
    .select({
      userId: userAccount.id,
      personId: person.id,
      name: person.name,
      email: userAccount.email,
      municipalityCode: person.municipalityCode,
      municipalityName: municipality.name,
      roleTypeKey: roleAssignment.roleTypeKey,
      solutionKey: roleAssignment.solutionKey,
      isPrimary: roleAssignment.isPrimary,
    })
    .from(userAccount)
    .innerJoin(person, eq(person.id, userAccount.personId))
    .leftJoin(municipality, eq(municipality.code, person.municipalityCode))
    .leftJoin(roleAssignment, and(eq(roleAssignment.personId, person.id), isNull(roleAssignment.removedAt)))
    .where(and(eq(userAccount.id, userId), eq(userAccount.disabled, false), eq(person.active, true)));
  const first = rows[0];
  if (!first) return null;
  return {
    userId: first.userId,
    personId: first.personId,
    name: first.name,
    email: first.email,
    municipalityCode: first.municipalityCode,
    municipalityName: first.municipalityName,
    roles: rows.flatMap((r) =>
      r.roleTypeKey ? [{ roleTypeKey: r.roleTypeKey, solutionKey: r.solutionKey, isPrimary: r.isPrimary ?? false }] : [],
    ),
  };
}
