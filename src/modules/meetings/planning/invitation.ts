import { buildCalendar } from '../../../platform/ical.ts';
import { markdownToText } from '../../tasks/index.ts';
import { meetingPath } from '../paths.ts';
import type { MeetingRow } from '../meeting-row.ts';

/**
 * The meeting as an iCalendar invitation (METHOD:PUBLISH: an entry to put in one's own calendar,
 * not a meeting request to answer). The UID is the meeting's id, so importing a corrected file
 * replaces the entry, and the SEQUENCE grows with each change of time or place.
 */
export function meetingInvitation(m: MeetingRow, opts: { publicUrl: string; now: Date }): string {
  const url = `${opts.publicUrl.replace(/\/$/, '')}${meetingPath(m.id)}`;
  const parts = [
    m.onlineLink ? `Online: ${m.onlineLink}` : '',
    m.practicalInfo.trim() ? markdownToText(m.practicalInfo).trim() : '',
    `Dagsorden og materiale: ${url}`,
  ].filter((s) => s !== '');
  return buildCalendar({
    prodId: '-//KOMBIT//Samspil//DA',
    name: m.title,
    now: opts.now,
    events: [
      {
        uid: `meeting-${m.id}@samspil`,
        start: m.startsAt,
        end: m.endsAt,
        sequence: m.sequence,
        summary: m.title,
        location: [m.place, m.onlineLink ?? ''].filter((s) => s !== '').join(' / ') || undefined,
        description: parts.join('\n\n'),
        url,
        lastModified: m.updatedAt,
      },
    ],
  });
}
