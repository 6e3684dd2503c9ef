import { type SQL, sql } from 'drizzle-orm';
import { type Db, rawRows } from '../../db/client.ts';
import { keptUntilWrite } from '../../platform/kept-until-write.ts';
import { emptyCounts, type MunicipalStatus, municipalStatuses, OUTSTANDING, type StatusCounts } from './status.ts';

/**
 * The status rule of status.ts (loadStatuses) as one SQL expression, so that pages which only
 * count or colour cells (the matrix, the portfolio, the lists) get the status from the database
 * instead of loading every signature and deriving 5,880 statuses in JavaScript per request.
 * status-sql.test.ts holds the two to the same answer for every target of the demo data.
 *
 * It reads a target row `t` (agreement_target), its current signature `s` (left-joined: not
 * superseded, not rejected; at most one by the partial unique index) and `r` (statusFrom):
 * - replaced: a connection agreement with solutions, all of them in the annex 1 of a sent K98
 *   agreement the municipality has signed (a current, accepted signature);
 * - signed / pending: the current signature's state;
 * - in_dialogue: marked by central staff;
 * - not_signed: everything else.
 */
export const STATUS_SQL = sql.raw(`(case
  when r.agreement_id is not null then 'replaced'
  when s.state = 'signed' then 'signed'
  when s.state = 'pending' then 'pending'
  when t.in_dialogue then 'in_dialogue'
  else 'not_signed' end)`);

/**
 * The targets with what STATUS_SQL reads; `where` may use t. `r` holds the (connection
 * agreement, municipality) pairs replaced by K98, as a join rather than a subquery per target: the
 * per-row subplan made PostgreSQL's planner estimate the matrix expensive enough to JIT-compile it
 * (200 ms per request).
 */
const statusFrom = (where: SQL, join: SQL = sql``) => sql`from agreement_target t ${join}
  left join agreement_signature s on s.agreement_id = t.agreement_id and s.municipality_code = t.municipality_code
    and s.superseded_at is null and s.state <> 'rejected'
  left join (
    select c.id as agreement_id, ks.municipality_code
    from agreement c
    join agreement k on k.type = 'k98' and k.status <> 'draft'
    join agreement_signature ks on ks.agreement_id = k.id and ks.superseded_at is null and ks.state = 'signed'
    where c.type = 'tilslutningsaftale'
      and exists (select 1 from agreement_solution cs where cs.agreement_id = c.id)
      and not exists (
        select 1 from agreement_solution cs where cs.agreement_id = c.id
          and not exists (select 1 from agreement_solution ka where ka.agreement_id = k.id and ka.solution_key = cs.solution_key))
    group by 1, 2
  ) r on r.agreement_id = t.agreement_id and r.municipality_code = t.municipality_code
  where ${where}`;

const idList = (ids: string[]) => sql`(${sql.join(
  ids.map((id) => sql`${id}`),
  sql`, `,
)})`;

const isStatus = (v: string): v is MunicipalStatus => (municipalStatuses as readonly string[]).includes(v);

function addCount(out: Map<string, StatusCounts>, agreementId: string, status: MunicipalStatus, n: number) {
  const c = out.get(agreementId) ?? emptyCounts();
  c[status] += n;
  c.addressed += n;
  if (OUTSTANDING.includes(status)) c.outstanding += n;
  out.set(agreementId, c);
}

/** Per agreement: how many addressed municipalities stand where. One GROUP BY statement, kept until a write on PGlite. */
export function countStatusesSql(db: Db, agreementIds: string[]): Promise<Map<string, StatusCounts>> {
  return keptUntilWrite(db, `agreement-counts:${agreementIds.join(',')}`, () => countStatuses(db, agreementIds));
}

async function countStatuses(db: Db, agreementIds: string[]): Promise<Map<string, StatusCounts>> {
  const out = new Map<string, StatusCounts>();
  if (agreementIds.length === 0) return out;
  const rows = await rawRows<{ agreement_id: string; status: string; n: number | string }>(
    db,
    sql`select t.agreement_id, ${STATUS_SQL} as status, count(*) as n ${statusFrom(sql`t.agreement_id in ${idList(agreementIds)}`)} group by 1, 2`,
  );
  for (const r of rows) if (isStatus(r.status)) addCount(out, r.agreement_id, r.status, Number(r.n));
  return out;
}

/** One municipality's status for each of the agreements (those addressed to it). One statement. */
export async function municipalityStatusesSql(db: Db, agreementIds: string[], municipalityCode: string): Promise<Map<string, MunicipalStatus>> {
  if (agreementIds.length === 0) return new Map();
  const rows = await rawRows<{ agreement_id: string; status: string }>(
    db,
    sql`select t.agreement_id, ${STATUS_SQL} as status ${statusFrom(sql`t.municipality_code = ${municipalityCode} and t.agreement_id in ${idList(agreementIds)}`)}`,
  );
  return new Map(rows.flatMap((r) => (isStatus(r.status) ? [[r.agreement_id, r.status] as const] : [])));
}

