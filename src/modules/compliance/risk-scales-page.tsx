import type { FastifyRequest } from 'fastify';
import { Notice } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../platform/views/table.tsx';
import { FILL, INK } from './risk-colours.ts';
import type { RiskAxisLevel, RiskScale } from './risk-scales.ts';

const HEAD_W = 150;
const CELL_W = 140;
const CELL_H = 56;
const FOOT_H = 56;

/** The matrix as the deck draws it: consequence rows from the most serious at the top, likelihood columns. */
function MatrixSvg({ scale }: { scale: RiskScale }): JSX.Element {
  const rows = [...scale.consequences].reverse();
  const width = HEAD_W + CELL_W * scale.likelihoods.length;
  const height = CELL_H * rows.length + FOOT_H;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={String(width)}
      height={String(height)}
      role="img"
      aria-labelledby={`matrix-svg-${scale.key}`}
      class="samspil-risk-matrix"
    >
      <title id={`matrix-svg-${scale.key}`} safe>{`Risikomatrix for ${scale.name}. Samme indhold står i tabellen.`}</title>
      {rows.map((c, r) =>
        scale.likelihoods.map((l, col) => {
          const level = scale.matrix[c.value - 1]![l.value - 1]!;
          const x = HEAD_W + col * CELL_W;
          const y = r * CELL_H;
          return (
            <g data-consequence={String(c.value)} data-likelihood={String(l.value)}>
              <rect x={String(x)} y={String(y)} width={String(CELL_W)} height={String(CELL_H)} fill={FILL[level.colour]} stroke="#ffffff" stroke-width="2" />
              <text x={String(x + CELL_W / 2)} y={String(y + CELL_H / 2 + 5)} text-anchor="middle" font-size="15" font-weight="600" fill={INK} safe>
                {level.label}
              </text>
            </g>
          );
        }),
      )}
      {rows.map((c, r) => (
        <text x={String(HEAD_W - 8)} y={String(r * CELL_H + CELL_H / 2 + 5)} text-anchor="end" font-size="14" fill={INK} safe>
          {`${c.value} ${c.label}`}
        </text>
      ))}
      {scale.likelihoods.map((l, col) => (
        <text x={String(HEAD_W + col * CELL_W + CELL_W / 2)} y={String(rows.length * CELL_H + 22)} text-anchor="middle" font-size="14" fill={INK} safe>
          {`${l.value} ${l.label}`}
        </text>
      ))}
      <text x="14" y={String((rows.length * CELL_H) / 2)} transform={`rotate(-90 14 ${(rows.length * CELL_H) / 2})`} text-anchor="middle" font-size="14" font-weight="600" fill={INK}>
        Konsekvens →
      </text>
      <text x={String(HEAD_W + (CELL_W * scale.likelihoods.length) / 2)} y={String(rows.length * CELL_H + 46)} text-anchor="middle" font-size="14" font-weight="600" fill={INK}>
        Sandsynlighed →
      </text>
    </svg>
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
