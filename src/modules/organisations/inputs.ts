import { z } from 'zod';
import { formString } from '../../platform/http/page-schemas.ts';

const trimmed = formString;
const optionalText = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label} må højst være ${max} tegn`)
    .optional()
    .transform((s) => (s ?? '').trim());

export const personInput = z.object({
  name: trimmed.pipe(z.string().min(1, 'Navn skal udfyldes').max(200, 'Navn må højst være 200 tegn')),
  email: trimmed.pipe(z.email('Skriv en gyldig e-mailadresse, fx navn@kommune.dk').max(254)).transform((s) => s.toLowerCase()),
  title: optionalText(200, 'Titel'),
  phone: optionalText(40, 'Telefon').refine((s) => s === '' || /^[+\d][\d\s-]{5,}$/.test(s), 'Skriv et gyldigt telefonnummer, fx 56 20 30 00'),
});
export type PersonInput = z.infer<typeof personInput>;

export const personLabels: Record<string, string> = { name: 'Navn', email: 'E-mail', title: 'Titel', phone: 'Telefon' };

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const assignRoleInput = z.object({
  roleTypeKey: z.string({ message: 'Vælg en rolle' }).min(1, 'Vælg en rolle'),
  solutionKey: z.preprocess(emptyToUndefined, z.string().optional()),
  isPrimary: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).optional(),
});
export type AssignRoleInput = z.infer<typeof assignRoleInput>;

export const roleLabels: Record<string, string> = { roleTypeKey: 'Rolle', solutionKey: 'Løsning', isPrimary: 'Primær' };
