import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { danishDay } from '../../platform/days.ts';
import { addDays } from '../../platform/reminders/schedule.ts';
import { project, projectMilestone } from '../tasks/index.ts';
import { BORGERBLIKKET_PROGRAMME } from './programme.ts';

/** The deck's timeline for the young people's access (2025, kept as history). */
export const DECK_MILESTONES = [
  {
    title: 'KLIK-opgave: vurdér KLE-numre med ungedata',
    description: 'Hver kommune får et Excel-udtræk af de KLE-numre, der har data om unge på 15–17 år i kommunens sager.',
    startsOn: '2025-06-09',
    endsOn: null,
  },
  {
    title: 'Release 3.19',
    description: 'Hver KLE-opsætning får en indstilling for, om den gælder borgere over 15 år. Alle eksisterende opsætninger står til «Ja».',
    startsOn: '2025-06-11',
    endsOn: null,
  },
  {
    title: 'Kommunernes faglige og juridiske vurdering',
    description: 'Kommunen vurderer hvert KLE-nummer og registrerer dem, hvor data ikke er klar, så sagerne først vises, når borgeren fylder 18.',
    startsOn: '2025-06-12',
    endsOn: '2025-10-31',
  },
  { title: 'Aktivering', description: 'KOMBIT aktiverer visningen for unge på 15–17 år.', startsOn: '2025-11-01', endsOn: '2025-11-02' },
  { title: 'Unge på 15–17 år kan se deres egne sager i Mit Overblik', description: '', startsOn: '2025-11-03', endsOn: null },
] as const;

/**
 * The Borgerblikket programme with the deck's milestones, and one coming milestone three weeks
 * from the seeding day so the timeline has something ahead on any date. A second run does nothing.
 */
export async function seedDemoMilestones(db: Db, now: Date): Promise<void> {
  const [existing] = await db.select({ id: project.id }).from(project).where(eq(project.key, BORGERBLIKKET_PROGRAMME));
  if (existing) return;
  const [row] = await db
    .insert(project)
    .values({ key: BORGERBLIKKET_PROGRAMME, name: 'Borgerblikket', solutionKey: 'borgerblikket', description: 'Mit Overblik for borgerne, herunder visning af egne sager for unge på 15–17 år.' })
    .returning({ id: project.id });
  const ahead = addDays(danishDay(now), 21);
  await db.insert(projectMilestone).values([
    ...DECK_MILESTONES.map((m) => ({ projectId: row!.id, ...m, state: 'naaet' as const })),
    {
      projectId: row!.id,
      title: 'Status på kommunernes KLE-opsætning for unge på programledermødet',
      description: 'Hvor mange KLE-numre er lukket for unge, og hvilke kan åbnes nu, hvor data er klar.',
      startsOn: ahead,
      endsOn: null,
    },
  ]);
}
