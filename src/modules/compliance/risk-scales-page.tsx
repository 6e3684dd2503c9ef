import type { FastifyRequest } from 'fastify';
import { Notice } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../platform/views/table.tsx';
import { FILL, INK } from './risk-colours.ts';
import { type MatrixLayout, RiskMatrixSvg } from './risk-matrix-svg.tsx';
import type { RiskAxisLevel, RiskScale } from './risk-scales.ts';


const LAYOUT: MatrixLayout = { headW: 150, cellW: 140, cellH: 56, footH: 56, rowLabelSize: 14, colLabelSize: 14, colLabelDy: 22, axisTitleSize: 14, axisTitleDy: 46 };

/** The matrix with each cell's level. */
function MatrixSvg({ scale }: { scale: RiskScale }): JSX.Element {
  const id = `matrix-svg-${scale.key}`;
  return (
    <RiskMatrixSvg
      scale={scale}
      layout={LAYOUT}
      labelledBy={id}
      head={<title id={id} safe>{`Risikomatrix for ${scale.name}. Samme indhold står i tabellen.`}</title>}
      cell={(c, l, x, y) => {
        const level = scale.matrix[c.value - 1]![l.value - 1]!;
        return (
          <g data-consequence={String(c.value)} data-likelihood={String(l.value)}>
            <rect x={String(x)} y={String(y)} width={String(LAYOUT.cellW)} height={String(LAYOUT.cellH)} fill={FILL[level.colour]} stroke="#ffffff" stroke-width="2" />
            <text x={String(x + LAYOUT.cellW / 2)} y={String(y + LAYOUT.cellH / 2 + 5)} text-anchor="middle" font-size="15" font-weight="600" fill={INK} safe>
              {level.label}
            </text>
          </g>
        );
      }}
    />
  );
}

function MatrixTable({ scale }: { scale: RiskScale }): JSX.Element {
  const rows = [...scale.consequences].reverse();
  return (
    <ResponsiveTable>
      <table class="table table--compact risk-matrix-table">
        <caption safe>{`Risikoniveau efter konsekvens (rækker) og sandsynlighed (kolonner) – ${scale.name}`}</caption>
        <thead>
          <tr>
            <th scope="col">Konsekvens \ sandsynlighed</th>
            {scale.likelihoods.map((l) => (
              <th scope="col" safe>{`${l.value} ${l.label}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr>
              <th scope="row" safe>{`${c.value} ${c.label}`}</th>
              {scale.likelihoods.map((l) => (
                <td safe>{scale.matrix[c.value - 1]![l.value - 1]!.label}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function Definitions({ caption, levels }: { caption: string; levels: RiskAxisLevel[] }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--zebra table--compact">
        <caption safe>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Værdi</th>
            <th scope="col">Betegnelse</th>
            <th scope="col">Definition</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => (
            <tr>
              <td safe>{String(l.value)}</td>
              <th scope="row" safe>{l.label}</th>
              <td safe>{l.definition}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

export function RiskScalesPage(p: { request: FastifyRequest; scales: RiskScale[]; canCreate: boolean; created: boolean }): JSX.Element {
  return (
    <Layout title="Risikoskalaer" actor={p.request.actor} csrfToken={p.request.csrfToken}>
      <h1>Risikoskalaer</h1>
      <p class="font-lead">
        Skalaerne, som risici i compliancepakkerne vurderes efter. Risikoniveauet aflæses i matricen ud fra konsekvens og sandsynlighed; det
        beregnes ikke.
      </p>
      {p.created ? <Notice kind="success" text="Risikoskalaen er oprettet." /> : ''}
      {p.canCreate ? (
        <p>
          <a href="/compliance/risikoskalaer/ny" class="button button-secondary">
            Ny risikoskala
          </a>
        </p>
      ) : (
        ''
      )}
      <>{p.scales.map((s) => (
        <section aria-labelledby={`skala-${s.key}`}>
          <h2 id={`skala-${s.key}`} safe>{s.name}</h2>
          {s.description ? <p safe>{s.description}</p> : ''}
          <h3>Risikomatrix</h3>
          <MatrixSvg scale={s} />
          <MatrixTable scale={s} />
          <h3>Definitioner</h3>
          <Definitions caption="Sandsynlighed" levels={s.likelihoods} />
          <Definitions caption="Konsekvens for de registrerede" levels={s.consequences} />
        </section>
      ))}</>
    </Layout>
  );
}
