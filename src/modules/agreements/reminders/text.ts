import { dayDiff } from '../../../platform/reminders/schedule.ts';
import { whenText } from '../../../platform/reminders/wording.ts';
import { danishDay, formatDayLong } from '../../../platform/views/format.ts';

export type ReminderAgreement = { id: string; title: string; deadline: string | null };


/** "1 dag", "8 dage" */
const daysText = (n: number) => `${n} ${n === 1 ? 'dag' : 'dage'}`;

/**
 * The reminder mail in Danish, plain text, to the addressees of municipalities that have not
 * signed. The wording follows the Danish calendar at the moment of sending, so a reminder sent a
 * little late still tells the truth.
 */
export function agreementReminderText(p: { agreement: ReminderAgreement; now: Date; publicUrl: string }): { subject: string; body: string } {
  const a = p.agreement;
  const subject = `Påmindelse: ${a.title} mangler underskrift`;
  const lines = ['Hej', ''];
  if (a.deadline) {
    const days = dayDiff(danishDay(p.now), a.deadline);
    const deadline = formatDayLong(a.deadline);
    lines.push(
      days < 0
        ? `Fristen for at underskrive "${a.title}" var ${deadline}. Den er overskredet med ${daysText(-days)}, og KOMBIT har endnu ikke modtaget jeres kommunes underskrift.`
        : `Fristen for at underskrive "${a.title}" er ${deadline} (${whenText(days)}), og KOMBIT har endnu ikke modtaget jeres kommunes underskrift.`,
    );
  } else {
    lines.push(`KOMBIT har endnu ikke modtaget jeres kommunes underskrift af "${a.title}".`);
  }
  lines.push(
    '',
    'Læs og underskriv aftalen her:',
    `${p.publicUrl}/aftaler/${a.id}`,
    '',
    'Har I spørgsmål til aftalen, kan I skrive til KOMBIT på samme side. Kommuner, der har underskrevet, får ikke flere påmindelser.',
    '',
    'Med venlig hilsen',
    'KOMBIT',
  );
  return { subject, body: lines.join('\n') };
}
