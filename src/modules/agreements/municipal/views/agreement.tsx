import type { FastifyRequest } from 'fastify';
import { ErrorSummary, Notice } from '../../../../platform/views/components.tsx';
import { formatDateTimeLong } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { PlainText } from '../../../../platform/views/components.tsx';
import { formatSize } from '../../../../platform/views/format.ts';
import { TYPE_LABELS } from '../../labels.ts';
import { DueMarker } from '../../due-marker.tsx';
import { isCurrent, type MunicipalAgreementView, mustSign } from '../../signing/signature-queries.ts';
import { Hash, SignatureDetails, signaturePath } from '../../signing/signatures-views.tsx';
import { StatusBadge, deadlineText } from './shared.tsx';
import { FIELD_LABELS, type MunicipalPageState, SignForms, type SignerInfo } from './sign-forms.tsx';

function OwnStatus(p: { view: MunicipalAgreementView }): JSX.Element {
  const own = p.view.own;
  if (!own) return <></>;
  const s = own.signature;
  let text = '';
  if (own.status === 'signed' && s) text = `Underskrevet af ${s.signerName}, ${s.signerTitle}, ${formatDateTimeLong(s.signedAt)} (version ${s.versionNumber}).`;
  else if (own.status === 'pending' && s) text = `En underskrevet kopi blev indsendt ${formatDateTimeLong(s.signedAt)} og afventer KOMBITs godkendelse.`;
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

export function MunicipalAgreementPage(p: { request: FastifyRequest; view: MunicipalAgreementView; signer: SignerInfo; state: MunicipalPageState; today: string }): JSX.Element {
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
          <dd>
            <span safe>{deadlineText(a.deadline)}</span>
            {v.own && mustSign({ status: a.status, own: v.own }) ? (
              <>
                {' '}
                <DueMarker deadline={a.deadline} today={p.today} />
              </>
            ) : (
              ''
            )}
          </dd>
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
