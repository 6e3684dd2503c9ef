import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { aulaCategories } from '../categories.ts';
import { deletionTriggers } from '../schema.ts';
import { TRIGGER_LABELS } from './labels.ts';
import { FORM_LABELS, MAX_PERIOD_MONTHS, periodField, triggerField, type RuleSetForm } from './rule-set-input.ts';

export type RuleSetFormPageProps = {
  request: FastifyRequest;
  /** Null: a new version. */
  id: string | null;
  values: RuleSetForm;
  errors: FieldErrors;
  /** The form's request key from a refused attempt, so resending it is still one request. */
  requestKey?: unknown;
};

const triggerOptions = deletionTriggers.map((t) => ({ value: t, label: TRIGGER_LABELS[t] }));

/** A new version of the deletion rules (prefilled from the one in force), or changing one. */
export function RuleSetFormPage(p: RuleSetFormPageProps): JSX.Element {
  const title = p.id === null ? 'Ny version af slettereglerne' : 'Ret version af slettereglerne';
  const action = p.id === null ? '/aula/sletteregler/ny' : `/aula/sletteregler/${p.id}/ret`;
  const v = p.values;
  return (
    <Layout title={`${title} – Aula`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aula">
      <Breadcrumbs
        trail={[
          { href: '/aula', label: 'Aula' },
          { href: '/aula/sletteregler', label: 'Sletteregler' },
        ]}
        current={title}
      />
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors} labels={FORM_LABELS} />
      <form method="post" action={action} novalidate>
        <CsrfField token={p.request.csrfToken} />
        {p.id === null ? <RequestKeyField value={p.requestKey} /> : ''}
        <TextField name="name" label={FORM_LABELS.name!} value={v.name} error={p.errors.name} required />
        <TextField
          name="activationDate"
          type="date"
          label={FORM_LABELS.activationDate!}
          hint="Fra denne dag gælder versionens regler. Skriv datoen som åååå-mm-dd."
          value={v.activationDate}
          error={p.errors.activationDate}
          required
        />
        <TextArea name="description" label={FORM_LABELS.description!} value={v.description ?? ''} error={p.errors.description} rows={3} />
        {aulaCategories.map((c) => (
          <fieldset>
            <legend class="h3">
              {c.name}
            </legend>
            <SelectField name={triggerField(c.key)} label="Perioden starter når" options={triggerOptions} value={v[triggerField(c.key)]} error={p.errors[triggerField(c.key)]} required />
            <TextField
              name={periodField(c.key)}
              label="Periode i måneder"
              hint={`Et helt antal måneder, 1–${String(MAX_PERIOD_MONTHS)}. 36 måneder er 3 år.`}
              value={v[periodField(c.key)]}
              error={p.errors[periodField(c.key)]}
              required
            />
          </fieldset>
        ))}
        <div class="samspil-actions">
          <button type="submit" class="button button-primary">
            {p.id === null ? 'Opret version' : 'Gem ændringer'}
          </button>
          <a href="/aula/sletteregler" class="function-link">
            Annullér
          </a>
        </div>
      </form>
    </Layout>
  );
}
