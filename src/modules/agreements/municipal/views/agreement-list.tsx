import type { FastifyRequest } from 'fastify';
import { danishCompare } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { TYPE_LABELS } from '../../labels.ts';
import { type MunicipalAgreementRow, mustSign } from '../../signing/signature-queries.ts';
import { StatusBadge, deadlineText } from './shared.tsx';

function AgreementTable(p: { rows: MunicipalAgreementRow[]; caption: string }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--zebra">
        <caption safe>{`${p.caption} (${p.rows.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Aftale</th>
            <th scope="col">Type</th>
            <th scope="col">Frist</th>
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
              </td>
              <td safe>{TYPE_LABELS[r.type]}</td>
              <td safe>{deadlineText(r.deadline)}</td>
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

const byDeadlineThenTitle = (a: MunicipalAgreementRow, b: MunicipalAgreementRow) =>
  (a.deadline ?? '9999') < (b.deadline ?? '9999') ? -1 : (a.deadline ?? '9999') > (b.deadline ?? '9999') ? 1 : danishCompare(a.title, b.title);

export function MunicipalAgreementListPage(p: { request: FastifyRequest; rows: MunicipalAgreementRow[] }): JSX.Element {
  const toSign = p.rows.filter(mustSign).sort(byDeadlineThenTitle);
  const others = p.rows.filter((r) => !mustSign(r)).sort(byDeadlineThenTitle);
  const name = p.request.actor?.municipalityName ?? '';
  return (
    <Layout title="Aftaler" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aftaler">
      <h1>Aftaler</h1>
      <p class="font-lead" safe>
        {`Aftaler fra KOMBIT til ${name} Kommune: databehandleraftaler, tilslutningsaftaler, samarbejdsaftaler og K98-aftalen.`}
      </p>
      <h2>Skal underskrives</h2>
      {toSign.length === 0 ? <p>Kommunen mangler ikke at underskrive nogen aftaler.</p> : <AgreementTable rows={toSign} caption="Aftaler, kommunen skal underskrive" />}
      <h2>Øvrige aftaler</h2>
      {others.length === 0 ? <p>Der er ingen andre aftaler.</p> : <AgreementTable rows={others} caption="Underskrevne, erstattede og lukkede aftaler" />}
    </Layout>
  );
}
