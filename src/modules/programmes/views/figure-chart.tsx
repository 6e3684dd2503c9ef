import { formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { Figure } from '../load-programmes.ts';
import { ALL_POINTS_UP_TO, monthlyPoints, thinForWidth } from './figure-points.ts';

const W = 640;
const LEFT = 72;
const RIGHT = 16;
const TOP = 36;
const PLOT_H = 200;
const BOTTOM = 36;
const LINE = '#0059b3';
const TARGET = '#b51d09';
const INK = '#1a1a1a';

/** Days as numbers so the x axis is proportional to time, not to the number of points. */
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** A round top for the axis (1, 2 or 5 times a power of ten), so the grid lines carry readable numbers. */
function axisMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const f of [1, 2, 5, 10]) if (f * power >= max) return f * power;
  return 10 * power;
}

const withUnit = (f: Figure, n: number) => (f.unit ? `${formatNumber(n)} ${f.unit}` : formatNumber(n));

function summary(f: Figure): string {
  if (f.points.length === 0) return 'Der er ingen målinger endnu.';
  const first = f.points[0]!;
  const last = f.points[f.points.length - 1]!;
  const target = f.target === null ? '' : ` Målet er ${withUnit(f, f.target)}.`;
  return `${String(f.points.length)} målinger fra ${formatDeadline(first.on)} (${withUnit(f, first.value)}) til ${formatDeadline(last.on)} (${withUnit(f, last.value)}).${target} ${f.points.length > ALL_POINTS_UP_TO ? 'Tabellen viser den sidste måling i hver måned; filen til download har dem alle.' : 'Samme tal står i tabellen.'}`;
}

/**
 * A key figure over time as a line drawn on the server, with its target as a dashed line, and
 * beside it a table of the same points for anyone who does not see the drawing. Negative values
 * are drawn at the axis; key figures are counts.
 */
export function FigureChart(p: { figure: Figure; index: number; deleteHref?: string | undefined }): JSX.Element {
  const f = p.figure;
  const id = `noegletal-${String(p.index)}`;
  const pts = f.points;
  let top = Math.max(0, f.target ?? 0);
  for (const pt of pts) if (pt.value > top) top = pt.value;
  const max = axisMax(top);
  const x0 = pts.length ? dayNumber(pts[0]!.on) : 0;
  const span = pts.length > 1 ? dayNumber(pts[pts.length - 1]!.on) - x0 : 1;
  const base = TOP + PLOT_H;
  const x = (day: string) => Math.round((LEFT + ((dayNumber(day) - x0) / span) * (W - LEFT - RIGHT)) * 10) / 10;
  const y = (v: number) => Math.round((base - (Math.max(0, v) / max) * PLOT_H) * 10) / 10;
  const valueHeader: string = f.unit ? `Værdi (${f.unit})` : 'Værdi';
  const drawn = pts.length > W - LEFT - RIGHT ? thinForWidth(pts, (pt) => Math.round(x(pt.on))) : pts;
  const path = drawn.map((pt, i) => `${i === 0 ? 'M' : 'L'}${String(pts.length === 1 ? LEFT : x(pt.on))} ${String(y(pt.value))}`).join(' ');
  const monthly = pts.length > ALL_POINTS_UP_TO;
  const rows = monthly ? monthlyPoints(pts) : pts;
  const caption = monthly ? `${f.name}: den sidste måling i hver måned (${formatNumber(rows.length)} af ${formatNumber(pts.length)} målinger; alle står i filen til download)` : `${f.name}: målinger`;
  return (
    <figure class="programme-figure" id={id}>
      <figcaption>
        <h3 class="h4 mb-2" safe>
          {f.name}
        </h3>
      </figcaption>
      <div class="row">
        <div class="col-12 col-lg-7">
          <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${String(W)} ${String(TOP + PLOT_H + BOTTOM)}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} data-chart="noegletal">
            <title id={`${id}-title`} safe>
              {f.name}
            </title>
            <desc id={`${id}-desc`} safe>
              {summary(f)}
            </desc>
            <rect x={String(LEFT)} y="8" width="24" height="4" fill={LINE} />
            <text x={String(LEFT + 30)} y="16" font-size="13" fill={INK}>
              Målt
            </text>
            {f.target === null ? (
              ''
            ) : (
              <>
                <line x1={String(LEFT + 100)} x2={String(LEFT + 124)} y1="10" y2="10" stroke={TARGET} stroke-width="3" stroke-dasharray="6 4" />
                <text x={String(LEFT + 130)} y="16" font-size="13" fill={INK}>
                  Mål
                </text>
              </>
            )}
            {[0, 0.5, 1].map((k) => (
              <>
                <line x1={String(LEFT)} x2={String(W - RIGHT)} y1={String(y(k * max))} y2={String(y(k * max))} stroke="#c4c4c4" stroke-width="1" />
                <text x={String(LEFT - 6)} y={String(y(k * max) + 4)} font-size="12" text-anchor="end" fill={INK} safe>
                  {formatNumber(k * max)}
                </text>
              </>
            ))}
            {pts.length > 0 ? (
              <>
                <text x={String(LEFT)} y={String(base + 20)} font-size="12" fill={INK} safe>
                  {formatDeadline(pts[0]!.on)}
                </text>
                <text x={String(W - RIGHT)} y={String(base + 20)} font-size="12" text-anchor="end" fill={INK} safe>
                  {formatDeadline(pts[pts.length - 1]!.on)}
                </text>
              </>
            ) : (
              ''
            )}
            {f.target === null ? '' : <line data-target={String(f.target)} x1={String(LEFT)} x2={String(W - RIGHT)} y1={String(y(f.target))} y2={String(y(f.target))} stroke={TARGET} stroke-width="2" stroke-dasharray="6 4" />}
            {pts.length > 0 ? <path d={path} fill="none" stroke={LINE} stroke-width="2.5" /> : ''}
            {pts.length <= 60 ? pts.map((pt) => <circle cx={String(pts.length === 1 ? LEFT : x(pt.on))} cy={String(y(pt.value))} r="3.5" fill={LINE} />) : ''}
          </svg>
        </div>
        <div class="col-12 col-lg-5">
          <ResponsiveTable>
            <table class="table table--compact" data-figure-table={f.name}>
              <caption class={monthly ? 'form-hint' : 'sr-only'} safe>
                {caption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Dato</th>
                  <th scope="col" class="text-align-right" safe>
                    {valueHeader}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((pt) => (
                  <tr>
                    <td safe>{formatDeadline(pt.on)}</td>
                    <td class="text-align-right" safe>
                      {formatNumber(pt.value)}
                    </td>
                  </tr>
                ))}
              </tbody>
              {f.target === null ? (
                ''
              ) : (
                <tfoot>
                  <tr>
                    <th scope="row">Mål</th>
                    <td class="text-align-right" safe>
                      {formatNumber(f.target)}
                    </td>
                  </tr>
                </tfoot>
              )}
            </table>
          </ResponsiveTable>
        </div>
      </div>
      {p.deleteHref ? (
        <p>
          <a href={p.deleteHref} data-delete-figure={f.id}>
            Slet nøgletallet<span class="sr-only" safe>{` ${f.name}`}</span>
          </a>
        </p>
      ) : (
        ''
      )}
    </figure>
  );
}
