import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, ErrorText, fieldId, Notice } from '../../../platform/views/components.tsx';
import { danishCompare, danishDay, formatDateTime, formatDayLong } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { PlainText } from '../../../platform/views/components.tsx';
import { formatSize } from '../../../platform/views/format.ts';
import { MAX_AGREEMENT_FILE_BYTES } from '../files.ts';
import { MUNICIPAL_STATUS_LABELS, TYPE_LABELS } from '../labels.ts';
import { isCurrent, type MunicipalAgreementRow, type MunicipalAgreementView, mustSign } from '../signing/signature-queries.ts';
import { Hash, SignatureDetails, signaturePath } from '../signing/signatures-views.tsx';
import type { MunicipalStatus, StatusRow } from '../status.ts';

export const MUNICIPAL_NOTICES: Record<string, string> = {
  underskrevet: 'Aftalen er underskrevet. Du får en kvittering på mail.',
  'allerede-underskrevet': 'Aftalen var allerede underskrevet for kommunen; intet er ændret.',
  indsendt: 'Den underskrevne kopi er indsendt. Den tæller, når KOMBIT har godkendt den.',
  'allerede-indsendt': 'Den samme kopi var allerede indsendt; intet er ændret.',
};

const STATUS_BADGE: Record<MunicipalStatus, string> = {
  signed: 'badge badge-success',
  replaced: 'badge badge-success',
  pending: 'badge badge-info',
  in_dialogue: 'badge badge-info',
  not_signed: 'badge',
};

/** "Erstattet af K98-aftalen fra 3. juni 2025", or the status's label. */
export function ownStatusText(own: Pick<StatusRow, 'status' | 'replacedBy'>): string {
  if (own.status === 'replaced' && own.replacedBy) return `Erstattet af K98-aftalen fra ${formatDayLong(danishDay(own.replacedBy.from))}`;
  return MUNICIPAL_STATUS_LABELS[own.status];
}

function StatusBadge(p: { own: Pick<StatusRow, 'status' | 'replacedBy'> }): JSX.Element {
  return (
    <span class={STATUS_BADGE[p.own.status]} safe>
      {ownStatusText(p.own)}
    </span>
  );
}

const deadlineText = (deadline: string | null) => (deadline ? formatDayLong(deadline) : '–');

// ---------------------------------------------------------------- Aftaler (the list)

