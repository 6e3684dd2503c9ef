import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { FORM_LABELS, stateOptions } from './edit-forms.tsx';

/** Changing one milestone; a new day keeps the first planned one (shown here) and marks it moved. */
export function MilestonePage(p: {
  request: FastifyRequest;
  programme: { key: string; name: string };
  milestoneId: string;
  originalOn: string | null;
  values: Record<string, string>;
  errors: FieldErrors;
}): JSX.Element {
  const v = p.values;
  const base = `/programmer/${p.programme.key}`;
  return (
    <Layout title={`Ret milepæl – ${p.programme.name}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="programmer">
      <Breadcrumbs
        trail={[
          { href: '/programmer', label: 'Programmer' },
          { href: base, label: p.programme.name },
        ]}
        current="Ret milepæl"
      />
      <h1>Ret milepæl</h1>
      <ErrorSummary errors={p.errors} labels={FORM_LABELS} />
      {p.originalOn ? <p safe>{`Først planlagt ${formatDeadline(p.originalOn)}.`}</p> : ''}
      <form method="post" action={`${base}/milepaele/${p.milestoneId}`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextField name="title" label={FORM_LABELS.title!} value={v.title} error={p.errors.title} required />
        <TextField name="startsOn" type="date" label={FORM_LABELS.startsOn!} hint="Flyttes dagen, huskes den først planlagte dag." value={v.startsOn} error={p.errors.startsOn} required />
        <TextField name="endsOn" type="date" label={FORM_LABELS.endsOn!} value={v.endsOn} error={p.errors.endsOn} />
        <SelectField name="state" label={FORM_LABELS.state!} options={stateOptions} value={v.state} error={p.errors.state} required />
        <TextArea name="description" label={FORM_LABELS.description!} value={v.description ?? ''} error={p.errors.description} rows={3} />
        <div class="samspil-actions">
          <button type="submit" class="button button-primary">
            Gem milepæl
          </button>
          <a href={base} class="function-link">
            Annullér
          </a>
        </div>
      </form>
    </Layout>
  );
}
