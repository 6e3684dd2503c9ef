import type { FastifyRequest } from 'fastify';
import { CsrfField, Notice } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { dashboard, municipalityTasks, OverviewColumn, OverviewRow, TaskListFilters, TaskListItem, TaskOverview } from './queries.ts';
import { missingSentence, PAGE_SIZE } from './queries.ts';
import { uniqueHeaders } from './export-overview.ts';
import type { TaskRow } from '../load-task.ts';
import { TARGET_STATUS_DA, TASK_STATUS_DA, formatDeadline } from '../status.ts';
import type { TaskStatus } from '../schema.ts';

type Dashboard = Awaited<ReturnType<typeof dashboard>>;
type MunicipalityTasks = Awaited<ReturnType<typeof municipalityTasks>>;

/** "20.05.2025 kl. 10.15" in Danish time. */
const dayPart = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: '2-digit', month: '2-digit', year: 'numeric' });
const timePart = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' });
// Formatters made once: one per row cost most of the overview's time (see platform/views/format.ts).
const dateTime = (d: Date | null) => (d ? `${dayPart.format(d)} kl. ${timePart.format(d)}` : '');

/** Drafts are opened in the editor; everything that has gone out in the overview. */
export const taskHref = (t: { id: string; status: TaskStatus }) => (t.status === 'draft' ? `/opgaver/${t.id}/rediger` : `/opgaver/${t.id}/overblik`);

const query = (params: Record<string, string | number | null | undefined>) => {
  const entries = Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};

function Badge(p: { kind: 'error' | 'warning' | 'info' | 'success'; text: string }) {
  return (
    <span class={`badge badge-${p.kind}`} safe>
      {p.text}
    </span>
  );
}

function Character(p: { t: Pick<TaskListItem, 'critical' | 'crossCutting' | 'optional'> }) {
  return (
    <>
      {p.t.critical ? <Badge kind="error" text="Kritisk" /> : ''} {p.t.crossCutting ? <Badge kind="info" text="Tværgående" /> : ''}{' '}
      {p.t.optional ? <Badge kind="success" text="Valgfri" /> : ''}
    </>
  );
}

