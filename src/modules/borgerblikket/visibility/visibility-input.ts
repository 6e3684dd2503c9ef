import { parseDay } from '../../../platform/days.ts';
import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import { normaliseKle } from './kle-number.ts';
import type { CaseFacts, CitizenFacts } from './visibility.ts';

/**
 * The question "hvad ser borgeren?" as the page's form or the API sends it, checked: the citizen's
 * age or birth date, the case and the day. The page sends text and ticked checkboxes (a box not
 * ticked is not sent: no); the API sends JSON numbers and booleans and must name every fact of the
 * case, so a forgotten field is an error rather than a silent "no".
 */
export type VisibilityInput = { citizen: CitizenFacts; case: CaseFacts; date: string };

export const CASE_FLAGS = ['active', 'primaryParty', 'onCpr', 'indexed'] as const;
export const QUESTION_FIELDS = ['citizenAge', 'citizenBirthDate', 'kle', 'sourceSystem', 'caseCreated', ...CASE_FLAGS, 'date'] as const;
type Flag = (typeof CASE_FLAGS)[number];

const MAX_AGE = 130;

export const VISIBILITY_LABELS: Record<string, string> = {
  citizenAge: 'Borgerens alder',
  citizenBirthDate: 'Borgerens fødselsdato',
  kle: 'KLE-nummer',
  sourceSystem: 'Kildesystem',
  caseCreated: 'Sagen er oprettet',
  active: 'Sagen er aktiv',
  primaryParty: 'Borgeren er primær part',
  onCpr: 'Sagen er registreret på borgerens CPR-nummer',
  indexed: 'Kildesystemet har leveret sagen til indekset',
  date: 'Dagen',
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

export function parseVisibilityInput(raw: Record<string, unknown>, today: string, from: 'form' | 'api'): VisibilityInput {
  const errors: FieldErrors = {};
  const date = raw.date === undefined || raw.date === null || text(raw.date) === '' ? today : parseDay(text(raw.date));
  if (!date) errors.date = 'Skriv dagen som dd.mm.åååå eller åååå-mm-dd';

  let citizen: CitizenFacts | null = null;
  const ageGiven = raw.citizenAge !== undefined && raw.citizenAge !== null && text(raw.citizenAge) !== '';
  const bornGiven = raw.citizenBirthDate !== undefined && raw.citizenBirthDate !== null && text(raw.citizenBirthDate) !== '';
  if (ageGiven && bornGiven) errors.citizenAge = 'Udfyld enten alder eller fødselsdato, ikke begge';
  else if (ageGiven) {
    const age = from === 'api' ? raw.citizenAge : /^\d{1,3}$/.test(text(raw.citizenAge)) ? Number(text(raw.citizenAge)) : NaN;
    if (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > MAX_AGE) errors.citizenAge = `Alderen skal være et helt antal år (0–${MAX_AGE})`;
    else citizen = { age };
  } else if (bornGiven) {
    const born = parseDay(text(raw.citizenBirthDate));
    if (!born) errors.citizenBirthDate = 'Skriv fødselsdatoen som dd.mm.åååå eller åååå-mm-dd';
    else if (date && born > date) errors.citizenBirthDate = 'Fødselsdatoen ligger efter dagen, der spørges om';
    else citizen = { birthDate: born };
  } else errors.citizenAge = 'Udfyld borgerens alder eller fødselsdato';

  const kle = normaliseKle(text(raw.kle));
  if (!kle) errors.kle = text(raw.kle) === '' ? 'Skriv KLE-nummeret, fx 27.12.04' : 'Skriv KLE-nummeret som fx 27.12.04';
  const sourceSystem = text(raw.sourceSystem);
  if (sourceSystem === '') errors.sourceSystem = 'Skriv kildesystemet, fx KY eller SBSYS';
  else if (sourceSystem.length > 40) errors.sourceSystem = 'Højst 40 tegn';
  const created = parseDay(text(raw.caseCreated));
  if (!created) errors.caseCreated = 'Skriv oprettelsesdatoen som dd.mm.åååå eller åååå-mm-dd';

  const flags = {} as Record<Flag, boolean>;
  for (const f of CASE_FLAGS) {
    const v = raw[f];
    if (from === 'form') flags[f] = v === 'on' || v === 'ja' || v === 'true';
    else if (typeof v === 'boolean') flags[f] = v;
    else errors[f] = 'Angiv true eller false';
  }
  if (Object.keys(errors).length > 0 || !citizen || !kle || !created || !date) throw invalid(errors, 'Spørgsmålet har fejl; ret felterne og prøv igen.');
  return { citizen, date, case: { kle, sourceSystem, created, ...flags } };
}
