import type { FastifyRequest } from 'fastify';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { TASK_STATUS_DA } from '../../status.ts';
import { type MunicipalityTasks, Pager, StatusCell, dateTime } from './shared.tsx';
import { formatDeadline } from '../../../../platform/views/format.ts';

export function MunicipalityTasksPage(p: {
  request: FastifyRequest;
  municipality: { code: string; name: string };
  data: MunicipalityTasks;
  page: number;
  missingOnly: boolean;
}) {
  const m = p.municipality;
  const base = `/kommuner/${m.code}/opgaver`;
  const s = p.data.summary;
  return (
    <Layout title={`Opgaver – ${m.name}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="kommuner">
      <p>
        <a href={`/kommuner/${m.code}`} class="function-link" safe>
          {`${m.name} Kommunes rollegalleri`}
        </a>
      </p>
      <h1 safe>{`${m.name} Kommune – opgaver`}</h1>
      <p class="font-lead" id="opsummering" safe>
        {`${s.open} åbne opgaver, heraf mangler kommunen ${s.missing}` +
          `${s.overdue > 0 ? `, og ${s.overdue} er forsinket` : ''}. I alt ${s.all} opgaver er sendt til kommunen.`}
      </p>
      <div class="samspil-actions">
        {p.missingOnly ? (
          <a href={base} class="button button-secondary">
            Vis alle opgaver
          </a>
        ) : (
          <a href={`${base}?mangler=1`} class="button button-secondary">
            Vis kun åbne opgaver, kommunen mangler
          </a>
        )}
      </div>
      <ResponsiveTable>
        <table class="table table--zebra table--compact" id="opgaver">
          <caption class="sr-only" safe>{`Opgaver sendt til ${m.name} Kommune`}</caption>
          <thead>
            <tr>
              <th scope="col">Opgave</th>
              <th scope="col">Opgavens status</th>
              <th scope="col">Frist</th>
              <th scope="col">Kommunens status</th>
              <th scope="col">Ansvarlig</th>
              <th scope="col">Seneste aktivitet</th>
            </tr>
          </thead>
          <tbody>
            {p.data.tasks.length === 0 ? (
              <tr>
                <td colspan="6">{p.missingOnly ? 'Kommunen mangler ingen åbne opgaver.' : 'Der er ikke sendt opgaver til kommunen.'}</td>
              </tr>
            ) : (
              p.data.tasks.map((t) => (
                <tr data-opgave={t.id}>
                  <td>
                    <a href={`/opgaver/${t.id}/kommuner/${m.code}`} safe>
                      {t.code}
                    </a>
                    <br />
                    <span safe>{t.title}</span>
                    <br />
                    <a href={`/opgaver/${t.id}/overblik`} class="function-link">
                      Alle kommuner
                    </a>
                  </td>
                  <td>{TASK_STATUS_DA[t.taskStatus]}</td>
                  <td safe>{formatDeadline(t.deadline)}</td>
                  <td>
                    <StatusCell status={t.status} overdue={t.overdue} />
                  </td>
                  <td>
                    {t.responsible ? (
                      <>
                        <span safe>{t.responsible.name}</span>
                        <br />
                        <span safe>{[t.responsible.phone, t.responsible.email].filter(Boolean).join(' · ')}</span>
                      </>
                    ) : (
                      <span class="text-muted">Ikke angivet</span>
                    )}
                  </td>
                  <td safe>{dateTime(t.lastActivityAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </ResponsiveTable>
      <Pager base={base} params={{ mangler: p.missingOnly ? '1' : null }} page={p.page} total={p.data.total} />
    </Layout>
  );
}
