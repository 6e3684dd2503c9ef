import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { danishDay } from '../../platform/days.ts';
import { person } from '../../platform/identity/schema.ts';
import { project, projectMilestone } from '../tasks/index.ts';
import { programmeFigure, programmeFigurePoint, programmeStatus, type ProgrammeStatus } from './schema.ts';

/** Made-up responsible people at KOMBIT with demo addresses, the same as the news demo's contact people (found by name here, by address there). */
const PEOPLE = [
  { name: 'Mikkel Valgø', email: 'valg-kontakt@samspil.demo', title: 'Implementeringskonsulent, VALG' },
  { name: 'Rikke Lauridsen', email: 'kontanthjaelp-kontakt@samspil.demo', title: 'Implementeringskonsulent' },
  { name: 'Maja Sygesen', email: 'ksd-kontakt@samspil.demo', title: 'Domænespecialist' },
];

type DemoMilestone = { title: string; on: string; endsOn?: string; description?: string };
type DemoProgramme = { key: string; person?: string; status: [ProgrammeStatus, string]; milestones: DemoMilestone[] };

const PROGRAMMES: DemoProgramme[] = [
  {
    key: 'valg-2025',
    person: 'Mikkel Valgø',
    status: ['groen', 'Release 1.5 rettede alle kendte fejl; 1.6 og 1.7 indeholder kun de ændringer, valget i november kræver.'],
    milestones: [
      { title: 'Release 1.5', on: '2025-03-28', description: 'Alle kendte fejl i VALG-løsningen rettet.' },
      { title: 'Release 1.6', on: '2025-05-27', description: 'Rettelser, der er nødvendige for arbejdsgangene ved valget i november.' },
      { title: 'Release 1.7', on: '2025-06-24', description: 'Regionssammenlægning og bedre understøttelse af kredsvalg.' },
      { title: 'Kick-off-møde', on: '2025-08-12', description: 'Vejledninger, uddannelsesmaterialer, ændringer i de seneste releases, adgang og support.' },
      { title: 'Releasemøde', on: '2025-08-26', description: 'Ændringerne i de seneste releases.' },
      { title: 'Kurser (tilkøb)', on: '2025-08-01', endsOn: '2025-10-31' },
      { title: 'Kommunal- og regionsrådsvalget', on: '2025-11-18' },
    ],
  },
  {
    key: 'kontanthjaelpsreformen',
    person: 'Rikke Lauridsen',
    status: ['gul', 'Kommunerne er næsten i mål med overgangsopgaverne; ugentlige supportmøder hver tirsdag.'],
    milestones: [
      { title: 'Overgangsopgaver oprettet', on: '2025-05-01', description: 'Godt 89.000 overgangsopgaver med agterskrivelse.' },
      { title: 'Overgangsperioden slutter', on: '2025-06-13' },
      { title: 'Go live', on: '2025-07-01' },
    ],
  },
  {
    key: 'sygedagpengereformen',
    person: 'Maja Sygesen',
    status: ['gul', 'Dele af indholdet er forligsbelagt; tidsplanen opdateres løbende på STARs temaside.'],
    milestones: [
      { title: '6. Sygemeldte fra beskæftigelse flyttes ud af beskæftigelsesindsatsen', on: '2026-07-01' },
      { title: '3. Borgere skal have deres indsats på samme ydelse', on: '2027-01-01' },
      { title: '16. Mere værdig tilgang til sygemeldte', on: '2027-01-01' },
    ],
  },
  { key: 'flis', status: ['groen', 'Driften er stabil.'], milestones: [] },
  { key: 'borgerblikket', status: ['groen', 'Kommunernes vurdering af KLE-numre med ungedata er i gang.'], milestones: [] },
];

/** Transition tasks processed in the weeks after 1 May 2025 (the deck: about 70,000 by 23 May). */
const PROCESSED: [string, number][] = [
  ['2025-05-02', 4_000],
  ['2025-05-09', 27_000],
  ['2025-05-16', 51_000],
  ['2025-05-23', 70_000],
];

/**
 * Statuses, milestones and key figures from the deck (issue #14 point 8), with the current status of
 * every programme set on the seeding day. Runs once: a database that already has the sick-pay reform
 * has the rest too.
 */
export async function seedDemoProgrammes(db: Db, now: Date): Promise<void> {
  const today = danishDay(now);
  await db.transaction(async (tx) => {
    const [seeded] = await tx.select({ id: project.id }).from(project).where(eq(project.key, 'sygedagpengereformen'));
    if (seeded) return;
    await tx.insert(project).values({
      key: 'sygedagpengereformen',
      name: 'Sygedagpengereformen',
      solutionKey: 'ksd',
      description: 'Beskæftigelsesreformens ændringer, der påvirker KSD, Mit Sygefravær og KSDs integration til jobcenterløsningerne.',
      createdAt: now,
    });
    const known = await tx
      .select({ id: person.id, name: person.name })
      .from(person)
      .where(and(isNull(person.municipalityCode), inArray(person.name, PEOPLE.map((p) => p.name))));
    const missing = PEOPLE.filter((p) => !known.some((k) => k.name === p.name));
    const added = missing.length ? await tx.insert(person).values(missing.map((p) => ({ ...p, municipalityCode: null }))).returning({ id: person.id, name: person.name }) : [];
    const personId = new Map([...known, ...added].map((p) => [p.name, p.id]));
    const projects = await tx
      .select({ id: project.id, key: project.key })
      .from(project)
      .where(inArray(project.key, PROGRAMMES.map((p) => p.key)));
    const idOf = new Map(projects.map((p) => [p.key, p.id]));
    const present = PROGRAMMES.filter((p) => idOf.has(p.key));
    for (const p of present) {
      if (p.person) await tx.update(project).set({ responsiblePersonId: personId.get(p.person) ?? null }).where(eq(project.id, idOf.get(p.key)!));
    }
    await tx.insert(programmeStatus).values(present.map((p) => ({ projectId: idOf.get(p.key)!, status: p.status[0], statusOn: today, comment: p.status[1], createdAt: now })));
    const milestones = present.flatMap((p) =>
      p.milestones.map((m) => ({
        projectId: idOf.get(p.key)!,
        title: m.title,
        startsOn: m.on,
        endsOn: m.endsOn ?? null,
        description: m.description ?? '',
        state: (m.endsOn ?? m.on) < today ? ('naaet' as const) : ('planlagt' as const),
        createdAt: now,
      })),
    );
    if (milestones.length) await tx.insert(projectMilestone).values(milestones);
    const reform = idOf.get('kontanthjaelpsreformen');
    if (reform) {
      const [created, processed] = await tx
        .insert(programmeFigure)
        .values([
          { projectId: reform, name: 'Overgangsopgaver oprettet', unit: 'opgaver', position: 0, createdAt: now },
          { projectId: reform, name: 'Overgangsopgaver behandlet', unit: 'opgaver', target: 89_000, position: 1, createdAt: now },
        ])
        .returning({ id: programmeFigure.id });
      await tx.insert(programmeFigurePoint).values([
        { figureId: created!.id, pointOn: '2025-05-01', value: 89_000 },
        ...PROCESSED.map(([on, value]) => ({ figureId: processed!.id, pointOn: on, value })),
      ]);
    }
  });
}
