import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { municipality, person, project, roleAssignment, stepAnswer, task, taskMessage, taskStep, taskTarget, userAccount } from '../../db/schema.ts';
import { danishDay } from '../../platform/days.ts';
import { addDays } from '../../platform/reminders/schedule.ts';
import { danishTime } from '../../platform/days.ts';
import { scheduleNextReminder } from './reminders/send-reminders.ts';
import type { AnswerKind, TargetStatus } from './schema.ts';

/** Faxe: the municipality the demo follows (its program leader is the demo's front-page persona). */
const FAXE = '0320';

type LiveStep = { title: string; instructions: string; answerKind?: AnswerKind; answerLabel?: string; answer?: (code: string) => string };
type LiveTask = {
  code: string;
  title: string;
  description: string;
  consequence: string;
  project: string;
  solutionKey: string | null;
  critical?: boolean;
  /** The deadline, in Danish days from the day the demo is seeded (negative: overdue). */
  dueInDays: number;
  publishedDaysAgo: number;
  steps: LiveStep[];
  solvedShare: number;
  /** Faxe's own state: never solved, so its front page has all four. */
  faxe: 'ikke_startet' | 'i_gang';
};

const PROJECTS = [
  { key: 'compliancepakker', name: 'Compliancepakker', solutionKey: null, description: 'Den årlige dokumentation af de fælleskommunale løsninger efter databeskyttelsesforordningen.' },
  { key: 'aula-sletning', name: 'Aula – reviderede slettefrister', solutionKey: 'aula', description: 'Journalisering af sikre filer om børn til kommunens ESDH-system, før de reviderede slettefrister aktiveres.' },
  { key: 'sygedagpengereformen', name: 'Sygedagpengereformen', solutionKey: 'ksd', description: 'Reformens ændringer i KSD med ikrafttræden 1. juli 2026 og 1. januar 2027.' },
  { key: 'borgerblikket-unge', name: 'Borgerblikket – unge 15–17 år', solutionKey: 'borgerblikket', description: 'Unge på 15–17 år kan se deres egne sager i Mit Overblik.' },
];

