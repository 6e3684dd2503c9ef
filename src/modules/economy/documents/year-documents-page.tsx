import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { StatusBadge } from '../../../platform/views/badge.tsx';
import { ErrorSummary, Notice } from '../../../platform/views/components.tsx';
import { formatDateTimeLong, formatKroner, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { economyDocumentKinds, type EconomyDocumentKind } from '../schema.ts';
import { documentPath, documentTitle, KIND_PURPOSE, signed } from './content.ts';

import type { KindStatus, YearCell, YearDocuments } from './year-documents.ts';

export const publishPath = (year: number, kind: EconomyDocumentKind) => `/oekonomi/dokumenter/${year}/${kind}/offentliggoer`;

function cellText(kind: EconomyDocumentKind, cell: YearCell): string {
  const amount = kind === 'aarsopgoerelse' ? signed(formatKroner(cell.totalOre), cell.totalOre) : formatKroner(cell.totalOre);
  return cell.draft ? `${amount} (udkast)` : amount;
}

function KindSection(p: { year: number; status: KindStatus; previewCode: string | null; canPublish: boolean; municipalities: number }): JSX.Element {
  const { status: s, year } = p;
  const title = documentTitle(s.kind, year);
  return (
    <section aria-labelledby={`status-${s.kind}`} class="mb-6">
      <h3 id={`status-${s.kind}`}>
        <span safe>{title}</span>{' '}
        {s.publication ? <StatusBadge label="Offentliggjort" variant="success" /> : <StatusBadge label="Ikke offentliggjort" variant={null} />}
      </h3>
      <p safe>{KIND_PURPOSE[s.kind]}</p>
      {s.publication ? (
        <p safe>
          {`Offentliggjort ${formatDateTimeLong(s.publication.publishedAt)}${s.publication.publishedBy ? ` af ${s.publication.publishedBy}` : ''}. ` +
            `${formatNumber(s.opened)} af ${formatNumber(p.municipalities)} kommuner har åbnet dokumentet.`}
        </p>
      ) : (
        <p>Ikke offentliggjort. Kommunerne kan ikke se dokumentet endnu.</p>
      )}
      {s.totalOre !== null ? (
        <p safe>{`${s.kind === 'aarsopgoerelse' ? 'Regulering' : 'I alt'} for alle kommuner${s.publication ? '' : ' (udkast)'}: ${formatKroner(s.totalOre)}`}</p>
      ) : (
        ''
      )}
      {s.problems.length > 0 ? (
        <div class="alert alert-warning" role="status">
          <div class="alert-body">
            <p class="alert-heading">Kan ikke offentliggøres endnu</p>
            <ul class="alert-text">
              {s.problems.map((x) => (
                <li safe>{x}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : (
        ''
      )}
      <div class="samspil-actions">
        {p.previewCode && s.totalOre !== null ? (
          <a href={documentPath(p.previewCode, year, s.kind)} class="function-link">
            {s.publication ? `Se ${title.toLowerCase()} for en kommune` : `Se udkastet for en kommune`}
          </a>
        ) : (
          ''
        )}
        {!s.publication && p.canPublish && s.problems.length === 0 && s.totalOre !== null ? (
          <a href={publishPath(year, s.kind)} class="button button-primary" safe>
            {`Offentliggør ${title.toLowerCase()}`}
          </a>
        ) : (
          ''
        )}
      </div>
    </section>
  );
}

/** GET /oekonomi/dokumenter/:year – the three documents of a year, their status and every municipality's totals. */
export function YearDocumentsPage(p: { request: FastifyRequest; view: YearDocuments; canPublish: boolean; notice?: string | undefined; errors?: FieldErrors }): JSX.Element {
  const { view } = p;
  const year = view.year;
  const first = view.rows[0]?.code ?? null;
  const invoices = view.kinds.find((k) => k.kind === 'faktura')!;
  return (
    <Layout title={`Dokumenter ${year} – Økonomi`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <Breadcrumbs trail={[{ href: '/oekonomi', label: 'Økonomi' }]} current={`Dokumenter ${year}`} />
      <h1 safe>{`Årets dokumenter ${year}`}</h1>
      <ErrorSummary errors={p.errors ?? {}} labels={{ aar: 'Offentliggørelse', kind: 'Dokument' }} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p class="font-lead">
        Hver kommune får tre dokumenter om året: fakturaen, budgetvejledningen for året og årsopgørelsen efter året. Når et dokument offentliggøres,
        fastfryses det for alle kommuner, og kommunens IT- og digitaliseringschef og økonomikontakt får en mail med et link.
      </p>
      <h2>Status</h2>
      <>
        {view.kinds.map((s) => (
          <KindSection year={year} status={s} previewCode={first} canPublish={p.canPublish} municipalities={view.rows.length} />
        ))}
      </>
      {invoices.totalOre !== null ? (
        <p>
          <a href={`/oekonomi/dokumenter/${year}/fakturaer.zip`} class="function-link" safe>
            {`Hent alle fakturaer som PDF (ZIP)${invoices.publication ? '' : ' – udkast'}`}
          </a>
        </p>
      ) : (
        ''
      )}
      <h2>Kommunerne</h2>
      <ResponsiveTable>
        <table class="table table--compact" id="kommuner">
          <caption safe>{`Hver kommunes dokumenter for ${year}: beløb i alt (årsopgørelsen: regulering)`}</caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              {economyDocumentKinds.map((k) => (
                <th scope="col" class="align-text-right" safe>
                  {documentTitle(k, year)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr>
                <th scope="row" safe>
                  {r.name}
                </th>
                {economyDocumentKinds.map((k) => {
                  const cell = r.cells[k];
                  return (
                    <td class="align-text-right">
                      {cell ? (
                        <a href={documentPath(r.code, year, k)}>
                          <span class="sr-only" safe>{`${documentTitle(k, year)}, ${r.name}: `}</span>
                          <span safe>{cellText(k, cell)}</span>
                        </a>
                      ) : (
                        '–'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
    </Layout>
  );
}
