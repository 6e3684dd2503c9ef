import { danishCompare } from '../../platform/views/format.ts';
import { excerpt } from '../../platform/attention/excerpt.ts';
import { sql, type SQL } from 'drizzle-orm';
import { rawRows, type Db } from '../../db/client.ts';
import { ATTENTION_LIMIT, withMore } from '../../platform/attention/more.ts';
import { registerAttentionProvider, type AttentionItem } from '../../platform/attention/provider.ts';
import { type Actor, isCentral, isCentralEditor } from '../../platform/context.ts';
import { outstandingSql } from './status-sql.ts';

/**
 * The central front page's agreement sections: notes from municipalities waiting for KOMBIT's
 * answer, uploaded signed copies waiting for review, and sent agreements due within 14 days or
 * overdue while municipalities still owe a signature. One statement per section and one scalar
 * subquery per badge, whatever the data.
 */

const NEAR_DAYS = 14;


/**
 * Answering a note and reviewing a copy are "note" and "manage" in policy.ts: central editors only.
 * Other central staff read agreements, so they get the deadlines but not these two sections.
 */
const mayAnswer = (actor: Actor) => isCentralEditor(actor);

// ---------------------------------------------------------------- notes waiting for an answer

/**
 * A thread (agreement, municipality) waits when the municipality wrote after KOMBIT's last note;
 * it has waited since the first of its notes after that. Drafts have no threads a municipality sees.
 */
const WAITING_NOTES = sql`from agreement_note n
    join agreement a on a.id = n.agreement_id
    join municipality mu on mu.code = n.municipality_code
    where not n.from_central and a.status <> 'draft'
      and not exists (select 1 from agreement_note r
        where r.agreement_id = n.agreement_id and r.municipality_code = n.municipality_code
          and r.from_central and r.created_at >= n.created_at)
    group by n.agreement_id, n.municipality_code, a.title, mu.name`;

type NoteRow = { agreement_id: string; code: string; title: string; name: string; since: Date | string; body: string; total: number };

async function noteItems(db: Db): Promise<AttentionItem[]> {
  const rows = await rawRows<NoteRow>(
    db,
    sql`select n.agreement_id, n.municipality_code as code, a.title, mu.name, min(n.created_at) as since,
        (array_agg(n.body order by n.created_at, n.id))[1] as body, count(*) over ()::int as total
      ${WAITING_NOTES}
      order by since, n.agreement_id, n.municipality_code
      limit ${ATTENTION_LIMIT}`,
  );
  const items: AttentionItem[] = rows.map((r) => ({
    kind: 'agreement.question',
    title: `${r.name}: ${r.title}`,
    detail: `»${excerpt(r.body)}«`,
    since: new Date(r.since),
    href: `/aftaler/${r.agreement_id}/kommuner/${r.code}`,
    severity: 'warning',
    label: 'Venter på svar',
  }));
  return withMore(items, Number(rows[0]?.total ?? 0), { kind: 'agreement.question.more', href: '/aftaler', what: 'noter venter' });
}

// ---------------------------------------------------------------- uploaded copies to review

/** Pending and current (a new version requiring re-signing supersedes it; then there is nothing to review). */
const PENDING_COPIES = sql`from agreement_signature s
    join agreement a on a.id = s.agreement_id
    join municipality mu on mu.code = s.municipality_code
    where s.state = 'pending' and s.superseded_at is null`;

type CopyRow = { id: string; agreement_id: string; title: string; name: string; signer_name: string; since: Date | string; total: number };

