import { z } from 'zod';
import { parseDay } from '../../platform/days.ts';
import { milestoneStates } from '../tasks/index.ts';
import { programmeStatuses } from './schema.ts';

export const STATUS_DA: Record<(typeof programmeStatuses)[number], string> = { groen: 'Grøn', gul: 'Gul', roed: 'Rød' };
export const MILESTONE_STATE_DA: Record<(typeof milestoneStates)[number], string> = { planlagt: 'Planlagt', naaet: 'Nået', flyttet: 'Flyttet' };

/** A day as the date input sends it (åååå-mm-dd) or as people write it (dd.mm.åååå). */
const day = (message: string) =>
  z
    .string({ message })
    .transform((s, c) => {
      const parsed = parseDay(s);
      if (parsed === null) c.addIssue({ code: 'custom', message });
      return parsed ?? '';
    });
const text = (max: number, message: string) => z.string({ message }).trim().max(max, message);

export const statusInput = z.object({
  status: z.enum(programmeStatuses, { message: 'Vælg grøn, gul eller rød' }),
  statusOn: day('Skriv dagen, status gælder, som dd.mm.åååå'),
  comment: text(4000, 'Kommentaren må højst være 4.000 tegn').default(''),
});

export const milestoneInput = z
  .object({
    title: text(200, 'Titlen må højst være 200 tegn').min(1, 'Skriv milepælens titel'),
    startsOn: day('Skriv milepælens dag som dd.mm.åååå'),
    endsOn: z
      .union([z.literal(''), z.null(), day('Skriv slutdagen som dd.mm.åååå')])
      .optional()
      .transform((v) => (v ? v : null)),
    state: z.enum(milestoneStates, { message: 'Vælg planlagt, nået eller flyttet' }).default('planlagt'),
    description: text(2000, 'Beskrivelsen må højst være 2.000 tegn').default(''),
  })
  .refine((m) => m.endsOn === null || m.endsOn >= m.startsOn, { path: ['endsOn'], message: 'Slutdagen kan ikke ligge før startdagen' });

const finite = z.number({ message: 'Skriv et tal' }).finite('Skriv et tal').min(-1e12).max(1e12);

export const figureInput = z.object({
  name: text(200, 'Navnet må højst være 200 tegn').min(1, 'Skriv nøgletallets navn'),
  unit: text(40, 'Enheden må højst være 40 tegn').default(''),
  target: finite.nullable().default(null),
  points: z.array(z.object({ on: day('Skriv dagen som dd.mm.åååå'), value: finite }), { message: 'Angiv punkterne' }).max(5000, 'Højst 5.000 punkter ad gangen').default([]),
});

export const detailsInput = z.object({
  description: text(8000, 'Beskrivelsen må højst være 8.000 tegn').default(''),
  responsiblePersonId: z
    .union([z.literal(''), z.null(), z.string().uuid('Vælg en ansvarlig fra listen')])
    .optional()
    .transform((v) => (v ? v : null)),
});

export type StatusInput = z.infer<typeof statusInput>;
export type MilestoneInput = z.infer<typeof milestoneInput>;
export type FigureInput = z.infer<typeof figureInput>;
export type DetailsInput = z.infer<typeof detailsInput>;

/** A Danish number: "89.000", "70 000" or "12,5" (a dot groups thousands, a comma is the decimal sign). */
export function parseDanishNumber(raw: string): number | null {
  const s = raw.trim().replace(/[\s.]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/**
 * The form's points, one "dd.mm.åååå;værdi" a line, as the API's list; a bad line is reported by
 * its number so nothing is saved until every line reads.
 */
export function pointsFromLines(lines: string): { points: { on: string; value: number }[]; errors: Record<string, string> } {
  const points: { on: string; value: number }[] = [];
  const errors: Record<string, string> = {};
  lines.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const [d, v, extra] = line.split(';');
    const on = d === undefined ? null : parseDay(d);
    const value = v === undefined ? null : parseDanishNumber(v);
    if (on === null || value === null || extra !== undefined) errors.points ??= `Linje ${String(i + 1)}: skriv dd.mm.åååå;værdi, fx 01.05.2025;89000`;
    else points.push({ on, value });
  });
  return { points, errors };
}
