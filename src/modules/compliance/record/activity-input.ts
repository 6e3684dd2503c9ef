import { z } from 'zod';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { Choices } from '../choices.ts';
import type { ComplianceChoiceList } from '../schema.ts';

const text = (max: number, label: string) =>
  z
    .string({ message: `${label} skal være tekst` })
    .max(max, `${label} må højst være ${max} tegn`)
    .optional()
    .transform((s) => (s ?? '').trim());

/** A repeated form field (checkboxes) or a JSON list; absent is none. */
const keyList = (label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : [v].flat()),
    z.array(z.string({ message: `${label} skal være nøgler fra listen` })).transform((keys) => [...new Set(keys.map((k) => k.trim()).filter(Boolean))]),
  );

/** A select: '' and absent are no choice. */
const optionalKey = (label: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string({ message: `${label} skal være en nøgle fra listen` }).nullable());

/** One processing activity of Skema 1, as the form and the API send it. */
export const activityInput = z
  .object({
    ref: z
      .string({ message: 'Skriv aktivitetens nummer, fx B4' })
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'Skriv aktivitetens nummer, fx B4').max(20, 'Nummeret må højst være 20 tegn')),
    name: z
      .string({ message: 'Skriv aktivitetens navn' })
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'Skriv aktivitetens navn').max(300, 'Navnet må højst være 300 tegn')),
    purpose: text(5000, 'Formålet'),
    legalBases: keyList('Retsgrundlag'),
    legalBasisNote: text(2000, 'Den nationale bestemmelse'),
    dataSubjects: keyList('Kategorier af registrerede'),
    personalData: keyList('Kategorier af personoplysninger'),
    recipients: text(2000, 'Modtagerne'),
    thirdCountries: text(1000, 'Tredjelandene'),
    transferBasis: optionalKey('Overførselsgrundlaget'),
    retention: optionalKey('Opbevaringsperioden'),
    deletion: text(2000, 'Sletningen'),
  })
  .meta({ id: 'ComplianceActivityFields' });

export type ActivityInput = z.output<typeof activityInput>;

export const activityLabels: Record<string, string> = {
  ref: 'Nummer',
  name: 'Navn',
  purpose: 'Formål',
  legalBases: 'Retsgrundlag',
  legalBasisNote: 'National bestemmelse',
  dataSubjects: 'Kategorier af registrerede',
  personalData: 'Kategorier af personoplysninger',
  recipients: 'Modtagere',
  thirdCountries: 'Tredjelande',
  transferBasis: 'Overførselsgrundlag',
  retention: 'Opbevaring',
  deletion: 'Sletning',
};

/** Adds an error for every key that is not on its choice list: the lists are data, so this is checked against them. */
export function checkKeys(choices: Choices, input: ActivityInput, errors: FieldErrors): void {
  const known = (list: ComplianceChoiceList) => new Set(choices[list].map((c) => c.key));
  const unknown = (field: string, list: ComplianceChoiceList, keys: string[], what: string) => {
    const bad = keys.filter((k) => !known(list).has(k));
    if (bad.length > 0) errors[field] ??= `${what}: ${bad.join(', ')}`;
  };
  unknown('legalBases', 'legal-basis', input.legalBases, 'Ukendt retsgrundlag');
  unknown('dataSubjects', 'data-subject', input.dataSubjects, 'Ukendt kategori af registrerede');
  unknown('personalData', 'personal-data', input.personalData, 'Ukendt kategori af personoplysninger');
  if (input.transferBasis !== null) unknown('transferBasis', 'transfer-basis', [input.transferBasis], 'Ukendt overførselsgrundlag');
  if (input.retention !== null) unknown('retention', 'retention', [input.retention], 'Ukendt opbevaringsperiode');
  if (input.thirdCountries !== '' && input.transferBasis === null) {
    errors.transferBasis ??= 'Vælg overførselsgrundlaget, når oplysningerne overføres til tredjelande';
  }
}

/** Third countries without a basis is allowed to be recorded (it is the truth to fix), but never quietly. */
export const transferWithoutBasis = (a: { thirdCountries: string; transferBasis: string | null }) => a.thirdCountries !== '' && a.transferBasis === 'none';