async function copyItems(db: Db): Promise<AttentionItem[]> {
  const rows = await rawRows<CopyRow>(
    db,
    sql`select s.id, s.agreement_id, a.title, mu.name, s.signer_name, s.signed_at as since, count(*) over ()::int as total
      ${PENDING_COPIES}
      order by s.signed_at, s.id
      limit ${ATTENTION_LIMIT}`,
  );
  const items: AttentionItem[] = rows.map((r) => ({
    kind: 'agreement.review',
    title: `${r.name}: ${r.title}`,
    detail: `Underskrevet kopi indsendt, underskrevet af ${r.signer_name}`,
    since: new Date(r.since),
    href: `/aftaler/${r.agreement_id}/underskrifter#underskrift-${r.id}`,
    severity: 'warning',
    label: 'Til godkendelse',
  }));
  return withMore(items, Number(rows[0]?.total ?? 0), { kind: 'agreement.review.more', href: '/aftaler', what: 'kopier venter' });
}

// ---------------------------------------------------------------- deadlines near or passed

/** Sent agreements due within NEAR_DAYS or overdue, with at least one municipality outstanding (status-sql.ts). */
function deadlineAgreements(today: string): SQL {
  return sql`from agreement a
    join agreement_target t on t.agreement_id = a.id
    where a.status = 'sent' and a.deadline is not null and a.deadline <= ${today}::date + ${NEAR_DAYS}::int
    group by a.id, a.title, a.deadline
    having count(*) filter (where ${outstandingSql('a', 't')}) > 0`;
}

type DeadlineRow = { id: string; title: string; deadline: string; addressed: number; missing: number; total: number };

async function deadlineItems(db: Db, today: string): Promise<AttentionItem[]> {
  const rows = await rawRows<DeadlineRow>(
    db,
    sql`select a.id, a.title, a.deadline::text as deadline, count(*)::int as addressed,
        count(*) filter (where ${outstandingSql('a', 't')})::int as missing, count(*) over ()::int as total
      ${deadlineAgreements(today)}
      order by a.deadline, a.id
      limit ${ATTENTION_LIMIT}`,
  );
  const items: AttentionItem[] = [...rows].sort((a, b) => danishCompare(a.title, b.title)).map((r) => {
    const missing = Number(r.missing);
    const addressed = Number(r.addressed);
    const overdue = r.deadline < today;
    return {
      kind: overdue ? 'agreement.overdue' : 'agreement.due',
      title: r.title,
      detail: `Mangler ${missing} af ${addressed} ${addressed === 1 ? 'kommune' : 'kommuner'}`,
      due: r.deadline,
      href: `/aftaler/${r.id}/status`,
      severity: overdue ? 'alert' : 'warning',
    };
  });
  return withMore(items, Number(rows[0]?.total ?? 0), { kind: 'agreement.due.more', href: '/aftaler', what: 'aftaler med frist' });
}

export function registerCentralAgreementAttention(): void {
  registerAttentionProvider({
    key: 'agreements.questions',
    heading: 'Noter fra kommunerne om aftaler',
    order: 110,
    statements: 1,
    menu: 'aftaler',
    forActor: (ctx) => (mayAnswer(ctx.actor) ? noteItems(ctx.db) : null),
    countForActor: (actor) => (mayAnswer(actor) ? sql`select count(*) from (select 1 ${WAITING_NOTES}) q` : null),
  });
  registerAttentionProvider({
    key: 'agreements.review',
    heading: 'Underskrevne kopier til godkendelse',
    order: 115,
    statements: 1,
    menu: 'aftaler',
    forActor: (ctx) => (mayAnswer(ctx.actor) ? copyItems(ctx.db) : null),
    countForActor: (actor) => (mayAnswer(actor) ? sql`select count(*) ${PENDING_COPIES}` : null),
  });
  registerAttentionProvider({
    key: 'agreements.deadlines',
    heading: 'Aftaler med frist inden for 14 dage eller overskredet',
    order: 125,
    statements: 1,
    menu: 'aftaler',
    forActor: (ctx, today) => (isCentral(ctx.actor) ? deadlineItems(ctx.db, today) : null),
    countForActor: (actor, today) => (isCentral(actor) ? sql`select count(*) from (select 1 ${deadlineAgreements(today)}) d` : null),
  });
}
