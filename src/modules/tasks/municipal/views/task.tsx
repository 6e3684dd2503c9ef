import type { FastifyRequest } from 'fastify';
import { ErrorSummary, Notice } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { isOverdue } from '../../status.ts';
import type { PersonOption, TargetView } from '../../task-view-queries.ts';
import { Flags, StatusBadge, type TaskPageMode, type TaskPageState, TaskText } from './shared.tsx';
import { NotRelevant, PeopleForm, Thread } from './task-sections.tsx';
import { FileLink, Step } from './task-steps.tsx';
import { formatDate, formatDateLong, formatDateTime, formatDeadline } from '../../../../platform/views/format.ts';

const ERROR_LABELS: Record<string, string> = {
  responsiblePersonId: 'Ansvarlig',
  executorPersonId: 'Udfører',
  body: 'Besked',
  reason: 'Begrundelse',
};

/** A step's use case reports its error as `value`; the page names it after the step so the summary can link to it. */
function stepErrorsByPosition(v: TargetView, state: TaskPageState): TaskPageState {
  const form = state.form;
  if (form?.kind !== 'step' || !state.errors) return state;
  const step = v.steps.find((s) => s.id === form.stepId);
  if (!step) return state;
  const { value, completed, ...rest } = state.errors;
  const message = value ?? completed;
  return { ...state, errors: message ? { ...rest, [`trin-${step.position}`]: message } : rest };
}

export function TaskPage(p: {
  request: FastifyRequest;
  view: TargetView;
  people: PersonOption[];
  now: Date;
  mode: TaskPageMode;
  state?: TaskPageState;
}): JSX.Element {
  const v = p.view;
  const t = v.task;
  const state = stepErrorsByPosition(v, p.state ?? {});
  const csrf = p.request.csrfToken;
  const overdue = isOverdue(t.deadline, v.status, p.now);
  const central = p.mode.kind === 'central';
  const canAct = p.mode.kind === 'municipal' && p.mode.canAct;
  const editable = canAct && v.notRelevantReason === null;
  const ownAttachments = v.attachments.filter((f) => f.municipalityCode !== null);
  const commonAttachments = v.attachments.filter((f) => f.municipalityCode === null);
  const stepLabels = Object.fromEntries(v.steps.map((s) => [`trin-${s.position}`, `Trin ${s.position}`]));
  const lastChange = v.deadlineChanges[v.deadlineChanges.length - 1];
  return (
    <Layout title={central ? `${v.municipalityName}: ${t.title}` : t.title} actor={p.request.actor} csrfToken={csrf} nav="opgaver">
      <p>
        {central ? (
          <a href={`/opgaver/${t.id}/overblik`} class="function-link">
            Tilbage til opgavens overblik
          </a>
        ) : (
          <a href="/opgaver" class="function-link">
            Tilbage til Mine opgaver
          </a>
        )}
      </p>
      <p class="text-muted" safe>
        {[t.code, v.projectName, v.solutionName].filter(Boolean).join(' · ')}
      </p>
      <h1 safe>{central ? `${v.municipalityName} Kommune: ${t.title}` : t.title}</h1>
      <p>
        <StatusBadge status={v.status} overdue={overdue} />{' '}
        <Flags critical={t.critical} crossCutting={t.crossCutting} optional={t.optional} local={t.localMunicipalityCode !== null} closed={t.status === 'closed'} />
      </p>
      {central ? (
        ''
      ) : (
        <p>
          <a href={`/opgaver/${t.id}/pdf`} class="function-link">
            Gem som PDF
          </a>
        </p>
      )}
      {state.notice ? <Notice kind="success" text={state.notice} /> : ''}
      <ErrorSummary errors={state.errors ?? {}} labels={{ ...ERROR_LABELS, ...stepLabels }} />
      {t.status === 'announced' ? (
        <Notice
          kind="info"
          text={`Opgaven er annonceret og kan endnu ikke besvares.${t.publishAt ? ` Den åbner ${formatDateLong(t.publishAt)}.` : ''}`}
        />
      ) : (
        ''
      )}
      {t.status === 'closed' ? <Notice kind="info" text="Opgaven er lukket og kan ikke længere besvares." /> : ''}
      <dl class="samspil-details">
        <dt>Frist</dt>
        <dd>
          <span safe>{formatDeadline(t.deadline)}</span>
          {lastChange ? <span class="text-muted" safe>{` (ændret fra ${formatDeadline(lastChange.fromDeadline)})`}</span> : ''}
        </dd>
        {v.solvedAt ? (
          <>
            <dt>Løst</dt>
            <dd safe>{formatDateTime(v.solvedAt)}</dd>
          </>
        ) : (
          ''
        )}
        <dt>Ansvarlig</dt>
        <dd safe>{v.responsibleName ?? 'Ingen'}</dd>
        <dt>Udfører</dt>
        <dd safe>{v.executorName ?? 'Ingen'}</dd>
      </dl>
      {v.deadlineChanges.length > 0 ? (
        <details class="mt-4">
          <summary>Fristens historik</summary>
          <ul>
            {v.deadlineChanges.map((c) => (
              <li safe>{`${formatDate(c.changedAt)}: ${formatDeadline(c.fromDeadline)} → ${formatDeadline(c.toDeadline)}${c.reason ? ` – ${c.reason}` : ''}`}</li>
            ))}
          </ul>
        </details>
      ) : (
        ''
      )}
      {t.description ? (
        <section aria-labelledby="beskrivelse">
          <h2 id="beskrivelse">Beskrivelse</h2>
          <TaskText text={t.description} />
        </section>
      ) : (
        ''
      )}
      {t.consequence ? (
        <section aria-labelledby="konsekvens">
          <h2 id="konsekvens">Hvis opgaven ikke bliver løst</h2>
          <TaskText text={t.consequence} />
        </section>
      ) : (
        ''
      )}
      {commonAttachments.length + ownAttachments.length > 0 ? (
        <section aria-labelledby="bilag">
          <h2 id="bilag">Bilag</h2>
          <ul class="nobullet-list">
            {commonAttachments.map((f) => (
              <li>
                <FileLink taskId={t.id} file={f} />
              </li>
            ))}
            {ownAttachments.map((f) => (
              <li>
                <FileLink taskId={t.id} file={f} /> <span class="badge badge-info" safe>{`Kun til ${v.municipalityName}`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {canAct ? (
        <section aria-labelledby="personer" class="mt-6">
          <h2 id="personer">Ansvarlig og udfører</h2>
          <PeopleForm view={v} people={p.people} csrf={csrf} state={state} />
        </section>
      ) : (
        ''
      )}
      {t.optional ? <NotRelevant view={v} csrf={csrf} state={state} editable={canAct} /> : ''}
      <section aria-labelledby="trin" class="mt-6">
        <h2 id="trin" safe>{`Trin (${v.steps.filter((s) => s.answer?.completed).length} af ${v.steps.length} udført)`}</h2>
        <ol class="nobullet-list samspil-steps">
          {v.steps.map((s) => (
            <Step view={v} step={s} editable={editable} csrf={csrf} state={state} />
          ))}
        </ol>
      </section>
      <Thread
        view={v}
        central={central}
        csrf={csrf}
        state={state}
        action={central ? `/opgaver/${t.id}/kommuner/${v.municipalityCode}/beskeder` : canAct ? `/opgaver/${t.id}/beskeder` : null}
      />
    </Layout>
  );
}