/** The current tasks: one overdue, and due in 3, 10 and 30 days from the day the demo is seeded. */
export const LIVE_TASKS: LiveTask[] = [
  {
    code: 'KLIK - COMP 01',
    title: 'Giv input til næste års compliancepakker',
    description:
      'Dokumentationen i compliancepakkerne skal give kommunerne mest mulig værdi. Fortæl os, hvilke dele af årets pakker kommunen bruger i sin egen fortegnelse og risikovurdering, og hvad der mangler.\n\n' +
      '1. Gennemgå årets pakker med kommunens informationssikkerhedskoordinator og DPO.\n2. Svar i trin 2.',
    consequence: 'Næste års pakker bygger kun på de input, der er kommet fra andre kommuner.',
    project: 'compliancepakker',
    solutionKey: null,
    dueInDays: -5,
    publishedDaysAgo: 33,
    steps: [
      { title: 'Gennemgå årets pakker', instructions: 'Skema 1 med kolonne G, leverandørerne og risikovurderingen.' },
      { title: 'Bruger kommunen pakkerne i sin egen fortegnelse?', instructions: 'Svar ja, hvis kommunen har indarbejdet mindst én pakke.', answerKind: 'yes_no', answerLabel: 'Pakkerne er indarbejdet', answer: () => 'ja' },
    ],
    solvedShare: 0.7,
    faxe: 'ikke_startet',
  },
  {
    code: 'KLIK - AULA 01',
    title: 'Bekræft journaliseringen af sikre filer fra Aula til kommunens ESDH-system',
    description:
      'Før de reviderede slettefrister aktiveres, skal relevante sikre filer om børn journaliseres til kommunens ESDH-system via fordelingskomponenten i den fælleskommunale infrastruktur.\n\n' +
      'Filerne ligger i ni kategorier, fx Handleplaner, Magtanvendelsesskemaer og Pædagogiske noter.',
    consequence: 'Sikre filer, der ikke er journaliseret, slettes, når de reviderede slettefrister aktiveres.',
    project: 'aula-sletning',
    solutionKey: 'aula',
    critical: true,
    dueInDays: 3,
    publishedDaysAgo: 24,
    steps: [
      { title: 'Gennemgå de ni filkategorier', instructions: 'Afgør for hver kategori, om filerne skal journaliseres.' },
      { title: 'Angiv kommunens ESDH-system', instructions: 'Fx SBSYS, Acadre eller eDoc.', answerKind: 'text', answerLabel: 'ESDH-system', answer: (code) => ['SBSYS', 'Acadre', 'eDoc'][Number(code) % 3]! },
      { title: 'Bekræft opsætningen af fordelingskomponenten', instructions: 'Bekræft, at journaliseringen er testet.', answerKind: 'yes_no', answerLabel: 'Journalisering bekræftet', answer: () => 'ja' },
    ],
    solvedShare: 0.45,
    faxe: 'i_gang',
  },
  {
    code: 'KLIK - SDP 01',
    title: 'Gennemgå opsætningen af sagsgange i KSD før sygedagpengereformen',
    description: 'Reformen ændrer reglerne for opfølgning i sygedagpengesager. Kommunen skal gennemgå sine sagsgange i KSD og markere dem, der skal ændres.',
    consequence: 'Sagsgange, der ikke er gennemgået, følger de gamle regler, når reformen træder i kraft.',
    project: 'sygedagpengereformen',
    solutionKey: 'ksd',
    dueInDays: 10,
    publishedDaysAgo: 12,
    steps: [
      { title: 'Træk oversigten over sagsgange', instructions: 'Oversigten findes under Administration i KSD.' },
      { title: 'Markér de sagsgange, der skal ændres', instructions: 'Skriv sagsgangenes numre.', answerKind: 'text', answerLabel: 'Sagsgange der ændres', answer: () => 'SG-04, SG-11' },
    ],
    solvedShare: 0.2,
    faxe: 'i_gang',
  },
  {
    code: 'KLIK - BB 01',
    title: 'Tag stilling til de KLE-numre, hvor unge på 15–17 år kan se deres sager i Mit Overblik',
    description:
      'Alle eksisterende KLE-konfigurationer står som udgangspunkt til "Ja". Kommunen har fået et udtræk i Excel af sine KLE-numre med data om unge og skal tage stilling til, hvilke der ikke må vises.',
    consequence: 'KLE-numre, kommunen ikke har taget stilling til, vises for de unge.',
    project: 'borgerblikket-unge',
    solutionKey: 'borgerblikket',
    dueInDays: 30,
    publishedDaysAgo: 5,
    steps: [
      { title: 'Hent udtrækket af kommunens KLE-numre', instructions: 'Udtrækket er vedhæftet opgaven.' },
      { title: 'Angiv de KLE-numre, der ikke må vises', instructions: 'Skriv "ingen", hvis alle må vises.', answerKind: 'text', answerLabel: 'KLE-numre fravalgt', answer: () => '27.24.00' },
    ],
    solvedShare: 0.05,
    faxe: 'ikke_startet',
  },
];

/** Faxe's program leader's question on KLIK - SDP 01, two days before the seed; KOMBIT has not answered it. */
export const LIVE_QUESTION = {
  taskCode: 'KLIK - SDP 01',
  municipalityCode: FAXE,
  daysAgo: 2,
  body: 'Gælder gennemgangen også sagsgangene for jobafklaringsforløb, eller kun sygedagpengesagerne? Vi har internt møde om opsætningen i næste uge og vil gerne have det afklaret inden.',
};

/**
 * The KLIK administrators' task from issue #10: register the (at most two) compliance-package
 * recipients in the role gallery. Solved exactly where the gallery has a recipient, so the task and
 * the gallery tell the same story; a few more have started.
 */
export const RECIPIENT_TASK = {
  code: 'KLIK - COMP 02',
  title: 'Registrér modtagere af compliancepakker',
  description:
    'Compliancepakkerne sendes kun til kommunens udpegede modtagere: højst to personer med rollen Compliancepakke-modtager i rollegalleriet. ' +
    'Registrér dem, så de får besked, når årets pakker udsendes i juli og august.\n\n1. Opret personerne i rollegalleriet, hvis de ikke findes.\n2. Tildel dem rollen Compliancepakke-modtager.',
  consequence: 'Uden registrerede modtagere kan ingen i kommunen åbne compliancepakkerne; programlederen får i stedet besked om at registrere en.',
  audienceRoleKey: 'klik-administrator',
  dueInDays: 14,
  publishedDaysAgo: 21,
  startedShare: 0.15,
  steps: [
    { title: 'Find op til to modtagere', instructions: 'Typisk kommunens informationssikkerhedskoordinator og databeskyttelsesrådgiver (DPO).' },
    { title: 'Tildel rollen Compliancepakke-modtager', instructions: 'Rollen kan højst have to personer i kommunen.', answerKind: 'yes_no', answerLabel: 'Modtagere registreret' },
  ] as LiveStep[],
};

