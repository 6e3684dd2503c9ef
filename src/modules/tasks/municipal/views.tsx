import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, fieldId, Notice, PlainText, SelectField, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { localTaskLabels } from './create-local-task.ts';
import { renderMarkdown } from '../markdown.ts';
import type { MyTaskRow, MyTasksFilter, filterOptions } from './my-tasks-queries.ts';
import type { TargetStatus } from '../schema.ts';
import { formatDeadline, isOverdue, TARGET_STATUS_DA } from '../status.ts';
import type { FileView, PersonOption, StepView, TargetView } from '../task-view-queries.ts';
import { formatDate, formatDateTime, formatSize } from '../../../platform/views/format.ts';

export const NOTICES: Record<string, string> = {
  'trin-gemt': 'Trinnet er gemt.',
  'personer-gemt': 'Ansvarlig og udfører er gemt.',
  'besked-sendt': 'Beskeden er sendt.',
  'ikke-relevant': 'Opgaven er markeret som ikke relevant for kommunen.',
  relevant: 'Markeringen "ikke relevant" er fortrudt.',
  'lokal-oprettet': 'Den lokale opgave er oprettet. Kun jeres kommune kan se den.',
  'ingen-aendring': 'Der var ingen ændringer at gemme.',
};

const STATUS_BADGE: Record<TargetStatus, string> = {
  ikke_startet: 'badge',
  i_gang: 'badge badge-info',
  loest: 'badge badge-success',
  ikke_relevant: 'badge',
};

const fmtTime = formatDateTime;
const fmtDate = formatDate;

/** Task descriptions, consequences and step instructions are Markdown, rendered by the authors' safe renderer (no raw HTML). */
export function TaskText(p: { text: string }): JSX.Element {
  return <div class="samspil-task-text">{renderMarkdown(p.text) as 'safe'}</div>;
}

