import { formatMonth, formatNumber } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { MonthTally } from '../load-operations.ts';

const W = 640;
const LEFT = 44;
const RIGHT = 8;
const TOP = 40;
const PLOT_H = 180;
const BOTTOM = 44;
const MET = '#0059b3';
const MISSED = '#b51d09';
const INK = '#1a1a1a';

const share = (t: MonthTally) => (t.reported === 0 ? null : Math.round((t.met / t.reported) * 100));

function summary(tally: MonthTally[]): string {
  const reported = tally.filter((t) => t.reported > 0);
  if (reported.length === 0) return 'Der er ingen opgjorte SLA-mål i perioden.';
  const missedMonths = reported.filter((t) => t.missed > 0);
  const misses = missedMonths.length === 0 ? 'Alle mål blev opfyldt hver måned.' : `Mål blev ikke opfyldt i ${missedMonths.map((t) => `${formatMonth(t.month)} (${formatNumber(t.missed)})`).join(', ')}.`;
  return `SLA-mål opfyldt pr. måned fra ${formatMonth(reported[0]!.month)} til ${formatMonth(reported[reported.length - 1]!.month)}. ${misses} Samme tal står i tabellen.`;
}

/**
 * Month by month, the SLA targets with a reported value as a stacked bar: met (blue) below, not met
 * (red, striped) on top, with "met of all" written above each bar so the picture does not rest on
 * colour. Beside it a table of the same numbers.
 */
export function SlaChart(p: { tally: MonthTally[] }): JSX.Element {
  const max = Math.max(1, ...p.tally.map((t) => t.reported));
  const slot = (W - LEFT - RIGHT) / Math.max(1, p.tally.length);
  const barW = Math.min(40, slot * 0.6);
  const base = TOP + PLOT_H;
  const h = (n: number) => Math.round((n / max) * PLOT_H * 10) / 10;
  return (
    <figure class="operations-chart" id="sla-diagram">
      <figcaption>
        <h3 class="h4 mb-2">SLA-mål opfyldt pr. måned</h3>
      </figcaption>
      <div class="row">
        <div class="col-12 col-lg-7">
          <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${String(W)} ${String(TOP + PLOT_H + BOTTOM)}`} width="100%" role="img" aria-labelledby="sla-diagram-title sla-diagram-desc" data-chart="sla">
            <title id="sla-diagram-title">SLA-mål opfyldt og ikke opfyldt pr. måned</title>
            <desc id="sla-diagram-desc" safe>
              {summary(p.tally)}
            </desc>
            <defs>
              <pattern id="sla-missed-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill={MISSED} />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2" />
              </pattern>
            </defs>
            <rect x={String(LEFT)} y="8" width="14" height="14" fill={MET} />
            <text x={String(LEFT + 20)} y="20" font-size="13" fill={INK}>
              Opfyldt
            </text>
            <rect x={String(LEFT + 100)} y="8" width="14" height="14" fill="url(#sla-missed-stripes)" />
            <text x={String(LEFT + 120)} y="20" font-size="13" fill={INK}>
              Ikke opfyldt
            </text>
            <line x1={String(LEFT)} x2={String(W - RIGHT)} y1={String(base)} y2={String(base)} stroke="#c4c4c4" stroke-width="1" />
            {p.tally.map((t, i) => {
              const x = Math.round((LEFT + i * slot + (slot - barW) / 2) * 10) / 10;
              const month = formatMonth(t.month);
              const showYear = i === 0 || t.month.slice(5, 7) === '01';
              return (
                <g data-maaned={t.month.slice(0, 7)} data-met={String(t.met)} data-missed={String(t.missed)}>
                  {t.met > 0 ? <rect x={String(x)} y={String(base - h(t.met))} width={String(barW)} height={String(h(t.met))} fill={MET} /> : ''}
                  {t.missed > 0 ? <rect x={String(x)} y={String(base - h(t.reported))} width={String(barW)} height={String(h(t.missed))} fill="url(#sla-missed-stripes)" /> : ''}
                  <text x={String(x + barW / 2)} y={String(base - h(t.reported) - 4)} font-size="11" text-anchor="middle" fill={INK} safe>
                    {t.reported === 0 ? '–' : `${formatNumber(t.met)}/${formatNumber(t.reported)}`}
                  </text>
                  <text x={String(x + barW / 2)} y={String(base + 16)} font-size="11" text-anchor="middle" fill={INK} safe>
                    {month.slice(0, 3)}
                  </text>
                  {showYear ? (
                    <text x={String(x + barW / 2)} y={String(base + 32)} font-size="11" text-anchor="middle" fill={INK} safe>
                      {t.month.slice(0, 4)}
                    </text>
                  ) : (
                    ''
                  )}
                </g>
              );
            })}
          </svg>
        </div>
        <div class="col-12 col-lg-5">
          <ResponsiveTable>
            <table class="table table--compact" data-sla-tally>
              <caption class="sr-only">SLA-mål opfyldt pr. måned</caption>
              <thead>
                <tr>
                  <th scope="col">Måned</th>
                  <th scope="col" class="text-align-right">
                    Opfyldt
                  </th>
                  <th scope="col" class="text-align-right">
                    Ikke opfyldt
                  </th>
                  <th scope="col" class="text-align-right">
                    Andel opfyldt
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.tally.map((t) => (
                  <tr>
                    <th scope="row" safe>
                      {formatMonth(t.month)}
                    </th>
                    <td class="text-align-right" safe>
                      {formatNumber(t.met)}
                    </td>
                    <td class="text-align-right" safe>
                      {formatNumber(t.missed)}
                    </td>
                    <td class="text-align-right" safe>
                      {share(t) === null ? 'Ikke opgjort' : `${formatNumber(share(t)!)} %`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ResponsiveTable>
        </div>
      </div>
    </figure>
  );
}
