import type { FastifyRequest } from 'fastify';
import { Notice } from '../../../platform/views/components.tsx';
import { StatusBadge } from '../../../platform/views/badge.tsx';
import { formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { Choices } from '../choices.ts';
import { ROLE_LABELS } from './supplier-input.ts';
import type { SupplierRow } from './supplier-queries.ts';
import { transferWarning } from './supplier-tree.ts';

export const SUPPLIER_NOTICES: Record<string, string> = {
  oprettet: 'Leverandøren er oprettet. Tilføj den til de pakker, hvor den behandler data.',
  rettet: 'Leverandøren er rettet. Kladderne viser rettelsen; offentliggjorte pakker viser leverandøren, som den var, da de blev sendt.',
  uaendret: 'Intet var ændret.',
};

/** The master data: every supplier any package can list, for central staff. */
export function SupplierListPage(p: { request: FastifyRequest; suppliers: SupplierRow[]; choices: Choices; canAuthor: boolean; notice?: string | undefined }): JSX.Element {
  return (
    <Layout title="Leverandører" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <h1>Leverandører</h1>
      <p class="font-lead">
        Databehandlere og underdatabehandlere i løsningerne. Stamdata rettes ét sted og bruges i alle compliancepakker, der nævner leverandøren.
      </p>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {p.canAuthor ? (
        <p>
          <a href="/compliance/leverandoerer/ny" class="button button-primary">
            Opret leverandør
          </a>
        </p>
      ) : (
        ''
      )}
      <ResponsiveTable>
        <table class="table table--zebra">
          <caption safe>{`${formatNumber(p.suppliers.length)} leverandører i alfabetisk orden`}</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">CVR-nummer</th>
              <th scope="col">Rolle</th>
              <th scope="col">Hvor data behandles</th>
              <th scope="col">Overførselsgrundlag</th>
              <th scope="col" class="align-text-right">
                Pakker
              </th>
            </tr>
          </thead>
          <tbody>
            {p.suppliers.length === 0 ? (
              <tr>
                <td colspan="6">Der er ingen leverandører endnu.</td>
              </tr>
            ) : (
              p.suppliers.map((s) => {
                const warning = transferWarning({ transferBasis: s.transferBasisKey, locations: s.locations });
                const basis: string = s.transferBasisKey ? p.choices.label('transfer-basis', s.transferBasisKey) : 'Ikke valgt';
                return (
                  <tr data-leverandoer={s.id}>
                    <th scope="row">
                      {p.canAuthor ? (
                        <a href={`/compliance/leverandoerer/${s.id}`} safe>
                          {s.name}
                        </a>
                      ) : (
                        <span safe>{s.name}</span>
                      )}
                    </th>
                    <td safe>{s.cvr || 'Intet dansk CVR-nummer'}</td>
                    <td>
                      <span safe>{ROLE_LABELS[s.role]}</span>
                      {s.parentName ? (
                        <>
                          <br />
                          <span safe>{`Underdatabehandler for ${s.parentName}`}</span>
                        </>
                      ) : (
                        ''
                      )}
                    </td>
                    <td safe>{s.locations || 'Ikke oplyst'}</td>
                    <td>
                      <span safe>{basis}</span>
                      {warning ? (
                        <>
                          {' '}
                          <StatusBadge label={warning} variant="warning" />
                        </>
                      ) : (
                        ''
                      )}
                    </td>
                    <td class="align-text-right" safe>{formatNumber(s.packages)}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </ResponsiveTable>
    </Layout>
  );
}
