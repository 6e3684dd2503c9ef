import { danishCompare } from '../../../platform/views/format.ts';
import type { HeldRoleRow, MissingPerson } from './load-backup-state.ts';

/** The solution whose system owners the deck names first: they must have a backup before an election. */
export const FIRST_SOLUTION = 'valg';
export const ALL_SOLUTIONS = 'Alle løsninger';

export const isValgOwner = (p: MissingPerson) => p.roles.some((r) => r.roleTypeKey === 'systemansvarlig' && r.solutionKey === FIRST_SOLUTION);

export type MissingGroup = { key: string; heading: string; people: MissingPerson[] };

export const roleText = (r: HeldRoleRow) => (r.solutionName ? `${r.roleLabel} (${r.solutionName})` : r.roleLabel);

/** A person's roles as one line, sorted. */
export const rolesText = (p: MissingPerson) => p.roles.map(roleText).sort(danishCompare).join(', ') || 'Ingen roller';

/** VALG's system owners first, then the rest; by municipality and name in Danish order. */
export function byValgThenName(a: MissingPerson, b: MissingPerson): number {
  return Number(isValgOwner(b)) - Number(isValgOwner(a)) || danishCompare(a.municipalityName, b.municipalityName) || danishCompare(a.name, b.name);
}

/**
 * One group per solution the people hold roles for (someone with roles for two is in both),
 * Valg first, the others in the solutions' own order, and last "Alle løsninger": those without a
 * solution-specific role. In each group the solution's system owners come first.
 */
export function groupMissing(people: MissingPerson[]): MissingGroup[] {
  const groups = new Map<string, { heading: string; sort: number; people: MissingPerson[] }>();
  for (const p of people) {
    const solutions = new Map<string, { name: string; sort: number }>();
    for (const r of p.roles) if (r.solutionKey) solutions.set(r.solutionKey, { name: r.solutionName ?? r.solutionKey, sort: r.solutionSort ?? 0 });
    if (solutions.size === 0) solutions.set('', { name: ALL_SOLUTIONS, sort: Number.MAX_SAFE_INTEGER });
    for (const [key, s] of solutions) {
      const group = groups.get(key) ?? { heading: s.name, sort: key === FIRST_SOLUTION ? -1 : s.sort, people: [] };
      group.people.push(p);
      groups.set(key, group);
    }
  }
  const owner = (key: string, p: MissingPerson) => p.roles.some((r) => r.roleTypeKey === 'systemansvarlig' && r.solutionKey === key);
  return [...groups.entries()]
    .sort(([, a], [, b]) => a.sort - b.sort || danishCompare(a.heading, b.heading))
    .map(([key, g]) => ({
      key: key || 'alle',
      heading: g.heading,
      people: [...g.people].sort((a, b) => Number(owner(key, b)) - Number(owner(key, a)) || danishCompare(a.municipalityName, b.municipalityName) || danishCompare(a.name, b.name)),
    }));
}
