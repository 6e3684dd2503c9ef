import { sql, type SQL } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { aulaCategories, categoryName } from '../categories.ts';
import { aulaRowsVisibleTo } from '../policy.ts';
import { loadRuleSets, type RuleSet } from '../rules/in-force.ts';
import { countsFrom, cutoffsOn, monthEnds, type CategoryCutoff } from './cutoffs.ts';

export const previewGroupings = ['municipality', 'institution', 'category'] as const;
export type PreviewGrouping = (typeof previewGroupings)[number];

/**
 * One row of the deletion preview: of the files that have passed their deletion deadline on the
 * day, how many there are, how many are journalised, and how many are not journalised although
 * their category is one the municipality journalises: at risk of being deleted unjournalised.
 */
export type PreviewRow = { key: string; name: string; total: number; journalised: number; atRisk: number };
export type InstitutionPreviewRow = PreviewRow & { municipalityCode: string; institutionNumber: string };

export type PreviewScope = {
  /** One municipality, or every municipality the actor may see (central staff: all 98). */
  municipalityCode?: string | undefined;
};

/**
 * The cutoffs as one condition per category, joined by OR: cheaper per row than joining a VALUES
 * list, and within one municipality each branch is a range of the index aula_secure_file_due.
 */
export function dueCondition(cutoffs: readonly CategoryCutoff[]): SQL {
  return sql.join(
    cutoffs.map((c) => sql`(f.category = ${c.category} and ${sql.raw(`f.${countsFrom(c.trigger)}`)} <= ${c.cutoff}::date)`),
    sql` or `,
  );
}

/** Whether a municipality journalises a category: its own row, else the category's default. */
export const defaultsValues = sql.join(
  aulaCategories.map((c) => sql`(${c.key}::text, ${c.relevantByDefault}::boolean)`),
  sql`, `,
);

export function scopeCondition(actor: Actor | null, scope: PreviewScope): SQL {
  const visible = aulaRowsVisibleTo(actor, sql`f.municipality_code`);
  return scope.municipalityCode ? sql`${visible} and f.municipality_code = ${scope.municipalityCode}` : visible;
}

/**
 * The files due per municipality and category (and institution when asked), counted in SQL over
 * the index; the relevance of each category is joined afterwards on the few aggregated rows, not
 * on every file. Without rules in force on the day nothing is due.
 */
function dueCounts(actor: Actor | null, scope: PreviewScope, cutoffs: readonly CategoryCutoff[], byInstitution: boolean): SQL {
  if (cutoffs.length === 0) {
    return sql`select null::char(4) as municipality_code, null::text as institution_number, null::text as category, 0 as total, 0 as journalised, false as relevant where false`;
  }
  const institution = byInstitution ? sql`f.institution_number` : sql`null::text`;
  return sql`
    select a.municipality_code, a.institution_number, a.category, a.total, a.journalised, coalesce(rc.relevant, d.relevant) as relevant
    from (
      select f.municipality_code, ${institution} as institution_number, f.category, count(*)::int as total, count(*) filter (where f.journalised)::int as journalised
      from aula_secure_file f
      where ${scopeCondition(actor, scope)} and (${dueCondition(cutoffs)})
      group by 1, 2, 3
    ) a
    join (values ${defaultsValues}) d(category, relevant) on d.category = a.category
    left join aula_relevant_category rc on rc.municipality_code = a.municipality_code and rc.category = a.category`;
}

type Counts = { total: number; journalised: number; atRisk: number };
const sums = sql`coalesce(sum(x.total), 0)::int as total, coalesce(sum(x.journalised), 0)::int as journalised,
  coalesce(sum(x.total - x.journalised) filter (where x.relevant), 0)::int as "atRisk"`;

/**
 * The deletion preview on a Danish day, grouped by municipality, institution or category. Every
 * municipality, institution and category in scope gets a row, zeros included, so "nothing at
 * risk" is visible as such. Three statements at most (the rule versions, the counts, nothing per
 * row); names are Danish-sorted by the caller where it shows them.
 */
