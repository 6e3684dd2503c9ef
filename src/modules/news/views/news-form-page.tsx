import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { Checkbox } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { newsLabels } from '../news-input.ts';
import type { Option } from '../queries.ts';

export type FormState = { values: Record<string, unknown>; errors: FieldErrors };

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

function Choices(p: { name: string; legend: string; options: Option[]; chosen: string[]; error: string | undefined }): JSX.Element {
  return (
    <fieldset class={p.error ? "form-group form-error" : "form-group"} id={`felt-${p.name}`}>
      <legend class="form-label" safe>
        {p.legend}
      </legend>
      <ErrorText id={`felt-${p.name}`} error={p.error} />
      <ul class="nobullet-list">
        {p.options.map((o, i) => (
          <li>
            <Checkbox name={p.name} value={o.value} id={`felt-${p.name}-${i}`} label={o.label} checked={p.chosen.includes(o.value)} />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Write a new item (id null) or correct one. The key field makes a double submit of a new item write it once. */
export function NewsFormPage(p: { request: FastifyRequest; id: string | null; state: FormState; options: { people: Option[]; solutions: Option[]; programmes: Option[] } }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  const title = p.id ? 'Ret nyheden' : 'Skriv en nyhed';
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="nyt">
      <Breadcrumbs trail={[{ href: '/nyt', label: 'Kort nyt' }]} current={title} />
      <h1>{title}</h1>
      <ErrorSummary errors={e} labels={newsLabels} />
      <form method="post" action={p.id ? `/nyt/${p.id}` : '/nyt'} novalidate>
        <CsrfField token={p.request.csrfToken} />
        {p.id ? '' : <RequestKeyField value={v.requestKey} />}
        <TextField name="title" label="Titel" value={text(v.title)} error={e.title} required />
        <TextArea name="body" label="Tekst" value={text(v.body)} error={e.body} rows={10} hint="Markdown: **fed**, *kursiv*, punktlister med - og links som [tekst](https://…)." />
        <SelectField name="contactPersonId" label="Kontaktperson" value={text(v.contactPersonId)} error={e.contactPersonId} options={p.options.people} emptyLabel="Ingen kontaktperson" />
        <TextField name="publishOn" label="Vises fra" type="date" value={text(v.publishOn)} error={e.publishOn} hint="En senere dag holder nyheden skjult for kommunerne indtil da." required />
        <Choices name="solutions" legend="Løsninger" options={p.options.solutions} chosen={list(v.solutions)} error={e.solutions} />
        <Choices name="programmes" legend="Programmer" options={p.options.programmes} chosen={list(v.programmes)} error={e.programmes} />
        <button type="submit" class="button button-primary">
          Gem nyheden
        </button>
      </form>
    </Layout>
  );
}
