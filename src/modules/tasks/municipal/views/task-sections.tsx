import { formatDateTime } from '../../../../platform/views/format.ts';
import { CsrfField, fieldId, PlainText, SelectField } from '../../../../platform/views/components.tsx';
import type { PersonOption, TargetView } from '../../task-view-queries.ts';
import { type TaskPageState } from './shared.tsx';
import { ErrorMessage } from './task-steps.tsx';

export function Thread(p: { view: TargetView; action: string | null; csrf: string | undefined; state: TaskPageState; central: boolean }): JSX.Element {
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
                <span class="text-muted" safe>{` · ${formatDateTime(m.createdAt)}`}</span>
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

export function PeopleForm(p: { view: TargetView; people: PersonOption[]; csrf: string | undefined; state: TaskPageState }): JSX.Element {
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

export function NotRelevant(p: { view: TargetView; csrf: string | undefined; state: TaskPageState; editable: boolean }): JSX.Element {
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