function Deadline(p: { deadline: string; overdue: boolean }) {
  return (
    <>
      <span safe>{formatDeadline(p.deadline)}</span>
      {p.overdue ? (
        <>
          {' '}
          <Badge kind="error" text="Overskredet" />
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** "Side 2 af 20" with links to the neighbours, keeping the filters. */
function Pager(p: { base: string; params: Record<string, string | number | null>; page: number; total: number }) {
  const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
  if (pages === 1 && p.page === 1) return <></>;
  const link = (page: number) => `${p.base}${query({ ...p.params, side: page === 1 ? null : page })}`;
  return (
    <nav class="samspil-actions" aria-label="Sider">
      {p.page > 1 ? (
        <a href={link(Math.min(p.page - 1, pages))} class="function-link" rel="prev">
          Forrige side
        </a>
      ) : (
        ''
      )}
      <span safe>{`Side ${p.page} af ${pages}`}</span>
      {p.page < pages ? (
        <a href={link(p.page + 1)} class="function-link" rel="next">
          Næste side
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}

function Responsible(p: { r: OverviewRow['responsible'] }) {
  if (!p.r) return <span class="text-muted">Ikke angivet</span>;
  return (
    <>
      <span safe>{p.r.name}</span>
      {p.r.phone ? <br /> : ''}
      <span safe>{p.r.phone}</span>
    </>
  );
}

function StatusCell(p: { status: OverviewRow['status']; overdue: boolean }) {
  return (
    <>
      <span safe>{TARGET_STATUS_DA[p.status]}</span>
      {p.overdue ? (
        <>
          {' '}
          <Badge kind="error" text="forsinket" />
        </>
      ) : (
        ''
      )}
    </>
  );
}

// ---------------------------------------------------------------- GET /overblik

function TaskTable(p: { caption: string; tasks: TaskListItem[]; showStatus: boolean; captionHidden?: boolean }) {
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra table--compact">
        <caption class={p.captionHidden ? 'sr-only' : ''} safe>
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">Opgave</th>
            {p.showStatus ? <th scope="col">Status</th> : ''}
            <th scope="col">Frist</th>
            <th scope="col">Projekt</th>
            <th scope="col">Karakter</th>
            <th scope="col" class="text-align-right">
              Adresseret
            </th>
            <th scope="col" class="text-align-right">
              Løst
            </th>
            <th scope="col" class="text-align-right">
              Mangler
            </th>
          </tr>
        </thead>
        <tbody>
          {p.tasks.map((t) => (
            <tr data-opgave={t.id}>
              <td>
                <a href={taskHref(t)} safe>
                  {t.code}
                </a>
                <br />
                <span safe>{t.title}</span>
              </td>
              {p.showStatus ? <td>{TASK_STATUS_DA[t.status]}</td> : ''}
              <td>
                <Deadline deadline={t.deadline} overdue={t.overdue} />
              </td>
              <td safe>{t.projectName ?? ''}</td>
              <td>
                <Character t={t} />
              </td>
              <td class="text-align-right" safe>
                {String(t.counts.addressed)}
              </td>
              <td class="text-align-right" safe>
                {String(t.counts.loest)}
              </td>
              <td class="text-align-right" data-mangler={String(t.counts.missing)} safe>
                {String(t.counts.missing)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DashboardPage(p: { request: FastifyRequest; data: Dashboard; filters: TaskListFilters; canAuthor: boolean }) {
  const f = p.filters;
  const statuses = (Object.keys(TASK_STATUS_DA) as TaskStatus[]).filter((s) => s !== 'draft' || p.canAuthor);
  const params = { status: f.status, projekt: f.projectId, loesning: f.solutionKey, q: f.q };
  const filtered = Boolean(f.status || f.projectId || f.solutionKey || f.q);
  return (
    <Layout title="Opgaver – overblik" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="opgaver">
      <h1>Opgaver – overblik</h1>
      <p class="font-lead">KLIK-opgaver til kommunerne: hvem mangler, og hvad er forsinket.</p>
      {p.canAuthor ? (
        <div class="samspil-actions">
          <a href="/opgaver/ny" class="button button-primary">
            Ny opgave
          </a>
        </div>
      ) : (
        ''
      )}

      <h2>Åbne opgaver af kritisk eller tværgående karakter</h2>
      {p.data.critical.length === 0 ? (
        <p>Der er ingen åbne opgaver af kritisk eller tværgående karakter.</p>
      ) : (
        <TaskTable caption="Åbne kritiske og tværgående opgaver" captionHidden tasks={p.data.critical} showStatus={false} />
      )}
      {p.data.moreCritical ? <p>{`Viser de første ${PAGE_SIZE} efter frist.`}</p> : ''}

      <h2>Alle opgaver</h2>
      <form method="get" action="/overblik" class="samspil-actions">
        <div class="form-group">
          <label class="form-label" for="felt-status">
            Status
          </label>
          <select class="form-select" id="felt-status" name="status">
            <option value="">Alle</option>
            {statuses.map((s) => (
              <option value={s} selected={s === f.status}>
                {TASK_STATUS_DA[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label class="form-label" for="felt-projekt">
            Projekt
          </label>
          <select class="form-select" id="felt-projekt" name="projekt">
            <option value="">Alle</option>
            {p.data.projects.map((x) => (
              <option value={x.id} selected={x.id === f.projectId} safe>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label class="form-label" for="felt-loesning">
            Løsning
          </label>
          <select class="form-select" id="felt-loesning" name="loesning">
            <option value="">Alle</option>
            {p.data.solutions.map((x) => (
              <option value={x.key} selected={x.key === f.solutionKey} safe>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label class="form-label" for="felt-q">
            Søg i kode og titel
          </label>
          <input class="form-input" id="felt-q" name="q" value={f.q} />
        </div>
        <button type="submit" class="button button-secondary">
          Filtrér
        </button>
        {filtered ? (
          <a href="/overblik" class="function-link">
            Nulstil
          </a>
        ) : (
          ''
        )}
      </form>
      {p.data.tasks.length === 0 ? (
        <p>{filtered ? 'Ingen opgaver matcher filteret.' : 'Der er endnu ingen opgaver.'}</p>
      ) : (
        <>
          <p safe>{`${p.data.total} opgaver${filtered ? ' matcher filteret' : ''}.`}</p>
          <TaskTable caption="Alle opgaver" captionHidden tasks={p.data.tasks} showStatus />
        </>
      )}
      <Pager base="/overblik" params={params} page={f.page} total={p.data.total} />
    </Layout>
  );
}

// ---------------------------------------------------------------- GET /opgaver/:id/overblik

function AnswerHeaders(p: { columns: OverviewColumn[] }) {
  return (
    <>
      {uniqueHeaders(p.columns).map(({ header }) => (
        <th scope="col" safe>
          {header}
        </th>
      ))}
    </>
  );
}

export function TaskOverviewPage(p: {
  request: FastifyRequest;
  task: TaskRow;
  projectName: string | null;
  overview: TaskOverview;
  missingOnly: boolean;
  now: Date;
  canAuthor: boolean;
  notice?: string | undefined;
}) {
  const t = p.task;
  const o = p.overview;
  const base = `/opgaver/${t.id}`;
  const rows = p.missingOnly ? o.rows.filter((r) => r.missing) : o.rows;
  const q = p.missingOnly ? '?mangler=1' : '';
  const taskOverdue = t.status === 'published' && o.overdueCount > 0;
  return (
    <Layout title={`${t.code} – overblik`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="opgaver">
      <p>
        <a href="/overblik" class="function-link">
          Alle opgaver
        </a>
      </p>
      <h1>
        <span safe>{t.code}</span>
        <br />
        <span class="h2" safe>
          {t.title}
        </span>
      </h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <dl class="samspil-details">
        <dt>Frist</dt>
        <dd>
          <Deadline deadline={t.deadline} overdue={taskOverdue} />
        </dd>
        <dt>Status</dt>
        <dd>{TASK_STATUS_DA[t.status]}</dd>
        {p.projectName ? (
          <>
            <dt>Projekt</dt>
            <dd safe>{p.projectName}</dd>
          </>
        ) : (
          ''
        )}
        {t.critical || t.crossCutting || t.optional ? (
          <>
            <dt>Karakter</dt>
            <dd>
              <Character t={t} />
            </dd>
          </>
        ) : (
          ''
        )}
        <dt>Kommunernes status</dt>
        <dd id="optaelling" safe>
          {`${o.counts.addressed} adresseret: ${o.counts.loest} løst, ${o.counts.i_gang} i gang, ${o.counts.ikke_startet} ikke startet, ` +
            `${o.counts.ikke_relevant} ikke relevant. ${o.counts.missing} mangler${o.overdueCount > 0 ? `, heraf ${o.overdueCount} forsinket` : ''}.`}
        </dd>
        {o.openQuestions > 0 ? (
          <>
            <dt>Spørgsmål</dt>
            <dd id="ubesvarede" safe>
              {`${o.openQuestions} ${o.openQuestions === 1 ? 'kommune venter' : 'kommuner venter'} på svar fra KOMBIT`}
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>

      <div class="samspil-actions">
        {p.missingOnly ? (
          <a href={`${base}/overblik`} class="button button-secondary">
            Vis alle kommuner
          </a>
        ) : (
          <a href={`${base}/overblik?mangler=1`} class="button button-secondary">
            Vis kun manglende
          </a>
        )}
        {t.status === 'published' ? (
          <a href={`${base}/paamindelse`} class="button button-secondary">
            Send påmindelse til de manglende
          </a>
        ) : (
          ''
        )}
        <a href={`${base}/eksport.xlsx${q}`} class="function-link">
          Eksportér (XLSX)
        </a>
        <a href={`${base}/eksport.csv${q}`} class="function-link">
          Eksportér (CSV)
        </a>
        <a href={`${base}/pdf`} class="function-link">
          Gem som PDF
        </a>
        {p.canAuthor && t.status !== 'closed' ? (
          <>
            <a href={`${base}/rediger`} class="function-link">
              Redigér opgaven
            </a>
            <a href={`${base}/frist`} class="function-link">
              Ændr frist
            </a>
          </>
        ) : (
          ''
        )}
        {p.canAuthor && t.status === 'published' ? (
          <form method="post" action={`${base}/luk`} class="samspil-inline-form">
            <CsrfField token={p.request.csrfToken} />
            <button type="submit" class="button button-tertiary">
              Luk opgaven
            </button>
          </form>
        ) : (
          ''
        )}
      </div>

      {t.status === 'draft' ? <p>Opgaven er en kladde og er endnu ikke sendt til kommunerne.</p> : ''}
      {p.missingOnly ? (
        <p class="font-lead" id="mangler-saetning" safe>
          {missingSentence(
            p.now,
            rows.map((r) => r.name),
          )}
        </p>
      ) : (
        ''
      )}

      <div class="table--responsive-scroll">
        <table class="table table--zebra table--compact" id="kommuner">
          <caption safe>{p.missingOnly ? `Kommuner, der mangler (${rows.length})` : `Adresserede kommuner (${rows.length})`}</caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col">Status</th>
              <th scope="col">Ansvarlig</th>
              <th scope="col">Seneste aktivitet</th>
              <AnswerHeaders columns={o.columns} />
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan={String(4 + o.columns.length)}>{p.missingOnly ? 'Ingen kommuner mangler.' : 'Opgaven er ikke sendt til nogen kommuner.'}</td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr data-kommune={r.code}>
                  <td>
                    <a href={`${base}/kommuner/${r.code}`} safe>
                      {r.name}
                    </a>
                    {r.openQuestion ? (
                      <>
                        <br />
                        <a href={`${base}/kommuner/${r.code}#beskeder`} class="badge badge-small samspil-question">
                          Ubesvaret spørgsmål
                        </a>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td>
                    <StatusCell status={r.status} overdue={r.overdue} />
                    {r.status === 'ikke_relevant' && r.notRelevantReason ? (
                      <>
                        <br />
                        <span class="text-muted" safe>
                          {r.notRelevantReason}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td>
                    <Responsible r={r.responsible} />
                  </td>
                  <td safe>{dateTime(r.lastActivityAt)}</td>
                  {o.columns.map((c) => (
                    <td data-trin={String(c.position)} safe>
                      {r.answers[c.stepId]?.text ?? ''}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <h2>Ændringer af fristen</h2>
      {o.deadlineChanges.length === 0 ? (
        <p>Fristen er ikke ændret.</p>
      ) : (
        <table class="table table--compact" id="fristaendringer">
          <caption class="sr-only">Ændringer af fristen</caption>
          <thead>
            <tr>
              <th scope="col">Fra</th>
              <th scope="col">Til</th>
              <th scope="col">Begrundelse</th>
              <th scope="col">Ændret</th>
            </tr>
          </thead>
          <tbody>
            {o.deadlineChanges.map((c) => (
              <tr>
                <td safe>{formatDeadline(c.fromDeadline)}</td>
                <td safe>{formatDeadline(c.toDeadline)}</td>
                <td safe>{c.reason}</td>
                <td safe>{`${dateTime(c.changedAt)}${c.changedBy ? ` af ${c.changedBy}` : ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

// ---------------------------------------------------------------- GET /kommuner/:code/opgaver

export function MunicipalityTasksPage(p: {
  request: FastifyRequest;
  municipality: { code: string; name: string };
  data: MunicipalityTasks;
  page: number;
  missingOnly: boolean;
}) {
  const m = p.municipality;
  const base = `/kommuner/${m.code}/opgaver`;
  const s = p.data.summary;
  return (
    <Layout title={`Opgaver – ${m.name}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="kommuner">
      <p>
        <a href={`/kommuner/${m.code}`} class="function-link" safe>
          {`${m.name} Kommunes rollegalleri`}
        </a>
      </p>
      <h1 safe>{`${m.name} Kommune – opgaver`}</h1>
      <p class="font-lead" id="opsummering" safe>
        {`${s.open} åbne opgaver, heraf mangler kommunen ${s.missing}` +
          `${s.overdue > 0 ? `, og ${s.overdue} er forsinket` : ''}. I alt ${s.all} opgaver er sendt til kommunen.`}
      </p>
      <div class="samspil-actions">
        {p.missingOnly ? (
          <a href={base} class="button button-secondary">
            Vis alle opgaver
          </a>
        ) : (
          <a href={`${base}?mangler=1`} class="button button-secondary">
            Vis kun åbne opgaver, kommunen mangler
          </a>
        )}
      </div>
      <div class="table--responsive-scroll">
        <table class="table table--zebra table--compact" id="opgaver">
          <caption class="sr-only" safe>{`Opgaver sendt til ${m.name} Kommune`}</caption>
          <thead>
            <tr>
              <th scope="col">Opgave</th>
              <th scope="col">Opgavens status</th>
              <th scope="col">Frist</th>
              <th scope="col">Kommunens status</th>
              <th scope="col">Ansvarlig</th>
              <th scope="col">Seneste aktivitet</th>
            </tr>
          </thead>
          <tbody>
            {p.data.tasks.length === 0 ? (
              <tr>
                <td colspan="6">{p.missingOnly ? 'Kommunen mangler ingen åbne opgaver.' : 'Der er ikke sendt opgaver til kommunen.'}</td>
              </tr>
            ) : (
              p.data.tasks.map((t) => (
                <tr data-opgave={t.id}>
                  <td>
                    <a href={`/opgaver/${t.id}/kommuner/${m.code}`} safe>
                      {t.code}
                    </a>
                    <br />
                    <span safe>{t.title}</span>
                    <br />
                    <a href={`/opgaver/${t.id}/overblik`} class="function-link">
                      Alle kommuner
                    </a>
                  </td>
                  <td>{TASK_STATUS_DA[t.taskStatus]}</td>
                  <td safe>{formatDeadline(t.deadline)}</td>
                  <td>
                    <StatusCell status={t.status} overdue={t.overdue} />
                  </td>
                  <td>
                    {t.responsible ? (
                      <>
                        <span safe>{t.responsible.name}</span>
                        <br />
                        <span safe>{[t.responsible.phone, t.responsible.email].filter(Boolean).join(' · ')}</span>
                      </>
                    ) : (
                      <span class="text-muted">Ikke angivet</span>
                    )}
                  </td>
                  <td safe>{dateTime(t.lastActivityAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager base={base} params={{ mangler: p.missingOnly ? '1' : null }} page={p.page} total={p.data.total} />
    </Layout>
  );
}
