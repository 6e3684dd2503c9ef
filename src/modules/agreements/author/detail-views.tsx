import type { FastifyRequest } from 'fastify';
import { CsrfField, Notice } from '../../../platform/views/components.tsx';
import { formatDateLong, formatSize } from '../../../platform/views/format.ts';
import { audienceText, type AgreementDetail, type AgreementVersionInfo } from '../agreement-queries.ts';
import { deadlineText, Page, StatusBadge } from './views.tsx';
import { MUNICIPAL_STATUS_LABELS, TYPE_LABELS } from '../labels.ts';
import { municipalStatuses } from '../status.ts';


function FilesTable(p: { agreementId: string; version: AgreementVersionInfo; caption: string }): JSX.Element {
  return (
    <table class="table table--compact">
      <caption safe>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Titel</th>
          <th scope="col">Fil</th>
          <th scope="col">Størrelse</th>
          <th scope="col">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        {p.version.files.map((f) => (
          <tr>
            <td safe>{f.title}</td>
            <td>
              <a href={`/aftaler/${p.agreementId}/filer/${f.id}`} safe>
                {f.filename}
              </a>
            </td>
            <td safe>{formatSize(f.size)}</td>
            <td>
              <code class="samspil-hash" safe>
                {f.sha256}
              </code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VersionHeadline(p: { version: AgreementVersionInfo }): JSX.Element {
  const v = p.version;
  const note = v.changeNote ? `: ${v.changeNote}` : '';
  return (
    <p safe>
      {`Lagt op ${formatDateLong(v.createdAt)}${note}.${v.number > 1 ? (v.requiresResign ? ' Kræver ny underskrift.' : ' Kræver ikke ny underskrift.') : ''}`}
    </p>
  );
}

function Actions(p: { a: AgreementDetail; canManage: boolean; csrfToken: string | undefined }): JSX.Element {
  const base = `/aftaler/${p.a.id}`;
  const open = p.a.status !== 'closed';
  const sent = p.a.status !== 'draft';
  return (
    <nav class="samspil-actions" aria-label="Handlinger for aftalen">
      {p.canManage && open ? (
        <>
          <a href={`${base}/udsend`} class="button button-primary">
            Udsend
          </a>
          <a href={`${base}/versioner/ny`} class="button button-secondary">
            Ny version
          </a>
          {sent ? (
            <a href={`${base}/paamindelse`} class="button button-secondary">
              Påmindelse
            </a>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
      {p.canManage ? (
        <form method="post" action={`${base}/${open ? 'luk' : 'genaabn'}`} class="samspil-inline-form">
          <CsrfField token={p.csrfToken} />
          <button type="submit" class="button button-tertiary">
            {open ? 'Luk aftalen' : 'Genåbn aftalen'}
          </button>
        </form>
      ) : (
        ''
      )}
      {sent ? (
        <>
          <a href={`${base}/status`} class="function-link">
            Status pr. kommune
          </a>
          <a href={`${base}/underskrifter`} class="function-link">
            Underskrifter
          </a>
        </>
      ) : (
        ''
      )}
    </nav>
  );
}

function Counts(p: { a: AgreementDetail }): JSX.Element {
  const c = p.a.counts;
  if (!c || c.addressed === 0) return <p>Aftalen er ikke udsendt endnu.</p>;
  return (
    <>
      <p class="font-lead" safe>{`${c.signed} af ${c.addressed} har underskrevet`}</p>
      <table class="table table--compact" id="optaelling">
        <caption class="sr-only">Kommunerne fordelt på status</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col" class="align-text-right">
              Kommuner
            </th>
          </tr>
        </thead>
        <tbody>
          {municipalStatuses.map((s) => (
            <tr>
              <td safe>{MUNICIPAL_STATUS_LABELS[s]}</td>
              <td class="align-text-right" safe>
                {String(c[s])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p safe>{`${c.outstanding} mangler at underskrive (ikke underskrevet eller i dialog).`}</p>
    </>
  );
}

export function AgreementDetailPage(p: { request: FastifyRequest; agreement: AgreementDetail; canManage: boolean; notice?: string | undefined }): JSX.Element {
  const a = p.agreement;
  const current = a.versions.find((v) => v.current);
  const earlier = a.versions.filter((v) => !v.current);
  return (
    <Page request={p.request} title={a.title}>
      <p>
        <a href="/aftaler" class="function-link">
          Alle aftaler
        </a>
      </p>
      <h1 safe>{a.title}</h1>
      <p class="font-lead">
        <span safe>{TYPE_LABELS[a.type]}</span> <StatusBadge status={a.status} />
      </p>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <Actions a={a} canManage={p.canManage} csrfToken={p.request.csrfToken} />

      <h2>Om aftalen</h2>
      {a.description ? <p class="samspil-pre-line" safe>{a.description}</p> : ''}
      <dl class="samspil-facts">
        <dt>Frist</dt>
        <dd safe>{deadlineText(a.deadline)}</dd>
        <dt>Modtagere</dt>
        <dd safe>{audienceText(a)}</dd>
        {a.type === 'k98' ? (
          ''
        ) : (
          <>
            <dt>Løsninger</dt>
            <dd safe>{a.solutions.map((s) => s.name).join(', ') || '–'}</dd>
          </>
        )}
      </dl>
      {a.type === 'k98' ? (
        <>
          <h2>Bilag 1: løsninger omfattet af aftalen</h2>
          <ul>
            {a.solutions.map((s) => (
              <li safe>{s.name}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}

      <h2>Status</h2>
      <Counts a={a} />

      <h2>{current ? `Gældende version: version ${current.number}` : 'Gældende version'}</h2>
      {current ? (
        <>
          <VersionHeadline version={current} />
          <FilesTable agreementId={a.id} version={current} caption={`Filer i version ${current.number}`} />
          <p>
            Versionens SHA-256 (over alle filerne): <code class="samspil-hash" safe>{current.sha256}</code>
          </p>
        </>
      ) : (
        <p>Aftalen har ingen version endnu.</p>
      )}

      {earlier.length > 0 ? (
        <>
          <h2>Tidligere versioner</h2>
          {earlier.map((v) => (
            <>
              <h3 safe>{`Version ${v.number}`}</h3>
              <VersionHeadline version={v} />
              <FilesTable agreementId={a.id} version={v} caption={`Filer i version ${v.number}`} />
              <p>
                Versionens SHA-256: <code class="samspil-hash" safe>{v.sha256}</code>
              </p>
            </>
          ))}
        </>
      ) : (
        ''
      )}

      <h2>Historik</h2>
      {a.history.length === 0 ? (
        <p>Aftalen er ikke udsendt endnu.</p>
      ) : (
        <ul id="historik">
          {a.history.map((h) => (
            <li safe>{h.text}</li>
          ))}
        </ul>
      )}
    </Page>
  );
}
