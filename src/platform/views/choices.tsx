import { ErrorText, fieldId } from './components.tsx';

/** A DKFDS checkbox; the id defaults to the field's, and an error is linked for screen readers. */
export function Checkbox(p: { name: string; label: string; checked: boolean; error?: string | undefined; value?: string; id?: string }): JSX.Element {
  const id = p.id ?? fieldId(p.name);
  return (
    <div class={p.error ? 'form-group-checkbox form-error' : 'form-group-checkbox'}>
      <input type="checkbox" id={id} name={p.name} value={p.value ?? 'on'} class="form-checkbox" checked={p.checked} aria-describedby={p.error ? `${id}-error` : undefined} />
      <label for={id} class="form-label" safe>
        {p.label}
      </label>
      <ErrorText id={id} error={p.error} />
    </div>
  );
}

/** A DKFDS radio button with an optional hint under its label. */
export function Radio(p: { name: string; value: string; label: string; checked: boolean; id: string; hint?: string }): JSX.Element {
  return (
    <div class="form-group-radio">
      <input type="radio" id={p.id} name={p.name} value={p.value} class="form-radio" checked={p.checked} aria-describedby={p.hint ? `${p.id}-hint` : undefined} />
      <label for={p.id} class="form-label" safe>
        {p.label}
      </label>
      {p.hint ? (
        <span class="form-hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </span>
      ) : (
        ''
      )}
    </div>
  );
}
