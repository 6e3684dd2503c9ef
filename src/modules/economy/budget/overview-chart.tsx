import { sumOre } from '../../../platform/money.ts';
import { formatKroner } from '../../../platform/views/format.ts';
import type { OverviewSolution } from './year-overview.ts';

/** DKFDS's primary blue and a dark green: each keeps 4.5:1 against white, and the legend and order, not the colour, say which is which. */
const BUDGET = '#0059b3';
const ALLOCATED = '#2e6b30';
const INK = '#1a1a1a';

const W = 640;
const VALUE_W = 170;
const BAR_H = 14;
/** a solution's name on its own line, then its two bars: long names never collide with the bars */
const LABEL_H = 20;
const ROW_H = LABEL_H + 2 * BAR_H + 3 + 16;
const TOP = 36;
const BAR_MAX = W - VALUE_W;

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
  const height = TOP + shown.length * ROW_H;
  const id = 'aarsoversigt-graf';
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} data-chart="budget-fordelt">
      <title id={`${id}-title`} safe>{`Budget og kommunernes andele pr. løsning ${p.year}`}</title>
      <desc id={`${id}-desc`} safe>
        {summary(p.solutions, allocated)}
      </desc>
      <rect x="0" y="6" width="16" height="16" fill={BUDGET} />
      <text x="22" y="20" font-size="15" fill={INK}>
        Budget
      </text>
      {allocated ? (
        <>
          <rect x="100" y="6" width="16" height="16" fill={ALLOCATED} />
          <text x="122" y="20" font-size="15" fill={INK}>
            Fordelt på kommunerne
          </text>
        </>
      ) : (
        ''
      )}
      {shown.map((s, i) => {
        const y = TOP + i * ROW_H;
        const bars = y + LABEL_H;
        const b = length(s.budgetOre, max);
        const a = length(s.allocatedOre ?? 0, max);
        return (
          <g data-loesning={s.solutionKey}>
            <text x="0" y={String(y + 15)} font-size="15" font-weight="600" fill={INK} safe>
              {s.matches === false ? `${s.solutionName} (afviger)` : s.solutionName}
            </text>
            <rect x="0" y={String(bars)} width={String(b)} height={String(BAR_H)} fill={BUDGET} />
            <text x={String(b + 6)} y={String(bars + BAR_H - 2)} font-size="13" fill={INK} safe>
              {formatKroner(s.budgetOre)}
            </text>
            {s.allocatedOre === null ? (
              ''
            ) : (
              <>
                <rect x="0" y={String(bars + BAR_H + 3)} width={String(a)} height={String(BAR_H)} fill={ALLOCATED} />
                <text x={String(a + 6)} y={String(bars + 2 * BAR_H + 1)} font-size="13" fill={INK} safe>
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
