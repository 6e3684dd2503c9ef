import type { FastifyRequest } from 'fastify';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pager } from '../../../platform/views/pager.tsx';
import { ChangeCells, ChangeTable } from './change-table.tsx';
import { describeDifference } from './labels.ts';
import type { MunicipalityRef } from './load-configuration-view.ts';
import type { HistoryChange, HistoryPage as History } from './load-history.ts';

function Change(p: { c: HistoryChange; code: string }): JSX.Element {
  const { c } = p;
  const more = c.numbers - c.entries.length;
  return (
    <tr data-aendring={c.id}>
      <ChangeCells c={c} />
      <td>
        <ul class="nobullet-list">
          {c.entries.map((e) => (
            <li>
              <a href={`/borgerblikket/kommuner/${p.code}/kle/${e.kle}`}>{e.kle as 'safe'}</a>: <span safe>{describeDifference(e.before, e.after).join('; ')}</span>
            </li>
          ))}
          {more > 0 ? <li safe>{`… og ${formatNumber(more)} numre mere`}</li> : ''}
        </ul>
      </td>
    </tr>
  );
}

/** A municipality's configuration changes, newest first, a page at a time: who, when, how, why, and before → after per number. */
export function HistoryPage(p: { request: FastifyRequest; municipality: MunicipalityRef; history: History }): JSX.Element {
  const { municipality: m, history: h } = p;
  const title = `Historik for ${m.name} Kommunes KLE-opsætning`;
  const link = (page: number) => `/borgerblikket/kommuner/${m.code}/historik?side=${page}`;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs
        trail={[
          { href: '/borgerblikket', label: 'Borgerblikket' },
          { href: `/borgerblikket/kommuner/${m.code}`, label: `${m.name} Kommunes KLE-opsætning` },
        ]}
        current="Historik"
      />
      <h1 safe>{title}</h1>
      {h.total === 0 ? (
        <p>Kommunens KLE-opsætning er ikke ændret i Samspil endnu.</p>
      ) : (
        <>
          <ChangeTable caption={`${formatNumber(h.total)} ændringer, nyeste først`}>
            {h.changes.map((c) => (
              <Change c={c} code={m.code} />
            ))}
          </ChangeTable>
          <Pager text={`Side ${h.page} af ${h.pages}`} previous={h.page > 1 ? link(h.page - 1) : null} next={h.page < h.pages ? link(h.page + 1) : null} />
        </>
      )}
    </Layout>
  );
}
