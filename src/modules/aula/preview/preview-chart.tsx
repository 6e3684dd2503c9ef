import { formatDayLong, formatNumber } from '../../../platform/views/format.ts';
import type { PreviewMonth } from './deletion-preview.ts';

/** Colours that keep 3:1 against white and apart from each other; the legend and the stacking order, not the colour, say which is which. */
const AT_RISK = '#b51d09';
const JOURNALISED = '#2e6b30';
const OTHER = '#6b6b6b';
const INK = '#1a1a1a';

const W = 640;
const LEFT = 64;
const TOP = 40;
const PLOT_H = 220;
const BOTTOM = 40;

/** "marts 2027" for a month's last day. */
export const monthName = (monthEnd: string) => formatDayLong(monthEnd).replace(/^\d+\. /, '');

/** Files past their deadline that are neither journalised nor at risk: in a category the municipality does not journalise. */
export const otherCount = (m: { total: number; journalised: number; atRisk: number }) => m.total - m.journalised - m.atRisk;

/** A round top for the axis (1, 2 or 5 times a power of ten), so the grid lines carry readable numbers. */
function axisMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const f of [1, 2, 5, 10]) if (f * power >= max) return f * power;
  return 10 * power;
}

function summary(months: PreviewMonth[]): string {
  const first = months[0]!;
  const last = months[months.length - 1]!;
  return (
    `Fra ${monthName(first.monthEnd)} til ${monthName(last.monthEnd)}. ` +
    `Ved udgangen af ${monthName(first.monthEnd)} har ${formatNumber(first.total)} filer passeret slettefristen, heraf ${formatNumber(first.atRisk)} i risiko for at blive slettet uden journalisering; ` +
    `ved udgangen af ${monthName(last.monthEnd)} ${formatNumber(last.total)}, heraf ${formatNumber(last.journalised)} journaliseret og ${formatNumber(last.atRisk)} i risiko. Samme tal står i tabellen.`
  );
}

/**
 * Month by month, the files that have passed their deadline by the month's last day as stacked
 * bars (at risk at the bottom, then journalised, then the rest), drawn on the server. The table
 * beside it holds the same numbers for anyone who does not see the drawing.
 */
export function PreviewChart(p: { months: PreviewMonth[]; title: string }): JSX.Element {
  if (p.months.length === 0) return <></>;
  const max = axisMax(Math.max(...p.months.map((m) => m.total)));
  const slot = (W - LEFT) / p.months.length;
  const barW = Math.max(4, Math.round(slot * 0.66));
  const base = TOP + PLOT_H;
  const h = (n: number) => (n <= 0 ? 0 : Math.max(1, Math.round((n / max) * PLOT_H)));
  const id = 'sletning-graf';
  const legend: [string, string][] = [
    [AT_RISK, 'I risiko'],
    [JOURNALISED, 'Journaliseret'],
    [OTHER, 'Øvrige'],
  ];
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${W} ${TOP + PLOT_H + BOTTOM}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} data-chart="sletning-maaneder">
      <title id={`${id}-title`} safe>
        {p.title}
      </title>
      <desc id={`${id}-desc`} safe>
        {summary(p.months)}
      </desc>
      {legend.map(([colour, label], i) => (
        <>
          <rect x={String(LEFT + i * 150)} y="6" width="16" height="16" fill={colour} />
          <text x={String(LEFT + i * 150 + 22)} y="20" font-size="15" fill={INK} safe>
            {label}
          </text>
        </>
      ))}
      {[0, 0.5, 1].map((f) => {
        const y = base - Math.round(f * PLOT_H);
        return (
          <>
            <line x1={String(LEFT)} x2={String(W)} y1={String(y)} y2={String(y)} stroke="#c4c4c4" stroke-width="1" />
            <text x={String(LEFT - 6)} y={String(y + 4)} font-size="12" text-anchor="end" fill={INK} safe>
              {formatNumber(Math.round(f * max))}
            </text>
          </>
        );
      })}
      {p.months.map((m, i) => {
        const x = Math.round(LEFT + i * slot + (slot - barW) / 2);
        const risk = h(m.atRisk);
        const jour = h(m.journalised);
        const rest = h(otherCount(m));
        const month = monthName(m.monthEnd);
        const showYear = i === 0 || m.monthEnd.slice(5, 7) === '01';
        return (
          <g data-maaned={m.monthEnd.slice(0, 7)}>
            <rect x={String(x)} y={String(base - risk)} width={String(barW)} height={String(risk)} fill={AT_RISK} />
            <rect x={String(x)} y={String(base - risk - jour)} width={String(barW)} height={String(jour)} fill={JOURNALISED} />
            <rect x={String(x)} y={String(base - risk - jour - rest)} width={String(barW)} height={String(rest)} fill={OTHER} />
            <text x={String(x + barW / 2)} y={String(base + 14)} font-size="11" text-anchor="middle" fill={INK} safe>
              {month.slice(0, 3)}
            </text>
            {showYear ? (
              <text x={String(x + barW / 2)} y={String(base + 30)} font-size="11" text-anchor="middle" fill={INK} safe>
                {m.monthEnd.slice(0, 4)}
              </text>
            ) : (
              ''
            )}
          </g>
        );
      })}
    </svg>
  );
}
