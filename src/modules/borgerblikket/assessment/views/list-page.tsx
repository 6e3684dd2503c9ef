import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { Notice } from '../../../../platform/views/components.tsx';
import { formatDeadline, formatNumber } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import type { AssessmentListItem } from '../list-assessments.ts';
import { PROGRESS_STATE_DA } from '../load-progress.ts';

export type ListPageProps = { request: FastifyRequest; items: AssessmentListItem[]; canCreate: boolean; ownCode: string | null; notice?: string | undefined };

/** The assessments: central staff see every one with the municipalities' progress; a municipality's users their own part, with the way to decide. */
export function AssessmentListPage(p: ListPageProps): JSX.Element {
  const title = 'Vurdering af KLE-numre med data om unge';
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs trail={[{ href: '/borgerblikket', label: 'Borgerblikket' }]} current="Vurdering" />
      <h1>{title}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p>
        Kommunerne får et udtræk af de KLE-numre, hvor deres sager har data om unge på 15–17 år, og markerer hvert nummer som klar til visning eller ikke klar. Et
        nummer, der ikke er klar, vises først for borgeren fra 18 år.
      </p>
      {p.canCreate ? (
        <p>
          <a href="/borgerblikket/vurdering/ny" class="button button-primary">
            Opret vurdering
          </a>
        </p>
      ) : (
        ''
      )}
      {p.items.length === 0 ? (
        <p>{p.ownCode ? 'Kommunen er ikke med i nogen vurdering.' : 'Der er ingen vurderinger endnu.'}</p>
      ) : (
        <ResponsiveTable>
          <table class="table">
            <caption class="sr-only">Vurderinger</caption>
            <thead>
              <tr>
                <th scope="col">Vurdering</th>
                <th scope="col">Opgave</th>
                <th scope="col">Frist</th>
                {p.ownCode ? <th scope="col">Kommunens status</th> : <th scope="col">Kommuner færdige</th>}
                <th scope="col" class="text-align-right">
                  Numre vurderet
                </th>
                <th scope="col" class="text-align-right">
                  Ikke klar
                </th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((a) => (
                <tr>
                  <td>
                    <a href={p.ownCode ? `/borgerblikket/vurdering/${a.id}/kommuner/${p.ownCode}` : `/borgerblikket/vurdering/${a.id}`} safe>
                      {a.title}
                    </a>
                  </td>
                  <td>
                    <a href={`/opgaver/${a.taskId}`} safe>
                      {a.taskCode}
                    </a>
                  </td>
                  <td safe>{formatDeadline(a.deadline)}</td>
                  <td safe>{a.ownState ? PROGRESS_STATE_DA[a.ownState] : `${formatNumber(a.done)} af ${formatNumber(a.municipalities)}`}</td>
                  <td class="text-align-right" safe>{`${formatNumber(a.decided)} af ${formatNumber(a.listed)}`}</td>
                  <td class="text-align-right" safe>{formatNumber(a.closed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
    </Layout>
  );
}
