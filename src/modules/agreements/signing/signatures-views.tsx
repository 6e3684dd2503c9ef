import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, ErrorText, Notice } from '../../../platform/views/components.tsx';
import { formatDateTime } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { PlainText } from '../../../platform/views/components.tsx';
import { formatSize } from '../../../platform/views/format.ts';
import { TYPE_LABELS } from '../labels.ts';
import type { AgreementType } from '../schema.ts';
import { isCurrent, type SignatureView } from './signature-queries.ts';

export const METHOD_LABELS: Record<SignatureView['method'], string> = {
  samspil: 'Underskrevet i Samspil med adgangskode',
  upload: 'Underskrevet kopi indsendt som PDF',
};

export const METHOD_SHORT: Record<SignatureView['method'], string> = {
  samspil: 'I Samspil',
  upload: 'Indsendt PDF',
};

export const SIGNATURE_STATE_LABELS: Record<SignatureView['state'], string> = {
  signed: 'Godkendt',
  pending: 'Afventer godkendelse hos KOMBIT',
  rejected: 'Afvist',
};

export const signaturePath = (s: Pick<SignatureView, 'agreementId' | 'id'>) => `/aftaler/${s.agreementId}/underskrifter/${s.id}`;

/** Why a signature no longer counts, or an empty string when it does. */
export function notCountingText(s: SignatureView): string {
  if (s.state === 'rejected') return 'Afvist af KOMBIT';
  if (s.supersededAt) return `Gælder ikke længere: aftalen er kommet i version ${s.supersededByVersionNumber ?? 'en nyere version'}`;
  return '';
}

/** A SHA-256 in full: it is what people compare, so it is never shortened. */
export function Hash(p: { value: string | null }): JSX.Element {
  if (!p.value) return <span>–</span>;
  return (
    <code class="samspil-hash" safe>
      {p.value}
    </code>
  );
}

/** The facts of one signature as a description list (the municipality's page and the review page). */
export function SignatureDetails(p: { s: SignatureView; fileLink: boolean }): JSX.Element {
  const s = p.s;
  return (
    <dl class="samspil-details">
      <dt>Version</dt>
      <dd safe>{String(s.versionNumber)}</dd>
      <dt>Versionens SHA-256</dt>
      <dd>
        <Hash value={s.versionSha256} />
      </dd>
      <dt>Underskriver</dt>
      <dd safe>{`${s.signerName}, ${s.signerTitle}`}</dd>
      <dt>{s.method === 'upload' ? 'Indsendt' : 'Underskrevet'}</dt>
      <dd safe>{formatDateTime(s.signedAt)}</dd>
      <dt>Metode</dt>
      <dd safe>{METHOD_LABELS[s.method]}</dd>
      {s.method === 'upload' ? (
        <>
          <dt>Indsendt fil</dt>
          <dd>
            {p.fileLink ? (
              <a href={`${signaturePath(s)}/fil`} class="function-link" safe>
                {s.uploadFilename ?? 'fil'}
              </a>
            ) : (
              <span safe>{s.uploadFilename ?? '–'}</span>
            )}
            {s.uploadSize !== null ? <span class="text-muted" safe>{` (${formatSize(s.uploadSize)})`}</span> : ''}
          </dd>
          <dt>Filens SHA-256</dt>
          <dd>
            <Hash value={s.uploadSha256} />
          </dd>
          <dt>Gennemgang</dt>
          <dd safe>
            {`${SIGNATURE_STATE_LABELS[s.state]}${s.reviewedAt ? ` ${formatDateTime(s.reviewedAt)}` : ''}${s.reviewerName ? ` af ${s.reviewerName}` : ''}`}
          </dd>
        </>
      ) : (
        ''
      )}
    </dl>
  );
}

// ---------------------------------------------------------------- the central review page

export type SignaturesPageState = {
  notice?: string | undefined;
  errors?: FieldErrors;
  /** The signature whose reject form failed, so its reason is shown again. */
  signatureId?: string;
  values?: Record<string, unknown>;
};

export const SIGNATURE_NOTICES: Record<string, string> = {
  godkendt: 'Underskriften er godkendt og tæller nu som kommunens underskrift.',
  afvist: 'Den indsendte kopi er afvist. Den, der indsendte den, har fået besked med begrundelsen.',
  uaendret: 'Underskriften var allerede behandlet; intet er ændret.',
};

const reasonId = (signatureId: string) => `felt-begrundelse-${signatureId}`;

function ReviewForms(p: { s: SignatureView; csrf: string | undefined; state: SignaturesPageState }): JSX.Element {
  const failed = p.state.signatureId === p.s.id;
  const error = failed ? p.state.errors?.reason : undefined;
  const value = failed && typeof p.state.values?.reason === 'string' ? p.state.values.reason : '';
  const id = reasonId(p.s.id);
  const label = `${p.s.municipalityName} Kommunes kopi`;
  return (
    <div class="samspil-actions">
      <form method="post" action={`${signaturePath(p.s)}/godkend`} novalidate>
        <CsrfField token={p.csrf} />
        <button type="submit" class="button button-primary">
          Godkend <span class="sr-only" safe>{label}</span>
        </button>
      </form>
      <form method="post" action={`${signaturePath(p.s)}/afvis`} novalidate>
        <CsrfField token={p.csrf} />
        <div class={error ? 'form-group form-error' : 'form-group'}>
          <label class="form-label" for={id}>
            Begrundelse for afvisning <span class="sr-only" safe>{`af ${label}`}</span>
          </label>
          <span class="form-hint" id={`${id}-hint`}>
            Den, der indsendte kopien, får begrundelsen på mail.
          </span>
          <ErrorText id={id} error={error} />
          <textarea
            class="form-input"
            id={id}
            name="reason"
            rows="3"
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={error ? 'true' : undefined}
            safe
          >
            {value}
          </textarea>
        </div>
        <button type="submit" class="button button-secondary">
          Afvis <span class="sr-only" safe>{label}</span>
        </button>
      </form>
    </div>
  );
}

