import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, fieldId, FileField, Notice, SPREADSHEET_ACCEPT } from '../../../platform/views/components.tsx';
import { formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { PackageRow } from '../load-package.ts';
import { PackageNav } from '../package-nav.tsx';
import type { ImportIssue, RecordImportSummary } from './import-record.ts';

const n = (count: number, one: string, many: string) => `${formatNumber(count)} ${count === 1 ? one : many}`;

/** "12 nye, 3 ændrede, 40 uændrede; 2 aktiviteter, der ikke står i filen, beholdes." */
export function summaryText(s: Pick<RecordImportSummary, 'created' | 'updated' | 'unchanged' | 'kept'>): string {
  const kept = s.kept > 0 ? ` ${n(s.kept, 'aktivitet, der ikke står i filen, beholdes', 'aktiviteter, der ikke står i filen, beholdes')} uændret.` : '';
  return `${formatNumber(s.created)} ${s.created === 1 ? 'ny' : 'nye'}, ${formatNumber(s.updated)} ${s.updated === 1 ? 'ændret' : 'ændrede'}, ${formatNumber(s.unchanged)} uændrede.${kept}`;
}

function Report({ issues }: { issues: ImportIssue[] }): JSX.Element {
  const rows = new Set(issues.map((i) => `${i.sheet}:${i.row}`)).size;
  return (
    <ResponsiveTable>
      <table class="table table--compact" id={fieldId('rapport')}>
        <caption safe>{`Fejlrapport: ${n(rows, 'række', 'rækker')} med fejl`}</caption>
        <thead>
          <tr>
            <th scope="col">Ark</th>
            <th scope="col">Række</th>
            <th scope="col">Kolonne</th>
            <th scope="col">Fejl</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i) => (
            <tr>
              <td safe>{i.sheet}</td>
              <th scope="row" safe>
                {String(i.row)}
              </th>
              <td safe>{i.column}</td>
              <td safe>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function Preview({ summary }: { summary: RecordImportSummary }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact table--zebra">
        <caption>Aktiviteterne i filen</caption>
        <thead>
          <tr>
            <th scope="col">Ref.</th>
            <th scope="col">Behandlingsaktivitet</th>
            <th scope="col">Ændring</th>
          </tr>
        </thead>
        <tbody>
          {summary.activities.map((a) => (
            <tr>
              <th scope="row" safe>
                {a.ref}
              </th>
              <td safe>{a.name}</td>
              <td>{a.change === 'ny' ? 'Ny' : a.change === 'ændret' ? 'Ændret' : 'Uændret'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

export function RecordImportPage(p: {
  request: FastifyRequest;
  pkg: PackageRow;
  issues?: ImportIssue[];
  errors?: Record<string, string>;
  message?: string;
  preview?: RecordImportSummary;
  done?: Pick<RecordImportSummary, 'created' | 'updated' | 'unchanged' | 'kept'>;
  requestKey?: unknown;
}): JSX.Element {
  const base = `/compliance/pakker/${p.pkg.id}`;
  const actor = p.request.actor!;
  const errors = p.errors ?? {};
  const summaryErrors: Record<string, string> = p.issues?.length ? { _: p.message ?? '' } : errors.fil ? { fil: errors.fil } : p.message ? { _: p.message } : {};
  return (
    <Layout title={`Importér Skema 1 – ${p.pkg.title}`} actor={actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href={`${base}/fortegnelse`} class="function-link">
          Tilbage til Skema 1
        </a>
      </p>
      <h1 safe>{`Importér Skema 1 – ${p.pkg.title}`}</h1>
      <PackageNav pkg={p.pkg} actor={actor} current="fortegnelse" />
      <ErrorSummary errors={summaryErrors} labels={{ fil: 'Fil' }} />
      {p.done ? <Notice kind="success" text={`Skema 1 er importeret: ${summaryText(p.done)}`} /> : ''}
      {p.issues?.length ? <Report issues={p.issues} /> : ''}
      {p.preview ? (
        <>
          <Notice kind="info" text={`Filen er kontrolleret, og der er ingen fejl. Importeres den, bliver resultatet: ${summaryText(p.preview)} Intet er ændret endnu.`} />
          <Preview summary={p.preview} />
        </>
      ) : (
        ''
      )}
      <p class="font-lead">Indlæs pakkens fortegnelse (Skema 1) fra et regneark.</p>
      <p>
        Hent pakkens regneark, ret det i Excel og indlæs det igen:{' '}
        <a href={`${base}/compliancepakke.xlsx`} class="function-link">
          Hent pakken som XLSX
        </a>
        .
      </p>
      <h2>Sådan læses filen</h2>
      <ul>
        <li>
          Arket «Skema 1» læses række for række; arket «Kolonne G» læses også, hvis filen har det. En CSV-fil læses som Skema 1 (uden kolonne G).
        </li>
        <li>
          Kolonnerne findes ud fra deres nøgler (se det skjulte ark «Kolonnenøgler»), så en omdøbt overskrift gør ikke noget. Filer uden nøgler læses ud
          fra overskrifterne.
        </li>
        <li>Valg (retsgrundlag, registrerede, personoplysninger, opbevaring, overførselsgrundlag) kan skrives som betegnelse eller nøgle, flere i samme celle på hver sin linje eller adskilt af semikolon.</li>
        <li>
          Aktiviteterne kendes på Ref.: en ny Ref. tilføjes, en kendt rettes. <strong>Aktiviteter, der ikke står i filen, beholdes.</strong> Slet
          aktiviteter i Skema 1.
        </li>
        <li>Uden arket «Kolonne G» beholdes de rettede aktiviteters kolonne G, så vidt begge kategorier stadig er valgt.</li>
        <li>Hele filen kontrolleres først. Er der fejl i blot én række, ændres intet, og du får en fejlrapport med række og kolonne.</li>
      </ul>
      <form method="post" action={`${base}/fortegnelse/import`} enctype="multipart/form-data" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={p.requestKey} />
        <FileField name="fil" label="Fil (XLSX eller CSV)" accept={SPREADSHEET_ACCEPT} error={errors.fil} />
        <button type="submit" name="handling" value="kontroller" class="button button-secondary">
          Kontrollér filen
        </button>{' '}
        <button type="submit" name="handling" value="importer" class="button button-primary">
          Importér
        </button>
      </form>
    </Layout>
  );
}
