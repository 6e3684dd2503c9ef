import { z } from 'zod';
import { danishDay, parseDay } from '../../platform/days.ts';
import { danishWallClock } from '../../platform/views/format.ts';

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
  time: text(5, 'Klokkeslættet')
    .pipe(z.string().regex(TIME, 'Skriv klokkeslættet som tt.mm, fx 14.30'))
    // "9:30" and "09.30" are the same time: one spelling, so an unchanged form compares equal.
    .transform((s) => s.replace(/^(\d)[.:]/, '0$1.').replace(':', '.')),
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

/**
 * A stored event as the input it would be sent as (Danish day, "14.30"): the edit form's values
 * and what a change is compared with.
 */
export function eventFormValues(e: { title: string; startsAt: Date; place: string; participants: string; link: string | null; description: string }): EventInput {
  const w = danishWallClock(e.startsAt);
  return { date: danishDay(e.startsAt), time: `${w.hour}.${w.minute}`, title: e.title, place: e.place, participants: e.participants, link: e.link, description: e.description };
}
