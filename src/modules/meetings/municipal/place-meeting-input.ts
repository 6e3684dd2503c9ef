import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, notFound, parseInput } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { authorizeMeeting, canReadMunicipalityMeetingData } from '../policy.ts';
import { meeting, meetingAgendaItem, meetingInput } from '../schema.ts';
import { placeInput } from './inputs.ts';
import { hasEnded } from '../meeting-row.ts';

export type PlaceResult = { placed: boolean; agendaItemId: string; meetingId: string };

export const inputNotFound = () => notFound('Inputtet findes ikke.');

/** What the agenda item says: the municipality's text and where it came from. */
export const agendaDescription = (body: string, municipalityName: string) => [body.trim(), `Input fra ${municipalityName} Kommune`].filter(Boolean).join('\n\n');

/**
 * Puts a municipality's input on a meeting's agenda: in one transaction an agenda item at the end
 * (title and text from the input, its municipality named), the input pointing at it, the audit row.
 * The meeting is the one chosen, else the input's own, else the next coming one. The input's row
 * lock makes a second placing, in a row or at the same time, find it placed and change nothing.
 */
export async function placeMeetingInput(ctx: Ctx & { actor: Actor }, id: string, raw: unknown): Promise<PlaceResult> {
  const [head] = await ctx.db.select({ municipalityCode: meetingInput.municipalityCode }).from(meetingInput).where(eq(meetingInput.id, id));
  if (!head || !canReadMunicipalityMeetingData(ctx.actor, head.municipalityCode)) throw inputNotFound();
  authorizeMeeting(ctx.actor, 'edit');
  const { meetingId: chosen } = parseInput(placeInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [input] = await tx
      .select({ title: meetingInput.title, body: meetingInput.body, meetingId: meetingInput.meetingId, agendaItemId: meetingInput.agendaItemId, municipalityName: municipality.name })
      .from(meetingInput)
      .innerJoin(municipality, eq(municipality.code, meetingInput.municipalityCode))
      .where(eq(meetingInput.id, id))
      .for('update', { of: meetingInput });
    if (!input) throw inputNotFound();
    if (input.agendaItemId !== null) {
      const [item] = await tx.select({ meetingId: meetingAgendaItem.meetingId }).from(meetingAgendaItem).where(eq(meetingAgendaItem.id, input.agendaItemId));
      return { placed: false, agendaItemId: input.agendaItemId, meetingId: item!.meetingId };
    }
    let target = chosen ?? input.meetingId;
    if (target === null) {
      const [next] = await tx.select({ id: meeting.id }).from(meeting).where(gt(meeting.startsAt, ctx.now)).orderBy(asc(meeting.startsAt), asc(meeting.id)).limit(1);
      if (!next) throw invalid({ meetingId: 'Der er intet kommende møde at sætte inputtet på. Planlæg mødet først.' });
      target = next.id;
    }
    // The meeting's lock keeps two placings on the same agenda from taking the same position.
    const [m] = await tx.select({ id: meeting.id, title: meeting.title, endsAt: meeting.endsAt }).from(meeting).where(eq(meeting.id, target)).for('update');
    if (!m) throw invalid({ meetingId: 'Mødet findes ikke. Vælg et af de kommende møder.' });
    if (hasEnded(m, ctx.now)) throw invalid({ meetingId: 'Mødet er afholdt. Vælg et af de kommende møder.' });
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${meetingAgendaItem.position}), 0)`.mapWith(Number) })
      .from(meetingAgendaItem)
      .where(eq(meetingAgendaItem.meetingId, m.id));
    const [item] = await tx
      .insert(meetingAgendaItem)
      .values({ meetingId: m.id, position: (last?.position ?? 0) + 1, title: input.title, description: agendaDescription(input.body, input.municipalityName), createdAt: ctx.now })
      .returning({ id: meetingAgendaItem.id, position: meetingAgendaItem.position });
    await tx
      .update(meetingInput)
      .set({ agendaItemId: item!.id })
      .where(and(eq(meetingInput.id, id), isNull(meetingInput.agendaItemId)));
    await recordAudit(tx, ctx, {
      action: 'meeting.input_placed',
      entityType: 'meeting_input',
      entityId: id,
      municipalityCode: head.municipalityCode,
      after: { meetingId: m.id, meetingTitle: m.title, agendaItemId: item!.id, position: item!.position, title: input.title },
    });
    return { placed: true, agendaItemId: item!.id, meetingId: m.id };
  });
}
