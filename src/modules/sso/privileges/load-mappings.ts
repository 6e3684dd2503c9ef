import { desc, eq, notExists } from 'drizzle-orm';
import { auditEvent } from '../../../platform/audit/schema.ts';
import type { Db } from '../../../db/client.ts';
import { municipality, roleType, solution } from '../../../platform/identity/schema.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { ssoPrivilegeMapping, ssoUnmappedPrivilege } from '../schema.ts';
import { MAX_MAPPINGS } from './complete-login.ts';

export type MappingRow = { id: string; privilege: string; roleTypeKey: string; roleLabel: string; solutionKey: string | null; solutionName: string | null; createdAt: Date };
export type UnmappedRow = { privilege: string; scopeCvr: string; municipalityCode: string | null; municipalityName: string | null; firstSeenAt: Date; lastSeenAt: Date; times: number };
export type Option = { value: string; label: string };

/** Unmapped privileges shown: the most recently seen first. */
export const UNMAPPED_SHOWN = 200;

/** The mapping table, sorted by privilege and then role and solution in Danish order. */
export async function loadMappings(db: Db, id?: string): Promise<MappingRow[]> {
  const rows = await db
    .select({
      id: ssoPrivilegeMapping.id,
      privilege: ssoPrivilegeMapping.privilege,
      roleTypeKey: ssoPrivilegeMapping.roleTypeKey,
      roleLabel: roleType.labelDa,
      solutionKey: ssoPrivilegeMapping.solutionKey,
      solutionName: solution.name,
      createdAt: ssoPrivilegeMapping.createdAt,
    })
    .from(ssoPrivilegeMapping)
    .innerJoin(roleType, eq(roleType.key, ssoPrivilegeMapping.roleTypeKey))
    .leftJoin(solution, eq(solution.key, ssoPrivilegeMapping.solutionKey))
    .where(id ? eq(ssoPrivilegeMapping.id, id) : undefined)
    .limit(MAX_MAPPINGS);
  return rows.sort((a, b) => a.privilege.localeCompare(b.privilege) || danishCompare(a.roleLabel, b.roleLabel) || danishCompare(a.solutionName ?? '', b.solutionName ?? ''));
}

/** Privileges that arrived and map to nothing (a privilege mapped since then is no longer listed). */
export async function loadUnmapped(db: Db): Promise<UnmappedRow[]> {
  return db
    .select({
      privilege: ssoUnmappedPrivilege.privilege,
      scopeCvr: ssoUnmappedPrivilege.scopeCvr,
      municipalityCode: municipality.code,
      municipalityName: municipality.name,
      firstSeenAt: ssoUnmappedPrivilege.firstSeenAt,
      lastSeenAt: ssoUnmappedPrivilege.lastSeenAt,
      times: ssoUnmappedPrivilege.times,
    })
    .from(ssoUnmappedPrivilege)
    .leftJoin(municipality, eq(municipality.cvr, ssoUnmappedPrivilege.scopeCvr))
    .where(notExists(db.select({ id: ssoPrivilegeMapping.id }).from(ssoPrivilegeMapping).where(eq(ssoPrivilegeMapping.privilege, ssoUnmappedPrivilege.privilege))))
    .orderBy(desc(ssoUnmappedPrivilege.lastSeenAt), ssoUnmappedPrivilege.privilege)
    .limit(UNMAPPED_SHOWN);
}

/** The form's choices: the municipal roles in their reference order, the solutions by name. */
export async function mappingOptions(db: Db): Promise<{ roles: (Option & { perSolution: boolean })[]; solutions: Option[] }> {
  const roles = await db.select({ value: roleType.key, label: roleType.labelDa, perSolution: roleType.perSolution, sort: roleType.sort }).from(roleType).where(eq(roleType.scope, 'municipal'));
  const solutions = await db.select({ value: solution.key, label: solution.name }).from(solution);
  return {
    roles: roles.sort((a, b) => a.sort - b.sort || danishCompare(a.label, b.label)).map(({ value, label, perSolution }) => ({ value, label, perSolution })),
    solutions: solutions.sort((a, b) => danishCompare(a.label, b.label)),
  };
}

export type NotGrantedRow = { at: Date; municipalityName: string | null; personName: string; roleLabel: string; solutionName: string | null; reason: string };
/** Grants Context Handler asked for that could not be made: the latest shown. */
export const NOT_GRANTED_SHOWN = 20;

/** The latest grants a login could not make (the role's maximum per municipality), from their audit rows. */
export async function loadNotGranted(db: Db): Promise<NotGrantedRow[]> {
  const rows = await db
    .select({ at: auditEvent.at, municipalityName: municipality.name, after: auditEvent.after })
    .from(auditEvent)
    .leftJoin(municipality, eq(municipality.code, auditEvent.municipalityCode))
    .where(eq(auditEvent.action, 'sso.role_not_granted'))
    .orderBy(desc(auditEvent.at), desc(auditEvent.id))
    .limit(NOT_GRANTED_SHOWN);
  const types = new Map((await db.select({ key: roleType.key, label: roleType.labelDa }).from(roleType)).map((t) => [t.key, t.label]));
  const solutions = new Map((await db.select({ key: solution.key, name: solution.name }).from(solution)).map((s) => [s.key, s.name]));
  return rows.map((r) => {
    const a = (r.after ?? {}) as { personName?: string; roleTypeKey?: string; solutionKey?: string | null; reason?: string };
    return {
      at: r.at,
      municipalityName: r.municipalityName,
      personName: a.personName ?? '',
      roleLabel: types.get(a.roleTypeKey ?? '') ?? a.roleTypeKey ?? '',
      solutionName: a.solutionKey ? (solutions.get(a.solutionKey) ?? a.solutionKey) : null,
      reason: a.reason ?? '',
    };
  });
}
