import { z } from 'zod';
import { checkbox } from '../../../platform/http/page-schemas.ts';
import { councilKinds } from '../schema.ts';

/** Text trimmed, line endings made alike, at most `max` characters; absent is the empty text. */
export const text = (max: number, label: string) =>
  z
    .string({ message: `${label} skal være tekst` })
    .nullish()
    .transform((s) => (s ?? '').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, `${label} må højst være ${max} tegn`));

export const requiredText = (max: number, missing: string, label: string) => text(max, label).pipe(z.string().min(1, missing));

/** Words that are pages of their own under /styring/raad/, so no council may take them as its key. */
const RESERVED_KEYS = new Set(['ny']);

export const councilKeyInput = z
  .string({ message: 'Skriv rådets nøgle' })
  .transform((s) => s.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'Skriv rådets nøgle')
      .regex(/^[a-z0-9-]{2,60}$/, 'Nøglen består af 2-60 små bogstaver (a-z), tal og bindestreger, fx fagraad-beskaeftigelse')
      .refine((k) => !RESERVED_KEYS.has(k), 'Nøglen er reserveret; vælg en anden'),
  );

const councilShape = {
  kind: z.enum(councilKinds, { message: 'Vælg om rådet er Porteføljerådet eller et fagråd' }),
  name: requiredText(120, 'Skriv rådets navn', 'Navnet'),
  area: text(200, 'Området'),
  description: text(2000, 'Beskrivelsen'),
};

/** A Fagråd covers one area (forvaltningsområde) and must name it; the Porteføljeråd covers them all and has none. */
function areaRule(c: { kind: string; area: string }, issues: z.RefinementCtx) {
  if (c.kind === 'fagraad' && c.area === '') issues.addIssue({ code: 'custom', path: ['area'], message: 'Skriv fagrådets område, fx Beskæftigelse og ydelser' });
  if (c.kind === 'portefoeljeraad' && c.area !== '') {
    issues.addIssue({ code: 'custom', path: ['area'], message: 'Porteføljerådet dækker alle områder; lad feltet stå tomt' });
  }
}

/** A council as the edit form sends it (the key, part of its address, stays). */
export const councilInput = z.object(councilShape).superRefine(areaRule);
export type CouncilInput = z.infer<typeof councilInput>;

/** A new council: its key as well. */
export const newCouncilInput = z.object({ key: councilKeyInput, ...councilShape }).superRefine(areaRule);
export type NewCouncilInput = z.infer<typeof newCouncilInput>;

export const councilLabels: Record<string, string> = { key: 'Nøgle', kind: 'Slags råd', name: 'Navn', area: 'Område', description: 'Beskrivelse' };

/** The row's columns from the input (an empty area is none). */
export const councilColumns = (c: CouncilInput) => ({ kind: c.kind, name: c.name, area: c.area === '' ? null : c.area, description: c.description });

/**
 * A member and the seat they fill. Without a name the seat is vacant ("Ledig"); a vacant seat
 * cannot chair the council. A municipality, when chosen, is one of the 98 (checked against the
 * table by the use case).
 */
export const memberInput = z
  .object({
    seat: requiredText(200, 'Skriv pladsen, fx Kommunaldirektør, KKR Hovedstaden', 'Pladsen'),
    name: text(200, 'Navnet').transform((s) => (s === '' ? null : s)),
    organisation: text(200, 'Organisationen'),
    municipalityCode: z
      .string({ message: 'Vælg en kommune fra listen' })
      .nullish()
      .transform((s) => (s ?? '').trim())
      .pipe(z.string().regex(/^(\d{4})?$/, 'Vælg en kommune fra listen'))
      .transform((s) => (s === '' ? null : s)),
    chair: checkbox,
  })
  .superRefine((m, issues) => {
    if (m.chair && m.name === null) issues.addIssue({ code: 'custom', path: ['chair'], message: 'En ledig plads kan ikke være forperson; skriv navnet først' });
  });
export type MemberInput = z.infer<typeof memberInput>;

export const memberLabels: Record<string, string> = { seat: 'Plads', name: 'Navn', organisation: 'Organisation', municipalityCode: 'Kommune', chair: 'Forperson' };
