import { sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { borgerblikketRowsVisibleTo } from '../policy.ts';

export type MunicipalityCounts = {
  code: string;
  name: string;
  /** Topics in force (not expired) whose cases are shown. */
  opened: number;
  /** Of those, the ones not shown to 15–17-year-olds. */
  closedForYouth: number;
  /** Numbers with the municipality's own entry. */
  entries: number;
  lastChange: Date | null;
  lastChangeBy: string | null;
};

/**
 * The 98 with their counts in one statement: every topic in force against each municipality's entries
 * on it, its group and its main group (the nearest that sets a field decides, as effectiveSettings
 * has it: closed and open for the young by default), and the newest change.
 */
export async function loadMunicipalityCounts(db: Db, actor: Actor): Promise<{ rows: MunicipalityCounts[]; topics: number }> {
  const field = (name: string, fallback: boolean) =>
    sql.raw(`coalesce((t.settings->>'${name}')::boolean, (g.settings->>'${name}')::boolean, (h.settings->>'${name}')::boolean, ${fallback})`);
  const rows = await rawRows<MunicipalityCounts & { lastChange: Date | string | null; topics: number }>(
    db,
    sql`with topic as (
          select number, parent, split_part(number, '.', 1) as main from kle_number where level = 'emne' and expired_on is null
        ), counts as (
          select m.code,
                 count(*) filter (where ${field('shown', false)})::int as opened,
                 count(*) filter (where ${field('shown', false)} and not ${field('youth', true)})::int as "closedForYouth"
          from municipality m
          cross join topic n
          left join bb_config_entry t on t.municipality_code = m.code and t.kle = n.number
          left join bb_config_entry g on g.municipality_code = m.code and g.kle = n.parent
          left join bb_config_entry h on h.municipality_code = m.code and h.kle = n.main
          group by m.code
        ), last as (
          select distinct on (municipality_code) municipality_code, changed_at, changed_by_name
          from bb_config_change order by municipality_code, changed_at desc
        )
        select m.code, m.name, coalesce(c.opened, 0) as opened, coalesce(c."closedForYouth", 0) as "closedForYouth",
               (select count(*)::int from bb_config_entry e where e.municipality_code = m.code) as entries,
               l.changed_at as "lastChange", l.changed_by_name as "lastChangeBy",
               (select count(*)::int from topic) as topics
        from municipality m
        left join counts c on c.code = m.code
        left join last l on l.municipality_code = m.code
        where ${borgerblikketRowsVisibleTo(actor, sql`m.code`)}`,
  );
  return {
    topics: rows[0]?.topics ?? 0,
    rows: rows
      .map(({ topics: _, ...r }) => ({ ...r, lastChange: r.lastChange === null ? null : new Date(r.lastChange) }))
      .sort((a, b) => danishCompare(a.name, b.name)),
  };
}
