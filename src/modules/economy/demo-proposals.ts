import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { danishDay, danishTime } from '../../platform/days.ts';
import { addDays } from '../../platform/reminders/schedule.ts';
import { formatKroner } from '../../platform/views/format.ts';
import { FAGRAAD_BBD, FAGRAAD_BY, PORTFOLIO_COUNCIL } from './demo-governance-content.ts';
import type { GovernancePlan, PlannedMeeting } from './demo-governance.ts';
import type { DemoEconomyPeople } from './demo-people.ts';
import { poolProposal, poolProposalSolution, poolProposalStep, type ProposalStatus } from './schema.ts';

/** Made-up proposals to the prioritisation pool, each moved at the meetings of the governance demo. */

type Step = { status: ProposalStatus; meeting: PlannedMeeting | null; decision: string; at: Date };
type Proposal = {
  id: string;
  year: number;
  title: string;
  description: string;
  costKr: number;
  municipalityCode: string | null;
  proposer: string;
  proposedBy: string | null;
  solutions: string[];
  steps: Step[];
};

const KR = 100;

export function planProposals(plan: GovernancePlan, now: Date, people: DemoEconomyPeople): Proposal[] {
  const today = danishDay(now);
  const of = (key: string) => plan.meetings.filter((m) => m.council.key === key);
  const january = (key: string) => of(key).find((m) => m.date.startsWith('2026-01'))!;
  const latestHeld = (key: string) => of(key).filter((m) => m.held).at(-1)!;
  const nextAhead = (key: string) => of(key).find((m) => !m.held)!;
  const received = (day: string) => danishTime(day, 10);
  const decided = (m: PlannedMeeting) => danishTime(m.date, 15);
  const faxeProposer = people.accountOf('it-chef-0320@samspil.demo') ?? people.accountOf('programleder-0320@samspil.demo');

  const proposals: Proposal[] = [];
  const propose = (p: Omit<Proposal, 'id' | 'steps'>, day: string, steps: Omit<Step, 'at'>[]) => {
    const proposal = {
      ...p,
      id: randomUUID(),
      steps: [{ status: 'modtaget' as const, meeting: null, decision: 'Modtaget af sekretariatet.', at: received(day) }, ...steps.map((s) => ({ ...s, at: decided(s.meeting!) }))],
    };
    proposals.push(proposal);
    return proposal;
  };
  /** The item a meeting treats the proposal under; a held meeting records the decision. */
  const onAgenda = (m: PlannedMeeting, p: Proposal, decision: string) =>
    m.proposals.push({ title: `Forslag fra ${p.proposer}: ${p.title}`, description: `${p.description} Anslået pris: ${formatKroner(p.costKr * KR)}.`, decision });

  // ---- the January 2026 round: two prioritised, one rejected
  const byJan = january(FAGRAAD_BY);
  const bbdJan = january(FAGRAAD_BBD);
  const prJan = january(PORTFOLIO_COUNCIL);
  const faxe = propose(
    {
      year: 2026,
      title: 'Journalisering af Aula-filer til ESDH før sletning',
      description: 'Filer om børn i Aula skal kunne journaliseres automatisk til kommunens ESDH-system via fordelingskomponenten, før de reviderede slettefrister slår igennem i september 2026.',
      costKr: 1_850_000,
      municipalityCode: '0320',
      proposer: 'Faxe Kommune',
      proposedBy: faxeProposer,
      solutions: ['aula', 'infrastruktur'],
    },
    '2025-11-18',
    [
      { status: 'behandlet_fagraad', meeting: bbdJan, decision: 'Fagrådet støtter forslaget: relevante filer skal være journaliseret, før de slettes.' },
      { status: 'indstillet', meeting: bbdJan, decision: 'Indstillet til Porteføljerådet med høj prioritet.' },
      { status: 'prioriteret', meeting: prJan, decision: 'Prioriteret med 1.850.000,00 kr. af puljen for 2026, så journaliseringen er klar før september 2026.' },
    ],
  );
  const ky = propose(
    {
      year: 2026,
      title: 'Forretningsmæssigt vedligehold af KY efter kontanthjælpsreformen',
      description: 'Rettelser og tilpasninger i KY, efter at omstillingsopgaverne fra kontanthjælpsreformen er behandlet.',
      costKr: 3_200_000,
      municipalityCode: null,
      proposer: 'KOMBIT',
      proposedBy: people.economist,
      solutions: ['ky'],
    },
    '2025-12-02',
    [
      { status: 'behandlet_fagraad', meeting: byJan, decision: 'Fagrådet finder vedligeholdet nødvendigt for at sikre korrekte udbetalinger.' },
      { status: 'indstillet', meeting: byJan, decision: 'Indstillet til Porteføljerådet som første prioritet i området.' },
      { status: 'prioriteret', meeting: prJan, decision: 'Prioriteret med 3.200.000,00 kr. af puljen for 2026 som forretningsmæssigt vedligehold.' },
    ],
  );
  const aarhus = propose(
    {
      year: 2026,
      title: 'Samlet ydelsesoverblik på tværs af KY og KSD i SAPA',
      description: 'Sagsbehandlere skal i SAPA se en borgers ydelser fra KY og KSD samlet, så sager på tværs af forvaltninger hænger sammen.',
      costKr: 2_600_000,
      municipalityCode: '0751',
      proposer: 'Aarhus Kommune',
      proposedBy: people.accountOf('programleder-0751@samspil.demo'),
      solutions: ['sapa', 'ky', 'ksd'],
    },
    '2025-11-25',
    [
      { status: 'behandlet_fagraad', meeting: byJan, decision: 'Fagrådet ser værdien, men prioriterer vedligeholdet af KY højere.' },
      { status: 'indstillet', meeting: byJan, decision: 'Indstillet til Porteføljerådet med lavere prioritet end vedligeholdet af KY.' },
      {
        status: 'afvist',
        meeting: prJan,
        decision: 'Afvist for 2026: puljen rækker ikke til både reformens vedligehold og nye funktioner, og gevinsten er ikke dokumenteret. Aarhus Kommune opfordres til at genfremsætte forslaget med en business case til puljen for 2027.',
      },
    ],
  );
  for (const p of [faxe, aarhus, ky]) {
    const [treated, recommended, final] = p.steps.slice(1);
    onAgenda(treated!.meeting!, p, `${treated!.decision} ${recommended!.decision}`);
    onAgenda(final!.meeting!, p, final!.decision);
  }

  // ---- the latest round held: one recommended and awaiting the Porteføljeråd, one back for another round in its Fagråd
  const bbdLast = latestHeld(FAGRAAD_BBD);
  const kbh = propose(
    {
      year: Number(bbdLast.date.slice(0, 4)) + 1,
      title: 'Valgkort i Digital Post til borgere, der har tilmeldt sig',
      description: 'Borgere, der har Digital Post, får valgkortet digitalt i stedet for på papir; tryk og porto spares for dem.',
      costKr: 1_400_000,
      municipalityCode: '0101',
      proposer: 'Københavns Kommune',
      proposedBy: people.accountOf('programleder-0101@samspil.demo'),
      solutions: ['valg'],
    },
    addDays(bbdLast.date, -24),
    [
      { status: 'behandlet_fagraad', meeting: bbdLast, decision: 'Fagrådet støtter forslaget; besparelsen på porto kommer alle kommuner til gode.' },
      { status: 'indstillet', meeting: bbdLast, decision: 'Indstillet til Porteføljerådet.' },
    ],
  );
  onAgenda(bbdLast, kbh, `${kbh.steps[1]!.decision} ${kbh.steps[2]!.decision}`);
  for (const m of of(PORTFOLIO_COUNCIL).filter((x) => x.date > bbdLast.date)) {
    onAgenda(m, kbh, `Udsat: Porteføljerådet prioriterer forslaget sammen med puljen for ${kbh.year}, når det samlede omkostningsbudget kendes.`);
  }

  const byLast = latestHeld(FAGRAAD_BY);
  const pension = propose(
    {
      year: Number(byLast.date.slice(0, 4)) + 1,
      title: 'Automatisk genberegning af social pension ved nye indtægtsoplysninger',
      description: 'KP genberegner pensionen, når nye oplysninger fra indkomstregisteret kommer, i stedet for at sagsbehandleren starter det.',
      costKr: 950_000,
      municipalityCode: '0751',
      proposer: 'Aarhus Kommune',
      proposedBy: people.accountOf('programleder-0751@samspil.demo'),
      solutions: ['kp'],
    },
    addDays(byLast.date, -23),
    [{ status: 'behandlet_fagraad', meeting: byLast, decision: 'Fagrådet vil have KOMBITs vurdering af snitfladen til Udbetaling Danmark, før forslaget kan indstilles. Behandles igen på næste møde.' }],
  );
  onAgenda(byLast, pension, pension.steps[1]!.decision);
  for (const m of of(FAGRAAD_BY).filter((x) => x.date > byLast.date)) onAgenda(m, pension, 'Genbehandles med KOMBITs vurdering af snitfladen.');

  // ---- just received, on the next meeting's agenda: Faxe's program leader and KOMBIT
  const bbdNext = nextAhead(FAGRAAD_BBD);
  const nextYear = Number(today.slice(0, 4)) + 1;
  const fresh = [
    propose(
      {
        year: nextYear,
        title: 'Besked i Borgerblikket, når en sag skifter status',
        description: 'Borgeren får en besked i Digital Post, når en sag, der vises i Borgerblikket, skifter status, så færre ringer for at høre, hvor sagen er.',
        costKr: 600_000,
        municipalityCode: '0320',
        proposer: 'Faxe Kommune',
        proposedBy: people.accountOf('programleder-0320@samspil.demo'),
        solutions: ['borgerblikket'],
      },
      addDays(today, -3),
      [],
    ),
    propose(
      {
        year: nextYear,
        title: 'Automatisk opdatering af BBR, når et byggeri færdigmeldes i Byg og Miljø',
        description: 'Færdigmeldingen i Byg og Miljø opdaterer BBR direkte, så kommunens medarbejdere ikke taster oplysningerne igen.',
        costKr: 1_100_000,
        municipalityCode: null,
        proposer: 'KOMBIT',
        proposedBy: people.economist,
        solutions: ['byg-og-miljoe'],
      },
      addDays(today, -6),
      [],
    ),
  ];
  for (const p of fresh) onAgenda(bbdNext, p, '');
  return proposals;
}

