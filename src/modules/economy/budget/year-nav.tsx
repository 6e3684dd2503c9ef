import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { MAX_YEAR, MIN_YEAR } from './load-budget.ts';

/** Økonomi › … › the page itself. */
export function Crumbs(p: { trail: { href: string; label: string }[]; current: string }): JSX.Element {
  return <Breadcrumbs trail={[{ href: '/oekonomi', label: 'Økonomi' }, ...p.trail]} current={p.current} />;
}

export type YearPage = 'budget' | 'aar';
const PAGES: { key: YearPage; label: string; href: (year: number) => string }[] = [
  { key: 'budget', label: 'Omkostningsbudget', href: (y) => `/oekonomi/budget/${y}` },
  { key: 'aar', label: 'Årsoversigt', href: (y) => `/oekonomi/aar/${y}` },
];

/** The year's central economy pages side by side, and the same page for the year before and after. */
export function YearNav(p: { year: number; current: YearPage }): JSX.Element {
  const here = PAGES.find((x) => x.key === p.current)!;
  return (
    <>
      <nav class="samspil-subnav" aria-label={`Økonomien for ${p.year}`}>
        <ul class="nobullet-list">
          {PAGES.map((x) => (
            <li>
              <a href={x.href(p.year)} aria-current={x.key === p.current ? 'page' : undefined} safe>
                {x.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="samspil-actions">
        {p.year > MIN_YEAR ? (
          <a href={here.href(p.year - 1)} class="function-link" safe>{`← ${here.label} ${p.year - 1}`}</a>
        ) : (
          ''
        )}
        {p.year < MAX_YEAR ? (
          <a href={here.href(p.year + 1)} class="function-link" safe>{`${here.label} ${p.year + 1} →`}</a>
        ) : (
          ''
        )}
      </p>
    </>
  );
}

