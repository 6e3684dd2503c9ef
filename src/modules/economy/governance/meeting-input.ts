import { z } from 'zod';
import { parseDay } from '../../../platform/days.ts';
import { meetingFileKinds } from '../schema.ts';
import { requiredText, text } from './council-input.ts';

/** At most this many agenda items on one meeting: the agenda is a page, not a register. */
export const MAX_ITEMS = 100;

/** A meeting as the form and the API send it: the Danish day (2026-01-20 or 20.01.2026), a title and where. */
export const meetingInput = z.object({
  date: z
    .string({ message: 'Skriv mødets dato' })
    .nullish()
    .transform((s) => (s ?? '').trim())
    .pipe(z.string().min(1, 'Skriv mødets dato'))
    .transform((s, issue) => {
      const day = parseDay(s);
      if (day === null) {
        issue.addIssue({ code: 'custom', message: 'Skriv datoen som åååå-mm-dd eller dd.mm.åååå, fx 2026-01-20' });
        return z.NEVER;
      }
      return day;
    }),
  title: requiredText(200, 'Skriv mødets titel, fx 1. Porteføljerådsmøde 2026', 'Titlen'),
  location: text(200, 'Stedet'),
});
export type MeetingInput = z.infer<typeof meetingInput>;

export const meetingLabels: Record<string, string> = { date: 'Dato', title: 'Titel', location: 'Sted' };

/** An agenda item and, once the meeting has treated it, its decision (empty: not treated yet). */
export const itemInput = z.object({
  title: requiredText(300, 'Skriv punktets overskrift', 'Overskriften'),
  description: text(5000, 'Beskrivelsen'),
  decision: text(5000, 'Beslutningen').transform((s) => (s === '' ? null : s)),
});
export type ItemInput = z.infer<typeof itemInput>;

export const itemLabels: Record<string, string> = { position: 'Nummer', title: 'Overskrift', description: 'Beskrivelse', decision: 'Beslutning' };

/** An item's number on the agenda, from the address or the add form's hidden field. */
export const itemPosition = z.coerce
  .number({ message: 'Punktets nummer er ugyldigt' })
  .int('Punktets nummer er et helt tal')
  .min(1, 'Punktets nummer er mindst 1')
  .max(MAX_ITEMS, `Et møde har højst ${MAX_ITEMS} punkter`);

export const fileKindInput = z.enum(meetingFileKinds, { message: 'Vælg om filen er dagsorden, referat eller bilag' });

export const fileLabels: Record<string, string> = { kind: 'Slags fil', fil: 'Fil' };
