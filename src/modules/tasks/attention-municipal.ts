import { and, asc, count, desc, eq, gt, inArray, max, sql, type SQL } from 'drizzle-orm';
import { excerpt } from '../../platform/attention/excerpt.ts';
import { daysUntil } from '../../platform/attention/due.ts';
import { withMore } from '../../platform/attention/more.ts';
import type { AttentionCtx, AttentionItem, AttentionProvider } from '../../platform/attention/provider.ts';
import { frontPageSeenSql } from '../../platform/attention/seen.ts';
import { type Actor, isCentral } from '../../platform/context.ts';
import { formatDateTime } from '../../platform/views/format.ts';
import { targetVisibleTo } from './policy.ts';
import { task, taskMessage, taskTarget } from './schema.ts';
import { TARGET_STATUS_DA } from './status.ts';

/**
 * What the tasks module puts on a municipal user's front page and on the municipality page: the
 * municipality's open tasks (those the task policy lets the actor read, as "Mine opgaver" lists
 * them) and the answers KOMBIT wrote since the user's last front-page visit. Each is one statement.
 */

/** A task is "soon" when its deadline is at most this many days away. */
const SOON_DAYS = 14;
/**
 * The front page lists the most urgent open tasks and links to the full list for the rest, so a
 * municipality with hundreds of open tasks gets a page of the same size (the badge counts them all).
 */
export const SHOWN_TASKS = 25;

/** Published, and the municipality neither solved it nor marked it not relevant. */
const openTarget = and(eq(task.status, 'published'), inArray(taskTarget.status, ['ikke_startet', 'i_gang']))!;

/**
 * The open tasks of `code` the actor may read. A municipal actor only ever asks about their own
 * municipality (the route and registerMunicipalityScope see to that); targetVisibleTo then limits
 * the rows to the tasks that concern them, the same condition as Mine opgaver.
 */
const openTasksWhere = (actor: Actor, code: string): SQL => and(eq(taskTarget.municipalityCode, code), openTarget, targetVisibleTo(actor))!;

function taskItem(r: { id: string; code: string; title: string; deadline: string; status: keyof typeof TARGET_STATUS_DA }, today: string, href: string): AttentionItem {
  const days = daysUntil(r.deadline, today);
  const [kind, severity] = days < 0 ? (['task.overdue', 'alert'] as const) : days <= SOON_DAYS ? (['task.due', 'warning'] as const) : (['task.open', 'info'] as const);
  return { kind, severity, title: r.title, detail: `${r.code} · ${TARGET_STATUS_DA[r.status]}`, due: r.deadline, href };
}

async function openTasks(ctx: AttentionCtx, code: string, today: string, hrefOf: (id: string) => string, allHref: string): Promise<AttentionItem[]> {
  const rows = await ctx.db
    .select({
      id: task.id,
      code: task.code,
      title: task.title,
      deadline: task.deadline,
      status: taskTarget.status,
      total: sql<number>`count(*) over ()`,
    })
    .from(taskTarget)
    .innerJoin(task, eq(task.id, taskTarget.taskId))
    .where(openTasksWhere(ctx.actor, code))
    .orderBy(asc(task.deadline), asc(task.code), asc(task.id))
    .limit(SHOWN_TASKS);
  return withMore(
    rows.map((r) => taskItem(r, today, hrefOf(r.id))),
    Number(rows[0]?.total ?? 0),
    {
      kind: 'task.more',
      href: allHref,
      what: 'åbne opgaver',
      title: (rest) => (rest === 1 ? 'Se 1 åben opgave mere' : `Se ${rest} åbne opgaver mere`),
      detail: 'Opgaverne ovenfor har de tidligste frister.',
    },
  );
}

export const openTasksProvider: AttentionProvider = {
  key: 'tasks.open',
  heading: 'Opgaver',
  order: 10,
  statements: 1,
  menu: 'opgaver',
  forActor: (ctx, today) => {
    const code = ctx.actor.municipalityCode;
    if (code === null) return null;
    return openTasks(ctx, code, today, (id) => `/opgaver/${id}`, '/opgaver');
  },
  // Central staff handle a municipality's task on its page for that municipality; the
  // municipality's own users on the task page.
  forMunicipality: (ctx, code, today) =>
    isCentral(ctx.actor)
      ? openTasks(ctx, code, today, (id) => `/opgaver/${id}/kommuner/${code}`, `/kommuner/${code}/opgaver?mangler=1`)
      : openTasks(ctx, code, today, (id) => `/opgaver/${id}`, '/opgaver'),
  countForActor: (actor) => {
    const code = actor.municipalityCode;
    if (code === null) return null;
    return sql`select count(*) from ${taskTarget} inner join ${task} on ${task.id} = ${taskTarget.taskId} where ${openTasksWhere(actor, code)}`;
  },
};

/**
 * Messages from KOMBIT in the municipality's threads of tasks the user may read, written after the
 * user's last front-page visit: one item per task. They are news, not work, so no menu badge: the
 * front page marks them seen, and a badge would count what the page just showed.
 */
export const answersProvider: AttentionProvider = {
  key: 'tasks.answers',
  heading: 'Nye svar fra KOMBIT',
  order: 30,
  statements: 1,
  forActor: (ctx) => {
    const code = ctx.actor.municipalityCode;
    if (code === null) return null;
    return (async () => {
      const latest = max(taskMessage.createdAt);
      const rows = await ctx.db
        .select({
          id: task.id,
          code: task.code,
          title: task.title,
          answers: count(),
          latest,
          // The newest answer's text, so the item says what KOMBIT answered.
          body: sql<string>`(array_agg(${taskMessage.body} order by ${taskMessage.createdAt} desc))[1]`,
        })
        .from(taskMessage)
        .innerJoin(taskTarget, and(eq(taskTarget.taskId, taskMessage.taskId), eq(taskTarget.municipalityCode, taskMessage.municipalityCode)))
        .innerJoin(task, eq(task.id, taskMessage.taskId))
        .where(
          and(
            eq(taskMessage.municipalityCode, code),
            eq(taskMessage.fromCentral, true),
            gt(taskMessage.createdAt, frontPageSeenSql(ctx.actor, ctx.now)),
            targetVisibleTo(ctx.actor),
          ),
        )
        .groupBy(task.id, task.code, task.title)
        .orderBy(desc(latest), asc(task.code));
      return rows.map((r): AttentionItem => {
        const at = r.latest ? new Date(r.latest as unknown as string) : null;
        const n = Number(r.answers);
        const when = at ? `, senest ${formatDateTime(at)}` : '';
        return {
          kind: 'task.answer',
          severity: 'info',
          label: 'Nyt svar',
          title: r.title,
          detail: `${r.code} · »${excerpt(r.body)}« – ${n === 1 ? 'KOMBIT har svaret' : `KOMBIT har svaret ${n} gange`}${when}`,
          href: `/opgaver/${r.id}#beskeder`,
        };
      });
    })();
  },
};
