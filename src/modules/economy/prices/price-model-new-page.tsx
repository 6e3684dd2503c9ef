import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/views/components.tsx';
import { lockedMessage } from './assert-year-open.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PriceModelKind } from '../schema.ts';
import { FIELD_LABELS, type FormValues } from './price-model-form.ts';
import { KindSwitch, PriceCrumbs, PriceModelFields } from './price-model-fields.tsx';

export type NewPriceModelPageProps = {
  request: FastifyRequest;
  year: number;
  kind: PriceModelKind;
  solutions: { key: string; name: string }[];
  values: FormValues;
  errors: FieldErrors;
  locked: boolean;
  /** The form's request key from the refused attempt, so resending it is still one request. */
  requestKey?: unknown;
};

/** Adding a price model to a year: choose the kind, then fill in that kind's fields. */
export function NewPriceModelPage(p: NewPriceModelPageProps): JSX.Element {
  const { year } = p;
  return (
    <Layout title={`Ny prismodel ${year} – Økonomi`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <PriceCrumbs year={year} here="Ny prismodel" />
      <h1 safe>{`Ny prismodel for ${year}`}</h1>
      <ErrorSummary errors={p.errors} labels={FIELD_LABELS} />
      {p.locked ? (
        <>
          <Notice kind="info" text={`${lockedMessage(year)} Der kan ikke tilføjes prismodeller.`} />
          <p>
            <a href={`/oekonomi/priser/${year}`} class="function-link" safe>{`Tilbage til priserne for ${year}`}</a>
          </p>
        </>
      ) : (
        <NewForm {...p} />
      )}
    </Layout>
  );
}

function NewForm(p: NewPriceModelPageProps): JSX.Element {
  const { year } = p;
  return (
    <>
      <KindSwitch action={`/oekonomi/priser/${year}/ny`} kind={p.kind} keep={p.values.solution ? { loesning: p.values.solution } : {}} />
      <form method="post" action={`/oekonomi/priser/${year}/ny`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={p.requestKey} />
        <PriceModelFields kind={p.kind} solutions={p.solutions} values={p.values} errors={p.errors} />
        <div class="samspil-actions">
          <button type="submit" class="button button-primary">
            Tilføj prismodel
          </button>
          <a href={`/oekonomi/priser/${year}`} class="function-link">
            Annullér
          </a>
        </div>
      </form>
    </>
  );
}
