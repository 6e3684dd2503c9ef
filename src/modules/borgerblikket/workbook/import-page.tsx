import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, fieldId, FileField, Notice, SPREADSHEET_ACCEPT, TextArea } from '../../../platform/views/components.tsx';
import { formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { RowChange, RowIssue } from './check-rows.ts';
import { EFFECTIVE_SHEET, EVERY_SOURCE_SYSTEM, NO_FROM_DATE, SETTINGS_SHEET } from './columns.ts';
import type { WorkbookImportSummary } from './import-configuration.ts';

export type ImportCounts = Pick<WorkbookImportSummary, 'created' | 'updated' | 'removed' | 'unchanged' | 'kept'>;

const CHANGE_LABEL: Record<RowChange, string> = { ny: 'Ny indstilling', ændret: 'Ændret', fjernet: 'Indstillingen fjernes (arves)', uændret: 'Uændret' };

/** "2 nye, 1 ændret, 1 fjernet, 40 uændrede; 3 numre, der ikke står i filen, beholder deres indstilling." */
export function countsText(c: ImportCounts): string {
  const kept = c.kept > 0 ? ` ${formatNumber(c.kept)} ${c.kept === 1 ? 'nummer, der ikke står i filen, beholder sin' : 'numre, der ikke står i filen, beholder deres'} indstilling.` : '';
  return `${formatNumber(c.created)} ${c.created === 1 ? 'ny' : 'nye'}, ${formatNumber(c.updated)} ${c.updated === 1 ? 'ændret' : 'ændrede'}, ${formatNumber(c.removed)} ${c.removed === 1 ? 'fjernet' : 'fjernede'}, ${formatNumber(c.unchanged)} ${c.unchanged === 1 ? 'uændret' : 'uændrede'}.${kept}`;
}

function Report(p: { issues: RowIssue[] }): JSX.Element {
  const rows = new Set(p.issues.map((i) => i.row)).size;
  return (
    <ResponsiveTable>
      <table class="table table--compact" id={fieldId('rapport')}>
        <caption safe>{`Fejlrapport: ${formatNumber(rows)} ${rows === 1 ? 'række' : 'rækker'} med fejl`}</caption>
        <thead>
          <tr>
            <th scope="col">Række</th>
            <th scope="col">KLE-nummer</th>
            <th scope="col">Kolonne</th>
            <th scope="col">Fejl</th>
          </tr>
        </thead>
        <tbody>
          {p.issues.map((i) => (
            <tr id={fieldId(`linje-${i.row}`)}>
              <th scope="row" safe>{String(i.row)}</th>
              <td safe>{i.kle}</td>
              <td safe>{i.column}</td>
              <td safe>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

function Preview(p: { summary: WorkbookImportSummary }): JSX.Element {
  const changed = p.summary.rows.filter((r) => r.change !== 'uændret');
  if (changed.length === 0) return <p>Ingen rækker ændrer noget.</p>;
  return (
    <ResponsiveTable>
      <table class="table table--compact table--zebra">
        <caption>Rækker, der ændrer opsætningen</caption>
        <thead>
          <tr>
            <th scope="col">Række</th>
            <th scope="col">KLE-nummer</th>
            <th scope="col">Ændring</th>
          </tr>
        </thead>
        <tbody>
          {changed.map((r) => (
            <tr>
              <td safe>{String(r.row)}</td>
              <th scope="row" safe>
                {r.kle}
              </th>
              <td safe>{CHANGE_LABEL[r.change]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

export function WorkbookImportPage(p: {
  request: FastifyRequest;
  code: string;
  name: string;
  canImport: boolean;
  issues?: RowIssue[];
  errors?: Record<string, string>;
  message?: string;
  preview?: WorkbookImportSummary;
  done?: ImportCounts;
  unchanged?: boolean;
  reason?: string;
  requestKey?: unknown;
}): JSX.Element {
  const base = `/borgerblikket/kommuner/${p.code}`;
  const municipality = `${p.name} Kommune`;
  const errors = p.errors ?? {};
  const summaryErrors: Record<string, string> = p.issues?.length ? { _: p.message ?? '' } : Object.keys(errors).length > 0 ? errors : p.message ? { _: p.message } : {};
  const title = `KLE-opsætningen som regneark – ${municipality}`;
  return (
    <Layout title={title} actor={p.request.actor!} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs
        trail={[
          { href: '/borgerblikket', label: 'Borgerblikket' },
          { href: base, label: `${municipality}s KLE-opsætning` },
        ]}
        current="Regneark"
      />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={summaryErrors} labels={{ fil: 'Fil', reason: 'Hvorfor?' }} />
      {p.done ? <Notice kind="success" text={`Opsætningen er indlæst: ${countsText(p.done)}`} /> : ''}
      {p.unchanged ? <Notice kind="info" text="Filen var den samme som kommunens opsætning; intet er ændret." /> : ''}
      {p.issues?.length ? <Report issues={p.issues} /> : ''}
      {p.preview ? (
        <>
          <Notice kind="info" text={`Filen er kontrolleret, og der er ingen fejl. Indlæses den, bliver resultatet: ${countsText(p.preview)} Intet er ændret endnu.`} />
          <Preview summary={p.preview} />
        </>
      ) : (
        ''
      )}
      <p class="font-lead">Hent kommunens KLE-opsætning som regneark, ret den i Excel, og indlæs den igen.</p>
      <p>
        <a href={`${base}/opsaetning.xlsx`} class="function-link">
          Hent opsætningen som XLSX
        </a>{' '}
        ·{' '}
        <a href={base} class="function-link">
          Tilbage til KLE-opsætningen
        </a>
      </p>
      <h2>Sådan læses filen</h2>
      <ul>
        <li>
          Arket «{SETTINGS_SHEET.name}» læses række for række: én række pr. KLE-nummer med en indstilling. Arket «{EFFECTIVE_SHEET.name}» viser de værdier, der gælder
          for hvert nummer i planen, og hvor de kommer fra; det læses ikke ind. En CSV-fil med de samme kolonner læses som «{SETTINGS_SHEET.name}».
        </li>
        <li>
          Skriv Ja eller Nej. <strong>En tom celle betyder, at værdien arves</strong> fra gruppen, hovedgruppen eller standarden (lukket; vises for unge). Fradato
          skrives som dato, fx 01.01.2025, eller «{NO_FROM_DATE}» for ingen fradato. Kildesystemer adskilles af semikolon; «{EVERY_SOURCE_SYSTEM}» betyder alle
          kildesystemer.
        </li>
        <li>
          <strong>En række, hvor alle indstillinger er tomme, fjerner nummerets indstilling</strong>, så alt arves. Numre, der ikke står i filen, beholder deres
          indstilling.
        </li>
        <li>Kolonnen Titel læses ikke. Et udgået KLE-nummer kan beholde eller miste sin indstilling, men ikke få en ny.</li>
        <li>
          Hele filen kontrolleres først. Er der fejl i blot én række, ændres intet, og du får en fejlrapport med række og kolonne. Ellers gemmes ændringerne som
          én ændring i historikken med din begrundelse. Indlæser du den hentede fil uændret, ændres intet.
        </li>
      </ul>
      {p.canImport ? (
        <form method="post" action={`${base}/opsaetning/import`} enctype="multipart/form-data" novalidate>
          <CsrfField token={p.request.csrfToken} />
          <RequestKeyField value={p.requestKey} />
          <FileField name="fil" label="Fil (XLSX eller CSV)" accept={SPREADSHEET_ACCEPT} error={errors.fil} />
          <TextArea name="reason" label="Hvorfor?" value={p.reason ?? ''} error={errors.reason} hint="Begrundelsen gemmes i historikken. Den skal ikke udfyldes for at kontrollere filen." rows={3} required />
          <button type="submit" name="handling" value="kontroller" class="button button-secondary">
            Kontrollér filen
          </button>{' '}
          <button type="submit" name="handling" value="importer" class="button button-primary">
            Indlæs
          </button>
        </form>
      ) : (
        <p>Kun kommunens systemansvarlige for Borgerblikket og programlederen kan indlæse opsætningen.</p>
      )}
    </Layout>
  );
}
