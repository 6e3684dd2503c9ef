import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { LABELS } from '../inputs.ts';

export type Option = { value: string; label: string };
/** A form drawn again after a refusal: what was typed and each field's error. */
export type FormState = { values: Record<string, string>; errors: FieldErrors };

export const SLA_NOTICES: Record<string, string> = {
  gemt: 'SLA-tallet er gemt.',
  uaendret: 'SLA-tallet var allerede sådan; intet er ændret.',
};

const directions: Option[] = [
  { value: 'true', label: 'Højere er bedre (fx oppetid)' },
  { value: 'false', label: 'Lavere er bedre (fx svartid)' },
];

/**
 * Records or corrects the SLA of one solution, month and measure. Saving the same values again
 * changes nothing, so the form needs no request key.
 */
export function SlaFormPage(p: { request: FastifyRequest; state: FormState; solutions: Option[]; notice?: string | undefined }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  return (
    <Layout title="Registrér SLA – Drift" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="programmer">
      <Breadcrumbs trail={[{ href: '/drift', label: 'Drift' }]} current="Registrér SLA" />
      <h1>Registrér SLA</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={e} labels={LABELS} />
      <p>Ét tal pr. løsning, måned og mål. Findes tallet allerede, rettes det.</p>
      <form method="post" action="/drift/sla" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <SelectField name="solutionKey" label={LABELS.solutionKey!} options={p.solutions} emptyLabel="Vælg løsning" value={v.solutionKey ?? ''} error={e.solutionKey} required />
        <TextField name="month" label={LABELS.month!} hint="mm.åååå, fx 05.2025" value={v.month ?? ''} error={e.month} required />
        <TextField name="measure" label={LABELS.measure!} hint="Fx Oppetid eller Svartid; tomt: Oppetid" value={v.measure ?? ''} error={e.measure} />
        <TextField name="unit" label={LABELS.unit!} hint="Fx % eller ms; tomt: %" value={v.unit ?? ''} error={e.unit} />
        <TextField name="target" label={LABELS.target!} hint="Fx 99,5. En procent er mellem 0 og 100." value={v.target ?? ''} error={e.target} required />
        <TextField name="achieved" label={LABELS.achieved!} hint="Fx 99,82. Tomt, så længe måneden ikke er opgjort." value={v.achieved ?? ''} error={e.achieved} />
        <SelectField name="higherIsBetter" label={LABELS.higherIsBetter!} options={directions} value={v.higherIsBetter ?? 'true'} error={e.higherIsBetter} required />
        <TextArea name="note" label={LABELS.note!} value={v.note ?? ''} error={e.note} rows={3} />
        <button type="submit" class="button button-primary">
          Gem SLA
        </button>
      </form>
    </Layout>
  );
}