export async function deletionPreview(db: Db, actor: Actor | null, day: string, groupBy: PreviewGrouping, scope: PreviewScope = {}, sets?: readonly RuleSet[]): Promise<PreviewRow[] | InstitutionPreviewRow[]> {
  const cutoffs = cutoffsOn(sets ?? (await loadRuleSets(db)), day);
  if (groupBy === 'municipality') {
    const visible = aulaRowsVisibleTo(actor, sql`m.code`);
    const only = scope.municipalityCode ? sql`and m.code = ${scope.municipalityCode}` : sql``;
    return rawRows<PreviewRow>(
      db,
      sql`select m.code as key, m.name, ${sums}
          from municipality m left join (${dueCounts(actor, scope, cutoffs, false)}) x on x.municipality_code = m.code
          where ${visible} ${only}
          group by m.code, m.name order by m.code`,
    );
  }
  if (groupBy === 'institution') {
    const visible = aulaRowsVisibleTo(actor, sql`i.municipality_code`);
    const only = scope.municipalityCode ? sql`and i.municipality_code = ${scope.municipalityCode}` : sql``;
    return rawRows<InstitutionPreviewRow>(
      db,
      sql`select i.municipality_code || ':' || i.number as key, i.name, i.municipality_code as "municipalityCode", i.number as "institutionNumber", ${sums}
          from aula_institution i left join (${dueCounts(actor, scope, cutoffs, true)}) x
            on x.municipality_code = i.municipality_code and x.institution_number = i.number
          where ${visible} ${only}
          group by i.municipality_code, i.number, i.name order by i.municipality_code, i.number`,
    );
  }
  const counts = await rawRows<{ category: string } & Counts>(db, sql`select x.category, ${sums} from (${dueCounts(actor, scope, cutoffs, false)}) x group by x.category`);
  const byCategory = new Map(counts.map((c) => [c.category, c]));
  return aulaCategories.map((c) => {
    const n = byCategory.get(c.key);
    return { key: c.key, name: categoryName(c.key), total: n?.total ?? 0, journalised: n?.journalised ?? 0, atRisk: n?.atRisk ?? 0 };
  });
}

export type PreviewMonth = { monthEnd: string } & Counts;

/**
 * The chart's numbers: for each of the coming months, the files that have passed their deadline by
 * its last day, under the rules in force on that day (so a revised version taking effect shows in
 * the month it does). One statement: the files are first counted per category, the day the rule
 * counts from and relevance, and those rows are matched to the months' cutoffs. A version that
 * lengthens a period makes the count fall in the month it takes effect: files already deleted
 * under the old rules count as not yet due under the new ones (decision 0008).
 */
export async function previewByMonth(db: Db, actor: Actor | null, from: string, months: number, scope: PreviewScope = {}, sets?: readonly RuleSet[]): Promise<PreviewMonth[]> {
  const ruleSets = sets ?? (await loadRuleSets(db));
  const ends = monthEnds(from, months);
  const perMonth = ends.map((end) => cutoffsOn(ruleSets, end));
  const empty = ends.map((monthEnd) => ({ monthEnd, total: 0, journalised: 0, atRisk: 0 }));
  const cuts = perMonth.flatMap((cs, m) => cs.map((c) => sql`(${m}::int, ${c.category}::text, ${countsFrom(c.trigger)}::text, ${c.cutoff}::date)`));
  if (cuts.length === 0) return empty;
  // Each file counted once per date a month's rules count its category from (almost always one).
  const byDate = (column: 'created_on' | 'trigger_on') => {
    const categories = [...new Set(perMonth.flat().filter((c) => countsFrom(c.trigger) === column).map((c) => c.category))];
    if (categories.length === 0) return null;
    const col = sql.raw(`f.${column}`);
    return sql`select ${column}::text as kind, f.category, ${col} as day, coalesce(rc.relevant, d.relevant) as relevant,
                 count(*)::int as total, count(*) filter (where f.journalised)::int as journalised
          from aula_secure_file f
          join (values ${defaultsValues}) d(category, relevant) on d.category = f.category
          left join aula_relevant_category rc on rc.municipality_code = f.municipality_code and rc.category = f.category
          where ${scopeCondition(actor, scope)} and f.category in (${sql.join(categories.map((c) => sql`${c}`), sql`, `)})
            and ${col} <= (select max(cutoff) from cut where kind = ${column})
          group by 1, 2, 3, 4`;
  };
  const parts = [byDate('trigger_on'), byDate('created_on')].filter((p): p is SQL => p !== null);
  const rows = await rawRows<{ m: number } & Counts>(
    db,
    sql`with cut(m, category, kind, cutoff) as (values ${sql.join(cuts, sql`, `)}),
        g as (${sql.join(parts, sql` union all `)})
        select c.m, ${sums}
        from cut c join g x on x.kind = c.kind and x.category = c.category and x.day <= c.cutoff
        group by c.m`,
  );
  for (const r of rows) empty[r.m] = { monthEnd: ends[r.m]!, total: r.total, journalised: r.journalised, atRisk: r.atRisk };
  return empty;
}
