import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, SPREADSHEET_ACCEPT, TextArea, TextField } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ASSESSMENT_STEP_TITLE } from '../assessment-task.ts';

export type CreateValues = { code: string; title: string; description: string; deadline: string; requestKey?: string | undefined };

const LABELS: Record<string, string> = { code: 'Opgavens kode', title: 'Titel', description: 'Beskrivelse', deadline: 'Frist', filer: 'Udtræk', targets: 'Kommuner' };
const FORM_FIELDS = new Set(Object.keys(LABELS));

/**
 * Loading the extracts and publishing the KLIK task in one go. A refused upload lists every file's
 * and line's problem in a report under the summary (the files must be chosen again: browsers never
 * refill a file input).
 */
export function CreateAssessmentPage(p: { request: FastifyRequest; values: CreateValues; errors?: FieldErrors }): JSX.Element {
  const errors = p.errors ?? {};
  const report = Object.entries(errors).filter(([k]) => !FORM_FIELDS.has(k) && k !== '_');
  const title = 'Opret vurdering af KLE-numre med data om unge';
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs
        trail={[
          { href: '/borgerblikket', label: 'Borgerblikket' },
          { href: '/borgerblikket/vurdering', label: 'Vurdering' },
        ]}
        current="Opret"
      />
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      {report.length > 0 ? (
        <table class="table table--compact">
          <caption safe>{`Fejlrapport (${report.length} fejl)`}</caption>
          <thead>
            <tr>
              <th scope="col">Fil og linje</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.map(([where, message]) => (
              <tr id={fieldId(where)}>
                <th scope="row" safe>
                  {where}
                </th>
                <td safe>{message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
      <form method="post" action="/borgerblikket/vurdering" enctype="multipart/form-data" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={p.values.requestKey} />
        <p>
          Opgaven publiceres, så snart vurderingen oprettes. Den går til de systemansvarlige for Borgerblikket i de kommuner, der er et udtræk for, og hver kommune får
          sit udtræk som bilag. Kommunens programleder kan også se og løse opgaven.
        </p>
        <div class={errors.filer ? 'form-group form-error' : 'form-group'}>
          <label class="form-label" for={fieldId('filer')}>
            Udtræk, én fil pr. kommune
          </label>
          <span class="form-hint">
            XLSX eller CSV. Filnavnet begynder med kommunekoden, fx 0320-faxe-udtraek.xlsx. Kolonnerne KLE-nummer og Antal sager med unge; en kolonne med KLE-titel må
            gerne være der. Er der fejl i én fil, oprettes intet.
          </span>
          <ErrorText id={fieldId('filer')} error={errors.filer} />
          <input type="file" id={fieldId('filer')} name="filer" class="form-input" accept={SPREADSHEET_ACCEPT} multiple required />
        </div>
        <TextField name="code" label={LABELS.code!} hint="Skal være entydig" value={p.values.code} error={errors.code} required />
        <TextField name="title" label={LABELS.title!} value={p.values.title} error={errors.title} required />
        <TextField name="deadline" label={LABELS.deadline!} hint="Dato som dd.mm.åååå" value={p.values.deadline} error={errors.deadline} required />
        <TextArea name="description" label={LABELS.description!} hint="Markdown: tomme linjer skiller afsnit" value={p.values.description} error={errors.description} rows={10} />
        <p>
          Opgaven har ét trin, <strong>{ASSESSMENT_STEP_TITLE}</strong>, med et link til kommunens side for vurderingen. Trinnet bliver udført, når kommunen har vurderet
          alle sine numre.
        </p>
        <button type="submit" class="button button-primary">
          Opret vurderingen og publicér opgaven
        </button>{' '}
        <a href="/borgerblikket/vurdering" class="button button-secondary">
          Annullér
        </a>
      </form>
    </Layout>
  );
}
