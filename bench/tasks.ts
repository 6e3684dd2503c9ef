import { sql, type SQL } from 'drizzle-orm';
import { rawRows, type Db } from '../src/db/client.ts';
import { solutions } from '../src/db/reference/solutions.ts';

/** Central tasks the bench loads, each addressed to all 98 municipalities. */
export const BENCH_TASKS = 2000;
/** Tasks per INSERT … SELECT when filling targets, answers and threads (≈ 24 500 targets per statement). */
const TASKS_PER_CHUNK = 250;
const CODE_PREFIX = 'BENCH - ';
const benchCode = (n: number) => `${CODE_PREFIX}${String(n).padStart(4, '0')}`;

const PROJECTS = [
  { key: 'bench-kontanthjaelp', name: 'Bench: Kontanthjælpsreformen', solutionKey: 'ky' },
  { key: 'bench-valg', name: 'Bench: Valg', solutionKey: 'valg' },
  { key: 'bench-flis', name: 'Bench: FLIS', solutionKey: 'flis' },
];

const DESCRIPTION =
  'For at kunne tage den nye version i brug skal kommunen gennemføre trinene herunder.\n\n' +
  '1. Læs vejledningen, der ligger som bilag.\n2. Kontrollér, at de rette personer er registreret i rollegalleriet.\n' +
  '3. Indmeld svaret i trinet, så KOMBIT kan følge op.\n\nKontakt **KOMBIT** i tråden nederst ved spørgsmål.';

export type TaskVolume = {
  /** How foreign keys were checked: per row (triggers) or once at the end (superuser bulk load). */
  foreignKeys: 'per row' | 'checked once after loading';
  tasks: number;
  steps: number;
  targets: number;
  answers: number;
  messages: number;
  deadlineChanges: number;
  /** Wall-clock seconds per phase, and in all. */
  seconds: { tasksAndSteps: number; targets: number; answers: number; threads: number; foreignKeyCheck: number; total: number };
};

/** Every foreign key of the rows addTasks writes: child table, column, parent table, parent column. */
const FOREIGN_KEYS: [string, string, string, string][] = [
  ['project', 'solution_key', 'solution', 'key'],
  ['task', 'project_id', 'project', 'id'],
  ['task', 'solution_key', 'solution', 'key'],
  ['task', 'audience_role_key', 'role_type', 'key'],
  ['task', 'audience_solution_key', 'solution', 'key'],
  ['task_step', 'task_id', 'task', 'id'],
  ['task_target', 'task_id', 'task', 'id'],
  ['task_target', 'municipality_code', 'municipality', 'code'],
  ['task_target', 'responsible_person_id', 'person', 'id'],
  ['step_answer', 'step_id', 'task_step', 'id'],
  ['step_answer', 'task_id', 'task', 'id'],
  ['step_answer', 'municipality_code', 'municipality', 'code'],
  ['step_answer', 'answered_by', 'user_account', 'id'],
  ['task_message', 'task_id', 'task', 'id'],
  ['task_message', 'municipality_code', 'municipality', 'code'],
  ['task_deadline_change', 'task_id', 'task', 'id'],
];

/** Rows whose foreign key points nowhere, per key; empty when all is well. One anti-join per key. */
async function orphans(db: Db): Promise<string[]> {
  const select = FOREIGN_KEYS.map(
    ([child, col, parent, pcol], i) =>
      `(select count(*)::int from ${child} c where c.${col} is not null and not exists (select 1 from ${parent} p where p.${pcol} = c.${col})) as k${i}`,
  ).join(', ');
  const [row] = await rawRows<Record<string, number>>(db, sql.raw(`select ${select}`));
  return FOREIGN_KEYS.flatMap(([child, col, parent], i) => (Number(row?.[`k${i}`] ?? 0) > 0 ? [`${row?.[`k${i}`]} ${child}.${col} → ${parent}`] : []));
}

/**
 * The numeric suffix of a bench task's code, and a deterministic 0–99 bucket per (task,
 * municipality, purpose): the same volume on every run and on both engines, without a PRNG in SQL.
 */
