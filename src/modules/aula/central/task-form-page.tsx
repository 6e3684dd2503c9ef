import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, TextArea, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { READINESS_TASK_STEPS } from './readiness-task.ts';

export type TaskFormValues = { code: string; title: string; description: string; deadline: string; requestKey?: string | undefined };

export type TaskFormPageProps = {
  request: FastifyRequest;
  municipalities: { code: string; name: string }[];
  values: TaskFormValues;
  /** The overview's filters, for the way back. */
  filters: string;
  errors?: FieldErrors;
};

const LABELS: Record<string, string> = {
  code: 'Opgavens kode',
  title: 'Titel',
  description: 'Beskrivelse',
  deadline: 'Frist',
  kommuner: 'Kommuner',
  targets: 'Kommuner',
  'targets.codes': 'Kommuner',
  steps: 'Trin',
};

/**
 * The task to the Aula system owners of the chosen municipalities, prefilled: the author checks
 * the text and the deadline, and creating it publishes it at once.
 */
export function TaskFormPage(p: TaskFormPageProps): JSX.Element {
  const errors = p.errors ?? {};
  const back = p.filters ? `/aula?${p.filters}` : '/aula';
  const title = 'Opret KLIK-opgave til systemansvarlige for Aula';
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aula">
      <Breadcrumbs trail={[{ href: back, label: 'Aula' }]} current="Opret opgave" />
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      {p.municipalities.length === 0 ? (
        <p>
          <a href={back}>Tilbage til oversigten</a> for at vælge kommuner.
        </p>
      ) : (
        <form method="post" action="/aula/opgave" novalidate>
          <CsrfField token={p.request.csrfToken} />
          <RequestKeyField value={p.values.requestKey} />
          <input type="hidden" name="filtre" value={p.filters} />
          {p.municipalities.map((m) => (
            <input type="hidden" name="kommuner" value={m.code} />
          ))}
          <p>Opgaven publiceres, så snart den oprettes, og går til de systemansvarlige for Aula i de valgte kommuner. De får besked med det samme.</p>
          <TextField name="code" label={LABELS.code!} hint="Skal være entydig, fx KLIK - AULA SLET 01" value={p.values.code} error={errors.code} required />
          <TextField name="title" label={LABELS.title!} value={p.values.title} error={errors.title} required />
          <TextArea name="description" label={LABELS.description!} hint="Markdown: tomme linjer skiller afsnit, 1. starter en nummereret liste" value={p.values.description} error={errors.description} rows={10} />
          <TextField name="deadline" label={LABELS.deadline!} hint="Dato som dd.mm.åååå" value={p.values.deadline} error={errors.deadline} required />
          <h2>Trin</h2>
          <ol>
            {READINESS_TASK_STEPS.map((s) => (
              <li>
                <strong>{s.title}</strong>: <span>{s.instructions}</span>
              </li>
            ))}
          </ol>
          <h2 id="valgte" safe>{`De valgte kommuner (${p.municipalities.length})`}</h2>
          <ul aria-labelledby="valgte">
            {p.municipalities.map((m) => (
              <li safe>{m.name}</li>
            ))}
          </ul>
          <button type="submit" class="button button-primary">
            Opret og publicér opgaven
          </button>{' '}
          <a href={back} class="button button-secondary">
            Annullér
          </a>
        </form>
      )}
    </Layout>
  );
}
