import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, Notice } from '../../../platform/views/components.tsx';
import { danishList, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import type { DeliveryPlan } from './publish-package.ts';

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** GET /compliance/pakker/:id/offentliggoer – what publishing will do, and the button that does it. */
export function PublishPage(p: { request: FastifyRequest; pkg: PackageRow; plan: DeliveryPlan }): JSX.Element {
  const { pkg, plan } = p;
  const base = `/compliance/pakker/${pkg.id}`;
  const without = plan.withoutRecipients;
  const withRecipients = plan.municipalities - without.length;
  return (
    <Layout title={`Offentliggør ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href={base} class="function-link">
          Tilbage til pakken
        </a>
      </p>
      <h1 safe>{`Offentliggør ${pkg.title}`}</h1>
      <PackageNav pkg={pkg} actor={p.request.actor!} current="overblik" />
      <p class="font-lead">Tjek, hvem der får pakken, før du offentliggør den.</p>
      <ul id="plan">
        <li>
          <span safe>{`Pakken leveres til ${plural(plan.municipalities, 'kommune', 'kommuner')}`}</span> (alle kommuner bruger løsningen).
        </li>
        <li id="plan-modtagere" safe>
          {`${plural(plan.recipients, 'modtager', 'modtagere')} i ${plural(withRecipients, 'kommune', 'kommuner')} får en mail med et link til pakken.`}
        </li>
        <li id="plan-mangler" safe>
          {without.length === 0
            ? 'Alle kommuner har registreret modtagere.'
            : `${plural(without.length, 'kommune', 'kommuner')} har ingen modtager. ${plural(plan.programLeaders, 'programleder', 'programledere')} i ${without.length === 1 ? 'den' : 'dem'} får en mail om at registrere modtagere i rollegalleriet.`}
        </li>
      </ul>
      {without.length > 0 ? (
        <details class="mb-5">
          <summary safe>{`Kommuner uden modtager (${formatNumber(without.length)})`}</summary>
          <p safe>{danishList(without.map((m) => m.name))}</p>
        </details>
      ) : (
        ''
      )}
      <Notice kind="warning" text="Når pakken er offentliggjort, kan den ikke længere ændres. Rettelser sker i næste års pakke. Mails kan ikke kaldes tilbage." />
      <form method="post" action={`${base}/offentliggoer`} class="samspil-actions">
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField />
        <button type="submit" class="button button-primary">
          Offentliggør og send mails
        </button>
        <a href={base} class="button button-secondary">
          Annullér
        </a>
      </form>
    </Layout>
  );
}
