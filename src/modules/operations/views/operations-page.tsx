import type { FastifyRequest } from 'fastify';
import { StatusBadge } from '../../../platform/views/badge.tsx';
import { Notice, TextField } from '../../../platform/views/components.tsx';
import { danishCompare, formatDateTime, formatDeadline, formatDecimal, formatMonth, formatMonthNumeric, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { MEASURE_STATE_DA, RCA_STATE_DA } from '../inputs.ts';
import { INCIDENTS_SHOWN, type Operations, type SlaRow } from '../load-operations.ts';
import { measureStates, rcaStates } from '../schema.ts';
import { IncidentsTable } from './incidents-table.tsx';
import { SlaChart } from './sla-chart.tsx';

const withUnit = (n: number, unit: string) => (unit === '%' ? `${formatDecimal(n)} %` : `${formatDecimal(n)} ${unit}`);

/** A cell of the month-by-solution table: the value and, in words, whether it met its target. */
function SlaCell(p: { row: SlaRow | undefined }): JSX.Element {
  const r = p.row;
  if (!r) return <td>–</td>;
  if (r.achieved === null) return <td data-met="">Ikke opgjort</td>;
  return (
    <td data-met={r.met ? 'ja' : 'nej'}>
      <span safe>{withUnit(r.achieved, r.unit)}</span>
      <br />
      <StatusBadge label={r.met ? 'Opfyldt' : 'Ikke opfyldt'} variant={r.met ? 'success' : 'error'} />
    </td>
  );
}

function SlaTable(p: { ops: Operations }): JSX.Element {
  const lines = new Map<string, { name: string; measure: string; target: string; cells: Map<string, SlaRow> }>();
  for (const r of p.ops.sla) {
    const key = `${r.solutionKey}\u0000${r.measure}`;
    const line = lines.get(key) ?? { name: r.solutionName, measure: r.measure, target: `${r.higherIsBetter ? 'mindst' : 'højst'} ${withUnit(r.target, r.unit)}`, cells: new Map() };
    line.cells.set(r.month, r);
    lines.set(key, line);
  }
  const months = p.ops.months.filter((m) => p.ops.sla.some((r) => r.month === m));
  if (lines.size === 0) return <p>Der er ingen SLA-tal i perioden.</p>;
  const sorted = [...lines.values()].sort((a, b) => danishCompare(a.name, b.name) || danishCompare(a.measure, b.measure));
  return (
    <ResponsiveTable>
      <table class="table table--compact" data-sla-table>
        <caption class="sr-only">SLA pr. løsning og måned: opnået værdi, og om målet blev opfyldt</caption>
        <thead>
          <tr>
            <th scope="col">Løsning</th>
            <th scope="col">Mål</th>
            {months.map((m) => (
              <th scope="col" safe>
                {formatMonth(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((line) => (
            <tr>
              <th scope="row" safe>
                {line.name}
              </th>
              <td safe>{`${line.measure}: ${line.target}`}</td>
              {months.map((m) => (
                <SlaCell row={line.cells.get(m)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function Summary(p: { ops: Operations }): JSX.Element {
  const s = p.ops.summary;
  return (
    <ul data-summary>
      <li data-summary-sla>
        {s.latestMonth === null ? (
          'Der er ingen opgjorte SLA-tal i perioden.'
        ) : (
          <span safe>{`${formatMonth(s.latestMonth)}: SLA-målene opfyldt for ${formatNumber(s.solutionsMet)} af ${formatNumber(s.solutionsReported)} løsninger.`}</span>
        )}
      </li>
      <li data-summary-rca safe>{`RCA-opfølgningspunkter: ${formatNumber(s.rcaTotal)} i alt, ${formatNumber(s.rcaOpen)} udestår (${formatNumber(s.rcaByState.aaben)} åbne, ${formatNumber(s.rcaByState.i_gang)} i gang).`}</li>
      <li data-summary-measures safe>{`Tiltag: ${measureStates.map((st) => `${MEASURE_STATE_DA[st].toLowerCase()} ${formatNumber(s.measuresByState[st])}`).join(', ')}.`}</li>
    </ul>
  );
}

function Incidents(p: { ops: Operations }): JSX.Element {
  const ops = p.ops;
  if (ops.incidents.length === 0) return <p>Der er ingen driftshændelser i perioden.</p>;
  return (
    <>
      {ops.incidentsTotal > INCIDENTS_SHOWN ? <p safe>{`Viser de ${formatNumber(INCIDENTS_SHOWN)} nyeste af ${formatNumber(ops.incidentsTotal)} hændelser. Vælg en kortere periode for at se de øvrige.`}</p> : ''}
      <IncidentsTable
        rows={ops.incidents}
        caption="Driftshændelser, nyeste først"
        marker="data-incidents"
        withDescription
        resolved={(i) => <>{i.resolvedAt ? formatDateTime(i.resolvedAt) : 'Ikke løst'}</>}
      />
    </>
  );
}

function RcaGroups(p: { ops: Operations }): JSX.Element {
  if (p.ops.rcaItems.length === 0) return <p>Der er ingen RCA-opfølgningspunkter.</p>;
  return (
    <>
      {rcaStates.map((state) => {
        const items = p.ops.rcaItems.filter((r) => r.state === state);
        return (
          <section aria-labelledby={`rca-${state}`} data-rca-state={state}>
            <h3 id={`rca-${state}`} class="h4" safe>{`${RCA_STATE_DA[state]} (${formatNumber(items.length)})`}</h3>
            {items.length === 0 ? (
              <p>Ingen.</p>
            ) : (
              <ResponsiveTable>
                <table class="table table--compact">
                  <caption class="sr-only" safe>{`RCA-opfølgningspunkter: ${RCA_STATE_DA[state].toLowerCase()}`}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Opfølgningspunkt</th>
                      <th scope="col">Løsning</th>
                      <th scope="col">Ejer</th>
                      <th scope="col">{state === 'lukket' ? 'Lukket' : 'Frist'}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((r) => (
                      <tr data-rca-item>
                        <td safe>{r.title}</td>
                        <td safe>{r.solutionName ?? '–'}</td>
                        <td safe>{r.owner}</td>
                        <td safe>{state === 'lukket' ? (r.closedOn ? formatDeadline(r.closedOn) : '–') : r.dueOn ? formatDeadline(r.dueOn) : 'Ingen frist'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ResponsiveTable>
            )}
          </section>
        );
      })}
    </>
  );
}

function Measures(p: { ops: Operations }): JSX.Element {
  if (p.ops.measures.length === 0) return <p>Der er ingen tiltag.</p>;
  return (
    <ResponsiveTable>
      <table class="table table--compact" data-measures>
        <caption class="sr-only">Tiltag med ejer, tilstand og slutmåned</caption>
        <thead>
          <tr>
            <th scope="col">Tiltag</th>
            <th scope="col">Ejer</th>
            <th scope="col">Tilstand</th>
            <th scope="col">Afsluttes</th>
          </tr>
        </thead>
        <tbody>
          {p.ops.measures.map((m) => (
            <tr>
              <td>
                <span safe>{m.title}</span>
                {m.description ? <span class="form-hint d-block" safe>{m.description}</span> : ''}
              </td>
              <td safe>{m.owner}</td>
              <td safe>{MEASURE_STATE_DA[m.state]}</td>
              <td>{m.endMonth ? formatMonth(m.endMonth) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

export type OperationsPageProps = {
  request: FastifyRequest;
  ops: Operations;
  canEdit: boolean;
  /** What the reader typed in the range form, shown again with its error. */
  typed: { fra: string; til: string };
  rangeError?: string | undefined;
};

/** Operations stability: the summary, SLA over the months (chart, table), incidents, RCA items and measures. */
export function OperationsPage(p: OperationsPageProps): JSX.Element {
  const ops = p.ops;
  return (
    <Layout title="Drift" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="programmer">
      <h1>Drift</h1>
      <p>Driftsstabiliteten af de fælleskommunale løsninger: SLA-mål og hvad der blev opnået, driftshændelser, opfølgning på RCA (årsagsanalyser) og tiltag.</p>
      {p.rangeError ? <Notice kind="warning" text={p.rangeError} /> : ''}
      {p.canEdit ? (
        <nav aria-label="Registrér driftsoplysninger">
          <ul class="nobullet-list">
            <li>
              <a href="/drift/sla">Registrér SLA for en løsning og måned</a>
            </li>
            <li>
              <a href="/drift/haendelser">Registrér og afslut driftshændelser</a>
            </li>
            <li>
              <a href="/drift/rca">RCA-opfølgningspunkter</a>
            </li>
            <li>
              <a href="/drift/tiltag">Tiltag</a>
            </li>
          </ul>
        </nav>
      ) : (
        ''
      )}
      <form method="get" action="/drift" class="mb-6" novalidate>
        <fieldset>
          <legend class="h4">Periode</legend>
          <TextField name="fra" label="Fra måned" hint="mm.åååå, fx 01.2025" value={p.typed.fra || formatMonthNumeric(ops.from)} required />
          <TextField name="til" label="Til måned" hint="mm.åååå, højst 36 måneder" value={p.typed.til || formatMonthNumeric(ops.to)} required />
          <button type="submit" class="button button-secondary">
            Vis perioden
          </button>
        </fieldset>
      </form>

      <h2>Status</h2>
      <Summary ops={ops} />

      <h2>SLA over månederne</h2>
      <SlaChart tally={ops.tally} />
      <h3>SLA pr. løsning og måned</h3>
      <SlaTable ops={ops} />

      <h2>Driftshændelser</h2>
      <Incidents ops={ops} />

      <h2>Opfølgning på RCA</h2>
      <RcaGroups ops={ops} />

      <h2>Tiltag</h2>
      <Measures ops={ops} />
    </Layout>
  );
}
