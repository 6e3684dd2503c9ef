import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, FileField, Notice, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { formatDayLong, formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { LineErrorTable, lineErrors } from '../../../platform/views/line-errors.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ImpactResult } from './evaluate-impact.ts';
import { draftChoice, NO_DRAFT, type ImpactDraft } from './impact-draft.ts';
import { EXTRACT_HEADER } from './parse-extract.ts';
import { MAX_REASON } from './save-impact-draft.ts';

export type ImpactPageProps = {
  request: FastifyRequest;
  code: string;
  name: string;
  today: string;
  canSave: boolean;
  result?: ImpactResult | undefined;
  /** The draft as it was sent, drawn again in the form (after an error, as typed). */
  draftFields?: Record<string, unknown> | undefined;
  /** A draft whose saving was refused (no reason): its save form is drawn again with the message. */
  saveDraft?: ImpactDraft | undefined;
  saveValues?: Record<string, unknown> | undefined;
  notice?: string | undefined;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
};

const LABELS: Record<string, string> = {
  date: 'Dagen',
  kle: 'KLE-numre',
  shown: 'Vises i Mit Overblik',
  youth: 'Vises for 15–17-årige',
  aendring: 'Ændringen',
  inherit: 'Arv',
  reason: 'Hvorfor?',
  draft: 'Udkastet',
};

const CHOICE_OPTIONS = [
  { value: '', label: 'Uændret' },
  { value: 'arv', label: 'Arv fra niveauet over' },
  { value: 'ja', label: 'Ja' },
  { value: 'nej', label: 'Nej' },
];

const field = (values: Record<string, unknown> | undefined, name: string, fallback: string) => {
  const v = values?.[name];
  return typeof v === 'string' ? v : fallback;
};

/** The draft's fields as the form sends them, for the form drawn again and the save form's hidden fields. */
export function draftFormFields(draft: ImpactDraft): Record<'kle' | 'shown' | 'youth', string> {
  return { kle: draft.kle.join(', '), shown: draftChoice(draft, 'shown'), youth: draftChoice(draft, 'youth') };
}

const Num = (p: { n: number }) => (
  <td class="align-text-right" safe>
    {formatNumber(p.n)}
  </td>
);

function Results(p: { r: ImpactResult }): JSX.Element {
  const { r } = p;
  const t = r.totals;
  return (
    <section aria-labelledby="resultat">
      <h2 id="resultat" safe>{`Konsekvens ${formatDayLong(r.date)}`}</h2>
      <p safe>
        {`Udtrækket har ${formatNumber(r.cases)} sager, heraf ${formatNumber(t.youthCases)} med borgere på 15–17 år. ` +
          (r.draft.kle.length === 0 ? 'Der er ikke angivet nogen ændring: tallene viser opsætningen, som den er.' : `Ændringen gælder ${r.draft.kle.join(', ')}.`)}
      </p>
      {r.youthActivation === null || r.date < r.youthActivation ? (
        <Notice kind="info" text={r.youthActivation ? `Visningen for 15–17-årige aktiveres først ${formatDayLong(r.youthActivation)}: før den dag ser de unge ingen sager.` : 'Visningen for 15–17-årige er ikke aktiveret: de unge ser ingen sager, før den er.'} />
      ) : (
        ''
      )}
      <dl data-opsummering>
        <dt>Bliver synlige for 15–17-årige</dt>
        <dd data-tal="synlige" safe>
          {formatNumber(t.becomeVisible)}
        </dd>
        <dt>Bliver skjult for 15–17-årige</dt>
        <dd data-tal="skjult" safe>
          {formatNumber(t.becomeHidden)}
        </dd>
      </dl>
      <ResponsiveTable>
        <table class="table table--compact" data-table="konsekvens">
          <caption>De 15–17-åriges sager pr. KLE-nummer, nu og med ændringen</caption>
          <thead>
            <tr>
              <th scope="col">KLE-nummer</th>
              <th scope="col">Titel</th>
              <th scope="col" class="align-text-right">
                Sager med 15–17-årige
              </th>
              <th scope="col" class="align-text-right">
                Vises nu
              </th>
              <th scope="col" class="align-text-right">
                Vises med ændringen
              </th>
              <th scope="col" class="align-text-right">
                Bliver synlige
              </th>
              <th scope="col" class="align-text-right">
                Bliver skjult
              </th>
            </tr>
          </thead>
          <tbody>
            {r.rows.length === 0 ? (
              <tr>
                <td colspan="7">Udtrækket har ingen sager med borgere på 15–17 år.</td>
              </tr>
            ) : (
              r.rows.map((row) => (
                <tr data-kle={row.kle}>
                  <th scope="row" safe>
                    {row.kle}
                  </th>
                  <td safe>{row.title === null ? 'Findes ikke i KLE-planen' : `${row.title}${row.expiredOn ? ` (udgået ${formatDeadline(row.expiredOn)})` : ''}`}</td>
                  <Num n={row.youthCases} />
                  <Num n={row.visibleNow} />
                  <Num n={row.visibleDraft} />
                  <Num n={row.becomeVisible} />
                  <Num n={row.becomeHidden} />
                </tr>
              ))
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="2">
                I alt
              </th>
              <Num n={t.youthCases} />
              <Num n={t.visibleNow} />
              <Num n={t.visibleDraft} />
              <Num n={t.becomeVisible} />
              <Num n={t.becomeHidden} />
            </tr>
          </tfoot>
        </table>
      </ResponsiveTable>
    </section>
  );
}

function SaveForm(p: { request: FastifyRequest; code: string; draft: ImpactDraft; errors: FieldErrors; values?: Record<string, unknown> | undefined }): JSX.Element {
  const fields = draftFormFields(p.draft);
  return (
    <section aria-labelledby="gem">
      <h2 id="gem">Gem ændringen</h2>
      <p>Ændringen gemmes i kommunens KLE-opsætning med din begrundelse, og den kan ses i historikken. Udtrækket gemmes ikke.</p>
      <form method="post" action={`/borgerblikket/kommuner/${p.code}/konsekvens/gem`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={p.values?.requestKey} />
        <input type="hidden" name="kle" value={fields.kle} />
        <input type="hidden" name="shown" value={fields.shown} />
        <input type="hidden" name="youth" value={fields.youth} />
        <TextArea name="reason" label={`${LABELS.reason!} (højst ${MAX_REASON} tegn)`} value={field(p.values, 'reason', '')} error={p.errors.reason} rows={3} required />
        <button type="submit" class="button button-primary">
          Gem ændringen
        </button>
      </form>
    </section>
  );
}

/** The impact of a draft change for 15–17-year-olds: the extract and the draft, the figures, and saving the draft. */
export function ImpactPage(p: ImpactPageProps): JSX.Element {
  const errors = p.errors ?? {};
  const { lines, labels } = lineErrors(errors);
  const d = p.draftFields;
  const draft = p.result?.draft ?? p.saveDraft ?? NO_DRAFT;
  return (
    <Layout title={`Konsekvens for 15–17-årige – ${p.name} Kommune`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs
        trail={[
          { href: '/borgerblikket', label: 'Borgerblikket' },
          { href: `/borgerblikket/kommuner/${p.code}`, label: `${p.name} Kommunes KLE-opsætning` },
        ]}
        current="Konsekvens af en ændring"
      />
      <h1>Konsekvens af en ændring for 15–17-årige</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={p.message ? { _: p.message, ...errors } : errors} labels={{ ...LABELS, ...labels }} />
      <LineErrorTable lines={lines} noun={['linje', 'linjer']} />
      <p class="font-lead" safe>{`Indlæs et anonymiseret udtræk af ${p.name} Kommunes sager og se, hvor mange af de 15–17-åriges sager der bliver synlige eller skjult pr. KLE-nummer, før en ændring af opsætningen gemmes.`}</p>
      <h2>Udtrækkets format</h2>
      <p>CSV som Excel gemmer den (semikolon, UTF-8). Første linje er overskrifterne, i vilkårlig rækkefølge:</p>
      <pre>
        <code>{EXTRACT_HEADER}</code>
      </pre>
      <ul>
        <li>KLE-nummer som 27.12.04; Oprettet som åååå-mm-dd eller dd.mm.åååå; Aktiv som ja eller nej; Alder i hele år.</li>
        <li>
          Ingen CPR-numre: en kolonne, der hedder noget med CPR, eller en linje med noget, der ligner et CPR-nummer (fx 010203-1234), afvises med
          linjenummer. Sager med borgere under 15 og over 17 år tælles ikke med.
        </li>
        <li>Udtrækket læses og tælles, mens det indlæses, og gemmes ikke. Er der fejl i blot én linje, beregnes intet, og du får en liste over fejlene (de første 100).</li>
      </ul>
      <form method="post" action={`/borgerblikket/kommuner/${p.code}/konsekvens`} enctype="multipart/form-data" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextField name="date" label={LABELS.date!} hint="dd.mm.åååå; den dag, visningen vurderes på" value={field(d, 'date', formatDeadline(p.today))} error={errors.date} />
        <fieldset id="felt-aendring">
          <legend class="h3">Ændringen (udkast)</legend>
          <p>Lad felterne stå tomme for at se opsætningen, som den er.</p>
          <TextField name="kle" label={LABELS.kle!} hint="Et eller flere numre adskilt af komma, fx 27.12.04, 28.01" value={field(d, 'kle', draftFormFields(draft).kle)} error={errors.kle ?? errors.aendring} />
          <SelectField name="shown" label={LABELS.shown!} value={field(d, 'shown', draftChoice(draft, 'shown'))} options={CHOICE_OPTIONS} error={errors.shown} />
          <SelectField name="youth" label={LABELS.youth!} value={field(d, 'youth', draftChoice(draft, 'youth'))} options={CHOICE_OPTIONS} error={errors.youth} />
        </fieldset>
        <FileField name="fil" label="Udtræk (CSV)" accept={'.csv,text/csv'} error={errors.fil} />
        <button type="submit" class="button button-primary">
          Beregn konsekvensen
        </button>
      </form>
      {p.result ? <Results r={p.result} /> : ''}
      {(p.result || p.saveDraft) && draft.kle.length > 0 ? (
        p.canSave ? (
          <SaveForm request={p.request} code={p.code} draft={draft} errors={errors} values={p.saveValues} />
        ) : (
          <p>Kun kommunens systemansvarlige for Borgerblikket og programlederen kan gemme ændringen.</p>
        )
      ) : (
        ''
      )}
    </Layout>
  );
}
