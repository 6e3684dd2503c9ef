import type { FastifyRequest } from 'fastify';
import { Notice, noticeFor } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ContentRisk } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import type { RiskLevelDef, RiskScale } from '../risk-scales.ts';
import { RiskHeatmaps } from './heatmaps.tsx';
import { compareRefs, riskLevels, TREATMENT_DA } from './labels.ts';
import { LevelTag, WarningList } from './view-parts.tsx';
import { type RiskWarning, riskWarnings } from './warnings.ts';

export const riskSorts = ['nummer', 'risiko', 'restrisiko'] as const;
export type RiskSort = (typeof riskSorts)[number];
const SORT_DA: Record<RiskSort, string> = { nummer: 'Nummer', risiko: 'Risikoniveau', restrisiko: 'Restrisiko' };

export type RiskRow = { risk: ContentRisk; inherent: RiskLevelDef; residual: RiskLevelDef; warnings: RiskWarning[] };

/** The rows with their levels and warnings, in the chosen order (most serious first when sorted by level). */
export function riskRows(scale: RiskScale, risks: ContentRisk[], sort: RiskSort): RiskRow[] {
  const rows = risks.map((risk) => ({ risk, ...riskLevels(scale, risk), warnings: riskWarnings(risk, scale) }));
  const byRef = (a: RiskRow, b: RiskRow) => compareRefs(a.risk.ref, b.risk.ref);
  if (sort === 'risiko') return rows.sort((a, b) => b.inherent.rank - a.inherent.rank || b.residual.rank - a.residual.rank || byRef(a, b));
  if (sort === 'restrisiko') return rows.sort((a, b) => b.residual.rank - a.residual.rank || b.inherent.rank - a.inherent.rank || byRef(a, b));
  return rows.sort(byRef);
}

const NOTICES: Record<string, string> = { slettet: 'Risikoen er slettet.' };

const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export function RiskListPage(p: {
  request: FastifyRequest;
  pkg: PackageRow;
  scale: RiskScale;
  risks: ContentRisk[];
  sort: RiskSort;
  canEdit: boolean;
  notice?: string | undefined;
}): JSX.Element {
  const base = `/compliance/pakker/${p.pkg.id}/risici`;
  const rows = riskRows(p.scale, p.risks, p.sort);
  const warned = rows.filter((r) => r.warnings.length > 0).length;
  const notice = p.notice ? noticeFor(NOTICES, p.notice) : undefined;
  return (
    <Layout title={`Risici – ${p.pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p class="samspil-package-title" safe>
        {p.pkg.title}
      </p>
      <h1>Risici</h1>
      <PackageNav pkg={p.pkg} actor={p.request.actor!} current="risici" />
      {notice ? <Notice kind="success" text={notice} /> : ''}
      <p>
        Risikoniveauet aflæses i matricen på <a href="/compliance/risikoskalaer" safe>{p.scale.name}</a> ud fra sandsynlighed og konsekvens for de
        registrerede.
        {p.pkg.status === 'draft' ? ' Pakken er en kladde.' : ''}
      </p>
      {p.canEdit ? (
        <p>
          <a href={`${base}/ny`} class="button button-primary">
            Ny risiko
          </a>
        </p>
      ) : (
        ''
      )}
      <RiskHeatmaps scale={p.scale} risks={p.risks} headingLevel={2} />
      <section aria-labelledby="risikoliste">
        <h2 id="risikoliste" safe>{`Risici (${rows.length})`}</h2>
        {warned > 0 ? <p safe>{`${warned === 1 ? '1 risiko har' : `${warned} risici har`} advarsler om vurderingen.`}</p> : ''}
        <nav aria-label="Sortér risici" class="samspil-sort">
          <span>Sortér efter: </span>
          <ul class="nobullet-list no-max-width samspil-inline-list">
            {riskSorts.map((s) => (
              <li>
                <a href={s === 'nummer' ? base : `${base}?sorter=${s}`} aria-current={s === p.sort ? 'true' : undefined} safe>
                  {s === p.sort ? `${SORT_DA[s]} (valgt)` : SORT_DA[s]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {rows.length === 0 ? (
          <p>Pakken har ingen risici endnu.</p>
        ) : (
          <ResponsiveTable>
            <table class="table table--zebra table--compact samspil-risk-list">
              <caption class="sr-only" safe>{`Risici sorteret efter ${SORT_DA[p.sort].toLowerCase()}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Nr.</th>
                  <th scope="col">Trussel/scenarie</th>
                  <th scope="col">Risiko</th>
                  <th scope="col">Restrisiko</th>
                  <th scope="col">Håndtering</th>
                  <th scope="col">Planlagte foranstaltninger</th>
                  <th scope="col">Advarsler</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-risk={r.risk.ref}>
                    <th scope="row">
                      <a href={`${base}/${r.risk.id}`} safe>
                        {r.risk.ref}
                      </a>
                    </th>
                    <td safe>{short(r.risk.threat)}</td>
                    <td>
                      <LevelTag level={r.inherent} />
                    </td>
                    <td>
                      <LevelTag level={r.residual} />
                    </td>
                    <td safe>{TREATMENT_DA[r.risk.treatment]}</td>
                    <td safe>{String(r.risk.measures.length)}</td>
                    <td>
                      <WarningList warnings={r.warnings} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ResponsiveTable>
        )}
      </section>
    </Layout>
  );
}
