import { formatDeadline } from '../../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { councilHref, fileHref, meetingHref, type MeetingSummary } from '../queries.ts';

/** Meetings as a table: the day, the council (unless the page is the council's), the meeting, where, and its referat if out. */
export function MeetingTable(p: { meetings: MeetingSummary[]; caption: string; withCouncil: boolean; empty: string }): JSX.Element {
  const columns = p.withCouncil ? 5 : 4;
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Dato</th>
            {p.withCouncil ? <th scope="col">Råd</th> : ''}
            <th scope="col">Møde</th>
            <th scope="col">Sted</th>
            <th scope="col">Referat</th>
          </tr>
        </thead>
        <tbody>
          {p.meetings.length === 0 ? (
            <tr>
              <td colspan={String(columns)} safe>
                {p.empty}
              </td>
            </tr>
          ) : (
            p.meetings.map((m) => (
              <tr>
                <td safe>{formatDeadline(m.date)}</td>
                {p.withCouncil ? (
                  <td>
                    <a href={councilHref(m.councilKey)} safe>
                      {m.councilName}
                    </a>
                  </td>
                ) : (
                  ''
                )}
                <td>
                  <a href={meetingHref(m.id)} safe>
                    {m.title}
                  </a>
                </td>
                <td safe>{m.location || '–'}</td>
                <td>
                  {m.referatId ? (
                    <a href={fileHref(m.id, m.referatId)} safe>
                      {`Referat (${formatDeadline(m.date)})`}
                    </a>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}
