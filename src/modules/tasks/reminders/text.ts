import { markdownToText } from '../markdown.ts';
import { dayDiff } from '../../../platform/reminders/schedule.ts';
import { whenText } from '../../../platform/reminders/wording.ts';
import { danishDay, formatDayLong, formatDeadline } from '../../../platform/views/format.ts';

export type ReminderTask = { id: string; code: string; title: string; deadline: string; consequence: string };

export type ReminderTextInput = {
  task: ReminderTask;
  now: Date;
  publicUrl: string;
  /** 'programleder' copies of overdue reminders say why the reader gets them */
  as?: 'addressee' | 'programleder';
};


/**
 * The reminder mail in Danish, plain text. The wording follows the Danish calendar at the moment of
 * sending ("i morgen", "fristen er overskredet"), not the slot's name, so a reminder sent a little
 * late still says the truth.
 */
export function reminderText(p: ReminderTextInput): { subject: string; body: string } {
  const { task } = p;
  const days = dayDiff(danishDay(p.now), task.deadline);
  const overdue = days < 0;
  const deadline = formatDeadline(task.deadline);
  const deadlineText = formatDayLong(task.deadline);
  const name = `${task.code} – ${task.title}`;
  const subject = overdue ? `Fristen er overskredet: ${name}` : `Påmindelse: ${name} – frist ${deadline}`;
  const lines = [
    'Hej',
    '',
    overdue
      ? `Fristen er overskredet for opgaven "${name}". Fristen var ${deadlineText}, og jeres kommune har endnu ikke meldt opgaven løst.`
      : `Opgaven "${name}" har frist ${deadlineText} (${whenText(days)}), og jeres kommune har endnu ikke meldt opgaven løst.`,
  ];
  const consequence = markdownToText(task.consequence).trim();
  if (consequence) lines.push('', `Hvis opgaven ikke løses: ${consequence}`);
  lines.push(
    '',
    'Se og løs opgaven her:',
    `${p.publicUrl}/opgaver/${task.id}`,
    '',
    'Er opgaven ikke relevant for jeres kommune, kan I markere den som ikke relevant på samme side. Kommuner, der har løst opgaven eller markeret den som ikke relevant, får ikke flere påmindelser.',
  );
  if (p.as === 'programleder') lines.push('', 'Du får denne påmindelse som programleder, fordi fristen er overskredet.');
  lines.push('', 'Med venlig hilsen', 'KOMBIT');
  return { subject, body: lines.join('\n') };
}
