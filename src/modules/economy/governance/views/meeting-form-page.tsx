import type { FastifyRequest } from 'fastify';
import { ErrorSummary } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import type { MeetingWithCouncil } from '../load.ts';
import { meetingLabels } from '../meeting-input.ts';
import { meetingHref } from '../queries.ts';
import { FormHead, MeetingFields, type FormState } from './forms.tsx';

/** Correct a meeting's day, title or place; its agenda and files stay with it. */
export function MeetingFormPage(p: { request: FastifyRequest; meeting: MeetingWithCouncil; state: FormState }): JSX.Element {
  const title = `Ret mødet: ${p.meeting.title}`;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="styring">
      <p>
        <a href={meetingHref(p.meeting.id)} class="function-link">
          Tilbage til mødet
        </a>
      </p>
      <h1 safe>{title}</h1>
      <p class="font-lead" safe>
        {p.meeting.council.name}
      </p>
      <ErrorSummary errors={p.state.errors} labels={meetingLabels} />
      <form method="post" action={meetingHref(p.meeting.id)} novalidate>
        <FormHead csrfToken={p.request.csrfToken} />
        <MeetingFields state={p.state} />
        <button type="submit" class="button button-primary">
          Gem mødet
        </button>
      </form>
    </Layout>
  );
}
