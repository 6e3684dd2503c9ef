import type { FastifyRequest } from 'fastify';
import { Notice, PlainText } from '../../../platform/views/components.tsx';
import { formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { PackageContent } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import { riskLevel, type RiskScale } from '../risk-scales.ts';
import { PackageDownloads } from '../files/download-links.tsx';
import { RiskHeatmaps } from '../risks/heatmaps.tsx';
import { ChangesSummary } from './changes-views.tsx';
import { PackageStatusBadge } from './list-page.tsx';
import type { PackageChanges } from './load-changes.ts';

/** How many risks sit at each inherent level, the most serious first; a level with none shows 0. */
export function risksPerLevel(scale: RiskScale, risks: PackageContent['risks']): { key: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of risks) {
    try {
      const level = riskLevel(scale, r.likelihood, r.consequence);
      counts.set(level.key, (counts.get(level.key) ?? 0) + 1);
    } catch {
      // a value outside the scale is the risk page's warning to give; it is not counted here
    }
  }
  return [...scale.levels].sort((a, b) => b.rank - a.rank).map((l) => ({ key: l.key, label: l.label, count: counts.get(l.key) ?? 0 }));
}

function KeyFigures(p: { content: PackageContent; scale: RiskScale }): JSX.Element {
  const perLevel = risksPerLevel(p.scale, p.content.risks);
  return (
    <section aria-labelledby="noegletal">
      <h2 id="noegletal">Nøgletal</h2>
      <ResponsiveTable>
        <table class="table table--compact" id="pakke-noegletal">
          <caption class="sr-only">Pakkens nøgletal</caption>
          <tbody>
            <tr>
              <th scope="row">Behandlingsaktiviteter</th>
              <td class="align-text-right" safe>{formatNumber(p.content.activities.length)}</td>
            </tr>
            <tr>
              <th scope="row">Leverandører</th>
              <td class="align-text-right" safe>{formatNumber(p.content.suppliers.length)}</td>
            </tr>
            <tr>
              <th scope="row">Risici i alt</th>
              <td class="align-text-right" safe>{formatNumber(p.content.risks.length)}</td>
            </tr>
            {perLevel.map((l) => (
              <tr data-niveau={l.key}>
                <th scope="row" safe>{`Risici med iboende niveau ${l.label}`}</th>
                <td class="align-text-right" safe>{formatNumber(l.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
    </section>
  );
}

export type OverviewProps = {
  request: FastifyRequest;
  pkg: PackageRow;
  content: PackageContent;
  scale: RiskScale;
  changes: PackageChanges;
  /** The municipality's recipients read what changed first. */
  changesFirst: boolean;
  canEdit: boolean;
  delivery: JSX.Element;
  notice?: string | undefined;
};

export function PackageOverviewPage(p: OverviewProps): JSX.Element {
  const { pkg, content } = p;
  return (
    <Layout title={pkg.title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href="/compliance" class="function-link">
          Alle compliancepakker
        </a>
      </p>
      <h1 safe>{pkg.title}</h1>
      {p.changesFirst ? <ChangesSummary pkg={pkg} changes={p.changes} /> : ''}
      <PackageNav pkg={pkg} actor={p.request.actor!} current="overblik" />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <dl class="samspil-details">
        <dt>Status</dt>
        <dd>
          <PackageStatusBadge status={pkg.status} publishedAt={pkg.publishedAt} />
        </dd>
        <dt>Løsning</dt>
        <dd safe>{pkg.solutionName}</dd>
        <dt>År</dt>
        <dd safe>{String(pkg.year)}</dd>
        <dt>Risikoskala</dt>
        <dd>
          <a href="/compliance/risikoskalaer" safe>
            {p.scale.name}
          </a>
        </dd>
      </dl>
      <section aria-labelledby="introduktion">
        <h2 id="introduktion">Introduktion</h2>
        {pkg.introduction ? <PlainText text={pkg.introduction} /> : <p>Pakken har ingen introduktion endnu.</p>}
        {p.canEdit ? (
          <p>
            <a href={`/compliance/pakker/${pkg.id}/rediger`} class="function-link">
              Ret introduktion og risikoskala
            </a>
          </p>
        ) : (
          ''
        )}
      </section>
      <PackageDownloads pkg={pkg} />
      <KeyFigures content={content} scale={p.scale} />
      <RiskHeatmaps scale={p.scale} risks={content.risks} headingLevel={2} />
      {/* already rendered markup from the delivery panel */}
      {p.delivery as 'safe'}
      {p.changesFirst ? '' : <ChangesSummary pkg={pkg} changes={p.changes} />}
    </Layout>
  );
}
