import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { person, roleAssignment, userAccount } from './schema.ts';

export type RoleHolder = {
  municipalityCode: string;
  personId: string;
  name: string;
  email: string;
  /** the person's login, null when they have none (they are mailed all the same) */
  userId: string | null;
  digestMode: string | null;
  roleTypeKey: string;
};

/**
 * The current holders of municipal roles, in every municipality or in one: active people and roles
 * not removed, one entry per person, municipality and role (a person holding two of the roles
 * appears twice; the caller decides who gets one mail). One statement.
 */
export async function loadRoleHolders(db: Db, roles: readonly string[], opts: { code?: string } = {}): Promise<RoleHolder[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectDistinct({
      municipalityCode: roleAssignment.municipalityCode,
      personId: person.id,
      name: person.name,
      email: person.email,
      userId: userAccount.id,
      digestMode: userAccount.digestMode,
      roleTypeKey: roleAssignment.roleTypeKey,
    })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .leftJoin(userAccount, and(eq(userAccount.personId, person.id), eq(userAccount.disabled, false)))
    .where(
      and(
        inArray(roleAssignment.roleTypeKey, [...roles]),
        isNull(roleAssignment.removedAt),
        eq(person.active, true),
        opts.code ? eq(roleAssignment.municipalityCode, opts.code) : isNotNull(roleAssignment.municipalityCode),
      ),
    );
  return rows.map((r) => ({ ...r, municipalityCode: r.municipalityCode! }));
}
