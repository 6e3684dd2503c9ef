import { sql, type SQL } from 'drizzle-orm';

/**
 * status.ts's derivation, written as a condition for pages that count in SQL: true when the
 * municipality of the target row still owes a signature, i.e. its status is one of OUTSTANDING
 * (not_signed or in_dialogue). The negation of status.ts's other three:
 * - signed or pending: a current signature (not superseded, not rejected: signed or pending);
 * - replaced: a connection agreement whose solutions (at least one) are all in annex 1 of a sent
 *   or closed K98 agreement the municipality has a current, accepted signature of.
 * `a` and `t` are the aliases of `agreement` and `agreement_target` in the caller's query;
 * test/agreement-status-sql.test.ts checks that this answers as loadStatuses does on the demo data.
 */
export function outstandingSql(a: string, t: string): SQL {
  const A = sql.raw(a);
  const T = sql.raw(t);
  return sql`(not exists (select 1 from agreement_signature cs
      where cs.agreement_id = ${T}.agreement_id and cs.municipality_code = ${T}.municipality_code
        and cs.superseded_at is null and cs.state <> 'rejected')
    and not (${A}.type = 'tilslutningsaftale'
      and exists (select 1 from agreement_solution own where own.agreement_id = ${A}.id)
      and exists (select 1 from agreement k98
        join agreement_signature ks on ks.agreement_id = k98.id
        where k98.type = 'k98' and k98.status <> 'draft'
          and ks.municipality_code = ${T}.municipality_code and ks.superseded_at is null and ks.state = 'signed'
          and not exists (select 1 from agreement_solution own where own.agreement_id = ${A}.id
            and not exists (select 1 from agreement_solution annex
              where annex.agreement_id = k98.id and annex.solution_key = own.solution_key)))))`;
}
