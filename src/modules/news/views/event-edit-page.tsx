import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { eventLabels } from '../news-input.ts';
import { EventFields } from './event-fields.tsx';
import type { FormState } from './news-form-page.tsx';

/** Correcting an event: the add form's fields filled with what is stored (or what was sent, with its errors). */
export function EventEditPage(p: { request: FastifyRequest; id: string; title: string; state: FormState }): JSX.Element {
  return (
    <Layout title={`Ret arrangementet – ${p.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="nyt">
      <Breadcrumbs trail={[{ href: '/arrangementer', label: 'Arrangementer' }]} current="Ret arrangementet" />
      <h1>Ret arrangementet</h1>
      <ErrorSummary errors={p.state.errors} labels={eventLabels} />
      <form method="post" action={`/arrangementer/${p.id}`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <EventFields state={p.state} />
        <div class="samspil-actions">
          <button type="submit" class="button button-primary">
            Gem arrangementet
          </button>
          <a href="/arrangementer" class="function-link">
            Annullér
          </a>
        </div>
      </form>
    </Layout>
  );
}
