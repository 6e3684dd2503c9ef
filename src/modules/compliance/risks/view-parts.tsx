import type { RiskLevelDef } from '../risk-scales.ts';
import { FILL, INK } from '../risk-colours.ts';
import type { RiskWarning } from './warnings.ts';

/**
 * A risk level as its word after a swatch of its matrix colour; the word carries the level, the
 * colour only repeats it. The swatch is a presentation attribute of an SVG, which the page's
 * content security policy (no inline styles) allows.
 */
export function LevelTag(p: { level: RiskLevelDef }): JSX.Element {
  return (
    <span class="samspil-level" data-level={p.level.key}>
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
        <rect width="12" height="12" rx="2" fill={FILL[p.level.colour]} stroke={INK} stroke-width="1" />
      </svg>{' '}
      <span safe>{p.level.label}</span>
    </span>
  );
}

function WarningIcon(): JSX.Element {
  return (
    <svg class="icon-svg" aria-hidden="true" focusable="false">
      <use href="/static/dkfds/img/all-svg-icons.svg#warning"></use>
    </svg>
  );
}

/** "⚠ 2 advarsler" as a badge with an icon and words, never a colour alone. */
export function WarningBadge(p: { count: number }): JSX.Element {
  if (p.count === 0) return <span>Ingen advarsler</span>;
  return (
    <span class="badge badge-warning samspil-warning-badge">
      <WarningIcon />
      <span safe>{p.count === 1 ? '1 advarsel' : `${p.count} advarsler`}</span>
    </span>
  );
}

/** The warnings as a list of sentences under a badge. */
export function WarningList(p: { warnings: RiskWarning[] }): JSX.Element {
  if (p.warnings.length === 0) return <WarningBadge count={0} />;
  return (
    <>
      <WarningBadge count={p.warnings.length} />
      <ul class="samspil-warnings">
        {p.warnings.map((w) => (
          <li data-warning={w.code} safe>
            {w.message}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The warnings of one risk as a DKFDS warning alert with a heading. */
export function WarningAlert(p: { warnings: RiskWarning[]; headingId: string }): JSX.Element {
  if (p.warnings.length === 0) return <></>;
  return (
    <div class="alert alert-warning" role="region" aria-labelledby={p.headingId}>
      <svg class="icon-svg alert-icon" aria-hidden="true" focusable="false">
        <use href="/static/dkfds/img/all-svg-icons.svg#warning"></use>
      </svg>
      <div class="alert-body">
        <h2 class="alert-heading" id={p.headingId} safe>
          {p.warnings.length === 1 ? 'Advarsel om vurderingen' : `${p.warnings.length} advarsler om vurderingen`}
        </h2>
        <ul class="alert-text">
          {p.warnings.map((w) => (
            <li data-warning={w.code} safe>
              {w.message}
            </li>
          ))}
        </ul>
        <p class="alert-text">Advarslerne forhindrer ikke at gemme; de peger på det, der bør ses efter.</p>
      </div>
    </div>
  );
}
