import type { FastifyRequest } from 'fastify';
import { Notice, SelectField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pager } from '../../../platform/views/pager.tsx';
import { PoolChart } from './pool-chart.tsx';
import { ProposalTable } from './proposal-table.tsx';
import type { PoolSummary, ProposalSummary } from './queries.ts';
import { proposalStatuses, STATUS_LABELS, type ProposalStatus } from './statuses.ts';

export const POOL_PAGE_SIZE = 25;

export type PoolPageProps = {
  request: FastifyRequest;
  year: number;
  years: number[];
  summary: PoolSummary;
  status: ProposalStatus | undefined;
  page: number;
  proposals: ProposalSummary[];
  /** The actor's municipality's own proposals, all years; null for central staff. */
  own: ProposalSummary[] | null;
  canSubmit: boolean;
  notice?: string | undefined;
};

export const poolHref = (year: number, status?: ProposalStatus, page = 1) => {
  const q = new URLSearchParams({ aar: String(year) });
  if (status) q.set('status', status);
  if (page > 1) q.set('side', String(page));
  return `/styring/puljen?${q.toString()}`;
};

/** "Alle (12)", "Modtaget (3)", …: the status filter as links, the chosen one marked for screen readers. */
function StatusFilter(p: { year: number; summary: PoolSummary; status: ProposalStatus | undefined }): JSX.Element {
  const link = (label: string, count: number, status: ProposalStatus | undefined) => (
    <li>
      <a href={poolHref(p.year, status)} aria-current={p.status === status ? 'page' : undefined} safe>
        {`${label} (${count})`}
      </a>
    </li>
  );
  return (
    <nav class="samspil-subnav" aria-label="Vis forslag med status">
      <ul class="nobullet-list">
        {link('Alle', p.summary.total, undefined)}
        {proposalStatuses.map((s) => link(STATUS_LABELS[s], p.summary.counts[s], s))}
      </ul>
    </nav>
  );
}

function YearChoice(p: { year: number; years: number[]; status: ProposalStatus | undefined }): JSX.Element {
  return (
    <form method="get" action="/styring/puljen" class="samspil-actions" aria-label="Vælg puljens år">
      <SelectField name="aar" label="År" value={String(p.year)} options={p.years.map((y) => ({ value: String(y), label: String(y) }))} />
      {p.status ? <input type="hidden" name="status" value={p.status} /> : ''}
      <button type="submit" class="button button-secondary">
        Vis
      </button>
    </form>
  );
}

/** The pool of a year against its prioritised proposals, the proposals by status, and a municipality's own first. */
export function PoolPage(p: PoolPageProps): JSX.Element {
  const matching = p.status ? p.summary.counts[p.status] : p.summary.total;
  const pages = Math.max(1, Math.ceil(matching / POOL_PAGE_SIZE));
  const actor = p.request.actor!;
  return (
    <Layout title="Prioriteringspuljen – K98-styring" actor={actor} csrfToken={p.request.csrfToken} nav="styring">
      <h1>Prioriteringspuljen</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p class="font-lead">
        Puljen, som forretningsmæssig vedligeholdelse og udvikling af løsningerne betales af. Kommunerne og KOMBIT indsender forslag; de
        behandles i et fagråd og indstilles til Porteføljerådet, der prioriterer dem. Alle kommuner kan følge alle forslag.
      </p>
      {p.canSubmit ? (
        <p>
          <a href="/styring/puljen/nyt" class="button button-primary">
            Indsend input til kommende møder
          </a>
        </p>
      ) : (
        ''
      )}
      <YearChoice year={p.year} years={p.years} status={p.status} />

      {p.own !== null ? (
        <section aria-labelledby="jeres-forslag">
          <h2 id="jeres-forslag">Jeres forslag</h2>
          <ProposalTable
            id="jeres-forslag-liste"
            caption={`Forslag fra ${actor.municipalityName ?? ''} Kommune, nyeste først`}
            proposals={p.own}
            empty="Kommunen har ikke indsendt forslag til puljen endnu."
            showYear
          />
        </section>
      ) : (
        ''
      )}

      <h2 safe>{`Puljen ${p.year}`}</h2>
      <PoolChart summary={p.summary} />

      <h2 id="forslag" safe>{`Forslag til puljen ${p.year}`}</h2>
      <StatusFilter year={p.year} summary={p.summary} status={p.status} />
      <ProposalTable
        id="forslag-liste"
        caption={p.status ? `Forslag med status ${STATUS_LABELS[p.status]} (${matching})` : `Alle forslag til ${p.year} (${matching})`}
        proposals={p.proposals}
        empty={p.status ? `Der er ingen forslag til ${p.year} med status ${STATUS_LABELS[p.status]}.` : `Der er ingen forslag til puljen ${p.year} endnu.`}
      />
      {pages > 1 ? (
        <Pager
          text={`Side ${p.page} af ${pages}`}
          previous={p.page > 1 ? poolHref(p.year, p.status, p.page - 1) : null}
          next={p.page < pages ? poolHref(p.year, p.status, p.page + 1) : null}
        />
      ) : (
        ''
      )}
    </Layout>
  );
}
