import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/errors.ts';
import { authorizeMeetingMunicipality } from '../policy.ts';
import { meetingInput } from '../schema.ts';
import { speakerMunicipality } from './register-attendee.ts';

const alreadyPlaced = () => conflict('Inputtet er sat på dagsordenen og kan ikke længere trækkes tilbage. Kontakt KOMBIT, hvis det skal af dagsordenen.');

/**
 * Withdraws the actor's municipality's input while it is not on an agenda. Another municipality's
 * is 404; one already withdrawn answers `withdrawn: false`.
 */
export async function withdrawMeetingInput(ctx: Ctx & { actor: Actor }, id: string): Promise<{ withdrawn: boolean }> {
  const [row] = await ctx.db
    .select({ municipalityCode: meetingInput.municipalityCode, agendaItemId: meetingInput.agendaItemId })
    .from(meetingInput)
    .where(eq(meetingInput.id, id));
  if (!row) {
    speakerMunicipality(ctx.actor);
    return { withdrawn: false };
  }
  authorizeMeetingMunicipality(ctx.actor, row.municipalityCode, 'edit');
  if (row.agendaItemId !== null) throw alreadyPlaced();
  return ctx.db.transaction(async (tx) => {
    // Placing may have won the race since the read: the guard keeps a placed input.
    const [gone] = await tx
      .delete(meetingInput)
      .where(and(eq(meetingInput.id, id), isNull(meetingInput.agendaItemId)))
      .returning({ kind: meetingInput.kind, title: meetingInput.title, body: meetingInput.body, meetingId: meetingInput.meetingId });
    if (!gone) {
      const [still] = await tx.select({ id: meetingInput.id }).from(meetingInput).where(eq(meetingInput.id, id));
      if (still) throw alreadyPlaced();
      return { withdrawn: false };
    }
    await recordAudit(tx, ctx, { action: 'meeting.input_withdrawn', entityType: 'meeting_input', entityId: id, municipalityCode: row.municipalityCode, before: gone });
    return { withdrawn: true };
  });
}
