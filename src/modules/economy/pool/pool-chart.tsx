import { formatKroner } from '../../../platform/views/format.ts';
import type { PoolSummary } from './queries.ts';

/**
 * The year's pool as a bar: the prioritised total and what is recommended but not decided, against
 * the pool's amount, drawn on the server as SVG. The table beside it carries the same figures for
 * screen readers and for anyone who wants the exact amounts; it also serves as the legend.
 */

const COLOURS = { prioritised: '#004993', recommended: '#7ba7d7', pool: '#e6e6e6', over: '#b51d09', ink: '#1a1a1a' } as const;

const WIDTH = 600;
const LEFT = 4;
const BAR_Y = 8;
const BAR_H = 44;

function Swatch(p: { colour: string }): JSX.Element {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="13" height="13" fill={p.colour} stroke={COLOURS.ink} stroke-width="1" />
    </svg>
  );
}

const STAGE_TEXT: Record<NonNullable<PoolSummary['budgetStage']>, string> = {
  samlet: 'Beløbet er fra det samlede omkostningsbudget.',
  foreloebigt: 'Beløbet er fra det foreløbige omkostningsbudget; det samlede er ikke lagt endnu.',
  blandet: 'Beløbet er fra det samlede omkostningsbudget, og fra det foreløbige for de løsninger, der ikke har et samlet endnu.',
};

export function PoolChart(p: { summary: PoolSummary }): JSX.Element {
  const s = p.summary;
  const over = s.remainingOre < 0;
  const scale = Math.max(s.amountOre, s.prioritisedOre + s.recommendedOre, 1);
  const span = WIDTH - 2 * LEFT;
  const w = (ore: number) => Math.max(0, (ore / scale) * span);
  const poolW = w(s.amountOre);
  const prioritisedW = w(s.prioritisedOre);
  const recommendedW = w(s.recommendedOre);
  const summaryText = over
    ? `Prioriteret ${formatKroner(s.prioritisedOre)} af puljens ${formatKroner(s.amountOre)}: puljen er overskredet med ${formatKroner(-s.remainingOre)}`
    : `Prioriteret ${formatKroner(s.prioritisedOre)} af puljens ${formatKroner(s.amountOre)}; tilbage ${formatKroner(s.remainingOre)}`;
  return (
    <div class="row">
      <div class="col-12 col-lg-6">
        <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${WIDTH} 80`} width="100%" role="img" aria-labelledby="puljen-titel puljen-beskrivelse" data-pulje={String(s.year)}>
          <title id="puljen-titel" safe>{`Puljen ${s.year}`}</title>
          <desc id="puljen-beskrivelse" safe>
            {summaryText}
          </desc>
          <rect x={String(LEFT)} y={String(BAR_Y)} width={String(poolW)} height={String(BAR_H)} fill={COLOURS.pool} stroke={COLOURS.ink} stroke-width="1" />
          <rect x={String(LEFT)} y={String(BAR_Y)} width={String(prioritisedW)} height={String(BAR_H)} fill={COLOURS.prioritised} data-del="prioriteret" />
          <rect x={String(LEFT + prioritisedW)} y={String(BAR_Y)} width={String(recommendedW)} height={String(BAR_H)} fill={COLOURS.recommended} data-del="indstillet" />
          {over ? (
            <line x1={String(LEFT + poolW)} x2={String(LEFT + poolW)} y1={String(BAR_Y - 6)} y2={String(BAR_Y + BAR_H + 6)} stroke={COLOURS.over} stroke-width="3" />
          ) : (
            ''
          )}
          <text x={String(LEFT)} y="72" font-size="14" fill={COLOURS.ink}>
            0 kr.
          </text>
          <text x={String(Math.min(Math.max(LEFT + poolW, 140), WIDTH - LEFT))} y="72" font-size="14" text-anchor="end" fill={COLOURS.ink} safe>
            {`Puljen: ${formatKroner(s.amountOre)}`}
          </text>
        </svg>
      </div>
      <div class="col-12 col-lg-6">
        <table class="table table--compact" id="puljen-tal">
          <caption safe>{`Puljen ${s.year} i tal`}</caption>
          <tbody>
            <tr>
              <th scope="row">
                <Swatch colour={COLOURS.pool} /> Puljens beløb
              </th>
              <td class="align-text-right" safe>
                {formatKroner(s.amountOre)}
              </td>
            </tr>
            <tr>
              <th scope="row">
                <Swatch colour={COLOURS.prioritised} /> Prioriteret
              </th>
              <td class="align-text-right" safe>
                {formatKroner(s.prioritisedOre)}
              </td>
            </tr>
            <tr>
              <th scope="row">{over ? 'Overskredet med' : 'Tilbage'}</th>
              <td class="align-text-right" safe>
                {formatKroner(Math.abs(s.remainingOre))}
              </td>
            </tr>
            <tr>
              <th scope="row">
                <Swatch colour={COLOURS.recommended} /> Indstillet, ikke afgjort
              </th>
              <td class="align-text-right" safe>
                {formatKroner(s.recommendedOre)}
              </td>
            </tr>
          </tbody>
        </table>
        <p class="form-hint" safe>
          {s.budgetStage ? STAGE_TEXT[s.budgetStage] : `Der er endnu ikke lagt et omkostningsbudget for ${s.year}, så puljens beløb er 0 kr., indtil det er lagt.`}
        </p>
      </div>
    </div>
  );
}
