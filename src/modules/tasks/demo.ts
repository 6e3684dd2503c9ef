import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { municipality, project, stepAnswer, task, taskDeadlineChange, taskStep, taskTarget } from '../../db/schema.ts';
import type { AnswerKind, TargetStatus } from './schema.ts';

type DemoStep = { title: string; instructions: string; answerKind?: AnswerKind; answerLabel?: string; answerPattern?: string; answerHint?: string };
type DemoTask = {
  code: string;
  title: string;
  description: string;
  consequence: string;
  project: string;
  solutionKey: string | null;
  audience: { role: string; solution?: string; primaryOnly?: boolean };
  status: 'announced' | 'published';
  deadline: string;
  critical?: boolean;
  crossCutting?: boolean;
  optional?: boolean;
  steps: DemoStep[];
  /** Which municipalities have solved it: 'all-but' a list, or a share of all, chosen deterministically */
  solved?: { allBut: string[] } | { share: number };
  deadlineChange?: { from: string; reason: string; at: string };
};

const PROJECTS = [
  { key: 'kontanthjaelpsreformen', name: 'Kontanthjælpsreformen', solutionKey: 'ky', description: 'Overgangen til den nye kontanthjælpsreform i KY og økonomisystemerne.' },
  { key: 'valg-2025', name: 'Valg 2025', solutionKey: 'valg', description: 'Kommunal- og regionsrådsvalget 2025 i VALG-løsningen.' },
  { key: 'flis', name: 'FLIS', solutionKey: 'flis', description: 'Fælleskommunalt Ledelsesinformationssystem.' },
];

