import { StatusBadge } from '../../../../platform/views/badge.tsx';
import { CsrfField } from '../../../../platform/views/components.tsx';
import { formatDate } from '../../../../platform/views/format.ts';
import { BACK_FIELD } from './attendance.tsx';
import { meetingPath } from '../../paths.ts';
import type { InputRow, MeetingOption } from '../queries.ts';

export const INPUT_NOTICES: Record<string, { kind: 'success' | 'info'; text: string }> = {
  sendt: { kind: 'success', text: 'Tak for jeres input. KOMBIT ser det og tager det med i planlægningen af mødet.' },
  'trukket-tilbage': { kind: 'success', text: 'Inputtet er trukket tilbage.' },
  'allerede-trukket-tilbage': { kind: 'info', text: 'Inputtet var allerede trukket tilbage.' },
  placeret: { kind: 'success', text: 'Inputtet er sat på dagsordenen som sidste punkt.' },
  'allerede-placeret': { kind: 'info', text: 'Inputtet var allerede sat på dagsordenen; intet er ændret.' },
};

export const meetingLabel = (m: MeetingOption) => `${m.title} (${formatDate(m.startsAt)})`;
export const forLabel = (row: InputRow) => (row.forMeeting ? meetingLabel(row.forMeeting) : 'Næste møde');

/** Received, or on the agenda of a meeting (linked). */
export function InputState(p: { row: InputRow }): JSX.Element {
  const placed = p.row.placed;
  if (!placed) return <StatusBadge label="Modtaget" variant="info" />;
  return (
    <>
      <StatusBadge label="På dagsordenen" variant="success" />{' '}
      <span>
        for{' '}
        <a href={meetingPath(placed.meeting.id)} safe>
          {meetingLabel(placed.meeting)}
        </a>
      </span>
    </>
  );
}

/** The meeting a place button proposes: the input's own when still coming, else the next one. */
export function proposedMeeting(row: InputRow, coming: MeetingOption[]): string {
  const own = row.forMeeting && coming.some((m) => m.id === row.forMeeting!.id) ? row.forMeeting.id : null;
  return own ?? coming[0]?.id ?? '';
}

/** "Sæt på dagsordenen" with the meeting to choose; `fixed` places on that meeting without a choice. */
export function PlaceForm(p: { row: InputRow; coming: MeetingOption[]; fixed?: MeetingOption; back?: string; csrfToken: string | undefined }): JSX.Element {
  const id = `placer-${p.row.id}`;
  const chosen = proposedMeeting(p.row, p.coming);
  return (
    <form method="post" action={`/moeder/input/${p.row.id}/placer`} class="samspil-inline-form">
      <CsrfField token={p.csrfToken} />
      {p.back ? <input type="hidden" name={BACK_FIELD} value={p.back} /> : ''}
      {p.fixed ? (
        <input type="hidden" name="meetingId" value={p.fixed.id} />
      ) : (
        <div class="form-group">
          <label class="form-label" for={id}>
            Møde<span class="sr-only" safe>{` for ${p.row.title}`}</span>
          </label>
          <select class="form-select" id={id} name="meetingId">
            {p.coming.map((m) => (
              <option value={m.id} selected={m.id === chosen} safe>
                {meetingLabel(m)}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" class="button button-secondary">
        Sæt på dagsordenen<span class="sr-only" safe>{`: ${p.row.title}`}</span>
      </button>
    </form>
  );
}
