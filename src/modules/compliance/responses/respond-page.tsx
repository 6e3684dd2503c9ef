import type { FastifyRequest } from 'fastify';
import { Layout } from '../../../platform/views/layout.tsx';
import type { ContentRisk } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';

/** A refused response shown again with its errors, under the risk it answers (the risk page is one link away). */
export function RespondPage(p: { request: FastifyRequest; pkg: PackageRow; risk: ContentRisk; panel: JSX.Element }): JSX.Element {
  const { pkg, risk } = p;
  return (
    <Layout title={`Svar på ${risk.ref} – ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <h1 safe>{pkg.title}</h1>
      <PackageNav pkg={pkg} actor={p.request.actor!} current="risici" />
      <p>
        <a href={`/compliance/pakker/${pkg.id}/risici/${risk.id}`} class="function-link" safe>
          {`Tilbage til risikoen ${risk.ref}: ${risk.threat}`}
        </a>
      </p>
      {/* the panel's own markup, its user text already escaped inside it */}
      {p.panel as 'safe'}
    </Layout>
  );
}
