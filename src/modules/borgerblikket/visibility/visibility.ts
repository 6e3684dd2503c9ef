import { formatDayLong, formatDeadline } from '../../../platform/views/format.ts';
import type { KleSettings } from './effective-entry.ts';

/**
 * Whether a citizen sees a case in Borgerblikket's Mit Overblik on a day, and why, as one pure
 * function: the page "hvad ser borgeren?", the API and the impact of a draft change all ask it.
 * Every condition that fails is named, not just the first, so a caseworker sees everything that
 * would have to change.
 */

/** The citizen's age in whole years, or their birth date (yyyy-mm-dd) to count it on the day. */
export type CitizenFacts = { age: number } | { birthDate: string };

export type CaseFacts = {
  kle: string;
  sourceSystem: string;
  /** The Danish day the case was created (yyyy-mm-dd). */
  created: string;
  active: boolean;
  /** The citizen is the case's primary party. */
  primaryParty: boolean;
  /** The case is registered on the citizen's CPR number. */
  onCpr: boolean;
  /** The source system has delivered the case to the index. */
  indexed: boolean;
};

export type VisibilityQuestion = {
  municipalityName: string;
  /** The settings that hold for the case's KLE number (effectiveSettings). */
  settings: KleSettings;
  citizen: CitizenFacts;
  case: CaseFacts;
  /** The Danish day asked about (yyyy-mm-dd). */
  date: string;
  /** The day KOMBIT opened Mit Overblik to 15–17-year-olds; null: not yet decided. Data, not code. */
  youthActivation: string | null;
};

export type Visibility = { visible: boolean; age: number; reasons: string[] };

/** Mit Overblik shows cases to citizens from this age; under 18 only where opened for the young. */
export const YOUTH_FROM_AGE = 15;
export const ADULT_AGE = 18;

/**
 * Whole years on the day. Someone born on 29 February has their birthday on 1 March in a year
 * without one: the day after 28 February is the first on which the year has fully passed.
 */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

const ageOf = (c: CitizenFacts, day: string) => ('age' in c ? c.age : ageOn(c.birthDate, day));

/**
 * The rule itself: each condition that fails, as the Danish reason made only when asked for, so
 * the impact of a change (a hundred thousand questions wanting only yes or no) does not build
 * sentences it throws away.
 */
function failing(q: VisibilityQuestion): { age: number; hidden: (() => string)[] } {
  const { settings: s, case: c, municipalityName: where } = q;
  const age = ageOf(q.citizen, q.date);
  const hidden: (() => string)[] = [];
  if (!c.primaryParty) hidden.push(() => 'borgeren er ikke primær part i sagen');
  if (!c.onCpr) hidden.push(() => 'sagen er ikke registreret på borgerens CPR-nummer');
  if (!c.indexed) hidden.push(() => `kildesystemet ${c.sourceSystem} har ikke leveret sagen til indekset`);
  if (!s.shown) hidden.push(() => `KLE ${c.kle} er ikke åbnet i ${where}`);
  // Source systems are compared without regard to case: a filter of "KY" lets through a case delivered as "ky".
  if (s.sourceSystems.length > 0 && !s.sourceSystems.some((name) => sameSystem(name, c.sourceSystem))) {
    hidden.push(() => `${where} viser kun sager fra ${s.sourceSystems.join(', ')} for KLE ${c.kle}, ikke fra ${c.sourceSystem}`);
  }
  const fromDate = s.fromDate;
  if (fromDate !== null && c.created < fromDate && !(c.active && s.fromDateOffForActive)) {
    const activeNote = c.active ? ' (aktive sager vises ikke fra før fradatoen)' : '';
    hidden.push(() => `sagen er oprettet ${formatDeadline(c.created)}, før fradatoen ${formatDeadline(fromDate)} for KLE ${c.kle} i ${where}${activeNote}`);
  }
  if (age < YOUTH_FROM_AGE) {
    hidden.push(() => `borgeren er ${age} år, og Mit Overblik viser først sager fra ${YOUTH_FROM_AGE} år`);
  } else if (age < ADULT_AGE) {
    const activation = q.youthActivation;
    if (activation === null || q.date < activation) {
      hidden.push(() => `borgeren er ${age} år, og visningen for ${YOUTH_FROM_AGE}–${ADULT_AGE - 1}-årige ${activation === null ? 'er ikke aktiveret endnu' : `aktiveres først ${formatDayLong(activation)}`}`);
    }
    // Named even before the activation: the number would stay hidden for the young after it too.
    if (!s.youth) hidden.push(() => `borgeren er ${age} år, og KLE ${c.kle} er ikke åbnet for unge i ${where}`);
  }
  return { age, hidden };
}

const sameSystem = (a: string, b: string) => a === b || a.toLowerCase() === b.toLowerCase();

export function visibility(q: VisibilityQuestion): Visibility {
  const { age, hidden } = failing(q);
  if (hidden.length > 0) return { visible: false, age, reasons: hidden.map((r) => `Skjult: ${r()}`) };
  const young = age < ADULT_AGE ? `, også for ${YOUTH_FROM_AGE}–${ADULT_AGE - 1}-årige` : '';
  return { visible: true, age, reasons: [`Vises: KLE ${q.case.kle} er åbnet i ${q.municipalityName}${young}, og sagen opfylder alle betingelser`] };
}

/** The same rule's yes or no, without its reasons. */
export const isVisible = (q: VisibilityQuestion): boolean => failing(q).hidden.length === 0;
