import { sql } from 'drizzle-orm';
import { rawRows } from '../../../db/client.ts';
import { excerpt } from '../../../platform/attention/excerpt.ts';
import type { AttentionCtx, AttentionItem, AttentionProvider } from '../../../platform/attention/provider.ts';
import { frontPageSeenSql } from '../../../platform/attention/seen.ts';
import { danishMidnight } from '../../../platform/days.ts';
import { formatDate } from '../../../platform/views/format.ts';
import { canSubmitProposal, isSecretariat } from '../policy.ts';
import { statusInText, type ProposalStatus } from './statuses.ts';

/** Received before today (a Danish day) and not treated yet: what the secretariat has to put before a council. */
const waitingSql = (today: string) => sql`from pool_proposal where status = 'modtaget' and created_at < ${danishMidnight(today).toISOString()}::timestamptz`;

type WaitingRow = { year: number; n: number; oldest: Date | string };

/**
 * The secretariat's front page: how many proposals wait in Modtaget, as one item naming the years,
 * linked to the oldest one's year filtered on Modtaget; the menu badge counts them. One statement.
 */
export const waitingProposalsProvider: AttentionProvider = {
  key: 'pool.waiting',
  heading: 'Prioriteringspuljen',
  order: 60,
  statements: 1,
  menu: 'styring',
  forActor: (ctx, today) => {
    if (!isSecretariat(ctx.actor)) return null;
    return rawRows<WaitingRow>(ctx.db, sql`select year, count(*)::int as n, min(created_at) as oldest ${waitingSql(today)} group by year order by year`).then((rows) => {
      if (rows.length === 0) return [];
      const n = rows.reduce((sum, r) => sum + Number(r.n), 0);
      const oldest = rows.reduce((a, b) => (new Date(a.oldest) <= new Date(b.oldest) ? a : b));
      return [
        {
          kind: 'pool.waiting',
          severity: 'warning',
          label: 'Venter',
          title: `${n} forslag til prioriteringspuljen venter på behandling`,
          detail: rows.map((r) => `Puljen ${r.year}: ${r.n}`).join(' · '),
          since: new Date(oldest.oldest),
          href: `/styring/puljen?aar=${oldest.year}&status=modtaget`,
        },
      ];
    });
  },
  countForActor: (actor, today) => (isSecretariat(actor) ? sql`select count(*) ${waitingSql(today)}` : null),
};

/** How many changed proposals the front page lists; a municipality rarely has more between two visits. */
const CHANGED_LIMIT = 25;

type ChangedRow = { number: number; title: string; status: ProposalStatus; decision: string; decided_at: Date | string };

async function changedProposals(ctx: AttentionCtx, code: string): Promise<AttentionItem[]> {
  const rows = await rawRows<ChangedRow>(
    ctx.db,
    sql`select * from (
        select distinct on (p.id) p.number, p.title, st.status, st.decision, st.decided_at
        from pool_proposal_step st join pool_proposal p on p.id = st.proposal_id
        where p.municipality_code = ${code} and st.status <> 'modtaget' and st.decided_at > ${frontPageSeenSql(ctx.actor, ctx.now)}
        order by p.id, st.decided_at desc
      ) latest order by decided_at desc limit ${CHANGED_LIMIT}`,
  );
  return rows.map((r): AttentionItem => {
    const at = new Date(r.decided_at);
    return {
      kind: 'pool.changed',
      severity: 'info',
      label: 'Nyt',
      title: `Forslag ${r.number}: ${r.title} er nu ${statusInText(r.status)}`,
      detail: r.decision ? `${formatDate(at)}: ${excerpt(r.decision)}` : formatDate(at),
      since: at,
      href: `/styring/puljen/forslag/${r.number}`,
    };
  });
}

/**
 * A municipality's proposers see their municipality's proposals that a council moved since their
 * last front-page visit (user_account.front_page_seen_at, decision 0004): news, so no badge.
 */
export const changedProposalsProvider: AttentionProvider = {
  key: 'pool.changed',
  heading: 'Nyt om jeres forslag til prioriteringspuljen',
  order: 61,
  statements: 1,
  forActor: (ctx) => {
    const code = ctx.actor.municipalityCode;
    if (code === null || !canSubmitProposal(ctx.actor)) return null;
    return changedProposals(ctx, code);
  },
};