/** The proposals, their solutions and steps: one statement per table. */
export async function seedEconomyProposals(tx: Db, proposals: Proposal[], opts: { economist: string }): Promise<void> {
  // Insert in the order they were received, so the running numbers follow the dates.
  const ordered = [...proposals].sort((a, b) => a.steps[0]!.at.getTime() - b.steps[0]!.at.getTime());
  const last = (p: Proposal) => p.steps.at(-1)!;
  await tx.insert(poolProposal).values(
    ordered.map((p) => ({
      id: p.id,
      year: p.year,
      title: p.title,
      description: p.description,
      estimatedCostOre: p.costKr * KR,
      municipalityCode: p.municipalityCode,
      proposedBy: p.proposedBy,
      status: last(p).status,
      createdAt: p.steps[0]!.at,
      updatedAt: last(p).at,
    })),
  );
  await tx.insert(poolProposalSolution).values(ordered.flatMap((p) => p.solutions.map((solutionKey) => ({ proposalId: p.id, solutionKey }))));
  await tx.insert(poolProposalStep).values(
    ordered.flatMap((p) =>
      p.steps.map((s) => ({ proposalId: p.id, status: s.status, meetingId: s.meeting?.id ?? null, decision: s.decision, decidedAt: s.at, decidedBy: s.meeting ? opts.economist : p.proposedBy })),
    ),
  );
}
