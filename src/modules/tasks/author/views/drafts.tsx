import type { FastifyRequest } from 'fastify';
import type { TaskSummary } from '../queries.ts';
import { Page, SubNav } from './shared.tsx';
import { formatDateTime, formatDeadline } from '../../../../platform/views/format.ts';

export function DraftsPage(p: { request: FastifyRequest; drafts: TaskSummary[]; canAuthor: boolean }): JSX.Element {
  return (
    <Page request={p.request} title="Kladder">
      <h1>Kladder</h1>
      <p class="font-lead">Opgaver, der endnu ikke er annonceret eller publiceret. Kommunerne kan ikke se dem.</p>
      <SubNav canAuthor={p.canAuthor} central />
      <table class="table table--zebra">
        <caption safe>{`Kladder (${p.drafts.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Kode</th>
            <th scope="col">Titel</th>
            <th scope="col">Projekt</th>
            <th scope="col">Frist</th>
            <th scope="col" class="align-text-right">
              Kommuner
            </th>
            <th scope="col" class="align-text-right">
              Trin
            </th>
            <th scope="col">Senest ændret</th>
          </tr>
        </thead>
        <tbody>
          {p.drafts.length === 0 ? (
            <tr>
              <td colspan="7">Der er ingen kladder.</td>
            </tr>
          ) : (
            p.drafts.map((d) => (
              <tr>
                <td>
                  <a href={`/opgaver/${d.id}/rediger`} safe>
                    {d.code}
                  </a>
                </td>
                <td safe>{d.title}</td>
                <td safe>{d.projectName ?? '–'}</td>
                <td safe>{formatDeadline(d.deadline)}</td>
                <td class="align-text-right" safe>
                  {String(d.targetCount)}
                </td>
                <td class="align-text-right" safe>
                  {String(d.stepCount)}
                </td>
                <td safe>{formatDateTime(d.updatedAt)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Page>
  );
}
