import type { Actor } from '../../platform/context.ts';
import { isCentral } from '../../platform/context.ts';
import type { PackageRow } from './load-package.ts';
import { can } from './policy.ts';

export type PackagePage = 'overblik' | 'fortegnelse' | 'leverandoerer' | 'risici' | 'aendringer' | 'kommuner' | 'svar' | 'kommune';

/**
 * The package's own pages as tabs-like links under its heading. Each page is its own URL (works
 * without JavaScript, can be bookmarked and sent in a mail). A municipality's administrators who
 * are not recipients see only their municipality's delivery page.
 */
export function PackageNav({ pkg, actor, current }: { pkg: PackageRow; actor: Actor; current: PackagePage }): JSX.Element {
  const base = `/compliance/pakker/${pkg.id}`;
  const reads = can(actor, 'read', pkg.facts);
  const links: { key: PackagePage; href: string; label: string }[] = [];
  if (reads) {
    links.push(
      { key: 'overblik', href: base, label: 'Overblik' },
      { key: 'aendringer', href: `${base}/aendringer`, label: `Ændringer siden ${pkg.year - 1}` },
      { key: 'fortegnelse', href: `${base}/fortegnelse`, label: 'Skema 1: Fortegnelse' },
      { key: 'leverandoerer', href: `${base}/leverandoerer`, label: 'Leverandører' },
      { key: 'risici', href: `${base}/risici`, label: 'Risici' },
    );
  }
  if (isCentral(actor)) {
    links.push({ key: 'kommuner', href: `${base}/kommuner`, label: 'Kommunerne' }, { key: 'svar', href: `${base}/svar`, label: 'Kommunernes svar' });
  } else if (actor.municipalityCode) {
    links.push({ key: 'kommune', href: `${base}/kommuner/${actor.municipalityCode}`, label: 'Modtagere og adgang' });
  }
  return (
    <nav aria-label="Pakkens sider" class="samspil-subnav">
      <ul class="nobullet-list no-max-width">
        {links.map((l) => (
          <li>
            <a href={l.href} aria-current={l.key === current ? 'page' : undefined} safe>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
