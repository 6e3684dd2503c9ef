import { effectiveSettings, type EffectiveSettings, type KleSettings } from '../visibility/effective-entry.ts';
import type { PlanNumber } from './load-configuration-view.ts';

/** One row of the plan's table: the number, what holds for it and the entry written on it (if any). */
export type ConfigurationRow = PlanNumber & { effective: EffectiveSettings; entry: Partial<KleSettings> | null };

export const shownOptions = ['alle', 'aabne', 'lukkede', 'lukket-unge', 'sat-her'] as const;
export type ShownOption = (typeof shownOptions)[number];

export const SHOWN_OPTION_LABEL: Record<ShownOption, string> = {
  alle: 'Alle numre',
  aabne: 'Kun åbnede numre',
  lukkede: 'Kun lukkede numre',
  'lukket-unge': 'Kun åbnede, men lukket for 15–17-årige',
  'sat-her': 'Kun numre med egen indstilling',
};

/** The page's filter: a main group, which numbers by their state, and a search in number and title. */
export type ConfigurationFilter = { mainGroup: string | null; shown: ShownOption; search: string };

export const NO_FILTER: ConfigurationFilter = { mainGroup: null, shown: 'alle', search: '' };

/** The query string as typed; anything unreadable is the default (a mangled link still shows the page). */
export function parseFilter(q: Record<string, unknown>): ConfigurationFilter {
  const one = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const main = one(q.hovedgruppe);
  const shown = one(q.vis);
  return {
    mainGroup: /^\d{2}$/.test(main) ? main : null,
    shown: (shownOptions as readonly string[]).includes(shown) ? (shown as ShownOption) : 'alle',
    search: one(q.soeg).slice(0, 100),
  };
}

export function filterQuery(f: ConfigurationFilter): string {
  const p = new URLSearchParams();
  if (f.mainGroup) p.set('hovedgruppe', f.mainGroup);
  if (f.shown !== 'alle') p.set('vis', f.shown);
  if (f.search) p.set('soeg', f.search);
  return p.toString();
}

function matches(r: ConfigurationRow, f: ConfigurationFilter, search: string): boolean {
  if (f.mainGroup && r.number.slice(0, 2) !== f.mainGroup) return false;
  const e = r.effective;
  if (f.shown === 'aabne' && !e.shown) return false;
  if (f.shown === 'lukkede' && e.shown) return false;
  if (f.shown === 'lukket-unge' && !(e.shown && !e.youth)) return false;
  if (f.shown === 'sat-her' && r.entry === null) return false;
  if (search && !r.number.startsWith(search) && !r.title.toLocaleLowerCase('da').includes(search)) return false;
  return true;
}

/**
 * The plan with each number's effective settings (the visibility rule's own `effectiveSettings`, so
 * the page shows what the rule decides by), filtered. A number without an entry of its own has
 * exactly its parent's settings, so in tree order (parents first) it shares the parent's result:
 * the rule is asked only for main groups and numbers with an entry.
 */
export function configurationRows(plan: readonly PlanNumber[], entries: ReadonlyMap<string, Partial<KleSettings>>, filter: ConfigurationFilter = NO_FILTER): ConfigurationRow[] {
  const search = filter.search.toLocaleLowerCase('da');
  const out: ConfigurationRow[] = [];
  const known = new Map<string, EffectiveSettings>();
  for (const n of plan) {
    const entry = entries.get(n.number) ?? null;
    const inherited = entry === null && n.parent !== null ? known.get(n.parent) : undefined;
    const effective = inherited ?? effectiveSettings(entries, n.number);
    known.set(n.number, effective);
    const row: ConfigurationRow = { ...n, effective, entry };
    if (matches(row, filter, search)) out.push(row);
  }
  return out;
}

/** The plan's main groups for the filter's choice. */
export const mainGroupsOf = (plan: readonly PlanNumber[]) => plan.filter((n) => n.level === 'hovedgruppe');
