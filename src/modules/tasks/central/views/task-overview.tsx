import type { FastifyRequest } from 'fastify';
import { CsrfField, Notice } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import type { OverviewColumn, TaskOverview } from '../queries.ts';
import { missingSentence } from '../queries.ts';
import { uniqueHeaders } from '../export-overview.ts';
import type { TaskRow } from '../../load-task.ts';
import { TASK_STATUS_DA } from '../../status.ts';
import { Character, Deadline, Responsible, StatusCell, dateTime } from './shared.tsx';
import { formatDeadline } from '../../../../platform/views/format.ts';

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

      <ResponsiveTable>
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
      </ResponsiveTable>

      <h2>Ændringer af fristen</h2>
      {o.deadlineChanges.length === 0 ? (
        <p>Fristen er ikke ændret.</p>
      ) : (
        <ResponsiveTable>
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
        </ResponsiveTable>
      )}
    </Layout>
  );
}