function AgreementTable(p: { rows: MunicipalAgreementRow[]; caption: string }): JSX.Element {
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra">
        <caption safe>{`${p.caption} (${p.rows.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Aftale</th>
            <th scope="col">Type</th>
            <th scope="col">Frist</th>
            <th scope="col">Kommunens status</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-aftale={r.id}>
              <td>
                <a href={`/aftaler/${r.id}`} safe>
                  {r.title}
                </a>
                {r.status === 'closed' ? (
                  <>
                    {' '}
                    <span class="badge">Lukket</span>
                  </>
                ) : (
                  ''
                )}
              </td>
              <td safe>{TYPE_LABELS[r.type]}</td>
              <td safe>{deadlineText(r.deadline)}</td>
              <td>
                <StatusBadge own={r.own} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const byDeadlineThenTitle = (a: MunicipalAgreementRow, b: MunicipalAgreementRow) =>
  (a.deadline ?? '9999') < (b.deadline ?? '9999') ? -1 : (a.deadline ?? '9999') > (b.deadline ?? '9999') ? 1 : danishCompare(a.title, b.title);

export function MunicipalAgreementListPage(p: { request: FastifyRequest; rows: MunicipalAgreementRow[] }): JSX.Element {
  const toSign = p.rows.filter(mustSign).sort(byDeadlineThenTitle);
  const others = p.rows.filter((r) => !mustSign(r)).sort(byDeadlineThenTitle);
  const name = p.request.actor?.municipalityName ?? '';
  return (
    <Layout title="Aftaler" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aftaler">
      <h1>Aftaler</h1>
      <p class="font-lead" safe>
        {`Aftaler fra KOMBIT til ${name} Kommune: databehandleraftaler, tilslutningsaftaler, samarbejdsaftaler og K98-aftalen.`}
      </p>
      <h2>Skal underskrives</h2>
      {toSign.length === 0 ? <p>Kommunen mangler ikke at underskrive nogen aftaler.</p> : <AgreementTable rows={toSign} caption="Aftaler, kommunen skal underskrive" />}
      <h2>Øvrige aftaler</h2>
      {others.length === 0 ? <p>Der er ingen andre aftaler.</p> : <AgreementTable rows={others} caption="Underskrevne, erstattede og lukkede aftaler" />}
    </Layout>
  );
}

// ---------------------------------------------------------------- one agreement

export type MunicipalPageState = {
  notice?: string | undefined;
  errors?: FieldErrors;
  /** The form that failed, so its fields show the user's input again. */
  form?: 'sign' | 'upload';
  values?: Record<string, unknown>;
};

/** Who signs, when the actor may read but not sign: "Aftalen underskrives af kommunens programledere." */
export type SignerInfo = { canSign: boolean; whoSigns: string };

/** A text input with its own id, so the two forms' name and title fields do not share ids. */
function Input(p: { id: string; name: string; label: string; value: string; error: string | undefined; type?: string; autocomplete?: string; hint?: string }): JSX.Element {
  const describedBy = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={p.id} safe>
        {p.label}
      </label>
      {p.hint ? (
        <span class="form-hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </span>
      ) : (
        ''
      )}
      <ErrorText id={p.id} error={p.error} />
      <input
        class="form-input"
        id={p.id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value}
        autocomplete={p.autocomplete}
        aria-describedby={describedBy || undefined}
        aria-invalid={p.error ? 'true' : undefined}
        required
      />
    </div>
  );
}

/** Field ids of the upload form are prefixed so they differ from the sign form's. */
export const uploadFieldKey = (name: string) => `upload-${name}`;

const FIELD_LABELS: Record<string, string> = {
  signerName: 'Navn',
  signerTitle: 'Titel/stilling',
  password: 'Adgangskode',
  confirm: 'Bekræftelse',
  versionId: 'Version',
  [uploadFieldKey('fil')]: 'Underskrevet aftale (PDF)',
  [uploadFieldKey('signerName')]: 'Navn',
  [uploadFieldKey('signerTitle')]: 'Titel/stilling',
  [uploadFieldKey('versionId')]: 'Version',
};

function SignForms(p: { request: FastifyRequest; view: MunicipalAgreementView; state: MunicipalPageState }): JSX.Element {
  const v = p.view;
  const a = v.agreement;
  const version = v.current!;
  const actor = p.request.actor!;
  const failed = p.state.form;
  const errors = p.state.errors ?? {};
  const value = (form: 'sign' | 'upload', key: string, fallback: string) =>
    failed === form && typeof p.state.values?.[key] === 'string' ? (p.state.values[key] as string) : fallback;
  const signErrors = failed === 'sign' ? errors : {};
  const uploadErrors = failed === 'upload' ? errors : {};
  const confirmId = fieldId('confirm');
  const municipality = `${actor.municipalityName ?? ''} Kommune`;
  const limitMb = Math.round(MAX_AGREEMENT_FILE_BYTES / (1024 * 1024));
  return (
    <>
      <section aria-labelledby="underskriv" class="mt-6">
        <h2 id="underskriv">Underskriv aftalen</h2>
        <p safe>{`Du underskriver version ${version.number} af aftalen med dokumenterne ovenfor på vegne af ${municipality}. Skriv din adgangskode til Samspil igen for at bekræfte, at det er dig.`}</p>
        <form method="post" action={`/aftaler/${a.id}/underskriv`} novalidate>
          <CsrfField token={p.request.csrfToken} />
          <input type="hidden" name="versionId" value={version.id} />
          <Input id={fieldId('signerName')} name="signerName" label="Navn" value={value('sign', 'signerName', actor.name)} error={signErrors.signerName} autocomplete="name" />
          <Input
            id={fieldId('signerTitle')}
            name="signerTitle"
            label="Titel/stilling"
            value={value('sign', 'signerTitle', v.actorTitle)}
            error={signErrors.signerTitle}
            autocomplete="organization-title"
          />
          <Input id={fieldId('password')} name="password" type="password" label="Din adgangskode" value="" error={signErrors.password} autocomplete="current-password" />
          <div class={signErrors.confirm ? 'form-group form-error' : 'form-group'}>
            <ErrorText id={confirmId} error={signErrors.confirm} />
            <div class="form-group-checkbox">
              <input
                type="checkbox"
                class="form-checkbox"
                id={confirmId}
                name="confirm"
                value="on"
                required
                checked={failed === 'sign' && p.state.values?.confirm === 'on'}
                aria-describedby={signErrors.confirm ? `${confirmId}-error` : undefined}
              />
              <label for={confirmId} class="form-label" safe>
                {`Jeg bekræfter at have læst aftalen version ${version.number} og underskriver den på vegne af ${municipality}`}
              </label>
            </div>
          </div>
          <button type="submit" class="button button-primary">
            Underskriv aftalen
          </button>
        </form>
      </section>

      <section aria-labelledby="indsend" class="mt-6">
        <h2 id="indsend">Indsend en underskrevet kopi</h2>
        <p>
          Har kommunen underskrevet aftalen på anden måde, fx på papir eller med egen signaturløsning, kan I indsende den underskrevne aftale som PDF. Den tæller som
          kommunens underskrift, når KOMBIT har godkendt den.
        </p>
        <form method="post" action={`/aftaler/${a.id}/underskrift`} enctype="multipart/form-data" novalidate>
          <CsrfField token={p.request.csrfToken} />
          <input type="hidden" name="versionId" value={version.id} />
          <div class={uploadErrors[uploadFieldKey('fil')] ? 'form-group form-error' : 'form-group'}>
            <label class="form-label" for={fieldId(uploadFieldKey('fil'))}>
              Underskrevet aftale (PDF)
            </label>
            <span class="form-hint" id={`${fieldId(uploadFieldKey('fil'))}-hint`} safe>
              {`Kun PDF-filer, højst ${limitMb} MB.`}
            </span>
            <ErrorText id={fieldId(uploadFieldKey('fil'))} error={uploadErrors[uploadFieldKey('fil')]} />
            <input
              class="form-file-input"
              type="file"
              id={fieldId(uploadFieldKey('fil'))}
              name="fil"
              accept="application/pdf,.pdf"
              required
              aria-describedby={`${fieldId(uploadFieldKey('fil'))}-hint${uploadErrors[uploadFieldKey('fil')] ? ` ${fieldId(uploadFieldKey('fil'))}-error` : ''}`}
            />
          </div>
          <Input
            id={fieldId(uploadFieldKey('signerName'))}
            name="signerName"
            label="Navn på den, der underskrev"
            value={value('upload', 'signerName', '')}
            error={uploadErrors[uploadFieldKey('signerName')]}
          />
          <Input
            id={fieldId(uploadFieldKey('signerTitle'))}
            name="signerTitle"
            label="Titel/stilling på den, der underskrev"
            value={value('upload', 'signerTitle', '')}
            error={uploadErrors[uploadFieldKey('signerTitle')]}
          />
          <button type="submit" class="button button-secondary">
            Indsend underskrevet kopi
          </button>
        </form>
      </section>
    </>
  );
}

function OwnStatus(p: { view: MunicipalAgreementView }): JSX.Element {
  const own = p.view.own;
  if (!own) return <></>;
  const s = own.signature;
  let text = '';
  if (own.status === 'signed' && s) text = `Underskrevet af ${s.signerName}, ${s.signerTitle}, ${formatDateTime(s.signedAt)} (version ${s.versionNumber}).`;
  else if (own.status === 'pending' && s) text = `En underskrevet kopi blev indsendt ${formatDateTime(s.signedAt)} og afventer KOMBITs godkendelse.`;
  else if (own.status === 'in_dialogue') text = 'KOMBIT er i dialog med kommunen om aftalen.';
  else if (own.status === 'not_signed') text = 'Kommunen har ikke underskrevet den gældende version.';
  return (
    <>
      <p>
        <StatusBadge own={own} />
      </p>
      {text ? <p safe>{text}</p> : ''}
      {own.status === 'replaced' && own.replacedBy ? (
        <p>
          <a href={`/aftaler/${own.replacedBy.agreementId}`} class="function-link" safe>
            {own.replacedBy.title}
          </a>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

function Signatures(p: { view: MunicipalAgreementView }): JSX.Element {
  const rows = p.view.signatures;
  if (rows.length === 0) return <p>Kommunen har ikke underskrevet aftalen endnu.</p>;
  return (
    <ul class="nobullet-list">
      {rows.map((s) => (
          <li id={`underskrift-${s.id}`} data-underskrift={s.id}>
            <h3 safe>{`Version ${s.versionNumber}: ${s.method === 'upload' ? 'indsendt kopi' : 'underskrevet i Samspil'}`}</h3>
            {s.supersededAt && s.state !== 'rejected' ? (
              <Notice kind="warning" text={`Denne underskrift gælder ikke længere: aftalen er kommet i version ${s.supersededByVersionNumber ?? 'en nyere version'}.`} />
            ) : (
              ''
            )}
            {s.state === 'rejected' ? <Notice kind="error" text="KOMBIT har afvist den indsendte kopi. Aftalen er ikke underskrevet med den." /> : ''}
            <SignatureDetails s={s} fileLink />
            {s.state === 'rejected' && s.rejectReason ? (
              <>
                <p>
                  <strong>Begrundelse for afvisningen</strong>
                </p>
                <PlainText text={s.rejectReason} />
              </>
            ) : (
              ''
            )}
            {s.state === 'signed' ? (
              <p>
                <a href={`${signaturePath(s)}/kvittering`} class="function-link" safe>
                  {`Hent kvittering for underskriften (PDF)${isCurrent(s) ? '' : ` – version ${s.versionNumber}`}`}
                </a>
              </p>
            ) : (
              ''
            )}
          </li>
      ))}
    </ul>
  );
}

export function MunicipalAgreementPage(p: { request: FastifyRequest; view: MunicipalAgreementView; signer: SignerInfo; state: MunicipalPageState }): JSX.Element {
  const v = p.view;
  const a = v.agreement;
  const actor = p.request.actor!;
  const code = actor.municipalityCode ?? '';
  const hasCurrent = v.signatures.some(isCurrent);
  const showForms = p.signer.canSign && !hasCurrent && v.current !== null;
  const errors = p.state.errors ?? {};
  return (
    <Layout title={a.title} actor={actor} csrfToken={p.request.csrfToken} nav="aftaler">
      <p>
        <a href="/aftaler" class="function-link">
          Alle aftaler
        </a>
      </p>
      <p class="text-muted" safe>
        {TYPE_LABELS[a.type]}
      </p>
      <h1 safe>{a.title}</h1>
      {p.state.notice ? <Notice kind="success" text={p.state.notice} /> : ''}
      <ErrorSummary errors={errors} labels={FIELD_LABELS} />

      <section aria-labelledby="status">
        <h2 id="status" safe>{`${actor.municipalityName ?? ''} Kommunes status`}</h2>
        <OwnStatus view={v} />
        <dl class="samspil-details">
          <dt>Frist for underskrift</dt>
          <dd safe>{deadlineText(a.deadline)}</dd>
          {a.status === 'closed' ? (
            <>
              <dt>Aftalen</dt>
              <dd>Lukket for underskrift</dd>
            </>
          ) : (
            ''
          )}
          <dt>Underskrives af</dt>
          <dd safe>{p.signer.whoSigns}</dd>
        </dl>
        <p>
          <a href={`/aftaler/${a.id}/kommuner/${code}`} class="function-link">
            Noter og dialog med KOMBIT
          </a>
        </p>
      </section>

      {a.description.trim() ? (
        <section aria-labelledby="beskrivelse">
          <h2 id="beskrivelse">Om aftalen</h2>
          <PlainText text={a.description} />
        </section>
      ) : (
        ''
      )}

      {v.solutions.length > 0 ? (
        <section aria-labelledby="loesninger">
          <h2 id="loesninger">{a.type === 'k98' ? 'Bilag 1: løsninger omfattet af aftalen' : 'Løsninger'}</h2>
          <ul>
            {v.solutions.map((s) => (
              <li safe>{s.name}</li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}

      <section aria-labelledby="dokumenter">
        <h2 id="dokumenter">{v.current ? `Dokumenter i version ${v.current.number}` : 'Dokumenter'}</h2>
        {v.current?.changeNote ? <p safe>{`Ændret i denne version: ${v.current.changeNote}`}</p> : ''}
        {v.files.length === 0 ? (
          <p>Aftalen har ingen dokumenter endnu.</p>
        ) : (
          <div class="table--responsive-scroll">
            <table class="table table--zebra">
              <caption>Aftalens dokument og bilag</caption>
              <thead>
                <tr>
                  <th scope="col">Dokument</th>
                  <th scope="col">Størrelse</th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {v.files.map((f) => (
                  <tr data-fil={f.id}>
                    <td>
                      <a href={`/aftaler/${a.id}/filer/${f.id}`} safe>
                        {f.title}
                      </a>
                      <br />
                      <span class="text-muted" safe>
                        {f.filename}
                      </span>
                    </td>
                    <td safe>{formatSize(f.size)}</td>
                    <td>
                      <Hash value={f.sha256} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {v.current ? (
          <p>
            Versionens SHA-256: <Hash value={v.current.sha256} />
          </p>
        ) : (
          ''
        )}
      </section>

      <section aria-labelledby="underskrifter">
        <h2 id="underskrifter">Kommunens underskrifter</h2>
        <Signatures view={v} />
      </section>

      {showForms ? (
        <SignForms request={p.request} view={v} state={p.state} />
      ) : !p.signer.canSign && !hasCurrent && a.status === 'sent' ? (
        <Notice kind="info" text={`Aftalen underskrives af ${p.signer.whoSigns}. Du kan læse den, men ikke underskrive den.`} />
      ) : (
        ''
      )}
    </Layout>
  );
}
