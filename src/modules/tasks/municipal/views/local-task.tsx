import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { CsrfField, ErrorSummary, fieldId, SelectField, TextField } from '../../../../platform/views/components.tsx';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { localTaskLabels } from '../create-local-task.ts';
import type { PersonOption } from '../../task-view-queries.ts';
import { ErrorMessage } from './task-steps.tsx';

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
        <RequestKeyField value={v.requestKey} />
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
