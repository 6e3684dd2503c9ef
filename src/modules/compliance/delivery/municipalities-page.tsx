import type { FastifyRequest } from 'fastify';
import { Notice, noticeFor } from '../../../platform/views/components.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import { isMissing, type MunicipalityRow } from './delivery-queries.ts';

export const DELIVERY_NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  'allerede-offentliggjort': { kind: 'info', text: 'Pakken var allerede offentliggjort. Der er ikke sendt nye mails.' },
};

function published(rows: MunicipalityRow[]): { kind: 'success'; text: string } {
  const without = rows.filter((r) => r.recipients.length === 0).length;
  const n = formatNumber(rows.length);
  return {
    kind: 'success',
    text:
      `Pakken er offentliggjort og leveret til ${n} kommuner. Modtagerne har fået en mail.` +
      (without > 0 ? ` Programlederne i de ${formatNumber(without)} kommuner uden modtager er bedt om at registrere en.` : ''),
  };
}

const openedText = (r: MunicipalityRow): string => (r.firstOpenedAt ? formatDate(r.firstOpenedAt) : 'Ikke åbnet');
const lastAccessText = (r: MunicipalityRow): string => (r.lastAccessAt ? formatDateTime(r.lastAccessAt) : '–');
const acknowledgedText = (r: MunicipalityRow): string =>
  r.acknowledgedAt ? `${formatDate(r.acknowledgedAt)}${r.acknowledgedBy ? ` af ${r.acknowledgedBy.name}` : ''}` : 'Ikke kvitteret';

function Recipients(p: { row: MunicipalityRow }): JSX.Element {
  if (p.row.recipients.length === 0) return <strong class="samspil-vacant">Ingen modtager</strong>;
  return (
    <ul class="nobullet-list">
      {p.row.recipients.map((r) => (
        <li safe>{r.name}</li>
      ))}
    </ul>
  );
}

/** GET /compliance/pakker/:id/kommuner – every municipality the package was delivered to (central staff). */
export function MunicipalitiesPage(p: { request: FastifyRequest; pkg: PackageRow; rows: MunicipalityRow[]; missingOnly: boolean; besked: string | undefined; canPublish: boolean }): JSX.Element {
  const { pkg } = p;
  const base = `/compliance/pakker/${pkg.id}`;
  const missing = p.rows.filter(isMissing);
  const shown = p.missingOnly ? missing : p.rows;
  const notice = p.besked === 'offentliggjort' ? published(p.rows) : p.besked ? noticeFor(DELIVERY_NOTICES, p.besked) : undefined;
  return (
    <Layout title={`Kommunerne – ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <h1 safe>{pkg.title}</h1>
      <PackageNav pkg={pkg} actor={p.request.actor!} current="kommuner" />
      <h2>Kommunerne</h2>
      {notice ? <Notice kind={notice.kind} text={notice.text} /> : ''}
      {pkg.status === 'draft' ? (
        <>
          <p>Pakken er ikke offentliggjort endnu. Når den offentliggøres, leveres den til alle kommuner, der bruger løsningen, og deres modtagere får en mail.</p>
          {p.canPublish ? (
            <a href={`${base}/offentliggoer`} class="button button-primary">
              Offentliggør pakken
            </a>
          ) : (
            ''
          )}
        </>
      ) : (
        <>
          <nav aria-label="Vis kommuner" class="samspil-actions">
            <a href={`${base}/kommuner`} aria-current={p.missingOnly ? undefined : 'page'} safe>
              {`Alle (${formatNumber(p.rows.length)})`}
            </a>
            <a href={`${base}/kommuner?vis=mangler`} aria-current={p.missingOnly ? 'page' : undefined} safe>
              {`Mangler modtager eller kvittering (${formatNumber(missing.length)})`}
            </a>
          </nav>
          <ResponsiveTable>
            <table class="table table--compact table--zebra" id="kommuner">
              <caption class="sr-only">
                {p.missingOnly ? 'Kommuner uden modtager eller uden kvittering, i alfabetisk rækkefølge' : 'Kommunerne pakken er leveret til, i alfabetisk rækkefølge'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Kommune</th>
                  <th scope="col">Modtagere</th>
                  <th scope="col">Åbnet</th>
                  <th scope="col">Kvitteret</th>
                  <th scope="col">Seneste adgang</th>
                  <th scope="col">Svar på risici</th>
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 ? (
                  <tr>
                    <td colspan="6">Alle kommuner har modtagere og har kvitteret.</td>
                  </tr>
                ) : (
                  shown.map((r) => (
                    <tr data-kommune={r.municipalityCode}>
                      <th scope="row">
                        <a href={`${base}/kommuner/${r.municipalityCode}`} safe>
                          {r.municipalityName}
                        </a>
                      </th>
                      <td>
                        <Recipients row={r} />
                      </td>
                      <td safe>{openedText(r)}</td>
                      <td safe>{acknowledgedText(r)}</td>
                      <td safe>{lastAccessText(r)}</td>
                      <td safe>{formatNumber(r.responses)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </ResponsiveTable>
        </>
      )}
    </Layout>
  );
}
