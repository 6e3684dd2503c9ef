import type { Db } from '../../../db/client.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { byDanishName } from '../../../platform/views/format.ts';
import { nextTaskCode } from '../../tasks/index.ts';

/** What the task to the Aula system owners says unless the author changes it. */

export const READINESS_TASK_TITLE = 'Aula: gør klar til de reviderede sletteregler';

export const READINESS_TASK_DESCRIPTION = [
  'De reviderede sletteregler for sikre filer i Aula træder snart i kraft. Når en fil har passeret sin slettefrist, sletter Aula den, og det, der ikke er journaliseret i kommunens ESDH-system, er da væk.',
  '',
  'Det skal kommunen gøre:',
  '',
  '1. Tjek på kommunens Aula-side i Samspil, hvilke kategorier af sikre filer kommunen journaliserer.',
  '2. Journalisér de relevante sikre filer, der er i risiko for at blive slettet uden journalisering. Journaliseringslisten på siden «Sletning» under kommunens Aula-side viser hvilke.',
  '3. Opdatér ESDH-system og integrationens status, og bekræft i tjeklisten på kommunens Aula-side, at kommunen er klar til de reviderede sletteregler.',
].join('\n');

/** The task's steps: the same for every municipality, so they are fixed rather than typed. */
export const READINESS_TASK_STEPS = [
  {
    title: 'Journalisér de relevante sikre filer',
    instructions: 'Journalisér de sikre filer i de kategorier, kommunen journaliserer, som er i risiko for at blive slettet uden journalisering.',
  },
  {
    title: 'Bekræft parathed i Samspil',
    instructions: 'Markér «Relevante filer er journaliseret» og «Klar til de reviderede sletteregler» i tjeklisten på kommunens Aula-side i Samspil.',
  },
] as const;

const CODE_PREFIX = 'KLIK - AULA SLET';

/** The next free code of this kind of task, e.g. "KLIK - AULA SLET 03". */
export const nextReadinessTaskCode = (db: Db): Promise<string> => nextTaskCode(db, CODE_PREFIX);

/** The chosen municipalities as the form lists them: real ones only, Danish-sorted. */
export async function chosenMunicipalities(db: Db, codes: readonly string[]): Promise<{ code: string; name: string }[]> {
  const wanted = new Set(codes.filter((c) => /^\d{4}$/.test(c)));
  if (wanted.size === 0) return [];
  const all = await db.select({ code: municipality.code, name: municipality.name }).from(municipality);
  return all.filter((m) => wanted.has(m.code)).sort(byDanishName);
}
