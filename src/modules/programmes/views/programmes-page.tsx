import type { FastifyRequest } from 'fastify';
import { byDanishName, formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ProgrammeRow } from '../load-programmes.ts';
import { ProgrammeStatusBadge } from './status-badge.tsx';

const nextText = (r: ProgrammeRow): string => (r.nextMilestone ? `${r.nextMilestone.title}, ${formatDeadline(r.nextMilestone.startsOn)}` : '–');

/** Every programme: its solution, current status, responsible person and next milestone. */
export function ProgrammesPage(p: { request: FastifyRequest; programmes: ProgrammeRow[] }): JSX.Element {
  const rows = [...p.programmes].sort(byDanishName);
  return (
    <Layout title="Programmer" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="programmer">
      <h1>Programmer</h1>
      <p>Status, milepæle og nøgletal for KOMBITs programmer. Vælg et program for at se historikken.</p>
      <p>
        <a href="/drift" class="function-link">
          Driftsstabilitet: SLA, hændelser, RCA-opfølgning og tiltag
        </a>
      </p>
      {rows.length === 0 ? (
        <p>Der er ingen programmer endnu.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact">
            <caption class="sr-only">Programmer</caption>
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Løsning</th>
                <th scope="col">Status</th>
                <th scope="col">Ansvarlig</th>
                <th scope="col">Næste milepæl</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-programme={r.key}>
                  <td>
                    <a href={`/programmer/${r.key}`} safe>
                      {r.name}
                    </a>
                  </td>
                  <td safe>{r.solutionName ?? '–'}</td>
                  <td>
                    <ProgrammeStatusBadge status={r.status?.status ?? null} />
                    {r.status ? <span class="form-hint" safe>{` pr. ${formatDeadline(r.status.statusOn)}`}</span> : ''}
                  </td>
                  <td safe>{r.responsible?.name ?? '–'}</td>
                  <td safe>{nextText(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
    </Layout>
  );
}
