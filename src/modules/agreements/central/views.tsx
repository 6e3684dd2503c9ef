import type { FastifyRequest } from 'fastify';
import { Notice } from '../../../platform/views/components.tsx';
import { formatDateLong, formatDateTime, formatDayLong } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { noteExcerpt, statusText } from './export-status.ts';
import { DueMarker } from '../due-marker.tsx';
import { AGREEMENT_STATUS_LABELS, TYPE_LABELS } from '../labels.ts';
import type { AgreementRow } from '../load-agreement.ts';
import type { StatusOverview, StatusOverviewRow } from './notes-queries.ts';
import { STATUS_FILTER_LABELS, type StatusFilterKey } from '../outstanding-text.ts';
import { signedText, type StatusCounts } from '../status.ts';


export type StatusPageProps = {
  request: FastifyRequest;
  agreement: AgreementRow;
  overview: StatusOverview;
  filter: StatusFilterKey;
  /** The ready-to-paste outstanding list */
  outstanding: string;
  canManage: boolean;
  /** The Danish day, for how far the deadline is */
  today: string;
};

/** The counts as links to the filtered table; "0" lines stay so the numbers add up on sight. */
function Counts(p: { base: string; counts: StatusCounts }): JSX.Element {
  const c = p.counts;
  const items: { filter: StatusFilterKey; label: string; n: number }[] = [
    { filter: 'signed', label: 'Underskrevet', n: c.signed },
    { filter: 'replaced', label: 'Erstattet af K98-aftalen', n: c.replaced },
    { filter: 'pending', label: 'Modtaget – afventer godkendelse', n: c.pending },
    { filter: 'in_dialogue', label: 'I dialog', n: c.in_dialogue },
    { filter: 'not_signed', label: 'Ikke underskrevet', n: c.not_signed },
  ];
  return (
    <div id="optaelling">
      <p class="font-lead" safe>
        {`${signedText(c)}. ${c.outstanding} mangler.`}
      </p>
      <ul class="nobullet-list">
        {items.map((i) => (
          <li data-status={i.filter}>
            <a href={`${p.base}/status?status=${i.filter}`} class="function-link" safe>
              {`${i.label}: ${i.n}`}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function StatusCell(p: { r: StatusOverviewRow }): JSX.Element {
  const { r } = p;
  return (
    <>
      <span safe>{statusText(r)}</span>
      {r.inDialogue && r.status !== 'in_dialogue' ? (
        <>
          <br />
          <span class="text-muted">I dialog med KOMBIT</span>
        </>
      ) : (
        ''
      )}
    </>
  );
}

function Row(p: { base: string; r: StatusOverviewRow }): JSX.Element {
  const { r } = p;
  const s = r.signature;
  return (
    <tr data-kommune={r.municipalityCode} data-status={r.status}>
      <th scope="row">
        <a href={`${p.base}/kommuner/${r.municipalityCode}`} safe>
          {r.municipalityName}
        </a>
      </th>
      <td>
        <StatusCell r={r} />
      </td>
      <td>{s ? `Version ${s.versionNumber}` : ''}</td>
      <td>{s ? formatDateTime(s.signedAt) : ''}</td>
      <td>
        {s ? (
          <>
            <span safe>{s.signerName}</span>
            <br />
            <span class="text-muted" safe>
              {s.signerTitle}
            </span>
          </>
        ) : (
          ''
        )}
      </td>
      <td>{r.inDialogue ? (r.dialogueSince ? `Ja, siden ${formatDateLong(r.dialogueSince)}` : 'Ja') : ''}</td>
      <td>
        {r.lastNote ? (
          <>
            <span safe>{noteExcerpt(r.lastNote.body, 120)}</span>
            <br />
            <span class="text-muted" safe>
              {`${r.lastNote.authorName}${r.lastNote.fromCentral ? ' (KOMBIT)' : ''} · ${formatDateTime(r.lastNote.createdAt)}`}
            </span>
          </>
        ) : (
          ''
        )}
      </td>
    </tr>
  );
}

/** GET /aftaler/:id/status – every addressed municipality's status, the outstanding list and the export. */
export function StatusPage(p: StatusPageProps): JSX.Element {
  const a = p.agreement;
  const base = `/aftaler/${a.id}`;
  const rows = p.overview.rows;
  const lines = p.outstanding.split('\n').length;
  return (
    <Layout title={`Status pr. kommune – ${a.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="aftaler">
      <p>
        <a href={base} class="function-link">
          Tilbage til aftalen
        </a>
      </p>
      <h1>Status pr. kommune</h1>
      <p class="font-lead" safe>
        {a.title}
      </p>
      <p>
        <span safe>{`${TYPE_LABELS[a.type]} · ${AGREEMENT_STATUS_LABELS[a.status]}${a.deadline ? ` · frist ${formatDayLong(a.deadline)}` : ''}`}</span>
        {a.status === 'sent' && p.overview.counts.outstanding > 0 ? (
          <>
            {' '}
            <DueMarker deadline={a.deadline} today={p.today} />
          </>
        ) : (
          ''
        )}
      </p>
      {a.status === 'draft' ? <Notice kind="info" text="Aftalen er en kladde og er endnu ikke sendt til kommunerne." /> : ''}

      <h2>Optælling</h2>
      <Counts base={base} counts={p.overview.counts} />

      <div class="samspil-actions">
        {p.canManage && a.status === 'sent' ? (
          <a href={`${base}/paamindelse`} class="button button-secondary">
            Send påmindelse til dem, der ikke har underskrevet
          </a>
        ) : (
          ''
        )}
        <a href={`${base}/status.xlsx?status=${p.filter}`} class="function-link">
          Eksportér tabellen (XLSX)
        </a>
        <a href="/aftaler/overblik" class="function-link">
          Overblik over alle aftaler
        </a>
      </div>

      <h2>Kommuner, der mangler</h2>
      <div class="form-group">
        <label class="form-label" for="mangelliste">
          Listen som tekst
        </label>
        <span class="form-hint" id="mangelliste-hint">
          Kommuner, der ikke har underskrevet eller er i dialog med KOMBIT, i alfabetisk orden. Markér teksten og kopiér den til en mail eller et referat.
        </span>
        <textarea
          class="form-input samspil-textarea"
          id="mangelliste"
          readonly
          rows={String(Math.min(30, lines + 1))}
          aria-describedby="mangelliste-hint"
          safe
        >
          {p.outstanding}
        </textarea>
      </div>

      <h2 id="kommuner">Kommunerne</h2>
      <form method="get" action={`${base}/status`} class="samspil-actions">
        <div class="form-group">
          <label class="form-label" for="filter-status">
            Vis
          </label>
          <select class="form-select" id="filter-status" name="status">
            {Object.entries(STATUS_FILTER_LABELS).map(([value, label]) => (
              <option value={value} selected={value === p.filter} safe>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          Vis kommunerne
        </button>
      </form>
      <div class="table--responsive-scroll">
        <table class="table table--zebra table--compact" id="status-tabel">
          <caption safe>{`${STATUS_FILTER_LABELS[p.filter]} (${rows.length})`}</caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col">Status</th>
              <th scope="col">Version</th>
              <th scope="col">Underskrevet</th>
              <th scope="col">Underskriver</th>
              <th scope="col">I dialog</th>
              <th scope="col">Seneste note</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan="7">Ingen kommuner.</td>
              </tr>
            ) : (
              rows.map((r) => <Row base={base} r={r} />)
            )}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
