import type { FastifyRequest } from 'fastify';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import type { TaskListFilters, TaskListItem } from '../queries.ts';
import { PAGE_SIZE } from '../queries.ts';
import { TASK_STATUS_DA } from '../../status.ts';
import type { TaskStatus } from '../../schema.ts';
import { Character, type Dashboard, Deadline, Pager, taskHref } from './shared.tsx';

function TaskTable(p: { caption: string; tasks: TaskListItem[]; showStatus: boolean; captionHidden?: boolean }) {
  return (
    <ResponsiveTable>
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
            <th scope="col" class="align-text-right">
              Adresseret
            </th>
            <th scope="col" class="align-text-right">
              Løst
            </th>
            <th scope="col" class="align-text-right">
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
              <td class="align-text-right" safe>
                {String(t.counts.addressed)}
              </td>
              <td class="align-text-right" safe>
                {String(t.counts.loest)}
              </td>
              <td class="align-text-right" data-mangler={String(t.counts.missing)} safe>
                {String(t.counts.missing)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
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
