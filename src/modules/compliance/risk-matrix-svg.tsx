import { INK } from './risk-colours.ts';
import type { RiskAxisLevel, RiskScale } from './risk-scales.ts';

/** Sizes of one drawing of the matrix; the scales page and the packages' heatmaps each have theirs. */
export type MatrixLayout = {
  headW: number;
  cellW: number;
  cellH: number;
  footH: number;
  rowLabelSize: number;
  colLabelSize: number;
  /** how far below the cells the likelihood labels stand */
  colLabelDy: number;
  axisTitleSize: number;
  /** how far below the cells "Sandsynlighed →" stands */
  axisTitleDy: number;
};

/**
 * The risk matrix as the deck draws it: consequence rows from the most serious at the top,
 * likelihood columns, both axes labelled. What a cell shows is the caller's (`cell` gets its
 * top-left corner); `head` is the drawing's title and description.
 */
export function RiskMatrixSvg(p: {
  scale: RiskScale;
  layout: MatrixLayout;
  labelledBy: string;
  heatmap?: string;
  head: JSX.Element;
  cell: (consequence: RiskAxisLevel, likelihood: RiskAxisLevel, x: number, y: number) => JSX.Element;
}): JSX.Element {
  const { scale, layout: m } = p;
  const rows = [...scale.consequences].reverse();
  const width = m.headW + m.cellW * scale.likelihoods.length;
  const height = m.cellH * rows.length + m.footH;
  const middle = (rows.length * m.cellH) / 2;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={String(width)}
      height={String(height)}
      role="img"
      aria-labelledby={p.labelledBy}
      class="samspil-risk-matrix"
      data-heatmap={p.heatmap}
    >
      {/* markup the caller rendered, its texts marked safe there */}
      {p.head as 'safe'}
      {rows.map((c, r) => scale.likelihoods.map((l, col) => p.cell(c, l, m.headW + col * m.cellW, r * m.cellH)))}
      {rows.map((c, r) => (
        <text x={String(m.headW - 8)} y={String(r * m.cellH + m.cellH / 2 + 5)} text-anchor="end" font-size={String(m.rowLabelSize)} fill={INK} safe>
          {`${c.value} ${c.label}`}
        </text>
      ))}
      {scale.likelihoods.map((l, col) => (
        <text x={String(m.headW + col * m.cellW + m.cellW / 2)} y={String(rows.length * m.cellH + m.colLabelDy)} text-anchor="middle" font-size={String(m.colLabelSize)} fill={INK} safe>
          {`${l.value} ${l.label}`}
        </text>
      ))}
      <text x="14" y={String(middle)} transform={`rotate(-90 14 ${middle})`} text-anchor="middle" font-size={String(m.axisTitleSize)} font-weight="600" fill={INK}>
        Konsekvens →
      </text>
      <text x={String(m.headW + (m.cellW * scale.likelihoods.length) / 2)} y={String(rows.length * m.cellH + m.axisTitleDy)} text-anchor="middle" font-size={String(m.axisTitleSize)} font-weight="600" fill={INK}>
        Sandsynlighed →
      </text>
    </svg>
  );
}
