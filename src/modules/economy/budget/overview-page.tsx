import type { FastifyRequest } from 'fastify';
import { Notice } from '../../../platform/views/components.tsx';
import { formatKroner, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { STAGE_WORD } from './budget-sums.ts';
import { OverviewChart } from './overview-chart.tsx';
import { type CheckResult, solutionCheck, yearCheck } from './overview-check.ts';
import { Crumbs, YearNav } from './year-nav.tsx';
import type { YearOverview } from './year-overview.ts';

const BADGE: Record<CheckResult['status'], string> = { ok: 'badge badge-success', afviger: 'badge badge-warning', ukendt: 'badge' };

function Check(p: { check: CheckResult }): JSX.Element {
  return (
    <span class={BADGE[p.check.status]} data-check={p.check.status} safe>
      {p.check.text}
    </span>
  );
}

function SolutionTable(p: { o: YearOverview }): JSX.Element {
  const { o } = p;
  return (
    <ResponsiveTable>
      <table class="table table--compact" data-table="loesninger">
        <caption safe>{`Budget og kommunernes andele ${o.year} pr. løsning`}</caption>
        <thead>
          <tr>
            <th scope="col">Løsning</th>
            <th scope="col" class="align-text-right">
              Budget
            </th>
            <th scope="col" class="align-text-right">
              Fordelt på kommunerne
            </th>
            <th scope="col" class="align-text-right">
              Forskel
            </th>
            <th scope="col">Kontrol</th>
          </tr>
        </thead>
        <tbody>
          {o.solutions.map((s) => (
            <tr data-loesning={s.solutionKey}>
              <th scope="row" safe>
                {s.solutionName}
              </th>
              <td class="align-text-right">
                {s.budgetStage ? <span safe>{`${formatKroner(s.budgetOre)} (${STAGE_WORD[s.budgetStage]})`}</span> : 'Intet budget'}
              </td>
              <td class="align-text-right" safe>
                {s.allocatedOre === null ? '–' : formatKroner(s.allocatedOre)}
              </td>
              <td class="align-text-right" safe>
                {s.differenceOre === null ? '–' : formatKroner(s.differenceOre)}
              </td>
              <td>
                <Check check={solutionCheck(s)} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-loesning="i-alt">
            <th scope="row">I alt</th>
            <td class="align-text-right" safe>
              {formatKroner(o.total.budgetOre)}
            </td>
            <td class="align-text-right" safe>
              {o.total.allocatedOre === null ? '–' : formatKroner(o.total.allocatedOre)}
            </td>
            <td class="align-text-right" safe>
              {o.total.differenceOre === null ? '–' : formatKroner(o.total.differenceOre)}
            </td>
            <td>
              <Check check={yearCheck(o)} />
            </td>
          </tr>
        </tfoot>
      </table>
    </ResponsiveTable>
  );
}

function MunicipalityTable(p: { o: YearOverview }): JSX.Element {
  const { o } = p;
  const population = o.municipalities.reduce((sum, m) => sum + m.population, 0);
  return (
    <ResponsiveTable>
      <table class="table table--compact" data-table="kommuner">
        <caption safe>{`Kommunernes andele ${o.year} i alt, med befolkningstal fra ${o.populationPeriod ?? ''}`}</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col" class="align-text-right">
              Indbyggere
            </th>
            <th scope="col" class="align-text-right">
              I alt
            </th>
          </tr>
        </thead>
        <tbody>
          {o.municipalities.map((m) => (
            <tr data-kommune={m.code}>
              <th scope="row">
                <a href={`/oekonomi/kommuner/${m.code}/${o.year}/faktura`} safe>
                  {m.name}
                </a>
              </th>
              <td class="align-text-right" safe>
                {formatNumber(m.population)}
              </td>
              <td class="align-text-right" safe>
                {formatKroner(m.totalOre)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" safe>{`I alt (${o.municipalities.length} kommuner)`}</th>
            <td class="align-text-right" safe>
              {formatNumber(population)}
            </td>
            <td class="align-text-right" safe>
              {formatKroner(o.total.allocatedOre ?? 0)}
            </td>
          </tr>
        </tfoot>
      </table>
    </ResponsiveTable>
  );
}

/** The year at a glance: budget against the municipalities' shares per solution, drawn and in a table, and each municipality's total. */
export function OverviewPage(p: { request: FastifyRequest; overview: YearOverview }): JSX.Element {
  const o = p.overview;
  const title = `Årsoversigt ${o.year}`;
  const check = yearCheck(o);
  return (
    <Layout title={`${title} – Økonomi`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <Crumbs trail={[]} current={title} />
      <h1 safe>{title}</h1>
      <YearNav year={o.year} current="aar" />
      <p class="font-lead">
        Hver løsnings budget (det samlede, ellers det foreløbige) mod det, årets priser fordeler på de 98 kommuner. Andelene skal tilsammen give
        budgettet til øren.
      </p>
      {o.allocationError ? (
        <>
          <Notice kind="warning" text={`Fordelingen på kommunerne kan ikke beregnes: ${o.allocationError}`} />
          <p>
            <a href="/oekonomi/befolkning" class="function-link">
              Gå til befolkningstal
            </a>
          </p>
        </>
      ) : (
        <div data-year-check={check.status}>
          <Notice kind={check.status === 'ok' ? 'success' : 'warning'} text={`Året under ét: ${check.text}.`} />
        </div>
      )}
      <p class="samspil-actions">
        <a href={`/oekonomi/aar/${o.year}/oversigt.xlsx`} class="function-link" safe>{`Hent årsoversigt ${o.year} som regneark (XLSX)`}</a>
      </p>

      <h2>Pr. løsning</h2>
      {/* The drawing above its table: beside it, the table's five columns would not fit even a wide screen. */}
      <div class="row">
        <div class="col-12 col-lg-10 col-xl-8">
          <OverviewChart year={o.year} solutions={o.solutions} />
        </div>
      </div>
      <SolutionTable o={o} />

      <h2>Pr. kommune</h2>
      {o.allocationError ? (
        <p>Kommunernes andele vises, når der er valgt befolkningstal for året.</p>
      ) : (
        <>
          <p>Hver kommunes andel af alle løsninger. Fordelingen pr. løsning står i regnearket og på kommunens faktura.</p>
          <MunicipalityTable o={o} />
        </>
      )}
    </Layout>
  );
}
