import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, Notice, PlainText } from '../../../platform/views/components.tsx';
import { formatDateTimeLong } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { eventLabels } from '../news-input.ts';
import type { EventRow } from '../queries.ts';
import { EventFields } from './event-fields.tsx';
import type { FormState } from './news-form-page.tsx';

export const EVENT_NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  oprettet: { kind: 'success', text: 'Arrangementet er gemt.' },
  rettet: { kind: 'success', text: 'Arrangementet er rettet.' },
  uaendret: { kind: 'info', text: 'Arrangementet var allerede sådan; intet er ændret.' },
  slettet: { kind: 'success', text: 'Arrangementet er slettet.' },
  'allerede-slettet': { kind: 'info', text: 'Arrangementet var allerede slettet.' },
};

/** The link as the reader will see where it leads: its host and path, without the scheme. */
const linkText = (link: string) => link.replace(/^https?:\/\//i, '').replace(/\/$/, '');

function EventList(p: { events: EventRow[]; canEdit: boolean; csrfToken: string | undefined }): JSX.Element {
  return (
    <ul class="nobullet-list samspil-events">
      {p.events.map((e) => (
        <li>
          <h3 safe>{e.title}</h3>
          <p>
            <strong>Tid:</strong>{' '}
            <time datetime={e.startsAt.toISOString()} safe>
              {formatDateTimeLong(e.startsAt)}
            </time>
          </p>
          {e.place ? (
            <p>
              <strong>Sted:</strong> <span safe>{e.place}</span>
            </p>
          ) : (
            ''
          )}
          {e.participants ? (
            <p>
              <strong>Deltagere:</strong> <span safe>{e.participants}</span>
            </p>
          ) : (
            ''
          )}
          {e.description ? <PlainText text={e.description} /> : ''}
          {e.link ? (
            <p>
              <strong>Link:</strong>{' '}
              <a href={e.link} rel="noopener noreferrer" data-event-link safe>
                {linkText(e.link)}
              </a>
            </p>
          ) : (
            ''
          )}
          {p.canEdit ? (
            <form method="post" action={`/arrangementer/${e.id}/slet`} class="samspil-actions">
              <CsrfField token={p.csrfToken} />
              <a href={`/arrangementer/${e.id}/rediger`} class="button button-secondary">
                Ret<span class="sr-only" safe>{` ${e.title}`}</span>
              </a>
              <button type="submit" class="button button-tertiary">
                Slet<span class="sr-only" safe>{` ${e.title}`}</span>
              </button>
            </form>
          ) : (
            ''
          )}
        </li>
      ))}
    </ul>
  );
}

/** Events such as the Folkemødet debates: upcoming first, past below; central editors add them here. */
export function EventsPage(p: {
  request: FastifyRequest;
  upcoming: EventRow[];
  past: EventRow[];
  canEdit: boolean;
  form: FormState;
  notice?: { kind: 'success' | 'info'; text: string } | undefined;
}): JSX.Element {
  const v = p.form.values;
  const e = p.form.errors;
  return (
    <Layout title="Arrangementer" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="nyt">
      <h1>Arrangementer</h1>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      <h2>Kommende</h2>
      {p.upcoming.length === 0 ? <p>Der er ingen kommende arrangementer.</p> : <EventList events={p.upcoming} canEdit={p.canEdit} csrfToken={p.request.csrfToken} />}
      <h2>Afholdte</h2>
      {p.past.length === 0 ? <p>Der er ingen afholdte arrangementer.</p> : <EventList events={p.past} canEdit={p.canEdit} csrfToken={p.request.csrfToken} />}
      {p.canEdit ? (
        <>
          <h2>Tilføj et arrangement</h2>
          <ErrorSummary errors={e} labels={eventLabels} />
          <form method="post" action="/arrangementer" novalidate>
            <CsrfField token={p.request.csrfToken} />
            <RequestKeyField value={v.requestKey} />
            <EventFields state={p.form} />
            <button type="submit" class="button button-primary">
              Gem arrangementet
            </button>
          </form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
