import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, FileField, Notice } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { LineErrorTable, lineErrors } from '../../../platform/views/line-errors.tsx';
import { aulaCategories } from '../categories.ts';
import { AULA_FILES_HEADER } from './parse-files.ts';

export type AulaImportPageProps = {
  request: FastifyRequest;
  /** 'all' for central staff, else the one municipality the user may import for. */
  scope: string;
  notice?: string | undefined;
  errors?: FieldErrors;
  message?: string;
};

/** The secure-file inventory's CSV import with its format and, after a refused file, the per-line report. */
export function AulaImportPage(p: AulaImportPageProps) {
  const errors = p.errors ?? {};
  const { lines, labels } = lineErrors(errors);
  return (
    <Layout title="Indlæs filoversigt – Aula" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aula">
      <h1>Indlæs filoversigt over sikre filer</h1>
      <ErrorSummary errors={p.message ? { _: p.message, ...errors } : errors} labels={labels} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p class="font-lead" safe>
        {p.scope === 'all'
          ? 'Filoversigten for én, flere eller alle kommuner. Hver kommune, der står i filen, får præcis filens filer: kommunens filer, som ikke står i filen, fjernes.'
          : `Filoversigten for din kommune (${p.scope}). Kommunen får præcis filens filer: filer, som ikke står i filen, fjernes.`}
      </p>
      <LineErrorTable lines={lines} noun={['linje', 'linjer']} />

      <h2>Filens format</h2>
      <p>CSV adskilt af semikolon, tegnsæt UTF-8. Første linje er overskrifterne:</p>
      <pre>
        <code safe>{AULA_FILES_HEADER.join(';')}</code>
      </pre>
      <ul>
        <li>kommunekode: fire cifre, fx 0320 (tre cifre, fx 320, accepteres).</li>
        <li safe>{`kategori: en af ${aulaCategories.map((c) => c.name).join(', ')} (store og små bogstaver er lige gode).`}</li>
        <li>oprettet og udloesende_dato: åååå-mm-dd eller dd-mm-åååå. udloesende_dato er tom, så længe hændelsen ikke er sket.</li>
        <li>journaliseret: ja, nej, 1 eller 0. esdh_reference må være tom, også når filen er journaliseret.</li>
        <li>
          Kun metadata: filen må aldrig indeholde børns navne eller CPR-numre. En linje med noget, der ligner et CPR-nummer (en dag og en måned
          efterfulgt af seks cifre, fx 010203-1234, med eller uden bindestreg), afvises.
        </li>
        <li>Hele filen kontrolleres. Er der fejl i blot én linje, ændres intet, og du får en liste over fejlene (de første 100).</li>
      </ul>
      <form method="post" action="/aula/filer/import" enctype="multipart/form-data" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <FileField name="fil" label="Fil (CSV)" accept={'.csv,text/csv'} error={errors.fil} />
        <button type="submit" class="button button-primary">
          Indlæs
        </button>
      </form>
    </Layout>
  );
}
