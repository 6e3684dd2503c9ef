import type { FastifyRequest } from 'fastify';
import { Notice, SelectField } from '../../../platform/views/components.tsx';
import { formatKroner, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { AllocationView, MunicipalityAllocation } from './load-allocation.ts';

export type AllocationPageProps = {
  request: FastifyRequest;
  year: number;
  /** Every solution, for the filter. */
  solutionChoices: { key: string; name: string }[];
  chosen: string | undefined;
  /** The allocation, or why there is none (the year has no population). */
  allocation: AllocationView | { missing: string };
};

const municipalityLink = (year: number, code: string) => `/oekonomi/fordeling/${year}/kommuner/${code}`;

function Filter(p: AllocationPageProps): JSX.Element {
  return (
    <form method="get" action={`/oekonomi/fordeling/${p.year}`} class="samspil-actions">
      <SelectField
        name="loesning"
        label="Løsning"
        value={p.chosen ?? ''}
        emptyLabel="Alle løsninger"
        options={p.solutionChoices.map((s) => ({ value: s.key, label: s.name }))}
      />
      <button type="submit" class="button button-secondary">
        Vis
      </button>
    </form>
  );
}

function SolutionTotals(p: { a: AllocationView }): JSX.Element {
  const { a } = p;
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{`I alt pr. løsning ${a.year}`}</caption>
        <thead>
          <tr>
            <th scope="col">Løsning</th>
            <th scope="col" class="align-text-right">
              I alt
            </th>
          </tr>
        </thead>
        <tbody>
          {a.solutions.map((s) => (
            <tr>
              <th scope="row">
                <a href={`/oekonomi/fordeling/${a.year}?loesning=${encodeURIComponent(s.key)}`} safe>
                  {s.name}
                </a>
              </th>
              <td class="align-text-right" safe>
                {formatKroner(s.totalOre)}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">I alt</th>
            <td class="align-text-right">
              <strong safe>{formatKroner(a.totalOre)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** One municipality's lines: "Infrastruktur: 150.000 indbyggere × 25,00 kr. + … = 10.213.737,50 kr.", or the solution sums. */
function Calculation(p: { m: MunicipalityAllocation; perLine: boolean }): JSX.Element {
  if (!p.perLine || p.m.lines.length === 0) return <span safe>{p.m.calculation}</span>;
  return (
    <ul class="nobullet-list">
      {p.m.lines.map((l) => (
        <li safe>{p.m.lines.length === 1 ? l.calculation : `${l.model}: ${l.calculation} = ${formatKroner(l.amountOre)}`}</li>
      ))}
    </ul>
  );
}

function Municipalities(p: { a: AllocationView }): JSX.Element {
  const { a } = p;
  const what = a.solution ? a.solution.name : 'alle løsninger';
  return (
    <ResponsiveTable>
      <table class="table table--compact table--zebra">
        <caption safe>{`Fordeling pr. kommune ${a.year}, ${what}`}</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col" class="align-text-right">
              Indbyggere
            </th>
            <th scope="col">Beregning</th>
            <th scope="col" class="align-text-right">
              Beløb
            </th>
          </tr>
        </thead>
        <tbody>
          {a.municipalities.map((m) => (
            <tr id={`kommune-${m.code}`}>
              <th scope="row">
                <a href={municipalityLink(a.year, m.code)} safe>
                  {m.name}
                </a>
              </th>
              <td class="align-text-right" safe>
                {formatNumber(m.population)}
              </td>
              <td>
                <Calculation m={m} perLine={a.solution !== null} />
              </td>
              <td class="align-text-right" safe>
                {formatKroner(m.amountOre)}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">I alt</th>
            <td class="align-text-right" safe>
              {formatNumber(a.municipalities.reduce((s, m) => s + m.population, 0))}
            </td>
            <td></td>
            <td class="align-text-right">
              <strong safe>{formatKroner(a.totalOre)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** The year's prices applied to the 98 municipalities: totals per solution, and each municipality's share with its calculation. */
export function AllocationPage(p: AllocationPageProps): JSX.Element {
  const a = 'missing' in p.allocation ? null : p.allocation;
  const heading = a?.solution ? `Fordeling ${p.year}: ${a.solution.name}` : `Fordeling på kommuner ${p.year}`;
  return (
    <Layout title={`${heading} – Økonomi`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <h1 safe>{heading}</h1>
      <p class="font-lead">
        Årets priser regnet ud for hver kommune. Et samlet beløb fordeles, så kommunernes andele tilsammen giver beløbet på øret.
      </p>
      <ul class="samspil-inline-list nobullet-list">
        <li>
          <a href={`/oekonomi/priser/${p.year}`} class="function-link" safe>{`Priser ${p.year}`}</a>
        </li>
        <li>
          <a href={`/oekonomi/fordeling/${p.year - 1}`} class="function-link" safe>{`Fordeling ${p.year - 1}`}</a>
        </li>
        <li>
          <a href={`/oekonomi/fordeling/${p.year + 1}`} class="function-link" safe>{`Fordeling ${p.year + 1}`}</a>
        </li>
      </ul>
      <Filter {...p} />
      {a ? (
        <>
          <p safe>{`Befolkningstal fra ${a.populationPeriod}.`}</p>
          <h2>I alt pr. løsning</h2>
          {a.solutions.length === 0 ? <p safe>{`Der er ingen priser for ${p.year}.`}</p> : <SolutionTotals a={a} />}
          <h2>Pr. kommune</h2>
          <Municipalities a={a} />
        </>
      ) : (
        <>
          <Notice kind="warning" text={'missing' in p.allocation ? p.allocation.missing : ''} />
          <p>
            <a href="/oekonomi/befolkning">Vælg befolkningstal for året</a>
          </p>
        </>
      )}
    </Layout>
  );
}
