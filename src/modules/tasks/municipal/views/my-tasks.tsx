import type { FastifyRequest } from 'fastify';
import { Checkbox } from '../../../../platform/views/choices.tsx';
import { fieldId, Notice, SelectField } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { Pager } from '../../../../platform/views/pager.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import type { MyTaskRow, MyTasksFilter, filterOptions } from '../my-tasks-queries.ts';
import { Flags, StatusBadge } from './shared.tsx';
import { formatDeadline } from '../../../../platform/views/format.ts';

function TaskTable(p: { rows: MyTaskRow[]; caption: string; showProject: boolean }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--zebra">
        <caption safe>{`${p.caption} (${p.rows.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Kode</th>
            <th scope="col">Opgave</th>
            {p.showProject ? <th scope="col">Projekt</th> : ''}
            <th scope="col">Frist</th>
            <th scope="col">Status</th>
            <th scope="col">Ansvarlig</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr data-opgave={r.id}>
              <td safe>{r.code}</td>
              <td>
                <a href={`/opgaver/${r.id}`} safe>
                  {r.title}
                </a>
                <br />
                <Flags critical={r.critical} crossCutting={r.crossCutting} optional={r.optional} local={false} closed={r.taskStatus === 'closed'} />
              </td>
              {p.showProject ? <td safe>{r.projectName ?? '–'}</td> : ''}
              <td safe>{formatDeadline(r.deadline)}</td>
              <td>
                <StatusBadge status={r.status} overdue={r.overdue} />
              </td>
              <td safe>{r.responsibleName ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

const STATUS_OPTIONS = [
  { value: 'ikke_startet', label: 'Ikke startet' },
  { value: 'i_gang', label: 'I gang' },
  { value: 'loest', label: 'Løst' },
  { value: 'ikke_relevant', label: 'Ikke relevant' },
  { value: 'forsinket', label: 'Forsinket' },
];

function DateFilter(p: { name: string; label: string; value: string | undefined }): JSX.Element {
  const id = fieldId(p.name);
  return (
    <div class="form-group">
      <label class="form-label" for={id} safe>
        {p.label}
      </label>
      <input class="form-input input-width-s" id={id} name={p.name} type="date" value={p.value ?? ''} />
    </div>
  );
}

/** Pages of "Mine opgaver" (sorted by deadline), keeping the filters in the links. */
function MyTasksPager(p: { request: FastifyRequest; page: number; hasNext: boolean; pageSize: number; count: number }): JSX.Element {
  const link = (page: number) => {
    const query: unknown = p.request.query;
    const q = new URLSearchParams(Object.entries(query && typeof query === 'object' ? query : {}).filter((e): e is [string, string] => e[0] !== 'side' && typeof e[1] === 'string'));
    q.set('side', String(page));
    return `/opgaver?${q.toString()}`;
  };
  const first = (p.page - 1) * p.pageSize + 1;
  const text = `Viser opgave ${first}–${first + p.count - 1}, sorteret efter frist.`;
  return <Pager text={text} previous={p.page > 1 ? link(p.page - 1) : null} next={p.hasNext ? link(p.page + 1) : null} />;
}

export function MyTasksPage(p: {
  request: FastifyRequest;
  rows: MyTaskRow[];
  filter: MyTasksFilter;
  options: Awaited<ReturnType<typeof filterOptions>>;
  filtered: boolean;
  paging?: { page: number; hasNext: boolean; pageSize: number };
}): JSX.Element {
  const f = p.filter;
  const central = p.rows.filter((r) => !r.local);
  const local = p.rows.filter((r) => r.local);
  const overdue = central.filter((r) => r.overdue).length + local.filter((r) => r.overdue).length;
  return (
    <Layout title="Mine opgaver" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="opgaver">
      <h1>Mine opgaver</h1>
      <p class="font-lead">Opgaver fra KOMBIT til de roller, du har i kommunen, og kommunens egne lokale opgaver.</p>
      <div class="samspil-actions">
        <a href="/opgaver/lokal/ny" class="button button-secondary">
          Opret lokal opgave
        </a>
        <a href="/opgaver/kommende" class="function-link">
          Se kommende opgaver
        </a>
      </div>
      <form method="get" action="/opgaver" class="samspil-filter" aria-label="Filtrér opgaver">
        <fieldset>
          <legend class="h3">Filtrér</legend>
          <div class="samspil-actions">
            <SelectField
              name="projekt"
              label="Projekt"
              value={f.projectKey}
              emptyLabel="Alle projekter"
              options={p.options.projects.map((x) => ({ value: x.key, label: x.name }))}
            />
            <SelectField
              name="loesning"
              label="Løsning"
              value={f.solutionKey}
              emptyLabel="Alle løsninger"
              options={p.options.solutions.map((x) => ({ value: x.key, label: x.name }))}
            />
            <SelectField name="status" label="Status" value={f.status} emptyLabel="Alle" options={STATUS_OPTIONS} />
            <DateFilter name="frist-fra" label="Frist fra" value={f.deadlineFrom} />
            <DateFilter name="frist-til" label="Frist til" value={f.deadlineTo} />
          </div>
          <div class="samspil-actions">
            <Checkbox name="kritisk" label="Kun kritiske" checked={f.critical === true} />
            <Checkbox name="tvaergaaende" label="Kun tværgående" checked={f.crossCutting === true} />
            <Checkbox name="valgfri" label="Kun valgfrie" checked={f.optional === true} />
          </div>
          <div class="samspil-actions">
            <button type="submit" class="button button-secondary">
              Filtrér
            </button>
            {p.filtered ? (
              <a href="/opgaver" class="function-link">
                Nulstil filtre
              </a>
            ) : (
              ''
            )}
          </div>
        </fieldset>
      </form>
      {overdue > 0 ? <Notice kind="warning" text={`${overdue} ${overdue === 1 ? 'opgave har' : 'opgaver har'} overskredet fristen.`} /> : ''}
      {central.length === 0 ? (
        <p>{p.filtered ? 'Ingen opgaver passer til filtrene.' : 'Du har ingen opgaver fra KOMBIT lige nu.'}</p>
      ) : (
        <TaskTable rows={central} caption="Opgaver fra KOMBIT" showProject />
      )}
      <h2>Lokale opgaver</h2>
      {local.length === 0 ? (
        <p>{p.filtered ? 'Ingen lokale opgaver passer til filtrene.' : 'Kommunen har ingen lokale opgaver.'}</p>
      ) : (
        <TaskTable rows={local} caption="Kommunens lokale opgaver" showProject={false} />
      )}
      {p.paging && (p.paging.page > 1 || p.paging.hasNext) ? <MyTasksPager request={p.request} {...p.paging} count={p.rows.length} /> : ''}
    </Layout>
  );
}
