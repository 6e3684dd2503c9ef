import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Radio } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, TextArea } from '../../../platform/views/components.tsx';
import { formatDeadline } from '../../../platform/views/format.ts';
import { MOVE_LABELS } from './proposal-input.ts';
import type { MeetingOption } from './queries.ts';
import { nextStatuses, STATUS_LABELS, type ProposalStatus } from './statuses.ts';

const HINTS: Record<ProposalStatus, string> = {
  modtaget: '',
  behandlet_fagraad: 'Et fagråd har behandlet forslaget',
  indstillet: 'Forslaget er indstillet til Porteføljerådet og sat på dets dagsorden',
  prioriteret: 'Porteføljerådet har prioriteret forslaget: det får penge fra puljen',
  afvist: 'Forslaget går ikke videre',
};

function MeetingSelect(p: { meetings: MeetingOption[]; value: string; error: string | undefined }): JSX.Element {
  const id = fieldId('meetingId');
  const group = (kind: MeetingOption['kind'], label: string) => {
    const meetings = p.meetings.filter((m) => m.kind === kind);
    if (meetings.length === 0) return '';
    return (
      <optgroup label={label}>
        {meetings.map((m) => (
          <option value={m.id} selected={m.id === p.value} safe>
            {`${formatDeadline(m.date)} – ${m.councilName}: ${m.title}`}
          </option>
        ))}
      </optgroup>
    );
  };
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id}>
        Møde <span class="weight-normal">(valgfri)</span>
      </label>
      <span class="form-hint" id={`${id}-hint`}>
        Behandlet i fagråd besluttes på et fagrådsmøde, de øvrige på et møde i Porteføljerådet
      </span>
      <ErrorText id={id} error={p.error} />
      <select class="form-select" id={id} name="meetingId" aria-describedby={p.error ? `${id}-hint ${id}-error` : `${id}-hint`}>
        <option value="">Intet møde</option>
        {group('fagraad', 'Fagråd')}
        {group('portefoeljeraad', 'Porteføljerådet')}
      </select>
    </div>
  );
}

/** The secretariat's form for a council's decision on a proposal: the new status, the meeting and the decision in words. */
export function MoveForm(p: {
  request: FastifyRequest;
  number: number;
  status: ProposalStatus;
  meetings: MeetingOption[];
  values: Record<string, unknown>;
  errors: FieldErrors;
}): JSX.Element {
  const v = p.values as Record<string, string | undefined>;
  const choices = nextStatuses(p.status);
  const chosen = typeof v.status === 'string' ? v.status : choices[0];
  const statusId = fieldId('status');
  return (
    <section aria-labelledby="ny-beslutning">
      <h2 id="ny-beslutning">Registrér en beslutning</h2>
      <p safe>
        {`Forslaget flyttes kun frem: fra ${STATUS_LABELS[p.status]} til næste trin, eller det afvises. Registreringen kan ikke fortrydes, så skriv beslutningen, som den står i referatet.`}
      </p>
      <ErrorSummary errors={p.errors} labels={MOVE_LABELS} />
      <form method="post" action={`/styring/puljen/forslag/${p.number}/trin`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={v.requestKey} />
        <fieldset id={statusId} aria-describedby={p.errors.status ? `${statusId}-error` : undefined}>
          <legend class="form-label">Beslutning</legend>
          <ErrorText id={statusId} error={p.errors.status} />
          {choices.map((s) => (
            <Radio name="status" value={s} id={`${statusId}-${s}`} label={STATUS_LABELS[s]} checked={chosen === s} hint={HINTS[s]} />
          ))}
        </fieldset>
        <MeetingSelect meetings={p.meetings} value={typeof v.meetingId === 'string' ? v.meetingId : ''} error={p.errors.meetingId} />
        <TextArea name="decision" label="Beslutningens ordlyd" value={typeof v.decision === 'string' ? v.decision : ''} error={p.errors.decision} rows={4} required />
        <button type="submit" class="button button-primary">
          Registrér beslutningen
        </button>
      </form>
    </section>
  );
}
