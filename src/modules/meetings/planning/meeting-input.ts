import { z } from 'zod';
import { danishTime, parseDay, parseTimeOfDay } from '../../../platform/days.ts';

const text = (max: number, what: string) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ message: `${what} skal være tekst` }).trim().max(max, `${what} må højst være ${max} tegn`));

const time = (missing: string) =>
  text(5, 'Klokkeslættet')
    .pipe(z.string().min(1, missing))
    .pipe(z.string().refine((s) => parseTimeOfDay(s) !== null, 'Skriv klokkeslættet som tt.mm, fx 10.00'))
    .transform((s) => parseTimeOfDay(s)!);

/** A link someone clicks: only web addresses, so a "javascript:" link can never reach a page. */
const webLink = (what: string) =>
  text(1000, what)
    .refine((s) => s === '' || /^https?:\/\/[^\s<>"]+$/i.test(s), `${what} skal begynde med https:// eller http://`)
    .transform((s) => (s === '' ? null : s));

/**
 * A meeting as the form and the API send it: the Danish day (dd.mm.åååå or åååå-mm-dd) and times
 * of day (tt.mm), read as Danish wall-clock time, so a meeting at 10.00 is at 10.00 in summer and winter.
 */
export const meetingInput = z
  .object({
    title: text(200, 'Titlen').pipe(z.string().min(1, 'Skriv mødets titel')),
    day: text(10, 'Dagen')
      .pipe(z.string().min(1, 'Skriv mødets dag'))
      .transform((s, issue) => {
        const d = parseDay(s);
        if (d === null) {
          issue.addIssue({ code: 'custom', message: 'Skriv dagen som dd.mm.åååå, fx 28.05.2025' });
          return z.NEVER;
        }
        return d;
      }),
    startTime: time('Skriv hvornår mødet begynder'),
    endTime: time('Skriv hvornår mødet slutter'),
    place: text(300, 'Stedet'),
    onlineLink: webLink('Linket til onlinemødet'),
    practicalInfo: text(20_000, 'Den praktiske information'),
    recordingLink: webLink('Linket til optagelsen'),
  })
  .superRefine((m, issue) => {
    if (m.endTime.hour * 60 + m.endTime.minute <= m.startTime.hour * 60 + m.startTime.minute) {
      issue.addIssue({ code: 'custom', path: ['endTime'], message: 'Mødet skal slutte efter det begynder' });
    }
    if (m.place === '' && m.onlineLink === null) issue.addIssue({ code: 'custom', path: ['place'], message: 'Skriv hvor mødet holdes, eller et link til onlinemødet' });
  })
  .transform((m) => ({
    title: m.title,
    startsAt: danishTime(m.day, m.startTime.hour, m.startTime.minute),
    endsAt: danishTime(m.day, m.endTime.hour, m.endTime.minute),
    place: m.place,
    onlineLink: m.onlineLink,
    practicalInfo: m.practicalInfo,
    recordingLink: m.recordingLink,
  }));
export type MeetingInput = z.infer<typeof meetingInput>;

export const meetingLabels: Record<string, string> = {
  title: 'Titel',
  day: 'Dag',
  startTime: 'Begynder',
  endTime: 'Slutter',
  place: 'Sted',
  onlineLink: 'Link til onlinemødet',
  practicalInfo: 'Praktisk information',
  recordingLink: 'Link til optagelsen',
};

/** A form sends one value or a list for a repeated field (a multiple select); the API sends a list. */
const idList = (what: string) =>
  z
    .preprocess(
      (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string({ message: `${what} skal være tekst` }).trim().max(36)).max(30, `Højst 30 ${what.toLowerCase()}`),
    )
    .transform((list) => [...new Set(list.filter((s) => s !== ''))].sort());

/** An agenda item: what, how long, the description (markdown), who presents, what it points at. */
export const agendaItemInput = z.object({
  title: text(200, 'Titlen').pipe(z.string().min(1, 'Skriv punktets titel')),
  minutes: z
    .preprocess((v) => (v === undefined || v === null ? '' : typeof v === 'number' ? String(v) : v), z.string({ message: 'Minutterne skal være et tal' }).trim())
    .pipe(z.string().regex(/^\d{0,3}$/, 'Skriv varigheden som et helt antal minutter, fx 30'))
    .transform((s) => (s === '' ? null : Number(s)))
    .refine((n) => n === null || (n >= 1 && n <= 480), 'Varigheden skal være mellem 1 og 480 minutter'),
  description: text(20_000, 'Beskrivelsen'),
  presenters: idList('Oplægsholdere'),
  news: idList('Nyheder'),
  programmes: idList('Programmer'),
  tasks: idList('Opgaver'),
  agreements: idList('Aftaler'),
});
export type AgendaItemInput = z.infer<typeof agendaItemInput>;

export const agendaLabels: Record<string, string> = {
  title: 'Titel',
  minutes: 'Minutter',
  description: 'Beskrivelse',
  presenters: 'Oplægsholdere',
  news: 'Nyheder',
  programmes: 'Programmer',
  tasks: 'Opgaver',
  agreements: 'Aftaler',
};
