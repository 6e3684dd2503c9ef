import type { FastifyRequest } from 'fastify';
import { Notice } from '../../../platform/views/components.tsx';
import { danishList, formatDate, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import { ownMeasuresSentence, type ResponseAggregate, type RiskAggregate } from './aggregate-queries.ts';

const residualText = (r: RiskAggregate) =>
  r.ownResidualLevels.length === 0 ? 'Ingen' : r.ownResidualLevels.map((l) => `${l.level.label}: ${formatNumber(l.count)}`).join(', ');

/** The risks most municipalities act on first, each with the municipalities by name: the sentences central staff quote. */
function Highlights({ a }: { a: ResponseAggregate }): JSX.Element {
  const acted = a.risks.filter((r) => r.ownMeasures > 0).sort((x, y) => y.ownMeasures - x.ownMeasures);
  if (acted.length === 0) return <p>Ingen kommuner har tilføjet egne foranstaltninger endnu.</p>;
  return (
    <ul>
      {acted.map((r) => (
        <li>
          <a href={`#risiko-${r.ref}`} safe>
            {ownMeasuresSentence(r.ownMeasures, r.ref)}
          </a>
          <span safe>{`: ${danishList(r.ownMeasuresMunicipalities.map((m) => m.name))}`}</span>
        </li>
      ))}
    </ul>
  );
}

function PerRisk({ a }: { a: ResponseAggregate }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--zebra table--compact">
        <caption safe>{`Svar pr. risiko fra de ${formatNumber(a.delivered)} kommuner, pakken er leveret til`}</caption>
        <thead>
          <tr>
            <th scope="col">Risiko</th>
            <th scope="col">KOMBITs restrisiko</th>
            <th scope="col" class="align-text-right">
              Accepteret
            </th>
            <th scope="col" class="align-text-right">
              Egne foranstaltninger
            </th>
            <th scope="col" class="align-text-right">
              Ikke relevant
            </th>
            <th scope="col" class="align-text-right">
              Intet svar
            </th>
            <th scope="col">Kommunernes egne restrisici</th>
          </tr>
        </thead>
        <tbody>
          {a.risks.map((r) => (
            <tr id={`risiko-${r.ref}`} data-risiko={r.ref}>
              <th scope="row">
                <span safe>{`${r.ref}: ${r.threat}`}</span>
              </th>
              <td safe>{r.residualLevel.label}</td>
              <td class="align-text-right" safe>{formatNumber(r.accepted)}</td>
              <td class="align-text-right" safe>{formatNumber(r.ownMeasures)}</td>
              <td class="align-text-right" safe>{formatNumber(r.notRelevant)}</td>
              <td class="align-text-right" safe>{formatNumber(r.noResponse)}</td>
              <td safe>{residualText(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function PerMunicipality({ a, pkg, risks }: { a: ResponseAggregate; pkg: PackageRow; risks: number }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--zebra table--compact">
        <caption>Svar pr. kommune</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col" class="align-text-right">
              Besvarede risici
            </th>
            <th scope="col" class="align-text-right">
              Accepteret
            </th>
            <th scope="col" class="align-text-right">
              Egne foranstaltninger (risici)
            </th>
            <th scope="col" class="align-text-right">
              Ikke relevant
            </th>
            <th scope="col" class="align-text-right">
              Egne foranstaltninger i alt
            </th>
            <th scope="col">Åbnet</th>
            <th scope="col">Kvitteret</th>
          </tr>
        </thead>
        <tbody>
          {a.municipalities.map((m) => (
            <tr data-kommune={m.code}>
              <th scope="row">
                <a href={`/compliance/pakker/${pkg.id}/kommuner/${m.code}`} safe>
                  {m.name}
                </a>
              </th>
              <td class="align-text-right" safe>{`${formatNumber(m.answered)} af ${formatNumber(risks)}`}</td>
              <td class="align-text-right" safe>{formatNumber(m.accepted)}</td>
              <td class="align-text-right" safe>{formatNumber(m.ownMeasures)}</td>
              <td class="align-text-right" safe>{formatNumber(m.notRelevant)}</td>
              <td class="align-text-right" safe>{formatNumber(m.measures)}</td>
              <td>{m.firstOpenedAt ? formatDate(m.firstOpenedAt) : 'Ikke åbnet'}</td>
              <td>{m.acknowledgedAt ? formatDate(m.acknowledgedAt) : 'Ikke kvitteret'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** Central staff: how the municipalities responded to a package's risks, per risk and per municipality. */
export function AggregatePage(p: { request: FastifyRequest; pkg: PackageRow; aggregate: ResponseAggregate }): JSX.Element {
  const { pkg, aggregate: a } = p;
  const responding = a.municipalities.filter((m) => m.answered > 0).length;
  return (
    <Layout title={`Kommunernes svar – ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <h1 safe>{pkg.title}</h1>
      <PackageNav pkg={pkg} actor={p.request.actor!} current="svar" />
      <h2>Kommunernes svar på risiciene</h2>
      {pkg.status !== 'published' ? (
        <Notice kind="info" text="Pakken er ikke offentliggjort. Kommunerne kan svare på risiciene, når den er leveret til dem." />
      ) : (
        <>
          <p class="font-lead" safe>
            {`Pakken er leveret til ${formatNumber(a.delivered)} ${a.delivered === 1 ? 'kommune' : 'kommuner'}. ${formatNumber(responding)} har svaret på mindst én af de ${formatNumber(a.risks.length)} risici.`}
          </p>
          <h3>Egne foranstaltninger</h3>
          <Highlights a={a} />
          <h3>Pr. risiko</h3>
          <PerRisk a={a} />
          <h3>Pr. kommune</h3>
          <PerMunicipality a={a} pkg={pkg} risks={a.risks.length} />
        </>
      )}
    </Layout>
  );
}