function SignatureTable(p: { rows: SignatureView[]; caption: string; receipts: boolean; why: boolean }): JSX.Element {
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra">
        <caption safe>{`${p.caption} (${p.rows.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            <th scope="col">Version</th>
            <th scope="col">Underskriver</th>
            <th scope="col">Tidspunkt</th>
            <th scope="col">Metode</th>
            {p.why ? <th scope="col">Status</th> : ''}
            {p.receipts ? <th scope="col">Kvittering</th> : ''}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((s) => (
            <tr data-underskrift={s.id}>
              <td safe>{s.municipalityName}</td>
              <td safe>{String(s.versionNumber)}</td>
              <td safe>{`${s.signerName}, ${s.signerTitle}`}</td>
              <td safe>{formatDateTime(s.signedAt)}</td>
              <td>
                {s.method === 'upload' && s.uploadFilename ? (
                  <a href={`${signaturePath(s)}/fil`} class="function-link" safe>
                    {METHOD_SHORT[s.method]}
                  </a>
                ) : (
                  <span safe>{METHOD_SHORT[s.method]}</span>
                )}
              </td>
              {p.why ? (
                <td>
                  <span safe>{notCountingText(s)}</span>
                  {s.state === 'rejected' && s.rejectReason ? <PlainText text={s.rejectReason} /> : ''}
                </td>
              ) : (
                ''
              )}
              {p.receipts ? (
                <td>
                  {s.state === 'signed' ? (
                    <a href={`${signaturePath(s)}/kvittering`} class="function-link">
                      Kvittering <span class="sr-only" safe>{`for ${s.municipalityName}`}</span>
                    </a>
                  ) : (
                    ''
                  )}
                </td>
              ) : (
                ''
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every signature of an agreement for central staff: uploads awaiting review first, then the current ones, then history. */
export function SignaturesPage(p: {
  request: FastifyRequest;
  agreement: { id: string; title: string; type: AgreementType };
  signatures: SignatureView[];
  canReview: boolean;
  state: SignaturesPageState;
}): JSX.Element {
  const pending = p.signatures.filter((s) => s.state === 'pending' && s.supersededAt === null);
  const current = p.signatures.filter((s) => s.state === 'signed' && isCurrent(s));
  const history = p.signatures.filter((s) => !isCurrent(s));
  const errors = p.state.errors ?? {};
  // The summary links to the reason field of the signature whose form failed.
  const reasonKey = `begrundelse-${p.state.signatureId ?? ''}`;
  const summaryErrors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === 'reason' ? reasonKey : k, v]));
  return (
    <Layout title={`Underskrifter – ${p.agreement.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aftaler">
      <p>
        <a href={`/aftaler/${p.agreement.id}`} class="function-link" safe>
          {`Tilbage til ${p.agreement.title}`}
        </a>
      </p>
      <p class="text-muted" safe>
        {TYPE_LABELS[p.agreement.type]}
      </p>
      <h1 safe>{`Underskrifter: ${p.agreement.title}`}</h1>
      {p.state.notice ? <Notice kind="success" text={p.state.notice} /> : ''}
      <ErrorSummary errors={summaryErrors} labels={{ [reasonKey]: 'Begrundelse' }} />

      <h2 id="afventer" safe>
        {`Afventer godkendelse (${pending.length})`}
      </h2>
      {pending.length === 0 ? (
        <p>Ingen indsendte kopier afventer godkendelse.</p>
      ) : (
        <ul class="nobullet-list">
          {pending.map((s) => (
            <li id={`underskrift-${s.id}`} data-underskrift={s.id}>
              <h3 safe>{`${s.municipalityName} Kommune`}</h3>
              <SignatureDetails s={s} fileLink />
              {p.canReview ? <ReviewForms s={s} csrf={p.request.csrfToken} state={p.state} /> : <p>Kun KOMBITs administratorer og konsulenter kan godkende eller afvise.</p>}
            </li>
          ))}
        </ul>
      )}

      <h2 id="gaeldende">Gældende underskrifter</h2>
      {current.length === 0 ? <p>Ingen kommuner har underskrevet den gældende version endnu.</p> : <SignatureTable rows={current} caption="Gældende underskrifter" receipts why={false} />}

      <h2 id="tidligere">Tidligere og afviste</h2>
      {history.length === 0 ? (
        <p>Ingen.</p>
      ) : (
        <SignatureTable rows={history} caption="Underskrifter, der ikke længere gælder" receipts why />
      )}
    </Layout>
  );
}
