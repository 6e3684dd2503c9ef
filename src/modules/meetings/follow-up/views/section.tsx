import { formatDateTimeLong } from '../../../../platform/views/format.ts';
import { followUpPath } from '../../paths.ts';
import type { FollowUpStatus } from '../sent-rows.ts';
import { sentLine } from './preview-page.tsx';

/**
 * The follow-up's part of the meeting page. Central staff: when it was sent and to how many, or the
 * way to preview and send it. A municipality's user: whether their municipality's was sent and when.
 */
export function FollowUpSection(p: { meetingId: string; status: FollowUpStatus; municipality: { code: string; name: string } | null; canSend: boolean }): JSX.Element {
  const s = p.status;
  let body: JSX.Element;
  if (p.municipality === null) {
    const line = sentLine(s);
    body = (
      <>
        <p data-opfoelgning safe>{line ?? 'Opfølgningen er ikke sendt endnu.'}</p>
        <p>
          <a href={followUpPath(p.meetingId)}>
            {line ? 'Se opfølgningen pr. kommune' : p.canSend ? 'Se og send opfølgningen' : 'Se opfølgningen pr. kommune'}
          </a>
        </p>
      </>
    );
  } else {
    const kommune = `${p.municipality.name} Kommune`;
    const people = s.recipients === 1 ? '1 programleder' : `${s.recipients} programledere`;
    body = (
      <>
        <p data-opfoelgning safe>
          {s.sentAt ? `Opfølgningen til ${kommune} blev sendt ${formatDateTimeLong(s.sentAt)} til ${people}.` : `Opfølgningen til ${kommune} er ikke sendt endnu.`}
        </p>
        <p>
          <a href={followUpPath(p.meetingId, p.municipality.code)}>
            {s.sentAt ? 'Se opfølgningen til jeres kommune' : 'Se, hvad opfølgningen til jeres kommune vil indeholde'}
          </a>
        </p>
      </>
    );
  }
  return (
    <section aria-labelledby="opfoelgning">
      <h2 id="opfoelgning">Opfølgning</h2>
      {body}
    </section>
  );
}
