import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, forbidden, invalid, parseInput } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { person } from '../../../platform/identity/schema.ts';
import { hasEnded, loadMeetingRow } from '../meeting-row.ts';
import { meetingNotFound } from '../paths.ts';
import { authorizeMeetingMunicipality } from '../policy.ts';
import { meetingAttendee } from '../schema.ts';
import { attendeeInput } from './inputs.ts';

export const meetingEnded = () => conflict('Mødet er slut, så tilmeldingerne kan ikke længere ændres.');

/** The actor's own municipality, when the actor speaks for it at meetings; central staff register no one. */
export function speakerMunicipality(actor: Actor): string {
  const code = actor.municipalityCode;
  if (code === null) throw forbidden('Kommunerne tilmelder selv deltagere og sender selv input.');
  authorizeMeetingMunicipality(actor, code, 'edit');
  return code;
}

/**
 * Registers one of the actor's municipality's people, or a typed name and e-mail, for a meeting
 * that has not ended. The unique index on (meeting, municipality, lower(name)) refuses the same
 * name twice; the request key makes a double submit write once and answer both alike.
 */
export async function registerAttendee(ctx: Ctx & { actor: Actor }, meetingId: string, raw: unknown, clientKey?: string): Promise<{ id: string }> {
  const m = await loadMeetingRow(ctx.db, meetingId);
  if (!m) throw meetingNotFound();
  const code = speakerMunicipality(ctx.actor);
  if (hasEnded(m, ctx.now)) throw meetingEnded();
  const input = parseInput(attendeeInput, raw);
  const identity = requestIdentity('meeting-attendee', ctx.actor.userId, clientKey, { meetingId, ...input });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return first;
    let { name, email } = input;
    if (input.personId !== null) {
      const [p] = await tx
        .select({ name: person.name, email: person.email })
        .from(person)
        .where(and(eq(person.id, input.personId), eq(person.municipalityCode, code), eq(person.active, true)));
      if (!p) throw invalid({ personId: 'Vælg en person fra kommunens rollegalleri' });
      ({ name, email } = p);
    }
    const [row] = await tx
      .insert(meetingAttendee)
      .values({ meetingId, municipalityCode: code, personId: input.personId, name, email, online: input.online, registeredAt: ctx.now, registeredBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning({ id: meetingAttendee.id });
    if (!row) {
      const message = `${name} er allerede tilmeldt mødet fra ${ctx.actor.municipalityName ?? code} Kommune.`;
      throw conflict(message, { [input.personId !== null ? 'personId' : 'name']: message });
    }
    await recordAudit(tx, ctx, {
      action: 'meeting.attendee_registered',
      entityType: 'meeting_attendee',
      entityId: row.id,
      municipalityCode: code,
      after: { meetingId, meetingTitle: m.title, name, email, online: input.online, personId: input.personId },
    });
    return answerRequest(tx, identity, { id: row.id });
  });
}
