import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, parseInput } from '../../../platform/errors.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { formatDayLong } from '../../../platform/views/format.ts';
import { councilMeeting } from '../schema.ts';
import { loadCouncil, type Council } from './load.ts';
import { meetingInput } from './meeting-input.ts';
import { authorizeGovernance } from './policy.ts';

/** A council meets once a day at most (the unique index council_meeting_council_date); the message names the meeting in the way. */
export const sameDayConflict = (c: Pick<Council, 'name'>, other: { meetingDate: string; title?: string }) =>
  conflict(`${c.name} har allerede et møde den ${formatDayLong(other.meetingDate)}${other.title ? `: ${other.title}` : ''}. Et råd kan kun holde ét møde pr. dag.`, {
    date: `${c.name} har allerede et møde den dag${other.title ? ` (${other.title})` : ''}`,
  });

/** The council's meetings in the calendar year of `day`, for the "three a year" note. */
export async function meetingsInYear(tx: Db, councilId: string, day: string): Promise<number> {
  const year = day.slice(0, 4);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(councilMeeting)
    .where(and(eq(councilMeeting.councilId, councilId), gte(councilMeeting.meetingDate, `${year}-01-01`), lte(councilMeeting.meetingDate, `${year}-12-31`)));
  return row?.n ?? 0;
}

export type CreatedMeeting = { id: string; created: boolean; meetingsThatYear: number };

/**
 * Plans a meeting of a council: its Danish day, title and place, audited in the same transaction.
 * The council and day identify it: the same meeting sent again (a double click, a retry) creates
 * nothing and answers `created: false`; another meeting on a day the council already meets is 409.
 * Three meetings a year is the norm, not a rule: a fourth is planned like the others and the answer
 * says how many the year now has.
 */
export async function createMeeting(ctx: Ctx & { actor: Actor }, key: string, raw: unknown): Promise<CreatedMeeting> {
  authorizeGovernance(ctx.actor, 'edit');
  const input = parseInput(meetingInput, raw);
  return ctx.db.transaction(async (tx) => {
    // The council's row serialises its meeting writes, so the day check below sees the other's insert.
    const c = await loadCouncil(tx, key, { forUpdate: true });
    const [existing] = await tx
      .select()
      .from(councilMeeting)
      .where(and(eq(councilMeeting.councilId, c.id), eq(councilMeeting.meetingDate, input.date)));
    if (existing) {
      if (existing.title === input.title && existing.location === input.location) {
        return { id: existing.id, created: false, meetingsThatYear: await meetingsInYear(tx, c.id, input.date) };
      }
      throw sameDayConflict(c, existing);
    }
    let id: string;
    try {
      const [row] = await tx
        .insert(councilMeeting)
        .values({ councilId: c.id, meetingDate: input.date, title: input.title, location: input.location, createdAt: ctx.now, createdBy: ctx.actor.userId })
        .returning({ id: councilMeeting.id });
      id = row!.id;
    } catch (error) {
      // Another meeting moved onto the day since the check above: the unique index has the last word.
      if (isUniqueViolation(error, 'council_meeting_council_date')) throw sameDayConflict(c, { meetingDate: input.date });
      throw error;
    }
    await recordAudit(tx, ctx, {
      action: 'governance.meeting_created',
      entityType: 'council_meeting',
      entityId: id,
      after: { council: c.key, date: input.date, title: input.title, location: input.location },
    });
    return { id, created: true, meetingsThatYear: await meetingsInYear(tx, c.id, input.date) };
  });
}
