import { Notice } from '../../../../platform/views/components.tsx';
import { formatNumber } from '../../../../platform/views/format.ts';
import type { MeetingHead } from '../../sections.ts';
import { attendeesPath, meetingPath } from '../../paths.ts';
import { type AttendanceCount, type InputRow, type MeetingOption } from '../queries.ts';
import { countsSummary, MunicipalAttendance, type FormState, type MunicipalAttendanceData } from './attendance.tsx';
import { CentralInputTable } from './input-central-page.tsx';

/** What the meeting page says after a form of these sections sent the user back to it (`?besked=`). */
export const SECTION_NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  'deltager-tilmeldt': { kind: 'success', text: 'Deltageren er tilmeldt.' },
  'deltager-fjernet': { kind: 'success', text: 'Deltageren er afmeldt.' },
  'deltager-allerede-fjernet': { kind: 'info', text: 'Deltageren var allerede afmeldt.' },
  'input-placeret': { kind: 'success', text: 'Inputtet er sat på dagsordenen som sidste punkt.' },
  'input-allerede-placeret': { kind: 'info', text: 'Inputtet var allerede sat på dagsordenen; intet er ændret.' },
};

type SectionNotice = { kind: 'success' | 'info'; text: string } | undefined;

/** The meeting page's "Deltagere" for central staff: the totals and the way to every registration. */
export function CentralAttendanceSection(p: { meeting: MeetingHead; counts: AttendanceCount[] }): JSX.Element {
  return (
    <section aria-labelledby="moede-deltagere">
      <h2 id="moede-deltagere">Deltagere</h2>
      <p safe>{countsSummary(p.counts)}</p>
      <p>
        <a href={attendeesPath(p.meeting.id)} class="function-link">
          Se tilmeldinger pr. kommune og hent dem som regneark
        </a>
      </p>
    </section>
  );
}

/** The meeting page's "Deltagere" for a municipality: its own registrations and the form. */
export function MunicipalAttendanceSection(p: { data: MunicipalAttendanceData; form: FormState; notice: SectionNotice; csrfToken: string | undefined }): JSX.Element {
  return (
    <section aria-labelledby="moede-deltagere">
      <h2 id="moede-deltagere" safe>{`Deltagere fra ${p.data.municipalityName} Kommune`}</h2>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      <MunicipalAttendance data={p.data} form={p.form} csrfToken={p.csrfToken} headingLevel={3} back={meetingPath(p.data.meetingId)} />
    </section>
  );
}

/** The meeting page's "Input fra kommunerne" for central staff, with the place button for editors. */
export function InputSection(p: { meeting: MeetingHead; rows: InputRow[]; canPlace: boolean; ended: boolean; notice: SectionNotice; csrfToken: string | undefined }): JSX.Element {
  const fixed: MeetingOption = { id: p.meeting.id, title: p.meeting.title, startsAt: p.meeting.startsAt };
  return (
    <section aria-labelledby="moede-input">
      <h2 id="moede-input">Input fra kommunerne</h2>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
      {p.rows.length === 0 ? (
        <p>Ingen kommuner har sendt input til mødet.</p>
      ) : (
        <CentralInputTable
          rows={p.rows}
          caption={`Input til dette møde eller til næste møde (${formatNumber(p.rows.length)})`}
          coming={[]}
          canPlace={p.canPlace && !p.ended}
          fixed={fixed}
          back={meetingPath(p.meeting.id)}
          csrfToken={p.csrfToken}
        />
      )}
      <p>
        <a href={`/moeder/input?moede=${p.meeting.id}`} class="function-link">
          Alt input til kommende møder
        </a>
      </p>
    </section>
  );
}
