import { sumOre } from '../../../platform/money.ts';
import { formatKroner } from '../../../platform/views/format.ts';
import type { OverviewSolution } from './year-overview.ts';

/** DKFDS's primary blue and a dark green: each keeps 4.5:1 against white, and the legend and order, not the colour, say which is which. */
const BUDGET = '#0059b3';
const ALLOCATED = '#2e6b30';
const INK = '#1a1a1a';
const GRID = '#bfbfbf';

const W = 760;
const LABEL_W = 210;
const VALUE_W = 150;
const BAR_H = 13;
const ROW_H = 44;
const TOP = 40;
const BAR_MAX = W - LABEL_W - VALUE_W - 10;

/** Bar length in drawing units; whole units keep the markup small, a non-zero amount never vanishes. */
const length = (ore: number, max: number) => (ore <= 0 || max <= 0 ? 0 : Math.max(1, Math.round((ore / max) * BAR_MAX)));

/** What the drawing shows, in words, for its `desc`. */
function summary(solutions: OverviewSolution[], allocated: boolean): string {
  const budget = sumOre(solutions.map((s) => s.budgetOre));
  if (!allocated) return `Budget i alt ${formatKroner(budget)}. Fordelingen på kommunerne kunne ikke beregnes. Samme tal står i tabellen.`;
  const off = solutions.filter((s) => s.matches === false).map((s) => s.solutionName);
  const alloc = sumOre(solutions.map((s) => s.allocatedOre ?? 0));
  const verdict = off.length === 0 ? 'Kommunernes andele svarer til budgettet for alle løsninger.' : `Afviger for ${off.length} løsninger: ${off.join(', ')}.`;
  return `Budget i alt ${formatKroner(budget)}, fordelt på kommunerne i alt ${formatKroner(alloc)}. ${verdict} Samme tal står i tabellen.`;
}

/**
 * Budget against the municipalities' shares per solution as horizontal bars, drawn on the server: a
 * pair of bars per solution (budget above, shares below), each with its amount. The table beside it
 * holds the same figures for anyone who does not see the drawing.
 */
export function OverviewChart(p: { year: number; solutions: OverviewSolution[] }): JSX.Element {
  const shown = p.solutions.filter((s) => s.budgetOre > 0 || (s.allocatedOre ?? 0) > 0);
  const allocated = p.solutions.some((s) => s.allocatedOre !== null);
  if (shown.length === 0) return <p>Der er hverken budget eller fordeling at tegne for året.</p>;
  const max = Math.max(...shown.map((s) => Math.max(s.budgetOre, s.allocatedOre ?? 0)));
  const height = TOP + shown.length * ROW_H + 8;
  const id = 'aarsoversigt-graf';
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} data-chart="budget-fordelt">
      <title id={`${id}-title`} safe>{`Budget og kommunernes andele pr. løsning ${p.year}`}</title>
      <desc id={`${id}-desc`} safe>
        {summary(p.solutions, allocated)}
      </desc>
      <rect x={String(LABEL_W)} y="8" width="14" height="14" fill={BUDGET} />
      <text x={String(LABEL_W + 20)} y="20" font-size="13" fill={INK}>
        Budget
      </text>
      {allocated ? (
        <>
          <rect x={String(LABEL_W + 110)} y="8" width="14" height="14" fill={ALLOCATED} />
          <text x={String(LABEL_W + 130)} y="20" font-size="13" fill={INK}>
            Fordelt på kommunerne
          </text>
        </>
      ) : (
        ''
      )}
      <line x1={String(LABEL_W)} y1={String(TOP - 4)} x2={String(LABEL_W)} y2={String(height - 4)} stroke={GRID} />
      {shown.map((s, i) => {
        const y = TOP + i * ROW_H;
        const b = length(s.budgetOre, max);
        const a = length(s.allocatedOre ?? 0, max);
        return (
          <g data-loesning={s.solutionKey}>
            <text x={String(LABEL_W - 8)} y={String(y + BAR_H + 4)} text-anchor="end" font-size="13" fill={INK} safe>
              {s.matches === false ? `${s.solutionName} (afviger)` : s.solutionName}
            </text>
            <rect x={String(LABEL_W)} y={String(y)} width={String(b)} height={String(BAR_H)} fill={BUDGET} />
            <text x={String(LABEL_W + b + 6)} y={String(y + BAR_H - 2)} font-size="11" fill={INK} safe>
              {formatKroner(s.budgetOre)}
            </text>
            {s.allocatedOre === null ? (
              ''
            ) : (
              <>
                <rect x={String(LABEL_W)} y={String(y + BAR_H + 3)} width={String(a)} height={String(BAR_H)} fill={ALLOCATED} />
                <text x={String(LABEL_W + a + 6)} y={String(y + 2 * BAR_H + 1)} font-size="11" fill={INK} safe>
                  {formatKroner(s.allocatedOre)}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}
