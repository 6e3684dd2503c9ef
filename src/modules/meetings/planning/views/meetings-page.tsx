import type { FastifyRequest } from 'fastify';
import { Notice } from '../../../../platform/views/components.tsx';
import { formatDate, formatTime } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { Pager } from '../../../../platform/views/pager.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { meetingPath } from '../../paths.ts';
import type { MeetingRow } from '../../meeting-row.ts';

export type PageNotice = { kind: 'success' | 'info'; text: string };

export const MEETING_NOTICES: Record<string, PageNotice> = {
  oprettet: { kind: 'success', text: 'Mødet er oprettet.' },
  gemt: { kind: 'success', text: 'Mødet er gemt.' },
  uaendret: { kind: 'info', text: 'Der var ingen ændringer at gemme.' },
  slettet: { kind: 'success', text: 'Mødet er slettet.' },
  'allerede-slettet': { kind: 'info', text: 'Mødet var allerede slettet.' },
  'materiale-lagt-op': { kind: 'success', text: 'Filen er lagt på mødet.' },
  'materiale-findes': { kind: 'info', text: 'Filen lå allerede på mødet.' },
  'materiale-slettet': { kind: 'success', text: 'Filen er slettet.' },
  'materiale-allerede-slettet': { kind: 'info', text: 'Filen var allerede slettet.' },
};

/** "kl. 10.00–12.00" */
export const timeSpan = (m: { startsAt: Date; endsAt: Date }) => `${formatTime(m.startsAt)}–${formatTime(m.endsAt).replace('kl. ', '')}`;

export const whereText = (m: { place: string; onlineLink: string | null }) => [m.place, m.onlineLink ? 'online' : ''].filter((s) => s !== '').join(' og ');

function MeetingTable(p: { caption: string; rows: MeetingRow[] }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Dag</th>
            <th scope="col">Tid</th>
            <th scope="col">Møde</th>
            <th scope="col">Sted</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((m) => (
            <tr>
              <td safe>{formatDate(m.startsAt)}</td>
              <td safe>{timeSpan(m)}</td>
              <td>
                <a href={meetingPath(m.id)} safe>
                  {m.title}
                </a>
              </td>
              <td safe>{whereText(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

export function MeetingsPage(p: {
  request: FastifyRequest;
  upcoming: MeetingRow[];
  past: MeetingRow[];
  pastTotal: number;
  page: number;
  pageSize: number;
  canEdit: boolean;
  notice: PageNotice | undefined;
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.pastTotal / p.pageSize));
  const href = (n: number) => `/moeder?side=${n}`;
  return (
    <Layout title="Møder" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="moeder">
      <h1>Programledermøder</h1>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      {p.canEdit ? (
        <p>
          <a href="/moeder/ny" class="button button-primary">
            Nyt møde
          </a>
        </p>
      ) : (
        ''
      )}
      <h2>Kommende møder</h2>
      {p.upcoming.length === 0 ? <p>Der er ingen kommende møder.</p> : <MeetingTable caption="Kommende møder, det nærmeste først" rows={p.upcoming} />}
      <h2>Afholdte møder</h2>
      {p.past.length === 0 ? <p>Der er ingen afholdte møder{p.page > 1 ? ' på denne side' : ''}.</p> : <MeetingTable caption="Afholdte møder, det seneste først" rows={p.past} />}
      {pages > 1 ? <Pager text={`Side ${p.page} af ${pages}`} previous={p.page > 1 ? href(p.page - 1) : null} next={p.page < pages ? href(p.page + 1) : null} /> : ''}
    </Layout>
  );
}
