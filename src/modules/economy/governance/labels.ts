import type { CouncilKind, MeetingFileKind } from '../schema.ts';

export const COUNCIL_KIND_LABELS: Record<CouncilKind, string> = { portefoeljeraad: 'Porteføljeråd', fagraad: 'Fagråd' };

export const FILE_KIND_LABELS: Record<MeetingFileKind, string> = { dagsorden: 'Dagsorden', referat: 'Referat', bilag: 'Bilag' };

/** What the agreement sets as the norm; a fourth meeting is allowed, the council page only says so. */
export const MEETINGS_A_YEAR = 3;

/** The text an agenda item shows until its decision is recorded. */
export const NO_DECISION = 'Ikke behandlet endnu';
