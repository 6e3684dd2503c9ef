import { sql, type SQL } from 'drizzle-orm';
import { rawRows } from '../../db/client.ts';
import { ATTENTION_LIMIT, withMore } from '../../platform/attention/more.ts';
import { registerAttentionProvider, type AttentionItem } from '../../platform/attention/provider.ts';
import { type Actor, isCentral } from '../../platform/context.ts';
import { municipality } from '../../platform/identity/schema.ts';
import { MISSING_STATUSES } from './central/queries.ts';
import { taskVisibleTo } from './policy.ts';
import { task, taskMessage, taskTarget } from './schema.ts';

/**
 * The central front page's task sections: municipal questions waiting for KOMBIT's answer, and
 * published tasks whose deadline is near or passed while municipalities are still missing. Each is
 * one statement for the section and one scalar subquery for the menu badge, whatever the data.
 */

/** Deadlines this many days ahead count as near. */
export const NEAR_DAYS = 14;

const excerpt = (s: string) => (s.length > 140 ? `${s.slice(0, 139).trimEnd()}…` : s);

// ---------------------------------------------------------------- questions waiting

/**
 * A thread (task, municipality) waits when the municipality wrote after KOMBIT's last message: the
 * same rule as the task overview's "Ubesvaret spørgsmål" (the last message is the municipality's).
 * It has waited since the first of the municipality's messages after that. Any central reader of
 * the task may reply (post-message.ts), so every central actor gets the section.
 */
function waitingQuestions(actor: Actor): SQL {
  return sql`from ${taskMessage} m
    join ${task} on ${task.id} = m.task_id
    join ${municipality} mu on mu.code = m.municipality_code
    where not m.from_central
      and ${task.status} <> 'draft'
      and ${taskVisibleTo(actor)}
      and not exists (select 1 from ${taskMessage} r
        where r.task_id = m.task_id and r.municipality_code = m.municipality_code
          and r.from_central and r.created_at >= m.created_at)
    group by m.task_id, m.municipality_code, ${task.code}, ${task.title}, mu.name`;
}

type QuestionRow = { task_id: string; code: string; municipality_code: string; task_code: string; title: string; name: string; since: Date | string; body: string; total: number };

async function questionItems(db: Parameters<typeof rawRows>[0], actor: Actor): Promise<AttentionItem[]> {
  const rows = await rawRows<QuestionRow>(
    db,
    sql`select m.task_id, m.municipality_code as code, ${task.code} as task_code, ${task.title} as title, mu.name,
        min(m.created_at) as since,
        (array_agg(m.body order by m.created_at, m.id))[1] as body,
        count(*) over ()::int as total
      ${waitingQuestions(actor)}
      order by since, m.task_id, m.municipality_code
      limit ${ATTENTION_LIMIT}`,
  );
  const items: AttentionItem[] = rows.map((r) => ({
    kind: 'task.question',
    title: `${r.name}: ${r.title}`,
    detail: `${r.task_code} · »${excerpt(r.body)}«`,
    since: new Date(r.since),
    href: `/opgaver/${r.task_id}/kommuner/${r.code}#beskeder`,
    severity: 'warning',
  }));
  return withMore(items, Number(rows[0]?.total ?? 0), { kind: 'task.question.more', href: '/overblik', what: 'spørgsmål venter' });
}

// ---------------------------------------------------------------- deadlines near or passed

/**
 * Published central tasks due within NEAR_DAYS or overdue, with how many addressed municipalities
 * are missing: MISSING_STATUSES, the same "mangler" as every central task page, counted on
 * task_target's kept status (grouped in SQL, not per task).
 */
const missingCount = () =>
  sql`count(*) filter (where tt.status in (${sql.join(
    MISSING_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  )}))`;

function deadlineTasks(actor: Actor, today: string): SQL {
  return sql`from ${task}
    join ${taskTarget} tt on tt.task_id = ${task.id}
    where ${task.status} = 'published'
      and ${taskVisibleTo(actor)}
      and ${task.deadline} <= ${today}::date + ${NEAR_DAYS}::int
    group by ${task.id}, ${task.code}, ${task.title}, ${task.deadline}
    having ${missingCount()} > 0`;
}

type DeadlineRow = { id: string; code: string; title: string; deadline: string; addressed: number; missing: number; total: number };

export const missingText = (missing: number, addressed: number) => `Mangler ${missing} af ${addressed} ${addressed === 1 ? 'kommune' : 'kommuner'}`;

async function deadlineItems(db: Parameters<typeof rawRows>[0], actor: Actor, today: string): Promise<AttentionItem[]> {
  const rows = await rawRows<DeadlineRow>(
    db,
    sql`select ${task.id} as id, ${task.code} as code, ${task.title} as title, ${task.deadline}::text as deadline,
        count(*)::int as addressed, ${missingCount()}::int as missing, count(*) over ()::int as total
      ${deadlineTasks(actor, today)}
      order by ${task.deadline}, ${task.code}
      limit ${ATTENTION_LIMIT}`,
  );
  const items: AttentionItem[] = rows.map((r) => ({
    kind: r.deadline < today ? 'task.overdue' : 'task.due',
    title: `${r.code} ${r.title}`,
    detail: missingText(Number(r.missing), Number(r.addressed)),
    due: r.deadline,
    href: `/opgaver/${r.id}/overblik`,
    severity: r.deadline < today ? 'alert' : 'warning',
  }));
  return withMore(items, Number(rows[0]?.total ?? 0), { kind: 'task.due.more', href: '/overblik', what: 'opgaver med frist' });
}

export function registerCentralTaskAttention(): void {
  registerAttentionProvider({
    key: 'tasks.questions',
    heading: 'Spørgsmål fra kommunerne om opgaver',
    order: 100,
    statements: 1,
    menu: 'opgaver',
    forActor: (ctx) => (isCentral(ctx.actor) ? questionItems(ctx.db, ctx.actor) : null),
    countForActor: (actor) => (isCentral(actor) ? sql`select count(*) from (select 1 ${waitingQuestions(actor)}) q` : null),
  });
  registerAttentionProvider({
    key: 'tasks.deadlines',
    heading: 'Opgaver med frist inden for 14 dage eller overskredet',
    order: 120,
    statements: 1,
    menu: 'opgaver',
    forActor: (ctx, today) => (isCentral(ctx.actor) ? deadlineItems(ctx.db, ctx.actor, today) : null),
    countForActor: (actor, today) => (isCentral(actor) ? sql`select count(*) from (select 1 ${deadlineTasks(actor, today)}) d` : null),
  });
}
