import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, FileField, Notice, SPREADSHEET_ACCEPT } from '../../../platform/views/components.tsx';
import { formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { LineErrorTable, lineErrors } from '../../../platform/views/line-errors.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { PriceModelKind } from '../schema.ts';
import { lockedMessage } from './assert-year-open.ts';
import { kindInWords, priceInWords } from './describe-price.ts';
import type { StoredPriceModel } from './load-prices.ts';
import { FIELD_LABELS, type FormValues } from './price-model-form.ts';
import { KindSwitch, PriceCrumbs, PriceModelFields } from './price-model-fields.tsx';

export type PriceModelPageProps = {
  request: FastifyRequest;
  model: StoredPriceModel;
  solutions: { key: string; name: string }[];
  /** Every municipality, in Danish order, for the usage table. */
  municipalities: { code: string; name: string }[];
  locked: boolean;
  canEdit: boolean;
  /** The kind the form is drawn for (the model's own, or one chosen with the kind switch). */
  kind: PriceModelKind;
  values: FormValues;
  errors?: FieldErrors;
  /** Errors of the usage upload (fil, linje-N), shown by that form. */
  usageErrors?: FieldErrors;
  notice?: string | undefined;
};

function Facts(p: { model: StoredPriceModel }): JSX.Element {
  const m = p.model;
  return (
    <dl class="samspil-facts">
      <dt>Løsning</dt>
      <dd safe>{m.solutionName}</dd>
      <dt>Type</dt>
      <dd safe>{kindInWords(m)}</dd>
      <dt>Pris</dt>
      <dd safe>{priceInWords(m)}</dd>
    </dl>
  );
}

function Usage(p: PriceModelPageProps & { editable: boolean }): JSX.Element {
  const m = p.model;
  const errors = p.usageErrors ?? {};
  const { lines, labels } = lineErrors(errors);
  const total = [...m.usage.values()].reduce((a, b) => a + b, 0);
  return (
    <section aria-labelledby="forbrug">
      <h2 id="forbrug">Forbrug pr. kommune</h2>
      <ErrorSummary errors={errors} labels={labels} />
      <LineErrorTable lines={lines} noun={['linje', 'linjer']} />
      <p safe>{`${formatNumber(m.usage.size)} ${m.usage.size === 1 ? 'kommune har' : 'kommuner har'} forbrug, i alt ${formatNumber(total)} ${m.usageUnit ?? 'enheder'}. En kommune uden tal har intet forbrug.`}</p>
      {p.editable ? (
        <form method="post" action={`/oekonomi/priser/${m.year}/modeller/${m.id}/forbrug`} enctype="multipart/form-data" novalidate>
          <CsrfField token={p.request.csrfToken} />
          <p>
            En CSV- eller XLSX-fil med kolonnerne <code>kommunekode</code> og <code>antal</code>, fx <code>101;520000</code>. Filen erstatter modellens
            forbrug; kommuner, der ikke står i filen, har intet forbrug. Er der fejl i blot én linje, ændres intet.
          </p>
          <FileField name="fil" label="Fil med forbrug (CSV eller XLSX)" accept={SPREADSHEET_ACCEPT} error={errors.fil} />
          <button type="submit" class="button button-secondary">
            Indlæs forbrug
          </button>
        </form>
      ) : (
        ''
      )}
      <ResponsiveTable>
        <table class="table table--compact table--zebra">
          <caption safe>{`Antal ${m.usageUnit ?? 'enheder'} pr. kommune i ${m.year}`}</caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col">Kode</th>
              <th scope="col" class="align-text-right">
                Antal
              </th>
            </tr>
          </thead>
          <tbody>
            {p.municipalities.map((mu) => (
              <tr>
                <th scope="row" safe>
                  {mu.name}
                </th>
                <td safe>{mu.code}</td>
                <td class="align-text-right" safe>
                  {formatNumber(m.usage.get(mu.code) ?? 0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
    </section>
  );
}

/** One price model: its facts, the form to change or delete it, and a usage model's counts. */
export function PriceModelPage(p: PriceModelPageProps): JSX.Element {
  const m = p.model;
  const editable = p.canEdit && !p.locked;
  const base = `/oekonomi/priser/${m.year}/modeller/${m.id}`;
  return (
    <Layout title={`${m.label} ${m.year} – Priser`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <PriceCrumbs year={m.year} here={m.label} />
      <h1 safe>{`${m.solutionName}: ${m.label} ${m.year}`}</h1>
      <ErrorSummary errors={p.errors ?? {}} labels={FIELD_LABELS} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      {p.locked ? <Notice kind="info" text={`${lockedMessage(m.year)} Prismodellen kan ses, men ikke ændres.`} /> : ''}
      <Facts model={m} />
      {editable ? (
        <section aria-labelledby="ret">
          <h2 id="ret">Ret prismodellen</h2>
          <KindSwitch action={base} kind={p.kind} />
          {p.kind !== m.kind && m.kind === 'usage' ? (
            <Notice kind="warning" text="Gemmer du modellen med en anden type, slettes dens enhedspriser og forbruget pr. kommune." />
          ) : (
            ''
          )}
          <form method="post" action={base} novalidate>
            <CsrfField token={p.request.csrfToken} />
            <PriceModelFields kind={p.kind} solutions={p.solutions} values={p.values} errors={p.errors ?? {}} />
            <button type="submit" class="button button-primary">
              Gem prismodellen
            </button>
          </form>
          <h2>Slet prismodellen</h2>
          <form method="post" action={`${base}/slet`}>
            <CsrfField token={p.request.csrfToken} />
            <RequestKeyField />
            <p safe>{`Linjen «${m.label}» forsvinder fra ${m.solutionName}s priser for ${m.year}${m.kind === 'usage' ? ' sammen med forbruget pr. kommune' : ''}. Handlingen logges.`}</p>
            <button type="submit" class="button button-secondary" safe>
              {`Slet «${m.label}»`}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      {m.kind === 'usage' ? <Usage {...p} editable={editable} /> : ''}
      <p>
        <a href={`/oekonomi/priser/${m.year}#model-${m.id}`} class="function-link" safe>{`Tilbage til priserne for ${m.year}`}</a>
      </p>
    </Layout>
  );
}