/** The tasks on the slides of the May 2025 programme leader meeting. */
const TASKS: DemoTask[] = [
  {
    code: 'KLIK - FLIS 01',
    title: "Indmeld AftaleID for adgang til FLIS' administrationsmodul",
    description:
      "For at få adgang til FLIS' administrationsmodul og til årsopgørelsen i SAPA fra uge 23 skal kommunen indmelde sit AftaleID.\n\n" +
      '1. Find AftaleID i jeres aftale med leverandøren.\n2. Kontrollér, at de rette personer er registreret i KLIK.\n3. Indmeld AftaleID i trin 3.',
    consequence: "Kommunen kan ikke tilgå FLIS' administrationsmodul og får ikke adgang til årsopgørelsen i SAPA.",
    project: 'flis',
    solutionKey: 'flis',
    audience: { role: 'programleder' },
    status: 'published',
    deadline: '2025-05-28',
    critical: true,
    crossCutting: true,
    steps: [
      { title: 'Læs vejledningen', instructions: 'Vejledningen beskriver, hvor AftaleID findes.' },
      { title: 'Kontrollér brugere i KLIK', instructions: 'Sørg for, at kommunens FLIS-systemansvarlige er registreret i rollegalleriet.', answerKind: 'yes_no', answerLabel: 'Brugere kontrolleret' },
      {
        title: 'Indmeld AftaleID',
        instructions: 'Skriv kommunens AftaleID (seks cifre).',
        answerKind: 'identifier',
        answerLabel: 'AftaleID',
        answerPattern: '^[0-9]{6}$',
        answerHint: 'AftaleID består af seks cifre, fx 104320',
      },
    ],
    solved: { allBut: ['0153', '0707', '0320'] },
  },
  {
    code: 'KLIK - KR MI 02',
    title: 'Foretag mapning af de nye ydelsesarter og ydelsestyper i jeres økonomisystem',
    description: 'Kontanthjælpsreformen indfører nye ydelsesarter og ydelsestyper. De skal mappes i kommunens økonomisystem.',
    consequence: 'Manglende mapning vil give konteringer i økonomisystemerne, der ikke er koblet til ydelsesnavne m.m.',
    project: 'kontanthjaelpsreformen',
    solutionKey: 'ky',
    audience: { role: 'programleder' },
    status: 'published',
    deadline: '2025-06-18',
    critical: true,
    steps: [
      { title: 'Hent listen over nye ydelsesarter', instructions: 'Listen ligger som bilag til opgaven.' },
      { title: 'Map ydelsesarterne i økonomisystemet', instructions: 'Foretag mapningen og bekræft.', answerKind: 'yes_no', answerLabel: 'Mapning foretaget' },
    ],
    solved: { share: 0.6 },
    deadlineChange: { from: '2025-05-30', reason: 'Leverancen af ydelseslisten blev forsinket.', at: '2025-05-20T10:00:00+02:00' },
  },
  {
    code: 'KLIK - KR MI 03',
    title: 'Tag stilling til ændring i eksisterende brugersystemroller',
    description: 'Reformen ændrer brugersystemrollerne i KY. Tag stilling til, om kommunens roller skal ændres.',
    consequence: 'Manglende opsætning kan gøre, at brugergrupper med adgangsstyring ikke kan behandle opgaver, herunder HTF, overgangsopgaver, SÆS m.m.',
    project: 'kontanthjaelpsreformen',
    solutionKey: 'ky',
    audience: { role: 'programleder' },
    status: 'published',
    deadline: '2025-05-30',
    steps: [{ title: 'Gennemgå brugersystemrollerne', instructions: 'Beskriv kort jeres beslutning.', answerKind: 'text', answerLabel: 'Beslutning' }],
    solved: { share: 0.75 },
  },
  {
    code: 'KLIK - KR SA 01',
    title: 'Godkend serviceaftaler og aktivér Ruten på PROD mellem KY og CTR i forbindelse med medicintilskud',
    description: 'Serviceaftalerne skal godkendes, og Ruten skal aktiveres i produktion.',
    consequence: 'Medicintilskud vil ikke fungere uden godkendt(e) serviceaftale(r).',
    project: 'kontanthjaelpsreformen',
    solutionKey: 'ky',
    audience: { role: 'programleder' },
    status: 'published',
    deadline: '2025-05-30',
    critical: true,
    steps: [
      { title: 'Godkend serviceaftalerne', instructions: 'Godkend i Serviceplatformen.', answerKind: 'date', answerLabel: 'Godkendt den' },
      { title: 'Aktivér Ruten på PROD', instructions: 'Aktivér Ruten mellem KY og CTR.' },
    ],
    solved: { share: 0.85 },
  },
  {
    code: 'KLIK - KR MI 04',
    title: 'Opsæt organisation for KY i FK-Org',
    description: 'Kommunens organisation skal være opsat korrekt i FK-Org, så KY kan understøtte forretningen.',
    consequence: 'Hvis kommunen ikke er opsat korrekt i FK-Org ift. kommunens organisation, så kan KY ikke understøtte kommunens forretningsbehov.',
    project: 'kontanthjaelpsreformen',
    solutionKey: 'ky',
    audience: { role: 'programleder' },
    status: 'announced',
    deadline: '2025-06-30',
    steps: [{ title: 'Opsæt organisationen i FK-Org', instructions: 'Følg vejledningen.' }],
  },
  {
    code: 'KLIK - KR NULSUM',
    title: 'Nulsumstest',
    description: 'En test af, at ydelserne summer til nul efter overgangen. Valgfri at foretage for kommunen.',
    consequence: 'Ingen – testen er valgfri.',
    project: 'kontanthjaelpsreformen',
    solutionKey: 'ky',
    audience: { role: 'programleder' },
    status: 'announced',
    deadline: '2025-06-30',
    optional: true,
    steps: [{ title: 'Foretag nulsumstesten', instructions: 'Se testbeskrivelsen.', answerKind: 'yes_no', answerLabel: 'Test gennemført' }],
  },
  {
    code: 'KLIK - KR SA 02',
    title: 'Foretag opsætning af EAN-numre i ERP-løsning til håndtering af medicintilskudssager',
    description: 'EAN-numrene skal opsættes i kommunens ERP-løsning.',
    consequence: 'KY skal understøtte automatikken med håndteringen af medicintilskudssager.',
    project: 'kontanthjaelpsreformen',
    solutionKey: 'ky',
    audience: { role: 'programleder' },
    status: 'announced',
    deadline: '2025-06-30',
    steps: [{ title: 'Opsæt EAN-numre', instructions: 'Angiv det anvendte EAN-nummer.', answerKind: 'identifier', answerLabel: 'EAN-nummer', answerPattern: '^[0-9]{13}$', answerHint: 'Et EAN-nummer har 13 cifre' }],
  },
  {
    code: 'KLIK - KR MI 05',
    title: 'Nye ydelsesarter og ydelsestyper – fordelingsnøgler',
    description: 'De nye ydelsesarter skal indgå i kommunens fordelingsnøgler.',
    consequence: 'Manglende opsætning kan gøre, at opgaver falder uden for de eksisterende fordelingsnøgler.',
    project: 'kontanthjaelpsreformen',
    solutionKey: 'ky',
    audience: { role: 'programleder' },
    status: 'announced',
    deadline: '2025-06-30',
    steps: [{ title: 'Opdatér fordelingsnøglerne', instructions: 'Tilføj de nye ydelsesarter.' }],
  },
  {
    code: 'KLIK - VALG 01',
    title: 'Tildel MitID Erhverv til alle brugere af VALG-løsningen',
    description:
      'For at alle brugere altid har adgang til VALG-løsningen, også ved nedbrud på Context Handleren, har løsningen to loginmetoder: ' +
      'Context Handler (primær) og MitID Erhverv (backup). Alle brugere med adgang via Context Handler skal også have adgang med MitID Erhverv – ikke kun de kritiske brugere på valgdagen.',
    consequence: 'Brugere uden MitID Erhverv kan ikke logge ind, hvis Context Handleren er nede på valgdagen.',
    project: 'valg-2025',
    solutionKey: 'valg',
    audience: { role: 'systemansvarlig', solution: 'valg' },
    status: 'published',
    deadline: '2025-06-27',
    crossCutting: true,
    steps: [
      { title: 'Find alle brugere med adgang via Context Handler', instructions: 'Træk listen fra brugeradministrationen.' },
      { title: 'Tildel MitID Erhverv', instructions: 'Angiv hvor mange brugere der har fået MitID Erhverv.', answerKind: 'text', answerLabel: 'Antal brugere' },
    ],
    solved: { share: 0.5 },
  },
];

