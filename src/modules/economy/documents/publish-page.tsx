import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import type { FastifyRequest } from 'fastify';
import { CsrfField, Notice } from '../../../platform/views/components.tsx';
import { danishList, formatKroner, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { documentTitle } from './content.ts';

import type { PublicationPlan } from './plan-publication.ts';
import { publishPath } from './year-documents-page.tsx';

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** GET /oekonomi/dokumenter/:year/:kind/offentliggoer – what publishing will do, and the button that does it. */
export function PublishPage(p: { request: FastifyRequest; plan: PublicationPlan }): JSX.Element {
  const { plan } = p;
  const title = documentTitle(plan.kind, plan.year);
  const back = `/oekonomi/dokumenter/${plan.year}`;
  const blocked = plan.problems.length > 0 || plan.totalOre === null;
  return (
    <Layout title={`Offentliggør ${title.toLowerCase()}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <Breadcrumbs trail={[{ href: '/oekonomi', label: 'Økonomi' }, { href: back, label: `Dokumenter ${plan.year}` }]} current={`Offentliggør ${title.toLowerCase()}`} />
      <h1 safe>{`Offentliggør ${title.toLowerCase()}`}</h1>
      {blocked ? (
        <>
          <div class="alert alert-error" role="alert" id="problemer">
            <div class="alert-body">
              <p class="alert-heading" safe>{`${title} kan ikke offentliggøres endnu`}</p>
              <ul class="alert-text">
                {plan.problems.map((x) => (
                  <li safe>{x}</li>
                ))}
              </ul>
            </div>
          </div>
          <p>
            <a href={back} class="function-link">
              Tilbage til årets dokumenter
            </a>
          </p>
        </>
      ) : (
        <>
          <p class="font-lead">Tjek, hvad der sker, før du offentliggør.</p>
          <ul id="plan">
            <li safe>{`${plural(plan.municipalities, 'kommune', 'kommuner')} får hver sit dokument, i alt ${formatKroner(plan.totalOre!)}`}</li>
            <li id="plan-modtagere" safe>
              {`${plural(plan.recipients, 'person', 'personer')} (kommunernes IT- og digitaliseringschefer og økonomikontakter) får en mail med et link til deres kommunes dokument, hver person én gang.`}
            </li>
            <li id="plan-mangler" safe>
              {plan.withoutRecipients.length === 0
                ? 'Alle kommuner har en IT- og digitaliseringschef eller en økonomikontakt i rollegalleriet.'
                : `${plural(plan.withoutRecipients.length, 'kommune', 'kommuner')} har hverken en IT- og digitaliseringschef eller en økonomikontakt og får ingen mail: ${danishList(plan.withoutRecipients)}. De kan stadig se dokumentet i Samspil.`}
            </li>
          </ul>
          <Notice
            kind="warning"
            text={`Når ${title.toLowerCase()} er offentliggjort, fastfryses dokumenterne og kan ikke ændres, og mails kan ikke kaldes tilbage.${plan.kind === 'faktura' ? ` Årets priser for ${plan.year} låses.` : ''}`}
          />
          <form method="post" action={publishPath(plan.year, plan.kind)} class="samspil-actions">
            <CsrfField token={p.request.csrfToken} />
            <button type="submit" class="button button-primary">
              Offentliggør og send mails
            </button>
            <a href={back} class="button button-secondary">
              Annullér
            </a>
          </form>
        </>
      )}
    </Layout>
  );
}
