import { sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { aulaCategories } from '../categories.ts';
import { loadRuleSets, type RuleSet } from '../rules/in-force.ts';
import { cutoffsOn } from './cutoffs.ts';
import { defaultsValues, dueCondition, scopeCondition } from './deletion-preview.ts';

/** One line of the journaliseringsliste: what an ESDH needs to find the file in Aula. */
export type AtRiskFile = {
  fileId: string;
  institutionNumber: string;
  institutionName: string | null;
  category: string;
  createdOn: string;
  triggerOn: string;
  /** The date the rule counts from (created or trigger) + the category's months, as PostgreSQL adds them (the same as deadlineOf). */
  deadline: string;
};

/** Aula's category order (Danish alphabetical), so the list reads category by category as the pages do. */
const categoryOrder = sql.join(
  aulaCategories.map((c, i) => sql`(${c.key}::text, ${i}::int)`),
  sql`, `,
);

/**
 * A municipality's files at risk of being deleted unjournalised on the day: passed their deadline
 * under the rules in force that day, not journalised, in a category the municipality journalises.
 * One statement however many files (tens of thousands for a large municipality), ordered by
 * institution, category and deadline; the same cutoffs and relevance as the preview's counts, so
 * the list has exactly as many lines as the page's "i risiko".
 */
export async function atRiskFiles(db: Db, actor: Actor | null, day: string, municipalityCode: string, sets?: readonly RuleSet[]): Promise<AtRiskFile[]> {
  const cutoffs = cutoffsOn(sets ?? (await loadRuleSets(db)), day);
  if (cutoffs.length === 0) return [];
  const periods = sql.join(
    cutoffs.map((c) => sql`(${c.category}::text, ${c.periodMonths}::int, ${c.trigger === 'oprettet'}::boolean)`),
    sql`, `,
  );
  return rawRows<AtRiskFile>(
    db,
    sql`select f.file_id as "fileId", f.institution_number as "institutionNumber", i.name as "institutionName", f.category,
               f.created_on::text as "createdOn", f.trigger_on::text as "triggerOn",
               ((case when p.from_created then f.created_on else f.trigger_on end) + make_interval(months => p.months))::date::text as deadline
        from aula_secure_file f
        join (values ${periods}) p(category, months, from_created) on p.category = f.category
        join (values ${defaultsValues}) d(category, relevant) on d.category = f.category
        join (values ${categoryOrder}) o(category, ord) on o.category = f.category
        left join aula_relevant_category rc on rc.municipality_code = f.municipality_code and rc.category = f.category
        left join aula_institution i on i.municipality_code = f.municipality_code and i.number = f.institution_number
        where ${scopeCondition(actor, { municipalityCode })} and (${dueCondition(cutoffs)}) and not f.journalised and coalesce(rc.relevant, d.relevant)
        order by f.institution_number, o.ord, deadline, f.file_id`,
  );
}