/** Deterministic spread over the municipalities, so the demo looks the same on every machine. */
const pick = (code: string, salt: string, share: number) =>
  createHash('sha256').update(`${salt}|${code}`).digest().readUInt16BE(0) / 65536 < share;

function answerFor(step: DemoStep, code: string, index: number): string | null {
  switch (step.answerKind) {
    case 'identifier':
      return step.answerLabel === 'AftaleID' ? `10${code}` : `57${code}0000${String(index).padStart(3, '0')}`.slice(0, 13);
    case 'yes_no':
      return 'ja';
    case 'date':
      return '2025-05-21';
    case 'text':
      return step.answerLabel === 'Antal brugere' ? String(10 + (Number(code) % 40)) : 'Rollerne er gennemgået og tilpasset.';
    default:
      return null;
  }
}

/** Tasks, projects and progress from the deck. Historic dates: no reminders are scheduled for them. */
export async function seedDemoTasks(db: Db): Promise<void> {
  const codes = (await db.select({ code: municipality.code }).from(municipality)).map((m) => m.code);
  await db.transaction(async (tx) => {
    const projects = await tx.insert(project).values(PROJECTS).returning({ id: project.id, key: project.key });
    for (const d of TASKS) {
      const publishedAt = new Date(`${d.deadline}T08:00:00+02:00`);
      publishedAt.setDate(publishedAt.getDate() - 30);
      const [t] = await tx
        .insert(task)
        .values({
          code: d.code,
          title: d.title,
          description: d.description,
          consequence: d.consequence,
          projectId: projects.find((p) => p.key === d.project)!.id,
          solutionKey: d.solutionKey,
          audienceRoleKey: d.audience.role,
          audienceSolutionKey: d.audience.solution ?? null,
          audiencePrimaryOnly: d.audience.primaryOnly ?? false,
          critical: d.critical ?? false,
          crossCutting: d.crossCutting ?? false,
          optional: d.optional ?? false,
          status: d.status,
          deadline: d.deadline,
          announceAt: publishedAt,
          publishedAt: d.status === 'published' ? publishedAt : null,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        })
        .returning();
      const steps = await tx
        .insert(taskStep)
        .values(d.steps.map((s, i) => ({ taskId: t!.id, position: i + 1, title: s.title, instructions: s.instructions, answerKind: s.answerKind ?? 'none', answerLabel: s.answerLabel ?? '', answerPattern: s.answerPattern ?? null, answerHint: s.answerHint ?? '' })))
        .returning();
      if (d.deadlineChange) {
        await tx.insert(taskDeadlineChange).values({ taskId: t!.id, fromDeadline: d.deadlineChange.from, toDeadline: d.deadline, reason: d.deadlineChange.reason, changedAt: new Date(d.deadlineChange.at) });
      }
      const solvedAt = new Date(`${d.deadline}T12:00:00+02:00`);
      solvedAt.setDate(solvedAt.getDate() - 3);
      const solved = (code: string) => (!d.solved ? false : 'allBut' in d.solved ? !d.solved.allBut.includes(code) : pick(code, d.code, d.solved.share));
      await tx.insert(taskTarget).values(
        codes.map((code) => {
          const done = d.status === 'published' && solved(code);
          const started = d.status === 'published' && !done && pick(code, `${d.code}-i-gang`, 0.4);
          const status: TargetStatus = done ? 'loest' : started ? 'i_gang' : 'ikke_startet';
          return { taskId: t!.id, municipalityCode: code, status, solvedAt: done ? solvedAt : null, lastActivityAt: done || started ? solvedAt : null };
        }),
      );
      const answers = codes.flatMap((code) => {
        if (d.status !== 'published') return [];
        const done = solved(code);
        const started = !done && pick(code, `${d.code}-i-gang`, 0.4);
        const upTo = done ? steps.length : started ? 1 : 0;
        return steps
          .filter((s) => s.position <= upTo)
          .map((s, i) => ({ stepId: s.id, taskId: t!.id, municipalityCode: code, value: answerFor(d.steps[s.position - 1]!, code, i), completed: done || steps.length > 1, answeredAt: solvedAt }));
      });
      if (answers.length > 0) await tx.insert(stepAnswer).values(answers);
    }
  });
}