const pick = (code: string, salt: string, share: number) => createHash('sha256').update(`${salt}|${code}`).digest().readUInt16BE(0) / 65536 < share;

/**
 * Current KLIK tasks relative to the day the demo is seeded (`now`, Danish days), beside the deck's
 * 2025 history: addressed to every program leader, Faxe among the missing on all four, a question
 * from Faxe waiting for KOMBIT and one KOMBIT has answered. Their reminders are scheduled from `now`,
 * so none is due when the demo starts; the next ones come at their slots (e.g. 1 day before).
 */
export async function seedLiveDemoTasks(db: Db, now: Date): Promise<void> {
  const [existing] = await db.select({ id: task.id }).from(task).where(eq(task.code, LIVE_TASKS[0]!.code)).limit(1);
  if (existing) return;
  const today = danishDay(now);
  const codes = (await db.select({ code: municipality.code }).from(municipality)).map((m) => m.code);
  await db.transaction(async (tx) => {
    const projects = await tx.insert(project).values(PROJECTS).returning({ id: project.id, key: project.key });
    const people = await tx
      .select({ userId: userAccount.id, name: person.name, email: userAccount.email })
      .from(userAccount)
      .innerJoin(person, eq(person.id, userAccount.personId))
      .where(inArray(userAccount.email, [`programleder-${FAXE}@samspil.demo`, 'konsulent@samspil.demo']));
    const faxeLeader = people.find((p) => p.email.startsWith('programleder-'));
    const consultant = people.find((p) => p.email.startsWith('konsulent'));

    for (const d of LIVE_TASKS) {
      const publishedAt = danishTime(addDays(today, -d.publishedDaysAgo), 8, 0);
      const [t] = await tx
        .insert(task)
        .values({
          code: d.code,
          title: d.title,
          description: d.description,
          consequence: d.consequence,
          projectId: projects.find((p) => p.key === d.project)!.id,
          solutionKey: d.solutionKey,
          audienceRoleKey: 'programleder',
          critical: d.critical ?? false,
          status: 'published',
          deadline: addDays(today, d.dueInDays),
          announceAt: publishedAt,
          publishedAt,
          createdBy: consultant?.userId ?? null,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        })
        .returning({ id: task.id });
      const steps = await tx
        .insert(taskStep)
        .values(d.steps.map((s, i) => ({ taskId: t!.id, position: i + 1, title: s.title, instructions: s.instructions, answerKind: s.answerKind ?? 'none', answerLabel: s.answerLabel ?? '' })))
        .returning({ id: taskStep.id, position: taskStep.position });

      // Municipalities answer on days between publication and the earlier of the deadline and yesterday.
      const lastDay = Math.min(d.dueInDays, -1);
      const span = Math.max(1, d.publishedDaysAgo + lastDay);
      const activityAt = (code: string) => {
        const h = createHash('sha256').update(`${d.code}-at|${code}`).digest();
        return danishTime(addDays(today, -d.publishedDaysAgo + 1 + (h.readUInt16BE(0) % span)), 8 + (h[2]! % 8), h[3]! % 60);
      };
      const stateOf = (code: string): TargetStatus =>
        code === FAXE ? d.faxe : pick(code, d.code, d.solvedShare) ? 'loest' : pick(code, `${d.code}-i-gang`, 0.3) ? 'i_gang' : 'ikke_startet';
      await tx.insert(taskTarget).values(
        codes.map((code) => {
          const status = stateOf(code);
          const at = status === 'ikke_startet' ? null : activityAt(code);
          return { taskId: t!.id, municipalityCode: code, status, solvedAt: status === 'loest' ? at : null, lastActivityAt: at };
        }),
      );
      const answers = codes.flatMap((code) => {
        const status = stateOf(code);
        const upTo = status === 'loest' ? steps.length : status === 'i_gang' ? 1 : 0;
        return steps
          .filter((s) => s.position <= upTo)
          .map((s) => ({ stepId: s.id, taskId: t!.id, municipalityCode: code, value: d.steps[s.position - 1]!.answer?.(code) ?? null, completed: true, answeredAt: activityAt(code) }));
      });
      for (let i = 0; i < answers.length; i += 200) await tx.insert(stepAnswer).values(answers.slice(i, i + 200));

      const thread = (fromCentral: boolean, body: string, createdAt: Date) => ({
        taskId: t!.id,
        municipalityCode: FAXE,
        authorUserId: fromCentral ? (consultant?.userId ?? null) : (faxeLeader?.userId ?? null),
        authorName: fromCentral ? (consultant?.name ?? 'KOMBIT') : (faxeLeader?.name ?? 'Faxe Kommune'),
        fromCentral,
        body,
        createdAt,
      });
      if (d.code === LIVE_QUESTION.taskCode) {
        const askedAt = danishTime(addDays(today, -LIVE_QUESTION.daysAgo), 10, 40);
        await tx.insert(taskMessage).values(thread(false, LIVE_QUESTION.body, askedAt));
        await tx.update(taskTarget).set({ lastActivityAt: askedAt }).where(and(eq(taskTarget.taskId, t!.id), eq(taskTarget.municipalityCode, FAXE)));
      }
      if (d.code === 'KLIK - AULA 01') {
        await tx.insert(taskMessage).values([
          thread(false, 'Skal Referater journaliseres, hvis de allerede ligger i vores ESDH som bilag til mødesagen?', danishTime(addDays(today, -6), 9, 15)),
          thread(true, 'Nej. Ligger referatet allerede i ESDH, skal det ikke journaliseres igen; marker blot kategorien som gennemgået i trin 1.', danishTime(addDays(today, -5), 13, 30)),
        ]);
      }
      await scheduleNextReminder(tx, t!.id, now);
    }
    await seedRecipientTask(tx, now, projects.find((p) => p.key === 'compliancepakker')!.id, consultant?.userId ?? null, codes);
  });
}

