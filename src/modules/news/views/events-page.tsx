import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, Notice, PlainText, TextArea, TextField } from '../../../platform/views/components.tsx';
import { formatDateTimeLong } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { eventLabels } from '../news-input.ts';
import type { EventRow } from '../queries.ts';
import type { FormState } from './news-form-page.tsx';

export const EVENT_NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  oprettet: { kind: 'success', text: 'Arrangementet er gemt.' },
  slettet: { kind: 'success', text: 'Arrangementet er slettet.' },
  'allerede-slettet': { kind: 'info', text: 'Arrangementet var allerede slettet.' },
};

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function EventList(p: { events: EventRow[]; canEdit: boolean; csrfToken: string | undefined }): JSX.Element {
  return (
    <ul class="nobullet-list samspil-events">
      {p.events.map((e) => (
        <li>
          <h3 safe>{e.title}</h3>
          <p>
            <time datetime={e.startsAt.toISOString()} safe>
              {formatDateTimeLong(e.startsAt)}
            </time>
            {e.place ? <span safe>{` · ${e.place}`}</span> : ''}
          </p>
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
              <a href={e.link} rel="noopener noreferrer">
                Læs mere<span class="sr-only" safe>{` om ${e.title}`}</span>
              </a>
            </p>
          ) : (
            ''
          )}
          {p.canEdit ? (
            <form method="post" action={`/arrangementer/${e.id}/slet`}>
              <CsrfField token={p.csrfToken} />
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
            <TextField name="title" label="Titel" value={text(v.title)} error={e.title} required />
            <TextField name="date" label="Dato" type="date" value={text(v.date)} error={e.date} required />
            <TextField name="time" label="Klokkeslæt" value={text(v.time)} error={e.time} hint="tt.mm, fx 14.30" required />
            <TextField name="place" label="Sted" value={text(v.place)} error={e.place} />
            <TextArea name="participants" label="Deltagere" value={text(v.participants)} error={e.participants} rows={3} />
            <TextField name="link" label="Link" type="url" value={text(v.link)} error={e.link} hint="https://…" />
            <TextArea name="description" label="Beskrivelse" value={text(v.description)} error={e.description} rows={4} />
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
