import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { formatDateTime, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { MunicipalityCounts } from './load-municipalities.ts';

/** Central staff's list of the 98: topics opened, closed for 15–17-year-olds, own entries and the last change. */
export function MunicipalitiesPage(p: { request: FastifyRequest; rows: MunicipalityCounts[]; topics: number }): JSX.Element {
  const title = 'Kommunernes KLE-opsætning';
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs trail={[{ href: '/borgerblikket', label: 'Borgerblikket' }]} current={title} />
      <h1>{title}</h1>
      <p safe>{`Tallene gælder KLE-planens ${formatNumber(p.topics)} emner i kraft (udgåede numre tælles ikke), med det, kommunen har sat på emnet, gruppen eller hovedgruppen.`}</p>
      <ResponsiveTable>
        <table class="table table--compact">
          <caption safe>{`${p.rows.length} kommuner, sorteret efter navn`}</caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col" class="align-text-right">
                Emner åbnet
              </th>
              <th scope="col" class="align-text-right">
                Heraf lukket for 15–17-årige
              </th>
              <th scope="col" class="align-text-right">
                Egne indstillinger
              </th>
              <th scope="col">Seneste ændring</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr data-kommune={r.code}>
                <th scope="row">
                  <a href={`/borgerblikket/kommuner/${r.code}`} safe>
                    {r.name}
                  </a>
                </th>
                <td class="align-text-right" safe>{formatNumber(r.opened)}</td>
                <td class="align-text-right" safe>{formatNumber(r.closedForYouth)}</td>
                <td class="align-text-right" safe>{formatNumber(r.entries)}</td>
                <td>{r.lastChange ? <span safe>{`${formatDateTime(r.lastChange)}, ${r.lastChangeBy ?? ''}`}</span> : 'Ingen ændringer i Samspil'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
    </Layout>
  );
}