/** The statuses' first letters differ: s, r, p, i, n. */
const STATUS_OF = new Map(municipalStatuses.map((status) => [status[0]!, status]));

/**
 * Every cell of the matrix and every agreement's counts in one statement and one pass over the
 * targets (GROUP BY GROUPING SETS): per municipality "0s,1n,2p,…" (the agreement's position in
 * `agreementIds` and the status's first letter), so 98 short rows travel instead of 5,880; per
 * agreement and status a count. Positions rather than ids, and one pass rather than two
 * statements: on PGlite this took the matrix's database time from 31 to 16 ms.
 */
export function statusGridSql(db: Db, agreementIds: string[]): Promise<StatusGrid> {
  return keptUntilWrite(db, `agreement-grid:${agreementIds.join(',')}`, () => statusGrid(db, agreementIds));
}

type StatusGrid = { grid: Map<string, Map<string, MunicipalStatus>>; counts: Map<string, StatusCounts> };

async function statusGrid(db: Db, agreementIds: string[]): Promise<StatusGrid> {
  const grid = new Map<string, Map<string, MunicipalStatus>>();
  const counts = new Map<string, StatusCounts>();
  if (agreementIds.length === 0) return { grid, counts };
  const positions = sql`join (values ${sql.join(
    agreementIds.map((id, n) => sql`(${id}::uuid, ${n}::int)`),
    sql`, `,
  )}) o(id, n) on o.id = t.agreement_id`;
  const rows = await rawRows<{ municipality_code: string | null; n: number | null; st: string | null; cells: string; count: number | string }>(
    db,
    sql`select x.municipality_code, x.n, x.st, string_agg(x.n::text || x.st, ',') as cells, count(*) as count
      from (select t.municipality_code, o.n, left(${STATUS_SQL}, 1) as st ${statusFrom(sql`true`, positions)}) x
      group by grouping sets ((x.municipality_code), (x.n, x.st))`,
  );
  for (const r of rows) {
    if (r.municipality_code === null) {
      const status = STATUS_OF.get(r.st ?? '');
      const id = agreementIds[Number(r.n)];
      if (status && id) addCount(counts, id, status, Number(r.count));
      continue;
    }
    const cells = new Map<string, MunicipalStatus>();
    for (const part of r.cells.split(',')) {
      const status = STATUS_OF.get(part.slice(-1));
      const id = agreementIds[Number(part.slice(0, -1))];
      if (status && id) cells.set(id, status);
    }
    grid.set(r.municipality_code, cells);
  }
  return { grid, counts };
}

// ------------------------------------------------------------ the same rule as conditions on a row
//
// For queries that filter or count per target beside other joins (the front pages' attention
// sections), the rule as correlated conditions on the caller's `agreement` and `agreement_target`
// rows. test/agreement-status-sql.test.ts holds them to loadStatuses on the demo data too.

/**
 * Replaced: a connection agreement whose solutions (at least one) are all in annex 1 of a sent or
 * closed K98 agreement the municipality has a current, accepted signature of. `a` and `t` are the
 * caller's names for `agreement` and `agreement_target`.
 */
export function replacedSql(a: string, t: string): SQL {
  const A = sql.raw(a);
  const T = sql.raw(t);
  return sql`(${A}.type = 'tilslutningsaftale'
    and exists (select 1 from agreement_solution own where own.agreement_id = ${A}.id)
    and exists (select 1 from agreement k98
      join agreement_signature ks on ks.agreement_id = k98.id
      where k98.type = 'k98' and k98.status <> 'draft'
        and ks.municipality_code = ${T}.municipality_code and ks.superseded_at is null and ks.state = 'signed'
        and not exists (select 1 from agreement_solution own where own.agreement_id = ${A}.id
          and not exists (select 1 from agreement_solution annex
            where annex.agreement_id = k98.id and annex.solution_key = own.solution_key))))`;
}

/** A current signature in the given states (not superseded), for the target row `t`. */
export function currentSignatureSql(t: string, states: ReadonlyArray<'signed' | 'pending'>): SQL {
  const T = sql.raw(t);
  return sql`exists (select 1 from agreement_signature cs
    where cs.agreement_id = ${T}.agreement_id and cs.municipality_code = ${T}.municipality_code
      and cs.superseded_at is null and cs.state in (${sql.join(states.map((st) => sql`${st}`), sql`, `)}))`;
}

/** The municipality of the target row still owes a signature: not_signed or in_dialogue (OUTSTANDING). */
export function outstandingSql(a: string, t: string): SQL {
  return sql`(not ${currentSignatureSql(t, ['signed', 'pending'])} and not ${replacedSql(a, t)})`;
}
