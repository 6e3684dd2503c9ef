import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ContentRisk } from '../content.ts';
import { FILL, INK } from '../risk-colours.ts';
import { type MatrixLayout, RiskMatrixSvg } from '../risk-matrix-svg.tsx';
import { riskLevel, type RiskScale } from '../risk-scales.ts';
import { compareRefs } from './labels.ts';

type Kind = 'inherent' | 'residual';

const TITLE: Record<Kind, string> = {
  inherent: 'Risiko før foranstaltninger',
  residual: 'Restrisiko efter foranstaltninger',
};

const LAYOUT: MatrixLayout = { headW: 140, cellW: 120, cellH: 64, footH: 64, rowLabelSize: 13, colLabelSize: 12, colLabelDy: 20, axisTitleSize: 13, axisTitleDy: 48 };

/** One cell of a heatmap: the refs of the risks in it, in ref order. */
type Cells = Map<string, string[]>;
const cellKey = (consequence: number, likelihood: number) => `${consequence}:${likelihood}`;

function countCells(scale: RiskScale, risks: ContentRisk[], kind: Kind): { cells: Cells; outside: number } {
  const cells: Cells = new Map();
  let outside = 0;
  for (const r of risks) {
    const l = kind === 'inherent' ? r.likelihood : r.residualLikelihood;
    const c = kind === 'inherent' ? r.consequence : r.residualConsequence;
    // A value the scale does not have cannot be placed; it is counted, not drawn (saving refuses such values).
    if (!scale.matrix[c - 1]?.[l - 1]) {
      outside++;
      continue;
    }
    const key = cellKey(c, l);
    cells.set(key, [...(cells.get(key) ?? []), r.ref]);
  }
  for (const refs of cells.values()) refs.sort(compareRefs);
  return { cells, outside };
}

const risici = (n: number) => (n === 1 ? '1 risiko' : `${n} risici`);

/** "12 risici. Meget høj: 2, Høj: 5, Mellem: 3, Lav: 2." – what the picture shows, in words. */
function summary(scale: RiskScale, cells: Cells): string {
  const perLevel = new Map<string, number>();
  let total = 0;
  for (const c of scale.consequences) {
    for (const l of scale.likelihoods) {
      const n = cells.get(cellKey(c.value, l.value))?.length ?? 0;
      const level = riskLevel(scale, l.value, c.value);
      perLevel.set(level.key, (perLevel.get(level.key) ?? 0) + n);
      total += n;
    }
  }
  const levels = [...scale.levels].reverse().map((lv) => `${lv.label}: ${perLevel.get(lv.key) ?? 0}`);
  return `${risici(total)}. ${levels.join(', ')}.`;
}

function HeatmapSvg(p: { scale: RiskScale; cells: Cells; kind: Kind }): JSX.Element {
  const { scale } = p;
  const id = `heatmap-svg-${p.kind}`;
  return (
    <RiskMatrixSvg
      scale={scale}
      layout={LAYOUT}
      labelledBy={`${id}-title ${id}-desc`}
      heatmap={p.kind}
      head={
        <>
          <title id={`${id}-title`} safe>{`${TITLE[p.kind]}: antal risici i hver celle af risikomatricen.`}</title>
          <desc id={`${id}-desc`} safe>{`${summary(scale, p.cells)} Samme indhold står i tabellen.`}</desc>
        </>
      }
      cell={(c, l, x, y) => {
        const level = riskLevel(scale, l.value, c.value);
        const n = p.cells.get(cellKey(c.value, l.value))?.length ?? 0;
        return (
          <g data-consequence={String(c.value)} data-likelihood={String(l.value)} data-count={String(n)}>
            <rect x={String(x)} y={String(y)} width={String(LAYOUT.cellW)} height={String(LAYOUT.cellH)} fill={FILL[level.colour]} stroke="#ffffff" stroke-width="2" />
            <text x={String(x + LAYOUT.cellW / 2)} y={String(y + 32)} text-anchor="middle" font-size={n > 0 ? '26' : '18'} font-weight="700" fill={INK} safe>
              {String(n)}
            </text>
            <text x={String(x + LAYOUT.cellW / 2)} y={String(y + 52)} text-anchor="middle" font-size="13" fill={INK} safe>
              {level.label}
            </text>
          </g>
        );
      }}
    />
  );
}

function HeatmapTable(p: { scale: RiskScale; cells: Cells; kind: Kind }): JSX.Element {
  const { scale } = p;
  const rows = [...scale.consequences].reverse();
  return (
    <ResponsiveTable>
      <table class="table table--compact risk-heatmap-table" data-heatmap={p.kind}>
        <caption safe>{`${TITLE[p.kind]}: antal risici og deres numre efter konsekvens (rækker) og sandsynlighed (kolonner)`}</caption>
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
              {scale.likelihoods.map((l) => {
                const refs = p.cells.get(cellKey(c.value, l.value)) ?? [];
                const level = riskLevel(scale, l.value, c.value);
                return (
                  <td data-cell={cellKey(c.value, l.value)} data-count={String(refs.length)}>
                    <strong safe>{String(refs.length)}</strong>
                    <span class="sr-only">{refs.length === 1 ? ' risiko,' : ' risici,'}</span> <span safe>{level.label}</span>
                    {refs.length > 0 ? (
                      <>
                        <br />
                        <span safe>{refs.join(', ')}</span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function Heatmap(p: { scale: RiskScale; risks: ContentRisk[]; kind: Kind; headingLevel: 2 | 3 }): JSX.Element {
  const { cells, outside } = countCells(p.scale, p.risks, p.kind);
  const id = `heatmap-${p.kind}`;
  return (
    <section aria-labelledby={id} class="samspil-heatmap">
      {p.headingLevel === 2 ? (
        <h2 id={id} safe>
          {TITLE[p.kind]}
        </h2>
      ) : (
        <h3 id={id} safe>
          {TITLE[p.kind]}
        </h3>
      )}
      <div class="row">
        {/* Side by side only where the table fits its column; narrower, the table goes under the drawing. */}
        <div class="col-12 col-xl-5">
          <HeatmapSvg scale={p.scale} cells={cells} kind={p.kind} />
        </div>
        <div class="col-12 col-xl-7">
          <HeatmapTable scale={p.scale} cells={cells} kind={p.kind} />
        </div>
      </div>
      {outside > 0 ? <p safe>{`${risici(outside)} har værdier uden for skalaen og er ikke med i matricen.`}</p> : ''}
    </section>
  );
}

/** The risk overview: two heatmaps (inherent and residual) with counts per cell, each with a table beside it. */
export function RiskHeatmaps(props: { scale: RiskScale; risks: ContentRisk[]; headingLevel?: 2 | 3 }): JSX.Element {
  const headingLevel = props.headingLevel ?? 2;
  return (
    <div class="samspil-risk-heatmaps">
      <Heatmap scale={props.scale} risks={props.risks} kind="inherent" headingLevel={headingLevel} />
      <Heatmap scale={props.scale} risks={props.risks} kind="residual" headingLevel={headingLevel} />
    </div>
  );
}
