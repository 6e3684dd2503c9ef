import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { danishDay, danishTime } from '../../platform/days.ts';
import { addDays } from '../../platform/reminders/schedule.ts';
import { DEMO_COUNCILS, DEMO_MEMBERS, LOCATION, MEETINGS_2026, NEXT_MEETING_IN_DAYS, standingItems, type DemoCouncil, type DemoItem, type Round } from './demo-governance-content.ts';
import { renderMinutes } from './demo-minutes.ts';
import { council, councilMeeting, councilMember, meetingFile, meetingItem } from './schema.ts';

export type PlannedMeeting = {
  id: string;
  council: DemoCouncil & { id: string };
  date: string;
  title: string;
  round: Round;
  /** held meetings have decisions and minutes; upcoming ones an agenda only */
  held: boolean;
  before: DemoItem[];
  /** the pool proposals the meeting treats, added by the proposals demo */
  proposals: DemoItem[];
  after: DemoItem[];
};
export type GovernancePlan = { councils: (DemoCouncil & { id: string })[]; meetings: PlannedMeeting[] };

const roundOf = (day: string): Round => {
  const month = Number(day.slice(5, 7));
  return month <= 3 ? 'priorities' : month <= 7 ? 'strategy' : 'solutions';
};

/** A council meets on a Tuesday, Wednesday or Thursday, and not between Christmas and the first week of January. */
export function meetingDay(day: string): string {
  let d = day;
  const md = d.slice(5);
  if (md >= '12-20') d = `${Number(d.slice(0, 4)) + 1}-01-06`;
  else if (md <= '01-05') d = `${d.slice(0, 4)}-01-06`;
  while (![2, 3, 4].includes(new Date(`${d}T12:00:00Z`).getUTCDay())) d = addDays(d, 1);
  return d;
}

/**
 * The councils' meetings relative to the seed's day: the 2026 meetings (January's always held, the
 * deck's history; the others held once their day has passed), and, for a council with no meeting
 * ahead, its next one three to five weeks from the seed's day, with an agenda and no decisions.
 */
export function planGovernance(now: Date, poolText: (year: number) => string): GovernancePlan {
  const today = danishDay(now);
  const councils = DEMO_COUNCILS.map((c) => ({ ...c, id: randomUUID() }));
  const meetings: PlannedMeeting[] = [];
  for (const c of councils) {
    const days: string[] = [...MEETINGS_2026[c.key]!];
    if (!days.some((d) => d >= today)) days.push(meetingDay(addDays(today, NEXT_MEETING_IN_DAYS[c.key]!)));
    const chair = DEMO_MEMBERS[c.key]!.find((m) => m.chair)!.name!;
    days.forEach((date, i) => {
      const year = Number(date.slice(0, 4));
      const n = days.slice(0, i).filter((d) => d.startsWith(String(year))).length + 1;
      const round = roundOf(date);
      const items = standingItems(c, round, year, { first: i === 0, chair, poolText: poolText(year) });
      meetings.push({
        id: randomUUID(),
        council: c,
        date,
        title: `${n}. ${c.kind === 'portefoeljeraad' ? 'Porteføljerådsmøde' : 'Fagrådsmøde'} ${year}`,
        round,
        held: date.startsWith('2026-01') || date < today,
        ...items,
        proposals: [],
      });
    });
  }
  return { councils, meetings };
}

/** The councils, their members, meetings, agenda items and minutes: one statement per table, the minutes rendered once each. */
export async function seedEconomyGovernance(tx: Db, plan: GovernancePlan, opts: { economist: string; now: Date }): Promise<void> {
  const notAfterNow = (d: Date) => new Date(Math.min(d.getTime(), opts.now.getTime()));
  await tx.insert(council).values(plan.councils.map((c, i) => ({ id: c.id, key: c.key, kind: c.kind, name: c.name, area: c.area, description: c.description, sort: i + 1 })));
  await tx.insert(councilMember).values(
    plan.councils.flatMap((c) =>
      DEMO_MEMBERS[c.key]!.map((m, i) => ({ councilId: c.id, seat: m.seat, name: m.name, organisation: m.organisation, municipalityCode: m.municipalityCode ?? null, chair: m.chair ?? false, sort: i + 1 })),
    ),
  );
  await tx.insert(councilMeeting).values(
    plan.meetings.map((m) => ({
      id: m.id,
      councilId: m.council.id,
      meetingDate: m.date,
      title: m.title,
      location: LOCATION,
      // The year plan's meetings were set up in November 2025; a next meeting a week before the seed.
      createdAt: notAfterNow(m.date.startsWith('2026-') ? danishTime('2025-11-03', 10) : danishTime(addDays(danishDay(opts.now), -7), 10)),
      createdBy: opts.economist,
    })),
  );
  await tx.insert(meetingItem).values(
    plan.meetings.flatMap((m) =>
      [...m.before, ...m.proposals, ...m.after].map((item, i) => ({ meetingId: m.id, position: i + 1, title: item.title, description: item.description, decision: m.held ? item.decision : null })),
    ),
  );
  const held = plan.meetings.filter((m) => m.held);
  const minutes = await Promise.all(held.map((m) => renderMinutes(m, LOCATION)));
  await tx.insert(meetingFile).values(
    held.map((m, i) => ({
      meetingId: m.id,
      kind: 'referat' as const,
      filename: `referat-${m.council.key}-${m.date}.pdf`,
      contentType: 'application/pdf',
      size: minutes[i]!.content.length,
      sha256: minutes[i]!.sha256,
      content: minutes[i]!.content,
      uploadedAt: notAfterNow(danishTime(addDays(m.date, 6), 10)),
      uploadedBy: opts.economist,
    })),
  );
}
