import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { CsrfField, ErrorSummary, TextArea, TextField } from '../../../../platform/views/components.tsx';
import type { TaskDefinition } from '../queries.ts';
import type { FormBody } from '../../inputs.ts';
import { DeadlineHistory } from './edit-task.tsx';
import { Page, one } from './shared.tsx';
import { formatDeadline } from '../../../../platform/views/format.ts';

export function DeadlinePage(p: {
  request: FastifyRequest;
  task: TaskDefinition;
  values?: FormBody;
  errors?: FieldErrors;
}): JSX.Element {
  const t = p.task;
  const e = p.errors ?? {};
  const v = p.values ?? {};
  return (
    <Page request={p.request} title={`Ændr frist – ${t.code}`}>
      <p>
        <a href={t.status === 'published' ? `/opgaver/${t.id}/overblik` : `/opgaver/${t.id}/rediger`} class="function-link">
          Tilbage til opgaven
        </a>
      </p>
      <h1 safe>{`Ændr frist for ${t.code}`}</h1>
      <p class="font-lead" safe>
        {`${t.title}. Nuværende frist: ${formatDeadline(t.deadline)}.`}
      </p>
      {t.status === 'published' ? (
        <p>Modtagerne i de kommuner, der endnu ikke har løst opgaven, får besked om den nye frist og begrundelsen.</p>
      ) : (
        <p>Opgaven er ikke publiceret endnu, så ingen får besked. Ændringen gemmes i historikken.</p>
      )}
      <ErrorSummary errors={e} labels={{ deadline: 'Ny frist', reason: 'Begrundelse' }} />
      <form method="post" action={`/opgaver/${t.id}/frist`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextField name="deadline" type="date" label="Ny frist" value={one(v.deadline)} error={e.deadline} required />
        <TextArea name="reason" label="Begrundelse" hint="Vises for kommunerne og i mailen." value={one(v.reason)} error={e.reason} rows={3} required />
        <button type="submit" class="button button-primary">
          Ændr frist
        </button>
      </form>
      <DeadlineHistory task={t} />
    </Page>
  );
}
