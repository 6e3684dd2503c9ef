import { LineErrorTable, lineErrors } from '../../platform/views/line-errors.tsx';
import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../platform/errors.ts';
import { CsrfField, ErrorSummary, FileField, SPREADSHEET_ACCEPT } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { referenceLists } from './queries.ts';

type Reference = Awaited<ReturnType<typeof referenceLists>>;


export function ImportPage(p: {
  request: FastifyRequest;
  municipality: { code: string; name: string };
  reference: Reference;
  errors?: FieldErrors;
  message?: string;
}) {
  const base = `/kommuner/${p.municipality.code}`;
  const errors = p.errors ?? {};
  const { lines, labels } = lineErrors(errors);
  const roles = p.reference.roleTypes.filter((r) => r.scope === 'municipal');
  return (
    <Layout title={`Importér rollegalleri – ${p.municipality.name}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="kommuner">
      <p>
        <a href={base} class="function-link" safe>
          {`Tilbage til ${p.municipality.name}s rollegalleri`}
        </a>
      </p>
      <h1 safe>{`Importér rollegalleri for ${p.municipality.name}`}</h1>
      <ErrorSummary errors={lines.length > 0 && p.message ? { _: p.message, ...errors } : errors} labels={labels} />
      <LineErrorTable lines={lines} noun={['række', 'rækker']} />
      <p class="font-lead">Tilføj og opdatér personer og roller i rollegalleriet ud fra et regneark (XLSX eller CSV).</p>
      <p>
        Det nemmeste er at hente det nuværende rollegalleri, rette det i Excel og importere det igen:{' '}
        <a href={`${base}/eksport.xlsx`} class="function-link">
          Hent rollegalleriet som skabelon (XLSX)
        </a>{' '}
        eller{' '}
        <a href={`${base}/eksport.csv`} class="function-link">
          som CSV
        </a>
        .
      </p>
      <h2>Sådan skal filen se ud</h2>
      <p>Første række er overskrifter (store og små bogstaver er ligegyldige). Hver række er én person med højst én rolle.</p>
      <table class="table table--compact">
        <caption class="sr-only">Kolonner i filen</caption>
        <thead>
          <tr>
            <th scope="col">Kolonne</th>
            <th scope="col">Indhold</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Navn</td>
            <td>Skal udfyldes.</td>
          </tr>
          <tr>
            <td>E-mail</td>
            <td>Skal udfyldes. Personen findes ud fra e-mailadressen blandt kommunens aktive personer.</td>
          </tr>
          <tr>
            <td>Titel, Telefon</td>
            <td>Valgfri. Et tomt felt ændrer ikke det, der står i forvejen.</td>
          </tr>
          <tr>
            <td>Rolle</td>
            <td safe>{`Valgfri. Rollens navn eller nøgle: ${roles.map((r) => r.labelDa).join(', ')}.`}</td>
          </tr>
          <tr>
            <td>Løsning</td>
            <td safe>{`Løsningens navn eller nøgle. Skal udfyldes for roller pr. løsning (${roles.filter((r) => r.perSolution).map((r) => r.labelDa).join(', ')}) og være tom for de øvrige.`}</td>
          </tr>
          <tr>
            <td>Primær</td>
            <td>Ja eller Nej (tom betyder Nej). Ja gør personen til primær systemansvarlig for løsningen; den hidtidige primære beholder rollen.</td>
          </tr>
        </tbody>
      </table>
      <h2>Hvad importen gør</h2>
      <ul>
        <li>Personer, der ikke findes, oprettes. Findes personen, rettes navn, titel og telefon, hvis de er anderledes i filen.</li>
        <li>Roller tildeles, hvis personen ikke allerede har dem.</li>
        <li>
          <strong>Importen fjerner aldrig noget.</strong> Personer og roller, der ikke står i filen, bliver, som de er. Fjern roller og
          deaktivér personer i rollegalleriet.
        </li>
        <li>Hele filen kontrolleres først. Er der fejl i blot én række, importeres intet, og du får en liste over fejlene.</li>
        <li>Importerer du den samme fil igen, sker der ingenting.</li>
      </ul>
      <form method="post" action={`${base}/import`} enctype="multipart/form-data" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <FileField name="fil" label="Fil (XLSX eller CSV)" accept={SPREADSHEET_ACCEPT} error={errors.fil} />
        <button type="submit" class="button button-primary">
          Importér
        </button>
      </form>
    </Layout>
  );
}
