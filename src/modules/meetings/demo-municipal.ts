import { and, asc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { danishMidnight } from '../../platform/days.ts';
import { loadRoleHolders } from '../../platform/identity/role-holders.ts';
import { municipality } from '../../platform/identity/schema.ts';
import { danishCompare } from '../../platform/views/format.ts';
import { agendaDescription } from './municipal/place-meeting-input.ts';
import { meeting, meetingAgendaItem, meetingAttendee, meetingInput, type MeetingInputKind } from './schema.ts';

const DAY = 24 * 3600_000;

type DemoInput = { code: string; kind: MeetingInputKind; title: string; body: string; forComing: boolean; placed?: boolean; daysAgo: number };

/** Faxe's input for the coming meeting (the FLIS task it has not solved, a topic wish) and three other municipalities', Brøndby's already on the agenda. */
const INPUT: DemoInput[] = [
  {
    code: '0320',
    kind: 'spoergsmaal',
    title: 'FLIS: hvordan indmelder vi AftaleID efter fristen?',
    body: 'Vi nåede ikke at indmelde AftaleID til FLIS-opgavens trin 3. Kan vi stadig få adgang til årsopgørelsen i SAPA, og hvem skal vi kontakte?',
    forComing: true,
    daysAgo: 6,
  },
  {
    code: '0320',
    kind: 'emne',
    title: 'Erfaringer med MitID Erhverv i VALG',
    body: 'Vi vil gerne høre, hvordan andre kommuner har tildelt MitID Erhverv til valgsekretariatets brugere, og hvad de har lært af det.',
    forComing: false,
    daysAgo: 3,
  },
  {
    code: '0153',
    kind: 'spoergsmaal',
    title: 'Byg og Miljø: hvem skriver under på databehandleraftalen?',
    body: 'Vi har endnu ikke udpeget en systemansvarlig for Byg og Miljø. Kan programlederen skrive under i stedet?',
    forComing: true,
    placed: true,
    daysAgo: 10,
  },
  {
    code: '0101',
    kind: 'emne',
    title: 'Kontanthjælpsreformen: status på omstillingsopgaverne',
    body: 'Vi ønsker en gennemgang af, hvor langt kommunerne er med omstillingsopgaverne, og hvad der sker med dem, der ikke er behandlet.',
    forComing: true,
    daysAgo: 8,
  },
  {
    code: '0751',
    kind: 'spoergsmaal',
    title: 'Aula: sletning af sikre filer ved skoleskift',
    body: 'Hvornår slettes sikre filer om et barn, der skifter skole midt i året, og skal den nye skole gøre noget?',
    forComing: false,
    daysAgo: 2,
  },
];

/** Every third municipality's program leader attended the May 2025 meeting, every other of them online. */
async function seedMayAttendance(db: Db): Promise<void> {
  const [may] = await db
    .select({ id: meeting.id, startsAt: meeting.startsAt })
    .from(meeting)
    .where(and(gte(meeting.startsAt, danishMidnight('2025-05-01')), lt(meeting.startsAt, danishMidnight('2025-06-01'))))
    .orderBy(asc(meeting.startsAt))
    .limit(1);
  if (!may) return;
  const leaders = (await loadRoleHolders(db, ['programleder'])).sort((a, b) => Number(a.municipalityCode) - Number(b.municipalityCode) || danishCompare(a.name, b.name));
  const seen = new Set<string>();
  const chosen = leaders.filter((l, i) => {
    if (seen.has(l.municipalityCode)) return false;
    seen.add(l.municipalityCode);
    return i % 3 === 0 || l.municipalityCode === '0320';
  });
  if (chosen.length === 0) return;
  await db
    .insert(meetingAttendee)
    .values(
      chosen.map((l, i) => ({
        meetingId: may.id,
        municipalityCode: l.municipalityCode,
        personId: l.personId,
        name: l.name,
        email: l.email,
        online: i % 2 === 1,
        registeredAt: new Date(may.startsAt.getTime() - (7 + (i % 5)) * DAY),
        registeredBy: l.userId,
      })),
    )
    .onConflictDoNothing();
}

/** The municipalities' input for the coming meeting and the next one; run again, it adds nothing. */
async function seedInput(db: Db, now: Date): Promise<void> {
  const [coming] = await db.select({ id: meeting.id }).from(meeting).where(gt(meeting.startsAt, now)).orderBy(asc(meeting.startsAt), asc(meeting.id)).limit(1);
  const codes = [...new Set(INPUT.map((i) => i.code))];
  const existing = await db.select({ code: meetingInput.municipalityCode, title: meetingInput.title }).from(meetingInput).where(inArray(meetingInput.municipalityCode, codes));
  const names = new Map((await db.select({ code: municipality.code, name: municipality.name }).from(municipality).where(inArray(municipality.code, codes))).map((m) => [m.code, m.name]));
  const missing = INPUT.filter((i) => names.has(i.code) && !existing.some((e) => e.code === i.code && e.title === i.title));
  for (const i of missing) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(meetingInput)
        .values({ municipalityCode: i.code, meetingId: i.forComing && coming ? coming.id : null, kind: i.kind, title: i.title, body: i.body, submittedAt: new Date(now.getTime() - i.daysAgo * DAY) })
        .returning({ id: meetingInput.id });
      if (!i.placed || !coming) return;
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${meetingAgendaItem.position}), 0)`.mapWith(Number) })
        .from(meetingAgendaItem)
        .where(eq(meetingAgendaItem.meetingId, coming.id));
      const [item] = await tx
        .insert(meetingAgendaItem)
        .values({ meetingId: coming.id, position: (last?.position ?? 0) + 1, title: i.title, description: agendaDescription(i.body, names.get(i.code)!) })
        .returning({ id: meetingAgendaItem.id });
      await tx.update(meetingInput).set({ agendaItemId: item!.id }).where(eq(meetingInput.id, row!.id));
    });
  }
}

/**
 * The municipalities' part of the demo meetings, run after the planning demo made them: the May
 * 2025 meeting's attendance (program leaders from a third of the municipalities), and input for the
 * first meeting after `now` (Faxe's question on the FLIS task and a topic wish, three other
 * municipalities', Brøndby's already on that meeting's agenda). Without meetings it adds only what
 * needs none: input for "the next meeting".
 */
export async function seedDemoMeetingInput(db: Db, now: Date): Promise<void> {
  await seedMayAttendance(db);
  await seedInput(db, now);
}
