import { sql, type SQL } from 'drizzle-orm';
import { excerpt } from '../../platform/attention/excerpt.ts';
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


// ---------------------------------------------------------------- questions waiting

/**
 * A thread (task, municipality) waits when the municipality wrote after KOMBIT's last message: the
 * same rule as the task overview's "Ubesvaret spørgsmål" (the last message is the municipality's).
 * It has waited since the first of the municipality's messages after that. Any central reader of
 * the task may reply (post-message.ts), so every central actor gets the section. The threads are
 * found in one pass over the messages (grouped, no probe per message); only the waiting ones are
 * read again for their age and first question.
 */
const WAITING_THREADS = sql`from (select m.task_id, m.municipality_code, max(m.created_at) filter (where m.from_central) as answered
        from ${taskMessage} m
        group by m.task_id, m.municipality_code
        having max(m.created_at) filter (where not m.from_central)
          > coalesce(max(m.created_at) filter (where m.from_central), '-infinity'::timestamptz)) w
    join ${task} on ${task.id} = w.task_id`;

const waitingVisible = (actor: Actor) => sql`${task.status} <> 'draft' and ${taskVisibleTo(actor)}`;

type QuestionRow = { task_id: string; code: string; task_code: string; title: string; name: string; since: Date | string; body: string; total: number };

async function questionItems(db: Parameters<typeof rawRows>[0], actor: Actor): Promise<AttentionItem[]> {
  const rows = await rawRows<QuestionRow>(
    db,
    sql`select w.task_id, w.municipality_code as code, ${task.code} as task_code, ${task.title} as title, mu.name,
        q.since, q.body, count(*) over ()::int as total
      ${WAITING_THREADS}
      join ${municipality} mu on mu.code = w.municipality_code
      cross join lateral (select min(qm.created_at) as since, (array_agg(qm.body order by qm.created_at, qm.id))[1] as body
        from ${taskMessage} qm
        where qm.task_id = w.task_id and qm.municipality_code = w.municipality_code and not qm.from_central
          and (w.answered is null or qm.created_at > w.answered)) q
      where ${waitingVisible(actor)}
      order by q.since, w.task_id, w.municipality_code
      limit ${ATTENTION_LIMIT}`,
  );
  const items: AttentionItem[] = rows.map((r) => ({
    kind: 'task.question',
    title: `${r.name}: ${r.title}`,
    detail: `${r.task_code} · »${excerpt(r.body)}«`,
    since: new Date(r.since),
    href: `/opgaver/${r.task_id}/kommuner/${r.code}#beskeder`,
    severity: 'warning',
    label: 'Venter på svar',
  }));
  return withMore(items, Number(rows[0]?.total ?? 0), { kind: 'task.question.more', href: '/overblik', what: 'spørgsmål venter' });
}

// ---------------------------------------------------------------- deadlines near or passed

const missingStatuses = () =>
  sql.join(
    MISSING_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );

/**
 * Published central tasks due within NEAR_DAYS or overdue where some addressed municipality is
 * missing: MISSING_STATUSES, the same "mangler" as every central task page, on task_target's kept
 * status. Whether any is missing is one probe of the (task, status) index per task; the counts are
 * made only for the tasks shown, so a thousand overdue tasks do not mean counting 98,000 targets.
 */
function deadlineTasks(actor: Actor, today: string): SQL {
  return sql`from ${task}
    where ${task.status} = 'published'
      and ${taskVisibleTo(actor)}
      and ${task.deadline} <= ${today}::date + ${NEAR_DAYS}::int
      and exists (select 1 from ${taskTarget} mt where mt.task_id = ${task.id} and mt.status in (${missingStatuses()}))`;
}

type DeadlineRow = { id: string; code: string; title: string; deadline: string; addressed: number; missing: number; total: number };

export const missingText = (missing: number, addressed: number) => `Mangler ${missing} af ${addressed} ${addressed === 1 ? 'kommune' : 'kommuner'}`;

async function deadlineItems(db: Parameters<typeof rawRows>[0], actor: Actor, today: string): Promise<AttentionItem[]> {
  const rows = await rawRows<DeadlineRow>(
    db,
    sql`select d.id, d.code, d.title, d.deadline, d.total, c.addressed, c.missing
      from (select ${task.id} as id, ${task.code} as code, ${task.title} as title, ${task.deadline}::text as deadline, count(*) over ()::int as total
        ${deadlineTasks(actor, today)}
        order by ${task.deadline}, ${task.code}
        limit ${ATTENTION_LIMIT}) d
      cross join lateral (select count(*)::int as addressed, count(*) filter (where tt.status in (${missingStatuses()}))::int as missing
        from ${taskTarget} tt where tt.task_id = d.id) c
      order by d.deadline, d.code`,
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
    countForActor: (actor) => (isCentral(actor) ? sql`select count(*) ${WAITING_THREADS} where ${waitingVisible(actor)}` : null),
  });
  registerAttentionProvider({
    key: 'tasks.deadlines',
    heading: 'Opgaver med frist inden for 14 dage eller overskredet',
    order: 120,
    statements: 1,
    menu: 'opgaver',
    forActor: (ctx, today) => (isCentral(ctx.actor) ? deadlineItems(ctx.db, ctx.actor, today) : null),
    countForActor: (actor, today) => (isCentral(actor) ? sql`select count(*) ${deadlineTasks(actor, today)}` : null),
  });
}
