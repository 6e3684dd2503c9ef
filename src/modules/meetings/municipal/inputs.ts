import { z } from 'zod';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { meetingInputKinds, type MeetingInputKind } from '../schema.ts';

const text = (max: number, what: string) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ message: `${what} skal være tekst` }).trim().max(max, `${what} må højst være ${max} tegn`));

/** An optional id from a select or a JSON body: empty means none. */
const optionalId = (message: string) =>
  text(36, 'Valget')
    .refine((s) => s === '' || isUuid(s), message)
    .transform((s) => (s === '' ? null : s));

const ONLINE: Record<string, boolean> = { online: true, true: true, fremmoede: false, false: false };

/**
 * An attendee as the form (a person from the role gallery, or a typed name and e-mail; the radio
 * `online` = fremmoede|online) and the API (`online` true/false) send it.
 */
export const attendeeInput = z
  .object({
    personId: optionalId('Vælg en person fra listen'),
    name: text(200, 'Navnet'),
    email: text(254, 'E-mailadressen')
      .pipe(z.union([z.literal(''), z.email('Skriv en gyldig e-mailadresse, fx navn@kommune.dk')]))
      .transform((s) => s.toLowerCase()),
    online: z.preprocess((v) => (typeof v === 'boolean' ? v : typeof v === 'string' ? ONLINE[v] : undefined), z.boolean({ message: 'Vælg, om deltageren kommer fysisk eller deltager online' })),
  })
  .superRefine((v, issue) => {
    if (v.personId === null && v.name === '') issue.addIssue({ code: 'custom', path: ['name'], message: 'Vælg en person fra rollegalleriet, eller skriv deltagerens navn' });
  });
export type AttendeeInput = z.infer<typeof attendeeInput>;

export const attendeeLabels: Record<string, string> = { personId: 'Person fra rollegalleriet', name: 'Navn', email: 'E-mail', online: 'Deltager' };

/** "Input til kommende møder": a topic or a question, for a chosen coming meeting or the next one (null). */
export const meetingInputInput = z.object({
  kind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(meetingInputKinds, { message: 'Vælg, om det er et emne eller et spørgsmål' })),
  title: text(200, 'Overskriften').pipe(z.string().min(1, 'Skriv en overskrift')),
  body: text(5000, 'Teksten'),
  meetingId: optionalId('Vælg et af de kommende møder, eller «Næste møde»'),
});
export type MeetingInputInput = z.infer<typeof meetingInputInput>;

export const meetingInputLabels: Record<string, string> = { kind: 'Slags', title: 'Overskrift', body: 'Tekst', meetingId: 'Til mødet' };

/** Placing an input: the meeting, or none for the input's own meeting, else the next coming one. */
export const placeInput = z.object({ meetingId: optionalId('Vælg et af de kommende møder') });

export const KIND_LABELS: Record<MeetingInputKind, string> = { emne: 'Emne', spoergsmaal: 'Spørgsmål' };
export const attendanceLabel = (online: boolean) => (online ? 'Online' : 'Fremmøde');