export function StatusBadge(p: { status: TargetStatus; overdue: boolean }): JSX.Element {
  return (
    <>
      <span class={STATUS_BADGE[p.status]} safe>
        {TARGET_STATUS_DA[p.status]}
      </span>
      {p.overdue ? (
        <>
          {' '}
          <span class="badge badge-error">Forsinket</span>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** Task flags as DKFDS badges (DKFDS's .tag is an interactive filter chip, so static flags are badges). */
export function Flags(p: { critical: boolean; crossCutting: boolean; optional: boolean; local: boolean; closed: boolean }): JSX.Element {
  const flags: [boolean, string, string][] = [
    [p.critical, 'badge badge-warning', 'Kritisk'],
    [p.crossCutting, 'badge badge-info', 'Tværgående'],
    [p.optional, 'badge', 'Valgfri'],
    [p.local, 'badge badge-info', 'Lokal opgave'],
    [p.closed, 'badge', 'Lukket'],
  ];
  return (
    <>
      {flags
        .filter(([on]) => on)
        .map(([, cls, label]) => (
          <>
            <span class={cls} safe>
              {label}
            </span>{' '}
          </>
        ))}
    </>
  );
}

// ---------------------------------------------------------------- Mine opgaver

function TaskTable(p: { rows: MyTaskRow[]; caption: string; showProject: boolean }): JSX.Element {
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra">
        <caption safe>{`${p.caption} (${p.rows.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Kode</th>
            <th scope="col">Opgave</th>
            {p.showProject ? <th scope="col">Projekt</th> : ''}
            <th scope="col">Frist</th>
            <th scope="col">Status</th>
            <th scope="col">Ansvarlig</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-opgave={r.id}>
              <td safe>{r.code}</td>
              <td>
                <a href={`/opgaver/${r.id}`} safe>
                  {r.title}
                </a>
                <br />
                <Flags critical={r.critical} crossCutting={r.crossCutting} optional={r.optional} local={false} closed={r.taskStatus === 'closed'} />
              </td>
              {p.showProject ? <td safe>{r.projectName ?? '–'}</td> : ''}
              <td safe>{formatDeadline(r.deadline)}</td>
              <td>
                <StatusBadge status={r.status} overdue={r.overdue} />
              </td>
              <td safe>{r.responsibleName ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const STATUS_OPTIONS = [
  { value: 'ikke_startet', label: 'Ikke startet' },
  { value: 'i_gang', label: 'I gang' },
  { value: 'loest', label: 'Løst' },
  { value: 'ikke_relevant', label: 'Ikke relevant' },
  { value: 'forsinket', label: 'Forsinket' },
];

function Checkbox(p: { name: string; label: string; checked: boolean }): JSX.Element {
  const id = fieldId(p.name);
  return (
    <div class="form-group-checkbox">
      <input type="checkbox" class="form-checkbox" id={id} name={p.name} value="on" checked={p.checked} />
      <label for={id} class="form-label" safe>
        {p.label}
      </label>
    </div>
  );
}

function DateFilter(p: { name: string; label: string; value: string | undefined }): JSX.Element {
  const id = fieldId(p.name);
  return (
    <div class="form-group">
      <label class="form-label" for={id} safe>
        {p.label}
      </label>
      <input class="form-input input-width-s" id={id} name={p.name} type="date" value={p.value ?? ''} />
    </div>
  );
}

/** Pages of "Mine opgaver" (sorted by deadline), keeping the filters in the links. */
function Pager(p: { request: FastifyRequest; page: number; hasNext: boolean; pageSize: number; count: number }): JSX.Element {
  const link = (page: number) => {
    const q = new URLSearchParams(Object.entries(p.request.query as Record<string, string>).filter(([k, v]) => k !== 'side' && typeof v === 'string'));
    q.set('side', String(page));
    return `/opgaver?${q.toString()}`;
  };
  const first = (p.page - 1) * p.pageSize + 1;
  return (
    <nav class="samspil-actions" aria-label="Sider">
      <span safe>{`Viser opgave ${first}–${first + p.count - 1}, sorteret efter frist.`}</span>
      {p.page > 1 ? (
        <a href={link(p.page - 1)} class="function-link">
          Forrige side
        </a>
      ) : (
        ''
      )}
      {p.hasNext ? (
        <a href={link(p.page + 1)} class="function-link">
          Næste side
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}

export function MyTasksPage(p: {
  request: FastifyRequest;
  rows: MyTaskRow[];
  filter: MyTasksFilter;
  options: Awaited<ReturnType<typeof filterOptions>>;
  filtered: boolean;
  paging?: { page: number; hasNext: boolean; pageSize: number };
}): JSX.Element {
  const f = p.filter;
  const central = p.rows.filter((r) => !r.local);
  const local = p.rows.filter((r) => r.local);
  const overdue = central.filter((r) => r.overdue).length + local.filter((r) => r.overdue).length;
  return (
    <Layout title="Mine opgaver" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="opgaver">
      <h1>Mine opgaver</h1>
      <p class="font-lead">Opgaver fra KOMBIT til de roller, du har i kommunen, og kommunens egne lokale opgaver.</p>
      <div class="samspil-actions">
        <a href="/opgaver/lokal/ny" class="button button-secondary">
          Opret lokal opgave
        </a>
        <a href="/opgaver/kommende" class="function-link">
          Se kommende opgaver
        </a>
      </div>
      <form method="get" action="/opgaver" class="samspil-filter" aria-label="Filtrér opgaver">
        <fieldset>
          <legend class="h3">Filtrér</legend>
          <div class="samspil-actions">
            <SelectField
              name="projekt"
              label="Projekt"
              value={f.projectKey}
              emptyLabel="Alle projekter"
              options={p.options.projects.map((x) => ({ value: x.key, label: x.name }))}
            />
            <SelectField
              name="loesning"
              label="Løsning"
              value={f.solutionKey}
              emptyLabel="Alle løsninger"
              options={p.options.solutions.map((x) => ({ value: x.key, label: x.name }))}
            />
            <SelectField name="status" label="Status" value={f.status} emptyLabel="Alle" options={STATUS_OPTIONS} />
            <DateFilter name="frist-fra" label="Frist fra" value={f.deadlineFrom} />
            <DateFilter name="frist-til" label="Frist til" value={f.deadlineTo} />
          </div>
          <div class="samspil-actions">
            <Checkbox name="kritisk" label="Kun kritiske" checked={f.critical === true} />
            <Checkbox name="tvaergaaende" label="Kun tværgående" checked={f.crossCutting === true} />
            <Checkbox name="valgfri" label="Kun valgfrie" checked={f.optional === true} />
          </div>
          <div class="samspil-actions">
            <button type="submit" class="button button-secondary">
              Filtrér
            </button>
            {p.filtered ? (
              <a href="/opgaver" class="function-link">
                Nulstil filtre
              </a>
            ) : (
              ''
            )}
          </div>
        </fieldset>
      </form>
      {overdue > 0 ? <Notice kind="warning" text={`${overdue} ${overdue === 1 ? 'opgave har' : 'opgaver har'} overskredet fristen.`} /> : ''}
      {central.length === 0 ? (
        <p>{p.filtered ? 'Ingen opgaver passer til filtrene.' : 'Du har ingen opgaver fra KOMBIT lige nu.'}</p>
      ) : (
        <TaskTable rows={central} caption="Opgaver fra KOMBIT" showProject />
      )}
      <h2>Lokale opgaver</h2>
      {local.length === 0 ? (
        <p>{p.filtered ? 'Ingen lokale opgaver passer til filtrene.' : 'Kommunen har ingen lokale opgaver.'}</p>
      ) : (
        <TaskTable rows={local} caption="Kommunens lokale opgaver" showProject={false} />
      )}
      {p.paging && (p.paging.page > 1 || p.paging.hasNext) ? <Pager request={p.request} {...p.paging} count={p.rows.length} /> : ''}
    </Layout>
  );
}

// ---------------------------------------------------------------- One task

export type TaskPageMode =
  | { kind: 'municipal'; canAct: boolean }
  /** Central staff looking at one municipality; they reply in the thread. */
  | { kind: 'central' };

export type TaskPageState = {
  notice?: string | undefined;
  errors?: FieldErrors;
  /** The form that failed, so its fields show the user's input again. */
  form?: { kind: 'step'; stepId: string } | { kind: 'people' | 'message' | 'not-relevant' };
  values?: Record<string, unknown>;
};

function FileLink(p: { taskId: string; file: Pick<FileView, 'id' | 'filename' | 'size'> }): JSX.Element {
  return (
    <>
      <a href={`/opgaver/${p.taskId}/filer/${p.file.id}`} class="function-link" safe>
        {p.file.filename}
      </a>
      <span class="text-muted" safe>{` (${formatSize(p.file.size)})`}</span>
    </>
  );
}

function answerText(step: StepView): string {
  const v = step.answer?.value;
  if (!v) return '';
  if (step.answerKind === 'yes_no') return v === 'ja' ? 'Ja' : 'Nej';
  if (step.answerKind === 'date') return formatDeadline(v);
  return v;
}

function ErrorMessage(p: { id: string; error: string | undefined }): JSX.Element {
  if (!p.error) return <></>;
  return (
    <span class="form-error-message" id={`${p.id}-error`}>
      <span class="sr-only">Fejl: </span>
      <span safe>{p.error}</span>
    </span>
  );
}

function StepAnswerField(p: { step: StepView; id: string; value: string; error: string | undefined; taskId: string; files: FileView[] }): JSX.Element {
  const s = p.step;
  const label = s.answerLabel || 'Svar';
  const describedBy = [s.answerHint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const hint = s.answerHint ? (
    <span class="form-hint" id={`${p.id}-hint`} safe>
      {s.answerHint}
    </span>
  ) : (
    ''
  );
  const group = p.error ? 'form-group form-error' : 'form-group';
  switch (s.answerKind) {
    case 'none':
      return <></>;
    case 'yes_no':
      return (
        <div class={group}>
          <fieldset aria-describedby={describedBy}>
            <legend class="form-label" safe>
              {label}
            </legend>
            {hint}
            <ErrorMessage id={p.id} error={p.error} />
            {[
              ['ja', 'Ja'],
              ['nej', 'Nej'],
            ].map(([v, l], i) => (
              <div class="form-group-radio">
                <input type="radio" class="form-radio" id={i === 0 ? p.id : `${p.id}-${v}`} name="value" value={v} checked={p.value === v} />
                <label class="form-label" for={i === 0 ? p.id : `${p.id}-${v}`} safe>
                  {l}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
      );
    case 'file': {
      const current = s.answer?.fileId ? p.files.find((f) => f.id === s.answer?.fileId) : undefined;
      return (
        <div class={group}>
          <label class="form-label" for={p.id} safe>
            {s.answer?.fileId ? `${label} (vælg en ny fil for at erstatte den)` : label}
          </label>
          {hint}
          <ErrorMessage id={p.id} error={p.error} />
          {current ? (
            <p>
              Nuværende fil: <FileLink taskId={p.taskId} file={current} />
            </p>
          ) : (
            ''
          )}
          <input type="file" class="form-file-input" id={p.id} name="fil" aria-describedby={describedBy} />
          <span class="form-hint">Højst 10 MB.</span>
        </div>
      );
    }
    case 'text':
      return (
        <div class={group}>
          <label class="form-label" for={p.id} safe>
            {label}
          </label>
          {hint}
          <ErrorMessage id={p.id} error={p.error} />
          <textarea class="form-input" id={p.id} name="value" rows="4" aria-describedby={describedBy} aria-invalid={p.error ? 'true' : undefined} safe>
            {p.value}
          </textarea>
        </div>
      );
    default:
      return (
        <div class={group}>
          <label class="form-label" for={p.id} safe>
            {label}
          </label>
          {hint}
          <ErrorMessage id={p.id} error={p.error} />
          <input
            class={s.answerKind === 'date' ? 'form-input input-width-s' : 'form-input input-width-l'}
            id={p.id}
            name="value"
            type={s.answerKind === 'date' ? 'date' : 'text'}
            value={p.value}
            autocomplete="off"
            aria-describedby={describedBy}
            aria-invalid={p.error ? 'true' : undefined}
          />
        </div>
      );
  }
}

function Step(p: { view: TargetView; step: StepView; editable: boolean; csrf: string | undefined; state: TaskPageState }): JSX.Element {
  const s = p.step;
  const id = fieldId(`trin-${s.position}`);
  const failed = p.state.form?.kind === 'step' && p.state.form.stepId === s.id;
  const error = failed ? p.state.errors?.[`trin-${s.position}`] : undefined;
  const values = failed ? (p.state.values ?? {}) : {};
  const value = failed && typeof values.value === 'string' ? values.value : (s.answer?.value ?? '');
  const completed = failed ? values.completed === 'on' || values.completed === 'true' : (s.answer?.completed ?? false);
  const file = s.answer?.fileId ? p.view.files.find((f) => f.id === s.answer?.fileId) : undefined;
  return (
    <li class="samspil-step" id={`trin-${s.id}`}>
      <h3 safe>{`Trin ${s.position}: ${s.title}`}</h3>
      <p>
        {s.answer?.completed ? <span class="badge badge-success">Udført</span> : <span class="badge">Ikke udført</span>}
        {s.answer ? (
          <span class="text-muted" safe>
            {` Senest gemt ${fmtTime(s.answer.answeredAt)}${s.answer.answeredByName ? ` af ${s.answer.answeredByName}` : ''}`}
          </span>
        ) : (
          ''
        )}
      </p>
      {s.instructions ? <TaskText text={s.instructions} /> : ''}
      {p.editable ? (
        <form
          method="post"
          action={`/opgaver/${p.view.task.id}/trin/${s.id}`}
          enctype={s.answerKind === 'file' ? 'multipart/form-data' : undefined}
          novalidate
        >
          <CsrfField token={p.csrf} />
          <StepAnswerField step={s} id={id} value={value} error={error} taskId={p.view.task.id} files={p.view.files} />
          <div class="form-group">
            <div class="form-group-checkbox">
              <input
                type="checkbox"
                class="form-checkbox"
                id={s.answerKind === 'none' ? id : `${id}-udfoert`}
                name="completed"
                value="on"
                checked={completed}
              />
              <label for={s.answerKind === 'none' ? id : `${id}-udfoert`} class="form-label">
                {s.answerKind === 'none' ? 'Markér som udført' : 'Udført'}
              </label>
            </div>
          </div>
          <button type="submit" class="button button-secondary">
            Gem <span class="sr-only" safe>{`trin ${s.position}`}</span>
          </button>
        </form>
      ) : s.answerKind === 'none' ? (
        ''
      ) : (
        <dl class="samspil-details">
          <dt safe>{s.answerLabel || 'Svar'}</dt>
          <dd>{file ? <FileLink taskId={p.view.task.id} file={file} /> : <span safe>{answerText(s) || '–'}</span>}</dd>
        </dl>
      )}
    </li>
  );
}

function Thread(p: { view: TargetView; action: string | null; csrf: string | undefined; state: TaskPageState; central: boolean }): JSX.Element {
  const failed = p.state.form?.kind === 'message';
  const error = failed ? p.state.errors?.body : undefined;
  const value = failed && typeof p.state.values?.body === 'string' ? p.state.values.body : '';
  return (
    <section aria-labelledby="beskeder" class="mt-6">
      {p.central ? (
        <h2 id="beskeder" safe>
          {`Tråd med ${p.view.municipalityName} Kommune`}
        </h2>
      ) : (
        <h2 id="beskeder">Spørgsmål til KOMBIT</h2>
      )}
      {p.view.messages.length === 0 ? (
        <p>Der er ingen beskeder endnu.</p>
      ) : (
        <ul class="nobullet-list samspil-thread">
          {p.view.messages.map((m) => (
            <li id={`besked-${m.id}`}>
              <p>
                <strong safe>{m.authorName}</strong>
                <span safe>{m.fromCentral ? ' (KOMBIT)' : ` (${p.view.municipalityName} Kommune)`}</span>
                <span class="text-muted" safe>{` · ${fmtTime(m.createdAt)}`}</span>
              </p>
              <PlainText text={m.body} />
            </li>
          ))}
        </ul>
      )}
      {p.action ? (
        <form method="post" action={p.action} novalidate>
          <CsrfField token={p.csrf} />
          <div class={error ? 'form-group form-error' : 'form-group'}>
            <label class="form-label" for={fieldId('body')}>
              {p.central ? 'Svar til kommunen' : 'Dit spørgsmål'}
            </label>
            <span class="form-hint" id={`${fieldId('body')}-hint`}>
              {p.central
                ? 'Kommunens ansvarlige for opgaven (eller programlederen) får svaret på mail.'
                : 'Kun jeres kommune og KOMBIT kan se tråden.'}
            </span>
            <ErrorMessage id={fieldId('body')} error={error} />
            <textarea class="form-input" id={fieldId('body')} name="body" rows="4" aria-describedby={`${fieldId('body')}-hint`} safe>
              {value}
            </textarea>
          </div>
          <button type="submit" class="button button-secondary">
            {p.central ? 'Send svar' : 'Send spørgsmål'}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

function PeopleForm(p: { view: TargetView; people: PersonOption[]; csrf: string | undefined; state: TaskPageState }): JSX.Element {
  const failed = p.state.form?.kind === 'people';
  const v = failed ? (p.state.values ?? {}) : {};
  const e = failed ? (p.state.errors ?? {}) : {};
  const options = p.people.map((x) => ({ value: x.id, label: x.title ? `${x.name} (${x.title})` : x.name }));
  const pick = (key: string, saved: string | null) => (failed && typeof v[key] === 'string' ? (v[key] as string) : (saved ?? ''));
  return (
    <form method="post" action={`/opgaver/${p.view.task.id}/personer`} class="samspil-actions" novalidate>
      <CsrfField token={p.csrf} />
      <SelectField
        name="responsiblePersonId"
        label="Ansvarlig"
        value={pick('responsiblePersonId', p.view.responsiblePersonId)}
        error={e.responsiblePersonId}
        emptyLabel="Ingen"
        options={options}
      />
      <SelectField
        name="executorPersonId"
        label="Udfører"
        value={pick('executorPersonId', p.view.executorPersonId)}
        error={e.executorPersonId}
        emptyLabel="Ingen"
        options={options}
      />
      <button type="submit" class="button button-secondary">
        Gem ansvarlig og udfører
      </button>
    </form>
  );
}

function NotRelevant(p: { view: TargetView; csrf: string | undefined; state: TaskPageState; editable: boolean }): JSX.Element {
  const base = `/opgaver/${p.view.task.id}`;
  const failed = p.state.form?.kind === 'not-relevant';
  const error = failed ? p.state.errors?.reason : undefined;
  const value = failed && typeof p.state.values?.reason === 'string' ? p.state.values.reason : '';
  if (p.view.notRelevantReason !== null) {
    return (
      <section aria-labelledby="ikke-relevant" class="mt-6">
        <h2 id="ikke-relevant">Ikke relevant</h2>
        <p>Kommunen har markeret opgaven som ikke relevant med denne begrundelse:</p>
        <blockquote>
          <PlainText text={p.view.notRelevantReason} />
        </blockquote>
        {p.editable ? (
          <form method="post" action={`${base}/relevant`} novalidate>
            <CsrfField token={p.csrf} />
            <button type="submit" class="button button-secondary">
              Fortryd – opgaven er relevant
            </button>
          </form>
        ) : (
          ''
        )}
      </section>
    );
  }
  if (!p.editable) return <></>;
  return (
    <section aria-labelledby="ikke-relevant" class="mt-6">
      <h2 id="ikke-relevant">Er opgaven ikke relevant for jer?</h2>
      <p>Opgaven er valgfri. Markér den som ikke relevant, og skriv hvorfor. Markeringen kan fortrydes.</p>
      <form method="post" action={`${base}/ikke-relevant`} novalidate>
        <CsrfField token={p.csrf} />
        <div class={error ? 'form-group form-error' : 'form-group'}>
          <label class="form-label" for={fieldId('reason')}>
            Begrundelse
          </label>
          <ErrorMessage id={fieldId('reason')} error={error} />
          <textarea class="form-input" id={fieldId('reason')} name="reason" rows="3" safe>
            {value}
          </textarea>
        </div>
        <button type="submit" class="button button-secondary">
          Markér som ikke relevant
        </button>
      </form>
    </section>
  );
}

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
          text={`Opgaven er annonceret og kan endnu ikke besvares.${t.publishAt ? ` Den åbner ${fmtDate(t.publishAt)}.` : ''}`}
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
            <dd safe>{fmtTime(v.solvedAt)}</dd>
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
              <li safe>{`${fmtDate(c.changedAt)}: ${formatDeadline(c.fromDeadline)} → ${formatDeadline(c.toDeadline)}${c.reason ? ` – ${c.reason}` : ''}`}</li>
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

// ---------------------------------------------------------------- Local task form

export function LocalTaskForm(p: {
  request: FastifyRequest;
  people: PersonOption[];
  values?: Record<string, unknown>;
  errors?: FieldErrors;
}): JSX.Element {
  const v = (p.values ?? {}) as Record<string, string | undefined>;
  const e = p.errors ?? {};
  const stepsId = fieldId('steps');
  const descriptionId = fieldId('description');
  return (
    <Layout title="Opret lokal opgave" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="opgaver">
      <p>
        <a href="/opgaver" class="function-link">
          Tilbage til Mine opgaver
        </a>
      </p>
      <h1>Opret lokal opgave</h1>
      <p class="font-lead">En lokal opgave er kommunens egen. Kun kommunens brugere kan se den – KOMBIT og andre kommuner kan ikke.</p>
      <ErrorSummary errors={e} labels={localTaskLabels} />
      <form method="post" action="/opgaver/lokal/ny" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextField name="title" label="Titel" value={v.title} error={e.title} autocomplete="off" required />
        <TextField name="code" label="Kode" value={v.code} error={e.code} hint="Uden kode får opgaven en kode som LOKAL-0320-1." autocomplete="off" />
        <div class={e.description ? 'form-group form-error' : 'form-group'}>
          <label class="form-label" for={descriptionId}>
            Beskrivelse <span class="weight-normal">(valgfri)</span>
          </label>
          <ErrorMessage id={descriptionId} error={e.description} />
          <textarea class="form-input" id={descriptionId} name="description" rows="5" safe>
            {v.description ?? ''}
          </textarea>
        </div>
        <TextField name="deadline" label="Frist" type="date" value={v.deadline} error={e.deadline} required />
        <div class={e.steps ? 'form-group form-error' : 'form-group'}>
          <label class="form-label" for={stepsId}>
            Trin
          </label>
          <span class="form-hint" id={`${stepsId}-hint`}>
            Skriv ét trin pr. linje. Hvert trin markeres som udført for sig; opgaven er løst, når alle trin er udført.
          </span>
          <ErrorMessage id={stepsId} error={e.steps} />
          <textarea class="form-input" id={stepsId} name="steps" rows="6" aria-describedby={`${stepsId}-hint`} safe>
            {v.steps ?? ''}
          </textarea>
        </div>
        <SelectField
          name="responsiblePersonId"
          label="Ansvarlig"
          value={v.responsiblePersonId}
          error={e.responsiblePersonId}
          emptyLabel="Ingen"
          options={p.people.map((x) => ({ value: x.id, label: x.title ? `${x.name} (${x.title})` : x.name }))}
        />
        <button type="submit" class="button button-primary">
          Opret lokal opgave
        </button>
      </form>
    </Layout>
  );
}
