import { z } from 'zod';
import { parseDay } from '../../platform/days.ts';

/** A form sends one value or a list for a repeated field (checkboxes); the API sends a list. */
const keyList = (what: string) =>
  z
    .preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string({ message: `${what} skal være tekst` }).trim().max(100)).max(50, `Højst 50 ${what.toLowerCase()}`))
    .transform((list) => [...new Set(list.filter((s) => s !== ''))].sort());

const text = (max: number, what: string) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ message: `${what} skal være tekst` }).trim().max(max, `${what} må højst være ${max} tegn`));

const day = (missing: string) =>
  z
    .string({ message: missing })
    .nullish()
    .transform((s) => (s ?? '').trim())
    .pipe(z.string().min(1, missing))
    .transform((s, issue) => {
      const d = parseDay(s);
      if (d === null) {
        issue.addIssue({ code: 'custom', message: 'Skriv datoen som åååå-mm-dd eller dd.mm.åååå, fx 2025-05-28' });
        return z.NEVER;
      }
      return d;
    });

/** A news item as the form and the API send it. */
export const newsInput = z.object({
  title: text(200, 'Titlen').pipe(z.string().min(1, 'Skriv nyhedens titel')),
  body: text(20_000, 'Teksten'),
  contactPersonId: text(36, 'Kontaktpersonen').transform((s) => (s === '' ? null : s)),
  solutions: keyList('Løsninger'),
  programmes: keyList('Programmer'),
  publishOn: day('Skriv dagen, nyheden skal vises fra'),
});
export type NewsInput = z.infer<typeof newsInput>;

export const newsLabels: Record<string, string> = {
  title: 'Titel',
  body: 'Tekst',
  contactPersonId: 'Kontaktperson',
  solutions: 'Løsninger',
  programmes: 'Programmer',
  publishOn: 'Vises fra',
};

const TIME = /^([01]?\d|2[0-3])[.:]([0-5]\d)$/;

/** An event: its Danish day and time of day (kl. 14.30), where, what, who and a link. */
export const eventInput = z.object({
  date: day('Skriv arrangementets dato'),
  time: text(5, 'Klokkeslættet').pipe(z.string().regex(TIME, 'Skriv klokkeslættet som tt.mm, fx 14.30')),
  title: text(200, 'Titlen').pipe(z.string().min(1, 'Skriv arrangementets titel')),
  place: text(200, 'Stedet'),
  participants: text(2000, 'Deltagerne'),
  link: text(500, 'Linket')
    .refine((s) => s === '' || /^https?:\/\/\S+$/i.test(s), 'Linket skal begynde med https:// eller http://')
    .transform((s) => (s === '' ? null : s)),
  description: text(5000, 'Beskrivelsen'),
});
export type EventInput = z.infer<typeof eventInput>;

export const eventLabels: Record<string, string> = { date: 'Dato', time: 'Klokkeslæt', title: 'Titel', place: 'Sted', participants: 'Deltagere', link: 'Link', description: 'Beskrivelse' };

export function eventTime(time: string): { hour: number; minute: number } {
  const m = TIME.exec(time)!;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}
