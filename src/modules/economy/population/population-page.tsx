import { LineErrorTable, lineErrors } from '../../../platform/views/line-errors.tsx';
import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, FileField, Notice, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { formatNumber } from '../../../platform/views/format.ts';
import type { PeriodSummary } from './queries.ts';


export type PopulationPageProps = {
  request: FastifyRequest;
  periods: PeriodSummary[];
  settings: { year: number; populationPeriod: string }[];
  /** The budget years offered a setting form: those set, and the current and next year. */
  years: number[];
  municipalityCount: number;
  canEdit: boolean;
  notice?: string | undefined;
  /** Errors of the upload (fil, linje-N) or of one year's setting (periode-YYYY). */
  errors?: FieldErrors;
  message?: string;
  /** The period typed into a year's form that was refused, shown again. */
  values?: Record<string, string>;
  /** Years whose invoices are published: their period is locked with the prices, so they get no form. */
  lockedYears?: ReadonlySet<number>;
};

/** Population figures per period, their import, and the period each budget year uses. */
export function PopulationPage(p: PopulationPageProps) {
  const errors = p.errors ?? {};
  const { lines, labels } = lineErrors(errors);
  for (const y of p.years) labels[`periode-${y}`] = `Periode for budgetår ${y}`;
  const setting = new Map(p.settings.map((s) => [s.year, s.populationPeriod]));
  return (
    <Layout title="Befolkningstal – Økonomi" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <h1>Befolkningstal</h1>
      <ErrorSummary errors={p.message ? { _: p.message, ...errors } : errors} labels={labels} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p class="font-lead">
        Befolkningstallet pr. kommune og kvartal fra Danmarks Statistik (FOLK1A). Hvert budgetår fordeler udgifterne efter den periode, der
        er valgt for året.
      </p>
      <LineErrorTable lines={lines} noun={['linje', 'linjer']} />

      <h2>Perioder</h2>
      {p.periods.length === 0 ? (
        <p>Der er endnu ikke importeret befolkningstal.</p>
      ) : (
        <table class="table table--compact">
          <caption class="sr-only">Importerede perioder</caption>
          <thead>
            <tr>
              <th scope="col">Periode</th>
              <th scope="col" class="align-text-right">
                Kommuner
              </th>
              <th scope="col" class="align-text-right">
                Indbyggere
              </th>
            </tr>
          </thead>
          <tbody>
            {p.periods.map((s) => (
              <tr>
                <th scope="row" safe>
                  {s.period}
                </th>
                <td class="align-text-right" safe>
                  {s.municipalities === p.municipalityCount ? `${s.municipalities} kommuner` : `${s.municipalities} af ${p.municipalityCount} kommuner (ufuldstændig)`}
                </td>
                <td class="align-text-right" safe>
                  {`${formatNumber(s.population)} indbyggere`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Periode pr. budgetår</h2>
      <table class="table table--compact">
        <caption class="sr-only">Den periode, hvert budgetår bruger</caption>
        <thead>
          <tr>
            <th scope="col">Budgetår</th>
            <th scope="col">Periode</th>
          </tr>
        </thead>
        <tbody>
          {p.years.map((y) => (
            <tr>
              <th scope="row" safe>
                {String(y)}
              </th>
              <td safe>{`${setting.get(y) ?? 'Ikke valgt'}${p.lockedYears?.has(y) ? ' (låst: årets fakturaer er offentliggjort)' : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.canEdit ? (
        <>
          {p.years.filter((y) => !p.lockedYears?.has(y)).map((y) => (
          <form method="post" action={`/oekonomi/befolkning/aar/${y}`} novalidate>
            <CsrfField token={p.request.csrfToken} />
            <TextField
              name={`periode-${y}`}
              label={`Periode for budgetår ${y}`}
              hint="År og kvartal, fx 2026K1. Perioden skal have befolkningstal for alle kommuner."
              value={p.values?.[`periode-${y}`] ?? setting.get(y) ?? ''}
              error={errors[`periode-${y}`]}
              required
            />
            <button type="submit" class="button button-secondary" safe>
              {`Gem periode for ${y}`}
            </button>
          </form>
          ))}
        </>
      ) : (
        ''
      )}

      {p.canEdit ? (
        <>
          <h2>Importér befolkningstal</h2>
          <p>
            Hent tabellen FOLK1A fra Danmarks Statistik (statistikbanken.dk) som CSV med semikolon og kolonnerne OMRÅDE;TID;INDHOLD.
            Kommunerne kan stå som kode (fx 101) eller navn (fx København eller Københavns Kommune); perioderne som 2026K1. Rækker for hele
            landet og regionerne springes over.
          </p>
          <ul>
            <li>Hele filen kontrolleres først. Er der fejl i blot én linje, ændres intet, og du får en liste over fejlene.</li>
            <li>Befolkningstal, der allerede findes for en kommune og periode, erstattes af filens tal.</li>
            <li>Importerer du den samme fil igen, sker der ingenting.</li>
          </ul>
          <form method="post" action="/oekonomi/befolkning/import" enctype="multipart/form-data" novalidate>
            <CsrfField token={p.request.csrfToken} />
            <FileField name="fil" label="Fil (CSV)" accept={'.csv,text/csv'} error={errors.fil} />
            <button type="submit" class="button button-primary">
              Importér
            </button>
          </form>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
