import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { Notice, PlainText } from '../../../platform/views/components.tsx';
import { formatDate, formatDateLong, formatDeadline, formatKroner } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { MoveForm } from './move-form.tsx';
import { poolHref } from './pool-page.tsx';
import { ProposalStatusBadge, proposerName } from './proposal-table.tsx';
import type { MeetingOption, ProposalDetail, ProposalStep } from './queries.ts';
import { isFinal, STATUS_LABELS } from './statuses.ts';

export type ProposalPageProps = {
  request: FastifyRequest;
  proposal: ProposalDetail;
  steps: ProposalStep[];
  /** Who recorded each step is shown to KOMBIT's own staff. */
  showWho: boolean;
  /** The move form's meetings; null when the actor may not move proposals. */
  meetings: MeetingOption[] | null;
  form?: { values: Record<string, unknown>; errors: FieldErrors } | undefined;
  notice?: string | undefined;
};

function Timeline(p: { steps: ProposalStep[]; showWho: boolean }): JSX.Element {
  return (
    <ol id="forslagets-trin">
      {p.steps.map((s) => (
        <li data-trin={s.status}>
          <p>
            <ProposalStatusBadge status={s.status} /> <span safe>{formatDateLong(s.decidedAt)}</span>
            {p.showWho && s.decidedByName ? <span class="text-muted" safe>{` · registreret af ${s.decidedByName}`}</span> : ''}
          </p>
          {s.meeting ? (
            <p>
              <a href={`/styring/moeder/${s.meeting.id}`} class="function-link" safe>
                {`${s.meeting.councilName}: ${s.meeting.title}, ${formatDeadline(s.meeting.date)}`}
              </a>
            </p>
          ) : (
            ''
          )}
          {s.decision ? <PlainText text={s.decision} /> : s.status === 'modtaget' ? <p>Forslaget er modtaget af sekretariatet.</p> : ''}
        </li>
      ))}
    </ol>
  );
}

/** One proposal: what it asks, who proposed it, and every step it has taken with its meeting and decision. */
export function ProposalPage(p: ProposalPageProps): JSX.Element {
  const r = p.proposal;
  const heading = `Forslag ${r.number}: ${r.title}`;
  return (
    <Layout title={`${heading} – Prioriteringspuljen`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="styring">
      <p>
        <a href={poolHref(r.year)} class="function-link" safe>
          {`Tilbage til puljen ${r.year}`}
        </a>
      </p>
      <h1 safe>{heading}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <dl class="samspil-facts">
        <dt>Status</dt>
        <dd>
          <ProposalStatusBadge status={r.status} />
        </dd>
        <dt>Forslagsstiller</dt>
        <dd safe>{proposerName(r)}</dd>
        <dt>Puljens år</dt>
        <dd safe>{String(r.year)}</dd>
        <dt>Løsninger</dt>
        <dd safe>{r.solutions.map((s) => s.name).join(', ')}</dd>
        <dt>Anslået pris</dt>
        <dd safe>{formatKroner(r.estimatedCostOre)}</dd>
        <dt>Indsendt</dt>
        <dd safe>{formatDate(r.createdAt)}</dd>
      </dl>
      <h2>Beskrivelse</h2>
      <PlainText text={r.description} />
      <h2>Behandling</h2>
      <Timeline steps={p.steps} showWho={p.showWho} />
      {isFinal(r.status) ? <p safe>{`Forslaget er ${r.status === 'prioriteret' ? 'prioriteret' : 'afvist'}; behandlingen er slut.`}</p> : ''}
      {p.meetings !== null && !isFinal(r.status) ? (
        <MoveForm request={p.request} number={r.number} status={r.status} meetings={p.meetings} values={p.form?.values ?? {}} errors={p.form?.errors ?? {}} />
      ) : (
        ''
      )}
      {!isFinal(r.status) && p.meetings === null ? <p safe>{`Forslaget har status ${STATUS_LABELS[r.status]} og venter på næste behandling.`}</p> : ''}
    </Layout>
  );
}
