import { StatusBadge } from '../../../platform/views/badge.tsx';
import { formatDate, formatKroner } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ProposalSummary } from './queries.ts';
import { STATUS_LABELS, STATUS_VARIANTS, type ProposalStatus } from './statuses.ts';

export const proposalHref = (number: number) => `/styring/puljen/forslag/${number}`;

/** The proposing municipality's name, or "KOMBIT" for the joint organisation's own proposals. */
export const proposerName = (p: { municipalityName: string | null }) => p.municipalityName ?? 'KOMBIT';

export function ProposalStatusBadge(p: { status: ProposalStatus }): JSX.Element {
  return <StatusBadge label={STATUS_LABELS[p.status]} variant={STATUS_VARIANTS[p.status]} />;
}

/** A list of proposals: number, title, proposer, solutions, estimated cost, status and the last step's day. */
export function ProposalTable(p: { id: string; caption: string; proposals: ProposalSummary[]; empty: string; showYear?: boolean }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--zebra table--compact" id={p.id}>
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nr.</th>
            <th scope="col">Forslag</th>
            {p.showYear ? <th scope="col">År</th> : ''}
            <th scope="col">Forslagsstiller</th>
            <th scope="col">Løsninger</th>
            <th scope="col" class="align-text-right">
              Anslået pris
            </th>
            <th scope="col">Status</th>
            <th scope="col">Seneste trin</th>
          </tr>
        </thead>
        <tbody>
          {p.proposals.length === 0 ? (
            <tr>
              <td colspan={String(p.showYear ? 8 : 7)} safe>
                {p.empty}
              </td>
            </tr>
          ) : (
            p.proposals.map((r) => (
              <tr data-forslag={String(r.number)}>
                <td safe>{String(r.number)}</td>
                <th scope="row">
                  <a href={proposalHref(r.number)} safe>
                    {r.title}
                  </a>
                </th>
                {p.showYear ? <td safe>{String(r.year)}</td> : ''}
                <td safe>{proposerName(r)}</td>
                <td safe>{r.solutions.map((s) => s.name).join(', ')}</td>
                <td class="align-text-right" safe>
                  {formatKroner(r.estimatedCostOre)}
                </td>
                <td>
                  <ProposalStatusBadge status={r.status} />
                </td>
                <td safe>{r.lastStepAt ? formatDate(r.lastStepAt) : formatDate(r.createdAt)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}
