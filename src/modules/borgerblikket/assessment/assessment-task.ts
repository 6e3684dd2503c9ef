import type { Db } from '../../../db/client.ts';
import { nextTaskCode } from '../../tasks/index.ts';

/** What the assessment's KLIK task says unless the author changes it (the deck's task of 9 June 2025). */

export const ASSESSMENT_TITLE = 'Vurdér KLE-numre med data om unge på 15–17 år';

export const ASSESSMENT_DESCRIPTION = [
  'Fra november 2025 kan unge på 15–17 år se deres egne sager i Mit Overblik. Alle eksisterende KLE-konfigurationer står som udgangspunkt til "Ja" for visning til unge.',
  '',
  'Kommunen har fået et udtræk i Excel af de KLE-numre, hvor kommunens sager har data om unge. Udtrækket er vedhæftet opgaven.',
  '',
  '1. Foretag en faglig og juridisk vurdering af hvert KLE-nummer i udtrækket.',
  '2. Markér i Samspil hvert nummer som "klar til visning" eller "ikke klar". Et nummer, der ikke er klar, vises først for borgeren, når borgeren fylder 18.',
  '',
  'Trinnet er løst, når alle kommunens numre er vurderet.',
].join('\n');

export const ASSESSMENT_STEP_TITLE = 'Vurdér KLE-numrene i Samspil';

/**
 * The step's instructions. The step is the same for every municipality and task text links only to
 * absolute http(s) addresses, so the link goes to a page that sends each reader on to their own
 * municipality's decision page (central staff to the progress).
 */
export const assessmentStepInstructions = (publicUrl: string, assessmentId: string) =>
  `Markér hvert KLE-nummer fra kommunens udtræk som "klar til visning" eller "ikke klar" på [kommunens side for vurderingen](${publicUrl}/borgerblikket/vurdering/${assessmentId}/kommune). Trinnet markeres som udført af sig selv, når alle numre er vurderet.`;

/** Only the systemansvarlige for Borgerblikket receive it; each municipality's programleder sees and can act on it as on every task. */
export const ASSESSMENT_AUDIENCE = { audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'borgerblikket' } as const;

const CODE_PREFIX = 'KLIK - BB VURDERING';

/** The next free code of this kind of task, e.g. "KLIK - BB VURDERING 02". */
export const nextAssessmentCode = (db: Db): Promise<string> => nextTaskCode(db, CODE_PREFIX);
