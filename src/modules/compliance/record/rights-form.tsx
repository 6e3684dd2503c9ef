import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, TextArea } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Choices } from '../choices.ts';
import type { PackageRow } from '../load-package.ts';
import type { FormValues } from './activity-form.tsx';
import { recordUrl } from './record-page.tsx';
import { rightField } from './save-rights.ts';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('\n') : (v ?? ''));

/** "Principper og rettigheder" of a draft: the principles, the security measures and each right's handling. */
export function RightsFormPage(p: { request: FastifyRequest; pkg: PackageRow; choices: Choices; values: FormValues; errors?: FieldErrors | undefined }): JSX.Element {
  const { pkg, choices, values: v } = p;
  const e = p.errors ?? {};
  const labels: Record<string, string> = { principles: 'Principper', securityMeasures: 'Sikkerhedsforanstaltninger', rights: 'Rettigheder' };
  for (const r of choices.right) labels[rightField(r.key)] = r.label;
  const title = 'Principper, sikkerhed og rettigheder';
  return (
    <Layout title={`${title} – ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href={recordUrl(pkg.id)} class="function-link" safe>
          {`${pkg.title}: Skema 1`}
        </a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={e} labels={labels} />
      <form method="post" action={`/compliance/pakker/${pkg.id}/principper`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={v.requestKey} />
        <TextArea
          name="securityMeasures"
          label="Generel beskrivelse af tekniske og organisatoriske sikkerhedsforanstaltninger"
          hint="Databeskyttelsesforordningens art. 30, stk. 1, litra g."
          value={one(v.securityMeasures)}
          error={e.securityMeasures}
          rows={6}
        />
        <TextArea
          name="principles"
          label="Principper"
          hint="Hvordan behandlingen lever op til principperne i art. 5: lovlighed, formålsbegrænsning, dataminimering, rigtighed, opbevaringsbegrænsning, integritet og fortrolighed."
          value={one(v.principles)}
          error={e.principles}
          rows={6}
        />
        <fieldset class="form-group">
          <legend class="h3">De registreredes rettigheder</legend>
          <p>Beskriv for hver rettighed, hvordan den håndteres. En rettighed uden tekst vises som ikke beskrevet.</p>
          {choices.right.map((r) => (
            <TextArea
              name={rightField(r.key)}
              label={r.detail ? `${r.label} (${r.detail})` : r.label}
              value={one(v[rightField(r.key)])}
              error={e[rightField(r.key)]}
              rows={3}
            />
          ))}
        </fieldset>
        <div class="samspil-actions">
          <button type="submit" class="button button-primary">
            Gem
          </button>
          <a href={recordUrl(pkg.id)} class="function-link">
            Annullér
          </a>
        </div>
      </form>
    </Layout>
  );
}
