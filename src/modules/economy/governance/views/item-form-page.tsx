import type { FastifyRequest } from 'fastify';
import { ErrorSummary } from '../../../../platform/views/components.tsx';
import { formatDayLong } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import type { MeetingWithCouncil } from '../load.ts';
import { itemLabels } from '../meeting-input.ts';
import { meetingHref } from '../queries.ts';
import { FormHead, ItemFields, type FormState } from './forms.tsx';

/** Correct an agenda item and record the decision the council took on it. */
export function ItemFormPage(p: { request: FastifyRequest; meeting: MeetingWithCouncil; position: number; state: FormState }): JSX.Element {
  const title = `Punkt ${p.position} på ${p.meeting.title}`;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="styring">
      <p>
        <a href={meetingHref(p.meeting.id)} class="function-link">
          Tilbage til mødet
        </a>
      </p>
      <h1 safe>{title}</h1>
      <p class="font-lead" safe>
        {`${p.meeting.council.name}, ${formatDayLong(p.meeting.meetingDate)}`}
      </p>
      <ErrorSummary errors={p.state.errors} labels={itemLabels} />
      <form method="post" action={`${meetingHref(p.meeting.id)}/punkter/${p.position}`} novalidate>
        <FormHead csrfToken={p.request.csrfToken} />
        <ItemFields state={p.state} withDecision />
        <button type="submit" class="button button-primary">
          Gem punktet
        </button>
      </form>
    </Layout>
  );
}