async function seedRecipientTask(tx: Db, now: Date, projectId: string, createdBy: string | null, codes: string[]): Promise<void> {
  const d = RECIPIENT_TASK;
  const today = danishDay(now);
  const publishedAt = danishTime(addDays(today, -d.publishedDaysAgo), 8, 0);
  const registered = new Set(
    (
      await tx
        .selectDistinct({ code: roleAssignment.municipalityCode })
        .from(roleAssignment)
        .where(and(eq(roleAssignment.roleTypeKey, 'compliancepakke-modtager'), isNull(roleAssignment.removedAt)))
    ).map((r) => r.code),
  );
  const [t] = await tx
    .insert(task)
    .values({
      code: d.code,
      title: d.title,
      description: d.description,
      consequence: d.consequence,
      projectId,
      solutionKey: null,
      audienceRoleKey: d.audienceRoleKey,
      status: 'published',
      deadline: addDays(today, d.dueInDays),
      announceAt: publishedAt,
      publishedAt,
      createdBy,
      createdAt: publishedAt,
      updatedAt: publishedAt,
    })
    .returning({ id: task.id });
  const steps = await tx
    .insert(taskStep)
    .values(d.steps.map((s, i) => ({ taskId: t!.id, position: i + 1, title: s.title, instructions: s.instructions, answerKind: s.answerKind ?? 'none', answerLabel: s.answerLabel ?? '' })))
    .returning({ id: taskStep.id, position: taskStep.position });
  const activityAt = (code: string) => {
    const h = createHash('sha256').update(`${d.code}-at|${code}`).digest();
    return danishTime(addDays(today, -d.publishedDaysAgo + 1 + (h.readUInt16BE(0) % (d.publishedDaysAgo - 1))), 8 + (h[2]! % 8), h[3]! % 60);
  };
  const stateOf = (code: string): TargetStatus => (registered.has(code) ? 'loest' : pick(code, `${d.code}-i-gang`, d.startedShare) ? 'i_gang' : 'ikke_startet');
  await tx.insert(taskTarget).values(
    codes.map((code) => {
      const status = stateOf(code);
      const at = status === 'ikke_startet' ? null : activityAt(code);
      return { taskId: t!.id, municipalityCode: code, status, solvedAt: status === 'loest' ? at : null, lastActivityAt: at };
    }),
  );
  const answers = codes.flatMap((code) => {
    const status = stateOf(code);
    const upTo = status === 'loest' ? steps.length : status === 'i_gang' ? 1 : 0;
    return steps.filter((s) => s.position <= upTo).map((s) => ({ stepId: s.id, taskId: t!.id, municipalityCode: code, value: s.position === 2 ? 'ja' : null, completed: true, answeredAt: activityAt(code) }));
  });
  if (answers.length > 0) await tx.insert(stepAnswer).values(answers);
  await scheduleNextReminder(tx, t!.id, now);
}
