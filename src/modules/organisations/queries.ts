import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { byDanishName, danishCompare } from '../../platform/views/format.ts';
import { municipality, person, roleAssignment, roleType, solution, userAccount } from '../../platform/identity/schema.ts';

/** Read models for lists and overviews: each runs a fixed number of queries, whatever the row count. */

export async function listMunicipalities(db: Db) {
  const rows = await db
    .select({
      code: municipality.code,
      name: municipality.name,
      region: municipality.region,
      kkr: municipality.kkr,
      population: municipality.population,
      cvr: municipality.cvr,
      activePeople: sql<number>`(select count(*)::int from ${person} p where p.municipality_code = ${municipality.code} and p.active)`,
    })
    .from(municipality);
  return rows.sort(byDanishName);
}

export async function getMunicipality(db: Db, code: string) {
  if (!/^\d{4}$/.test(code)) return null;
  const [row] = await db.select().from(municipality).where(eq(municipality.code, code));
  return row ?? null;
}

export type GalleryRole = {
  id: string;
  roleTypeKey: string;
  roleLabel: string;
  solutionKey: string | null;
  solutionName: string | null;
  isPrimary: boolean;
  createdAt: Date;
  removedAt: Date | null;
};

export type GalleryPerson = {
  id: string;
  name: string;
  email: string;
  title: string;
  phone: string;
  active: boolean;
  deactivatedAt: Date | null;
  hasLogin: boolean;
  roles: GalleryRole[];
  formerRoles: GalleryRole[];
};

/** The whole gallery of one municipality: people with their current and former roles (two queries). */
export async function getGallery(db: Db, code: string): Promise<GalleryPerson[]> {
  const people = await db
    .select({
      id: person.id,
      name: person.name,
      email: person.email,
      title: person.title,
      phone: person.phone,
      active: person.active,
      deactivatedAt: person.deactivatedAt,
      hasLogin: sql<boolean>`${userAccount.id} is not null`,
    })
    .from(person)
    .leftJoin(userAccount, eq(userAccount.personId, person.id))
    .where(eq(person.municipalityCode, code));
  people.sort((a, b) => Number(b.active) - Number(a.active) || byDanishName(a, b));
  const roles = await db
    .select({
      id: roleAssignment.id,
      personId: roleAssignment.personId,
      roleTypeKey: roleAssignment.roleTypeKey,
      roleLabel: roleType.labelDa,
      solutionKey: roleAssignment.solutionKey,
      solutionName: solution.name,
      isPrimary: roleAssignment.isPrimary,
      createdAt: roleAssignment.createdAt,
      removedAt: roleAssignment.removedAt,
    })
    .from(roleAssignment)
    .innerJoin(roleType, eq(roleType.key, roleAssignment.roleTypeKey))
    .leftJoin(solution, eq(solution.key, roleAssignment.solutionKey))
    .where(eq(roleAssignment.municipalityCode, code))
    .orderBy(asc(roleType.sort), asc(solution.sort), asc(roleAssignment.createdAt));
  const byPerson = new Map<string, { current: GalleryRole[]; former: GalleryRole[] }>();
  for (const { personId, ...r } of roles) {
    const entry = byPerson.get(personId) ?? { current: [], former: [] };
    (r.removedAt ? entry.former : entry.current).push(r);
    byPerson.set(personId, entry);
  }
  return people.map((p) => ({ ...p, roles: byPerson.get(p.id)?.current ?? [], formerRoles: byPerson.get(p.id)?.former ?? [] }));
}

export async function referenceLists(db: Db) {
  const [solutions, roleTypes] = await Promise.all([
    db.select().from(solution).orderBy(asc(solution.sort)),
    db.select().from(roleType).orderBy(asc(roleType.sort)),
  ]);
  return { solutions, roleTypes };
}

export type OverviewRow = {
  code: string;
  name: string;
  region: string;
  holders: { personId: string; name: string; email: string; phone: string; isPrimary: boolean }[];
};

/**
 * "Who holds role R (for solution S)" across all 98 municipalities in one query; municipalities
 * without a holder (vacancies) come first so the consultant sees whom to chase.
 */
export async function roleOverview(db: Db, roleTypeKey: string, solutionKey: string | null) {
  const rows = await db
    .select({
      code: municipality.code,
      name: municipality.name,
      region: municipality.region,
      personId: person.id,
      personName: person.name,
      email: person.email,
      phone: person.phone,
      isPrimary: roleAssignment.isPrimary,
    })
    .from(municipality)
    .leftJoin(
      roleAssignment,
      and(
        eq(roleAssignment.municipalityCode, municipality.code),
        eq(roleAssignment.roleTypeKey, roleTypeKey),
        solutionKey === null ? isNull(roleAssignment.solutionKey) : eq(roleAssignment.solutionKey, solutionKey),
        isNull(roleAssignment.removedAt),
      ),
    )
    .leftJoin(person, eq(person.id, roleAssignment.personId));
  rows.sort((a, b) => byDanishName(a, b) || Number(b.isPrimary) - Number(a.isPrimary) || danishCompare(a.personName ?? '', b.personName ?? ''));
  const byCode = new Map<string, OverviewRow>();
  for (const r of rows) {
    const entry = byCode.get(r.code) ?? { code: r.code, name: r.name, region: r.region, holders: [] };
    if (r.personId && r.personName) {
      entry.holders.push({ personId: r.personId, name: r.personName, email: r.email ?? '', phone: r.phone ?? '', isPrimary: r.isPrimary ?? false });
    }
    byCode.set(r.code, entry);
  }
  const all = [...byCode.values()];
  const vacant = all.filter((m) => m.holders.length === 0);
  const covered = all.filter((m) => m.holders.length > 0);
  return { rows: [...vacant, ...covered], vacantCount: vacant.length, coveredCount: covered.length };
}
