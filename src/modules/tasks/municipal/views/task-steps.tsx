import { CsrfField, fieldId } from '../../../../platform/views/components.tsx';
import type { FileView, StepView, TargetView } from '../../task-view-queries.ts';
import { formatDateTime, formatDeadline, formatSize } from '../../../../platform/views/format.ts';
import { type TaskPageState, TaskText } from './shared.tsx';

export function FileLink(p: { taskId: string; file: Pick<FileView, 'id' | 'filename' | 'size'> }): JSX.Element {
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

export function ErrorMessage(p: { id: string; error: string | undefined }): JSX.Element {
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

export function Step(p: { view: TargetView; step: StepView; editable: boolean; csrf: string | undefined; state: TaskPageState }): JSX.Element {
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
            {` Senest gemt ${formatDateTime(s.answer.answeredAt)}${s.answer.answeredByName ? ` af ${s.answer.answeredByName}` : ''}`}
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
