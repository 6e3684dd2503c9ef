import type { FieldErrors } from '../errors.ts';

/**
 * DKFDS error summary: lists each field's error with a link to the field. It takes focus when the page
 * loads (autofocus on a tabindex=-1 element; no JavaScript needed), so keyboard and screen-reader
 * users land on the summary after a failed submit, as DKFDS prescribes, instead of at the top of the page.
 */
// kitajs types `autofocus` only for form controls; it is a global attribute in HTML and works on any focusable element.
const autofocus = { autofocus: true } as Record<string, boolean>;

export function ErrorSummary(props: { errors: FieldErrors; labels?: Record<string, string> }): JSX.Element {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return <></>;
  return (
    <div class="alert alert-error" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary" {...autofocus}>
      <AlertIcon kind="error" />
      <div class="alert-body">
        <p class="alert-heading" id="error-summary-title">
          Der er problemer med det indsendte
        </p>
        <ul class="alert-text nobullet-list">
          {entries.map(([field, message]) => (
            <li>
              {field === '_' ? (
                <span safe>{message}</span>
              ) : (
                <a href={`#${fieldId(field)}`} class="function-link" safe>
                  {`${props.labels?.[field] ?? field}: ${message}`}
                </a>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export const fieldId = (name: string) => `felt-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

type FieldProps = {
  name: string;
  label: string;
  value?: string | null | undefined;
  error?: string | undefined;
  hint?: string;
  type?: string;
  autocomplete?: string;
  required?: boolean;
};

/** Label (with "(valgfri)" unless required), hint and error of a DKFDS form field. */
function FieldHead(p: { id: string; label: string; hint?: string | undefined; error?: string | undefined; required?: boolean | undefined }): JSX.Element {
  return (
    <>
      <label class="form-label" for={p.id}>
        <span safe>{p.label}</span>
        {p.required ? '' : <span class="weight-normal"> (valgfri)</span>}
      </label>
      {p.hint ? (
        <span class="form-hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </span>
      ) : (
        ''
      )}
      <ErrorText id={p.id} error={p.error} />
    </>
  );
}

/** A DKFDS text input; `id` when two forms on one page share a field name. */
export function TextField(p: FieldProps & { id?: string }): JSX.Element {
  const id = p.id ?? fieldId(p.name);
  const describedBy = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <FieldHead id={id} label={p.label} hint={p.hint} error={p.error} required={p.required} />
      <input
        class="form-input"
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        autocomplete={p.autocomplete}
        aria-describedby={describedBy || undefined}
        aria-invalid={p.error ? 'true' : undefined}
        required={p.required}
      />
    </div>
  );
}

/** A DKFDS select; `id` when several forms on one page (a form per row) share a field name. */
export function SelectField(
  p: Omit<FieldProps, 'type' | 'autocomplete'> & { options: { value: string; label: string }[]; emptyLabel?: string; id?: string },
): JSX.Element {
  const id = p.id ?? fieldId(p.name);
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id} safe>
        {p.label}
      </label>
      <ErrorText id={id} error={p.error} />
      <select class="form-select" id={id} name={p.name} aria-describedby={p.error ? `${id}-error` : undefined}>
        {p.emptyLabel !== undefined ? (
          <option value="" safe>
            {p.emptyLabel}
          </option>
        ) : (
          ''
        )}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CsrfField(p: { token: string | undefined }): JSX.Element {
  return <input type="hidden" name="_csrf" value={p.token ?? ''} />;
}

/** A DKFDS alert with a plain-text message (escaped here, so callers may pass user text). */
export function Notice(p: { kind: 'success' | 'info' | 'warning' | 'error'; text: string }): JSX.Element {
  return (
    <div class={`alert alert-${p.kind}`} role={p.kind === 'error' ? 'alert' : 'status'}>
      <AlertIcon kind={p.kind} />
      <div class="alert-body">
        <p class="alert-text" safe>
          {p.text}
        </p>
      </div>
    </div>
  );
}

/** The DKFDS alert icon (decorative: the alert's text says what kind it is), from DKFDS's icon sprite. */
function AlertIcon(p: { kind: 'success' | 'info' | 'warning' | 'error' }): JSX.Element {
  return (
    <svg class="icon-svg alert-icon" aria-hidden="true" focusable="false">
      <use href={`/static/dkfds/img/all-svg-icons.svg#${p.kind}`}></use>
    </svg>
  );
}

/** The DKFDS field error, with the screen-reader prefix; nothing when there is no error. */
export function ErrorText(p: { id: string; error: string | undefined }): JSX.Element {
  if (!p.error) return <></>;
  return (
    <span class="form-error-message" id={`${p.id}-error`}>
      <span class="sr-only">Fejl: </span>
      <span safe>{p.error}</span>
    </span>
  );
}

export function TextArea(p: { name: string; label: string; value: string; error?: string | undefined; hint?: string; rows?: number; required?: boolean }): JSX.Element {
  const id = fieldId(p.name);
  const describedBy = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <FieldHead id={id} label={p.label} hint={p.hint} error={p.error} required={p.required} />
      <textarea
        class="form-input samspil-textarea"
        id={id}
        name={p.name}
        rows={String(p.rows ?? 5)}
        aria-describedby={describedBy || undefined}
        aria-invalid={p.error ? 'true' : undefined}
        safe
      >
        {p.value}
      </textarea>
    </div>
  );
}

/** Plain text with its line breaks and paragraphs, escaped: messages and reasons written by users. */
export function PlainText(p: { text: string }): JSX.Element {
  const paragraphs = p.text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((s) => s.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((para) => (
        <p>
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : ''}
              <span safe>{line}</span>
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/**
 * The notice a page shows for its `?besked=` key. Only the map's own keys count: a hand-typed
 * `?besked=constructor` must not find Object's prototype and print a function on the page.
 */
export function noticeFor<T>(notices: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(notices, key) ? notices[key] : undefined;
}

/** The spreadsheets an import takes: XLSX or Danish Excel's CSV. */
export const SPREADSHEET_ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A DKFDS file input with its label and, after a refused upload, the error linked for screen readers. */
export function FileField(p: { name: string; label: string; accept: string; error?: string | undefined }): JSX.Element {
  const id = fieldId(p.name);
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <FieldHead id={id} label={p.label} error={p.error} required />
      <input type="file" class="form-file-input" id={id} name={p.name} accept={p.accept} aria-describedby={p.error ? `${id}-error` : undefined} required />
    </div>
  );
}
