import type { FastifyRequest } from 'fastify';
import { isCentral } from '../../../platform/context.ts';
import { formatDateLong, formatDateTime, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import type { MunicipalityResponse } from '../responses/load-responses.ts';
import type { RiskResponse } from '../schema.ts';
import { MAX_RECIPIENTS } from './delivery-queries.ts';
import type { MunicipalityDeliveryView } from './municipality-delivery.ts';

const KIND_LABELS = { view: 'Visning', download: 'Download' } as const;
export const RESPONSE_LABELS: Record<RiskResponse, string> = {
  accepted: 'Accepteret',
  'own-measures': 'Egne foranstaltninger',
  'not-relevant': 'Ikke relevant for kommunen',
};

function AccessLog(p: { log: MunicipalityDeliveryView['log'] }): JSX.Element {
  const { total, entries } = p.log;
  if (total === 0) return <p>Ingen har åbnet eller hentet pakken endnu.</p>;
  return (
    <>
      <p safe>
        {total > entries.length
          ? `Viser de seneste ${formatNumber(entries.length)} af ${formatNumber(total)} adgange.`
          : `${formatNumber(total)} ${total === 1 ? 'adgang' : 'adgange'}, nyeste først.`}
      </p>
      <ResponsiveTable>
        <table class="table table--compact table--zebra" id="adgangslog">
          <caption class="sr-only">Adgange til pakken, nyeste først</caption>
          <thead>
            <tr>
              <th scope="col">Tidspunkt</th>
              <th scope="col">Hvem</th>
              <th scope="col">Handling</th>
              <th scope="col">Fil</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr data-adgang={e.kind}>
                <td safe>{formatDateTime(e.at)}</td>
                <td safe>{e.name}</td>
                <td>{KIND_LABELS[e.kind]}</td>
                <td safe>{e.file || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
    </>
  );
}

function Responses(p: { responses: MunicipalityResponse[] }): JSX.Element {
  if (p.responses.length === 0) return <p>Kommunen har ikke svaret på nogen af pakkens risici endnu.</p>;
  return (
    <ResponsiveTable>
      <table class="table table--compact table--zebra" id="svar">
        <caption class="sr-only">Kommunens svar på pakkens risici</caption>
        <thead>
          <tr>
            <th scope="col">Risiko</th>
            <th scope="col">Svar</th>
            <th scope="col">Egne foranstaltninger</th>
            <th scope="col">Senest ændret</th>
          </tr>
        </thead>
        <tbody>
          {p.responses.map((r) => (
            <tr>
              <th scope="row" safe>
                {r.riskRef}
              </th>
              <td safe>{r.response === 'not-relevant' && r.reason ? `${RESPONSE_LABELS[r.response]}: ${r.reason}` : RESPONSE_LABELS[r.response]}</td>
              <td safe>{formatNumber(r.measures.length)}</td>
              <td safe>{`${formatDateTime(r.updatedAt)}${r.updatedByName ? ` af ${r.updatedByName}` : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** GET /compliance/pakker/:id/kommuner/:code – one municipality's recipients, delivery, access log and risk responses. */
export function MunicipalityDeliveryPage(p: { request: FastifyRequest; pkg: PackageRow; view: MunicipalityDeliveryView }): JSX.Element {
  const { pkg, view } = p;
  const { target, recipients } = view;
  const actor = p.request.actor!;
  const central = isCentral(actor);
  const code = target.municipalityCode;
  const gallery = `/kommuner/${code}#rollegalleri`;
  const opened: string = target.firstOpenedAt ? `Første gang ${formatDateLong(target.firstOpenedAt)}` : 'Ikke åbnet endnu';
  const acknowledged: string = target.acknowledgedAt
    ? `${formatDateLong(target.acknowledgedAt)}${target.acknowledgedBy ? ` af ${target.acknowledgedBy.name}` : ''}`
    : 'Ikke kvitteret endnu';
  return (
    <Layout title={`${target.municipalityName} Kommune – ${pkg.title}`} actor={actor} csrfToken={p.request.csrfToken} nav="compliance">
      {central ? (
        <p>
          <a href={`/compliance/pakker/${pkg.id}/kommuner`} class="function-link">
            Alle kommuner
          </a>
        </p>
      ) : (
        ''
      )}
      <h1 safe>{pkg.title}</h1>
      <PackageNav pkg={pkg} actor={actor} current={central ? 'kommuner' : 'kommune'} />
      <h2 safe>{`${target.municipalityName} Kommune`}</h2>

      <section aria-labelledby="modtagere">
        <h3 id="modtagere" safe>{`Modtagere: ${recipients.length} af ${MAX_RECIPIENTS}`}</h3>
        {recipients.length === 0 ? (
          <p>
            <strong class="samspil-vacant">Ingen modtager.</strong> Ingen i kommunen kan åbne pakken, før der er registreret en compliancepakke-modtager.
          </p>
        ) : (
          <ul id="modtager-liste">
            {recipients.map((r) => (
              <li safe>{`${r.name} (${r.email})`}</li>
            ))}
          </ul>
        )}
        {recipients.length < MAX_RECIPIENTS ? (
          <p>
            <a href={gallery} class="function-link">
              Registrér modtagere i kommunens rollegalleri
            </a>{' '}
            (rollen Compliancepakke-modtager, højst to).
          </p>
        ) : (
          <p>
            <a href={gallery} class="function-link">
              Kommunens rollegalleri
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="levering">
        <h3 id="levering">Levering</h3>
        <dl class="samspil-details">
          <dt>Leveret</dt>
          <dd safe>{formatDateLong(target.deliveredAt)}</dd>
          <dt>Åbnet</dt>
          <dd id="aabnet" safe>
            {opened}
          </dd>
          <dt>Kvitteret</dt>
          <dd id="kvitteret" safe>
            {acknowledged}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="adgang">
        <h3 id="adgang">Adgangslog</h3>
        <p>Hver visning og download af pakken logges. Loggen kan ses af kommunen og KOMBIT.</p>
        <AccessLog log={view.log} />
      </section>

      <section aria-labelledby="risikosvar">
        <h3 id="risikosvar">Svar på risici</h3>
        <Responses responses={view.responses} />
      </section>
    </Layout>
  );
}
