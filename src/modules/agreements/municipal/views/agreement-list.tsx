import type { FastifyRequest } from 'fastify';
import { danishCompare } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { DueMarker } from '../../due-marker.tsx';
import { TYPE_LABELS } from '../../labels.ts';
import { type MunicipalAgreementRow, mustSign } from '../../signing/signature-queries.ts';
import { StatusBadge, deadlineText } from './shared.tsx';

/** "Programleder for Aula: Anne Hansen (dig), Bo Jensen", or who is missing in the role gallery. */
function Signers(p: { row: MunicipalAgreementRow; me: string | null }): JSX.Element {
  const s = p.row.signers;
  if (!s.roleLabel) return <span class="text-muted">Ikke angivet</span>;
  const role = s.solutionName ? `${s.roleLabel} for ${s.solutionName}` : s.roleLabel;
  return (
    <>
      <span safe>{role}</span>
      <br />
      {s.people.length === 0 ? (
        <span class="text-muted">Ingen i rollegalleriet</span>
      ) : (
        <span safe>{s.people.map((x) => (x.personId === p.me ? `${x.name} (dig)` : x.name)).join(', ')}</span>
      )}
    </>
  );
}

function AgreementTable(p: { rows: MunicipalAgreementRow[]; caption: string; today: string; me: string | null; due: boolean }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--zebra">
        <caption safe>{`${p.caption} (${p.rows.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Aftale</th>
            <th scope="col">Frist</th>
            <th scope="col">Underskrives af</th>
            <th scope="col">Kommunens status</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-aftale={r.id}>
              <td>
                <a href={`/aftaler/${r.id}`} safe>
                  {r.title}
                </a>
                {r.status === 'closed' ? (
                  <>
                    {' '}
                    <span class="badge">Lukket</span>
                  </>
                ) : (
                  ''
                )}
                <br />
                <span class="text-muted" safe>
                  {TYPE_LABELS[r.type]}
                </span>
              </td>
              <td>
                <span safe>{deadlineText(r.deadline)}</span>
                {p.due && r.deadline ? (
                  <>
                    <br />
                    <DueMarker deadline={r.deadline} today={p.today} />
                  </>
                ) : (
                  ''
                )}
              </td>
              <td>
                <Signers row={r} me={p.me} />
              </td>
              <td>
                <StatusBadge own={r.own} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** Nearest deadline first (overdue ones on top), agreements without a deadline last. */
const byDeadlineThenTitle = (a: MunicipalAgreementRow, b: MunicipalAgreementRow) =>
  (a.deadline ?? '9999') < (b.deadline ?? '9999') ? -1 : (a.deadline ?? '9999') > (b.deadline ?? '9999') ? 1 : danishCompare(a.title, b.title);

export function MunicipalAgreementListPage(p: { request: FastifyRequest; rows: MunicipalAgreementRow[]; today: string }): JSX.Element {
  const toSign = p.rows.filter(mustSign).sort(byDeadlineThenTitle);
  const others = p.rows.filter((r) => !mustSign(r)).sort(byDeadlineThenTitle);
  const name = p.request.actor?.municipalityName ?? '';
  const me = p.request.actor?.personId ?? null;
  return (
    <Layout title="Aftaler" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aftaler">
      <h1>Aftaler</h1>
      <p class="font-lead" safe>
        {`Aftaler fra KOMBIT til ${name} Kommune: databehandleraftaler, tilslutningsaftaler, samarbejdsaftaler og K98-aftalen.`}
      </p>
      <h2>Skal underskrives</h2>
      {toSign.length === 0 ? (
        <p>Kommunen mangler ikke at underskrive nogen aftaler.</p>
      ) : (
        <AgreementTable rows={toSign} caption="Aftaler, kommunen skal underskrive, nærmeste frist først" today={p.today} me={me} due />
      )}
      <h2>Øvrige aftaler</h2>
      {others.length === 0 ? (
        <p>Der er ingen andre aftaler.</p>
      ) : (
        <AgreementTable rows={others} caption="Underskrevne, erstattede og lukkede aftaler" today={p.today} me={me} due={false} />
      )}
    </Layout>
  );
}
