import type { FastifyRequest } from 'fastify';
import { Checkbox } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, SelectField, TextField } from '../../../platform/views/components.tsx';
import { formatDayLong, formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { INTEGRATION_LABEL } from '../municipal/labels.ts';
import { integrationStates } from '../schema.ts';
import { ESDH_VENDOR_LABEL, type CountRow, type Overview, type OverviewRow } from './load-overview.ts';
import { ESDH_CHOICES, isFiltered, overviewQueryString, type OverviewFilter } from './overview-filter.ts';
import { archiveStateText, archiveText, esdhText, integrationText, readinessText, readyText, vendorInTestText } from './overview-text.ts';

export type OverviewPageProps = {
  request: FastifyRequest;
  overview: Overview;
  filter: OverviewFilter;
  /** What the date field said when it could not be read (shown back with the message). */
  typedDate?: string | undefined;
  dateError?: string | undefined;
  /** The links of the Aula landing page (rules, import), kept at the top. */
  links: { href: string; label: string }[];
  /** May create tasks: the selection and its action are shown only then. */
  canCreateTask: boolean;
};

function FilterForm(p: OverviewPageProps): JSX.Element {
  const f = p.filter;
  return (
    <form method="get" action="/aula" novalidate aria-labelledby="filtre">
      <h2 id="filtre">Vælg dato og filtre</h2>
      <TextField name="dato" label="Filer i risiko pr. dato" hint="Dato som dd.mm.åååå, fx 01.03.2027" value={p.typedDate ?? formatDeadline(f.day)} error={p.dateError} required />
      <fieldset class="form-group">
        <legend class="form-label">Vis kun kommuner, der</legend>
        <Checkbox name="ikkeKlar" id="filter-ikke-klar" label="ikke er klar (har ikke bekræftet parathed til slettereglerne)" checked={f.notReady} />
        <Checkbox name="ikkeITest" id="filter-ikke-i-test" label="har en leverandør, der ikke er med i testen (eller ukendt)" checked={f.vendorNotInTest} />
      </fieldset>
      <SelectField
        name="esdh"
        label="ESDH-system"
        value={f.esdh ?? ''}
        emptyLabel="Alle"
        options={ESDH_CHOICES.map((s) => ({ value: s, label: ESDH_VENDOR_LABEL[s] }))}
      />
      <SelectField name="integration" label="Integrationens status" value={f.integration ?? ''} emptyLabel="Alle" options={integrationStates.map((s) => ({ value: s, label: INTEGRATION_LABEL[s] }))} />
      <SelectField name="region" label="Region" value={f.region ?? ''} emptyLabel="Alle" options={p.overview.regions.map((r) => ({ value: r, label: r }))} />
      <button type="submit" class="button button-primary">
        Vis
      </button>{' '}
      <a href="/aula" class="button button-secondary">
        Nulstil
      </a>
    </form>
  );
}

function CountTable(p: { caption: string; head: string; rows: CountRow[] }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {p.head}
            </th>
            <th scope="col" class="align-text-right">
              Kommuner
            </th>
            <th scope="col" class="align-text-right">
              Klar til sletteregler
            </th>
            <th scope="col" class="align-text-right">
              Filer i risiko
            </th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-count={r.key}>
              <th scope="row" safe>
                {r.label}
              </th>
              <td class="align-text-right" safe>{formatNumber(r.municipalities)}</td>
              <td class="align-text-right" safe>{formatNumber(r.ready)}</td>
              <td class="align-text-right" safe>{formatNumber(r.atRisk)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function Row(p: { r: OverviewRow; select: boolean }): JSX.Element {
  const { r } = p;
  return (
    <tr data-kommune={r.code}>
      {p.select ? (
        <td>
          <div class="form-group-checkbox">
            <input type="checkbox" class="form-checkbox" id={`vaelg-${r.code}`} name="kommuner" value={r.code} />
            <label for={`vaelg-${r.code}`} class="form-label">
              <span class="sr-only" safe>{`Vælg ${r.name}`}</span>
            </label>
          </div>
        </td>
      ) : (
        ''
      )}
      <th scope="row">
        <a href={`/aula/kommuner/${r.code}`} safe>
          {r.name}
        </a>
      </th>
      <td safe>{r.region}</td>
      <td safe>{esdhText(r)}</td>
      <td>{vendorInTestText(r)}</td>
      <td safe>{integrationText(r)}</td>
      <td safe>{archiveText(r)}</td>
      <td safe>{archiveStateText(r)}</td>
      <td safe>{`${readinessText(r)}, ${readyText(r).toLowerCase()}`}</td>
      <td class="align-text-right" safe>{formatNumber(r.deletion.atRisk)}</td>
    </tr>
  );
}

function MunicipalityTable(p: OverviewPageProps): JSX.Element {
  const { overview: o } = p;
  const select = p.canCreateTask;
  const table = (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{`Kommunerne (${o.rows.length} af ${o.total}), sorteret efter navn`}</caption>
        <thead>
          <tr>
            {select ? (
              <th scope="col">
                <span class="sr-only">Vælg</span>
              </th>
            ) : (
              ''
            )}
            <th scope="col">Kommune</th>
            <th scope="col">Region</th>
            <th scope="col">ESDH-system</th>
            <th scope="col">Leverandør i testen</th>
            <th scope="col">Integration</th>
            <th scope="col">Arkiv</th>
            <th scope="col">Aflevering</th>
            <th scope="col">Parathed</th>
            <th scope="col" class="align-text-right" safe>{`I risiko ${formatDeadline(o.day)}`}</th>
          </tr>
        </thead>
        <tbody>
          {o.rows.length === 0 ? (
            <tr>
              <td colspan={select ? '10' : '9'}>Ingen kommuner passer til filtrene.</td>
            </tr>
          ) : (
            o.rows.map((r) => <Row r={r} select={select} />)
          )}
        </tbody>
      </table>
    </ResponsiveTable>
  );
  if (!select || o.rows.length === 0) return table;
  return (
    <form method="post" action="/aula/opgave/ny" novalidate aria-labelledby="kommunerne">
      <CsrfField token={p.request.csrfToken} />
      <input type="hidden" name="filtre" value={overviewQueryString(p.filter)} />
      {o.rows.map((r) => (
        <input type="hidden" name="viste" value={r.code} />
      ))}
      {table}
      <Checkbox name="alleViste" id="vaelg-alle-viste" label={`Vælg alle viste kommuner (${o.rows.length})`} checked={false} />
      <button type="submit" class="button button-primary">
        Opret KLIK-opgave til de valgte kommuners systemansvarlige for Aula
      </button>
    </form>
  );
}

/** Central staff's overview of the 98: registration, readiness and files at risk, filtered, counted and exported. */
export function OverviewPage(p: OverviewPageProps): JSX.Element {
  const o = p.overview;
  const scope = isFiltered(p.filter) ? `de ${o.rows.length} viste kommuner` : `alle ${o.total} kommuner`;
  return (
    <Layout title="Aula: overblik over kommunerne" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aula">
      <h1>Aula: sikre filer, sletning og journalisering</h1>
      <ErrorSummary errors={p.dateError ? { dato: p.dateError } : {}} labels={{ dato: 'Dato' }} />
      <ul>
        {p.links.map((l) => (
          <li>
            <a href={l.href} safe>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
      <p class="font-lead" safe>
        {`Kommunernes ESDH-system og integration, arkivering og parathed, og hvor mange sikre filer der ${formatDayLong(o.day)} har passeret sletningsfristen uden at være journaliseret i en kategori, kommunen journaliserer.`}
      </p>
      <FilterForm {...p} />
      <h2 id="optaelling">Optælling</h2>
      <p safe>{`Tallene gælder ${scope}; filer i risiko pr. ${formatDeadline(o.day)}.`}</p>
      <CountTable caption={`Efter ESDH-system og leverandør (${scope})`} head="ESDH-system" rows={o.byEsdh} />
      <CountTable caption={`Efter region (${scope})`} head="Region" rows={o.byRegion} />
      <h2 id="kommunerne">Kommunerne</h2>
      <p>
        <a href={`/aula/oversigt.xlsx?${overviewQueryString(p.filter)}`} safe>{`Hent de viste kommuner som regneark (XLSX, ${o.rows.length} rækker)`}</a>
      </p>
      {p.canCreateTask ? <p>Vælg kommuner i tabellen, eller alle viste, og opret en KLIK-opgave til deres systemansvarlige for Aula.</p> : ''}
      <MunicipalityTable {...p} />
    </Layout>
  );
}
