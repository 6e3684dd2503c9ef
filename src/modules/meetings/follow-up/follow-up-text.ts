import type { AttentionSection } from '../../../platform/attention/provider.ts';
import { daysUntil } from '../../../platform/attention/due.ts';
import { formatDateLong, formatDateTimeLong, formatDayLong } from '../../../platform/views/format.ts';
import { materialPath, meetingPath } from '../paths.ts';
import type { FollowUpMeeting } from './load-meeting.ts';

export type FollowUpTextInput = {
  meeting: FollowUpMeeting;
  municipalityName: string;
  sections: AttentionSection[];
  /** The Danish day the summary is made (yyyy-mm-dd). */
  today: string;
  /** The app's address without a trailing slash (config.publicUrl). */
  publicUrl: string;
};

/** "Opfølgning på Programledermøde 22. maj 2025": the day is added unless the title already says it. */
export function followUpSubject(m: Pick<FollowUpMeeting, 'title' | 'startsAt'>): string {
  const day = formatDateLong(m.startsAt);
  return m.title.includes(day) ? `Opfølgning på ${m.title}` : `Opfølgning på ${m.title} ${day}`;
}

/** "Frist 30. juni 2025", or "Overskredet – frist 15. maj 2025" once the day has passed. */
export function deadlineWords(due: string, today: string): string {
  return daysUntil(due, today) < 0 ? `Overskredet – frist ${formatDayLong(due)}` : `Frist ${formatDayLong(due)}`;
}

/**
 * The follow-up mail to one municipality's program leaders, plain text in Danish: the meeting and
 * its links (page, each material, the recording), then what the municipality owes, item by item,
 * and the link to the front page where each is handled. Every program leader of the municipality
 * gets the same text, so it greets the role, not the person.
 */
export function followUpText(p: FollowUpTextInput): { subject: string; text: string } {
  const m = p.meeting;
  const kommune = `${p.municipalityName} Kommune`;
  const lines = [
    `Kære programleder i ${kommune}`,
    '',
    `Tak for deltagelsen i ${m.title} ${formatDateTimeLong(m.startsAt)}. Her er materialet fra mødet og en opgørelse over, hvad ${kommune} mangler.`,
    '',
    'Mødets side med dagsorden og materiale:',
    `${p.publicUrl}${meetingPath(m.id)}`,
    '',
  ];
  if (m.materials.length > 0) {
    lines.push('Præsentationer og andet materiale:');
    for (const f of m.materials) lines.push(`- ${f.filename}: ${p.publicUrl}${materialPath(m.id, f.id)}`);
  } else {
    lines.push('Mødet har ikke noget materiale.');
  }
  lines.push('');
  lines.push(m.recordingLink ? `Optagelsen af mødet:\n${m.recordingLink}` : 'Mødet blev ikke optaget.');
  lines.push('', `Det mangler ${kommune}`, `(opgjort ${formatDayLong(p.today)})`, '');

  const shown = p.sections.filter((s) => s.items.length > 0);
  if (shown.length === 0) {
    lines.push(`${kommune} mangler ikke noget: ingen åbne opgaver, ingen aftaler til underskrift, ingen compliancepakker at kvittere for og ingen ulæste økonomidokumenter.`);
  } else {
    for (const s of shown) {
      lines.push(`${s.heading} (${s.items.length})`);
      for (const item of s.items) {
        lines.push(`- ${item.title}`);
        if (item.detail) lines.push(`  ${item.detail}`);
        if (item.due) lines.push(`  ${deadlineWords(item.due, p.today)}`);
      }
      lines.push('');
    }
  }
  if (shown.length === 0) lines.push('');
  lines.push('Se det hele og gå videre fra jeres forside i Samspil:', `${p.publicUrl}/`);
  lines.push('', `Du får mailen, fordi du er programleder for ${kommune} i Samspils rollegalleri.`, '', 'Med venlig hilsen', 'KOMBIT');
  return { subject: followUpSubject(m), text: lines.join('\n') };
}