const taskNo = sql.raw(`right(t.code, 4)::int`);
const bucket = (purpose: string) => sql.raw(`mod(abs(hashtext(t.code || tt.municipality_code || '${purpose}')::bigint), 100)::int`);
const inChunk = (from: number, to: number) => sql`t.code between ${benchCode(from)} and ${benchCode(to)}`;

async function chunked(run: (from: number, to: number) => Promise<unknown>) {
  for (let from = 1; from <= BENCH_TASKS; from += TASKS_PER_CHUNK) await run(from, Math.min(BENCH_TASKS, from + TASKS_PER_CHUNK - 1));
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

const exec = (db: Db, q: SQL) => db.execute(q);

/**
 * 2,000 published central tasks addressed to all 98 municipalities (196,000 task_target rows), with
 * 2–3 steps each and a realistic spread of progress, all generated in SQL (generate_series and
 * INSERT … SELECT in chunks of 250 tasks; far faster than shipping rows from JavaScript, above all
 * on PGlite):
 *
 * - audiences: 40 % the programleder, 40 % a solution's system owners, 20 % its super users;
 *   deadlines spread over a year back and a year ahead; some critical, cross-cutting, optional;
 *   every fourth task in one of three projects;
 * - per municipality: 4 % not relevant; solved 70 % when the deadline has passed, 30 % before;
 *   15 % in progress; the rest not started. Solved ones answered every step, those in progress the
 *   first (and half of them a value for the second); a responsible person (the programleder) on
 *   all but a third of the not started;
 * - a question thread (question and answer) on 5 % of the (task, municipality) pairs, and a
 *   deadline change on every tenth task.
 *
 * Everything runs in one transaction. When the database user is a superuser (PGlite always; the
 * usual local PostgreSQL), the foreign-key triggers are switched off for it (SET LOCAL
 * session_replication_role = replica): checking half a million rows one by one took PGlite about
 * 70 s instead of 15. The rows are built by joins on existing parents, and before the commit one
 * anti-join per foreign key proves that not a single one points nowhere (the load fails otherwise).
 *
 * Expects the demo seed (programleder accounts) to be there.
 */
export async function addTasks(database: Db): Promise<TaskVolume> {
  return database.transaction(async (tx) => {
    const [su] = await rawRows<{ su: boolean }>(tx, sql`select current_setting('is_superuser') = 'on' as su`);
    const bulk = Boolean(su?.su);
    if (bulk) await tx.execute(sql`set local session_replication_role = replica`);
    const volume = await load(tx);
    const t0 = performance.now();
    if (bulk) {
      await tx.execute(sql`set local session_replication_role = origin`);
      const broken = await orphans(tx);
      if (broken.length > 0) throw new Error(`bench: the task volume broke foreign keys: ${broken.join(', ')}`);
    }
    const foreignKeyCheck = (performance.now() - t0) / 1000;
    return {
      ...volume,
      foreignKeys: bulk ? 'checked once after loading' : 'per row',
      seconds: { ...volume.seconds, foreignKeyCheck, total: volume.seconds.total + foreignKeyCheck },
    } satisfies TaskVolume;
  });
}

async function load(db: Db): Promise<Omit<TaskVolume, 'foreignKeys'>> {
  const start = performance.now();
  const solutionArray = sql.raw(`array[${solutions.map((s) => `'${s.key}'`).join(', ')}]`);
  const projectArray = sql.raw(`array[${PROJECTS.map((p) => `'${p.key}'`).join(', ')}]`);

  const tasksAndSteps = await timed(async () => {
    for (const p of PROJECTS) {
      await exec(db, sql`insert into project (key, name, description, solution_key) values (${p.key}, ${p.name}, 'Projekt til benchmark', ${p.solutionKey})`);
    }
    await exec(
      db,
      sql`insert into task (code, title, description, consequence, project_id, solution_key, audience_role_key, audience_solution_key,
            critical, cross_cutting, optional, status, deadline, published_at, created_at, updated_at)
          select ${CODE_PREFIX} || lpad(i::text, 4, '0'),
            'Benchopgave ' || i || ': opdatér opsætningen af ' || (${solutionArray})[1 + i % ${solutions.length}],
            ${DESCRIPTION},
            'Kommunen kan ikke tage den nye version i brug.',
            (select id from project where key = (${projectArray})[1 + (i / 4) % ${PROJECTS.length}] and i % 4 = 0),
            (${solutionArray})[1 + i % ${solutions.length}],
            case when i % 10 < 4 then 'programleder' when i % 10 < 8 then 'systemansvarlig' else 'superbruger' end,
            case when i % 10 < 4 then null else (${solutionArray})[1 + i % ${solutions.length}] end,
            i % 9 = 0, i % 13 = 0, i % 17 = 0,
            'published',
            d.deadline,
            (d.deadline - 60)::timestamptz + interval '8 hours',
            (d.deadline - 75)::timestamptz, (d.deadline - 60)::timestamptz
          from generate_series(1, ${BENCH_TASKS}) as i
          cross join lateral (select current_date + ((i * 37) % 730 - 365) as deadline) as d`,
    );
    await exec(
      db,
      sql`insert into task_step (task_id, position, title, instructions, answer_kind, answer_label, answer_pattern, answer_hint)
          select t.id, p,
            case p when 1 then 'Læs vejledningen' when 2 then (array['Indmeld AftaleID', 'Kontrollér brugere i KLIK', 'Angiv dato for test'])[1 + ${taskNo} % 3]
              else 'Bemærkninger' end,
            'Se vejledningen i bilaget.',
            case p when 1 then 'none' when 2 then (array['identifier', 'yes_no', 'date'])[1 + ${taskNo} % 3] else 'text' end,
            case p when 1 then '' when 2 then (array['AftaleID', 'Brugere kontrolleret', 'Testdato'])[1 + ${taskNo} % 3] else 'Bemærkning' end,
            case when p = 2 and ${taskNo} % 3 = 0 then '^[0-9]{6}$' end,
            case when p = 2 and ${taskNo} % 3 = 0 then 'AftaleID består af seks cifre' else '' end
          from task t
          cross join generate_series(1, 3) as p
          where t.code like ${`${CODE_PREFIX}%`} and p <= 2 + ${taskNo} % 2`,
    );
  });

  const targets = await timed(() =>
    chunked((from, to) =>
      exec(
        db,
        sql`insert into task_target (task_id, municipality_code, status, responsible_person_id, not_relevant_reason, solved_at, last_activity_at)
            select tt.task_id, tt.municipality_code, x.status,
              case when x.status <> 'ikke_startet' or x.h % 3 <> 0 then pl.id end,
              case when x.status = 'ikke_relevant' then 'Kommunen bruger ikke løsningen' end,
              case when x.status = 'loest' then tt.published_at + make_interval(days => x.h % 40, hours => x.h % 9) end,
              case when x.status in ('loest', 'i_gang') then tt.published_at + make_interval(days => x.h % 40, hours => x.h % 9) end
            from (select t.id as task_id, t.code, t.deadline, t.published_at, m.code as municipality_code
                  from task t cross join municipality m where ${inChunk(from, to)}) as tt
            cross join lateral (select ${sql.raw(`mod(abs(hashtext(tt.code || tt.municipality_code)::bigint), 100)::int`)} as h) as hh
            cross join lateral (
              select hh.h,
                case when hh.h < 4 then 'ikke_relevant'
                  when hh.h < 4 + (case when tt.deadline < current_date then 70 else 30 end) then 'loest'
                  when hh.h < 19 + (case when tt.deadline < current_date then 70 else 30 end) then 'i_gang'
                  else 'ikke_startet' end as status) as x
            left join person pl on pl.email = 'programleder-' || tt.municipality_code || '@samspil.demo'`,
      ),
    ),
  );

  const answers = await timed(() =>
    chunked((from, to) =>
      exec(
        db,
        sql`insert into step_answer (step_id, municipality_code, task_id, value, completed, answered_by, answered_at)
            select s.id, tt.municipality_code, tt.task_id,
              case s.answer_kind
                when 'none' then null
                when 'identifier' then lpad((${bucket('aftale')} * 9973 + ${taskNo})::text, 6, '0')
                when 'yes_no' then 'ja'
                when 'date' then to_char(tt.last_activity_at, 'YYYY-MM-DD')
                else 'Gennemført uden bemærkninger' end,
              tt.status = 'loest' or s.position = 1,
              ua.id,
              coalesce(tt.last_activity_at, now())
            from task_target tt
            join task t on t.id = tt.task_id
            join task_step s on s.task_id = tt.task_id
            left join user_account ua on ua.person_id = tt.responsible_person_id
            where ${inChunk(from, to)}
              and (tt.status = 'loest' or (tt.status = 'i_gang' and (s.position = 1 or (s.position = 2 and ${bucket('delvis')} < 50))))`,
      ),
    ),
  );

  const threads = await timed(async () => {
    await chunked((from, to) =>
      exec(
        db,
        sql`insert into task_message (task_id, municipality_code, author_name, from_central, body, created_at)
            select tt.task_id, tt.municipality_code,
              case when g = 1 then 'Programleder ' || m.name else 'Karsten Konsulent' end,
              g = 2,
              case when g = 1 then 'Gælder opgaven også, hvis vi først tager løsningen i brug næste år?'
                else 'Ja, opgaven skal løses af alle kommuner, der har løsningen i drift eller i test.' end,
              t.published_at + make_interval(days => g, hours => ${bucket('besked')} % 9)
            from task_target tt
            join task t on t.id = tt.task_id
            join municipality m on m.code = tt.municipality_code
            cross join generate_series(1, 2) as g
            where ${inChunk(from, to)} and ${bucket('besked')} < 5`,
      ),
    );
    await exec(
      db,
      sql`insert into task_deadline_change (task_id, from_deadline, to_deadline, reason, changed_at)
          select t.id, t.deadline - 14, t.deadline, 'Leverandøren har udskudt leverancen to uger.', t.published_at + interval '10 days'
          from task t where t.code like ${`${CODE_PREFIX}%`} and ${taskNo} % 10 = 0`,
    );
  });

  const [counts] = await rawRows<Record<string, number>>(
    db,
    sql`select
      (select count(*)::int from task t where t.code like ${`${CODE_PREFIX}%`}) as tasks,
      (select count(*)::int from task_step s join task t on t.id = s.task_id where t.code like ${`${CODE_PREFIX}%`}) as steps,
      (select count(*)::int from task_target tt join task t on t.id = tt.task_id where t.code like ${`${CODE_PREFIX}%`}) as targets,
      (select count(*)::int from step_answer) as answers,
      (select count(*)::int from task_message) as messages,
      (select count(*)::int from task_deadline_change) as deadline_changes`,
  );
  return {
    tasks: Number(counts?.tasks ?? 0),
    steps: Number(counts?.steps ?? 0),
    targets: Number(counts?.targets ?? 0),
    answers: Number(counts?.answers ?? 0),
    messages: Number(counts?.messages ?? 0),
    deadlineChanges: Number(counts?.deadline_changes ?? 0),
    seconds: { tasksAndSteps, targets, answers, threads, foreignKeyCheck: 0, total: (performance.now() - start) / 1000 },
  };
}

/** Every `every`-th bench task, for the task overview to cycle over. */
export async function sampleTaskIds(db: Db, every: number): Promise<string[]> {
  const rows = await rawRows<{ id: string }>(
    db,
    sql`select t.id from task t where t.code like ${`${CODE_PREFIX}%`} and ${taskNo} % ${every} = 0 order by t.code`,
  );
  return rows.map((r) => r.id);
}

/** Status spread over all targets, for the report. */
export async function targetStatusShares(db: Db): Promise<Record<string, number>> {
  const rows = await rawRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from task_target group by status order by status`);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
