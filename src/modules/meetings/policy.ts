import { sql, type SQL } from 'drizzle-orm';
import { type Actor, isCentral, isCentralEditor } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

/**
 * Who may see and do what with program leader meetings (issue #14 points 5–7), written once.
 *
 * - A meeting (time, place, practical information, agenda, presenters, materials, recording) is for
 *   everyone signed in to read; central administrators and consultants plan and change it.
 * - A municipality's attendance, its input to coming meetings and its follow-up are its own: its
 *   users and central staff read them, another municipality gets 404. The municipality's
 *   programleder, KLIK-administrator and IT chef register attendees and submit input.
 * - The follow-up is sent by central administrators and consultants; central staff preview any
 *   municipality's, a municipality's users read their own.
 */

/** The municipal roles that speak for the municipality at the meeting. */
const MUNICIPAL_SPEAKERS = ['programleder', 'klik-administrator', 'it-chef'];

export function authorizeMeeting(actor: Actor | null, action: 'read' | 'edit'): asserts actor is Actor {
  if (actor === null) throw notFound();
  if (action === 'edit' && !isCentralEditor(actor)) throw forbidden('Kun KOMBITs administratorer og konsulenter kan planlægge og ændre møder.');
}

export const canEditMeeting = (actor: Actor | null): boolean => actor !== null && isCentralEditor(actor);

export const canReadMunicipalityMeetingData = (actor: Actor | null, code: string): boolean =>
  actor !== null && (isCentral(actor) || actor.municipalityCode === code);

/** May register attendees and submit input for the municipality. */
export const isMunicipalSpeaker = (actor: Actor | null, code: string): boolean =>
  actor !== null && actor.municipalityCode === code && actor.roles.some((r) => MUNICIPAL_SPEAKERS.includes(r.roleTypeKey));

/** A municipality's attendance, input and follow-up: its own and central staff's; another municipality's is 404. */
export function authorizeMeetingMunicipality(actor: Actor | null, code: string, action: 'read' | 'edit'): asserts actor is Actor {
  if (!canReadMunicipalityMeetingData(actor, code)) throw notFound('Kommunen findes ikke.');
  if (action === 'edit' && !isMunicipalSpeaker(actor, code)) {
    throw forbidden('Kun kommunens programleder, KLIK-administrator og IT-chef kan tilmelde deltagere og sende input.');
  }
}

/** canReadMunicipalityMeetingData over a municipality-code column, for lists and counts. */
export function meetingRowsVisibleTo(actor: Actor | null, column: SQL | { name: string }): SQL {
  if (actor === null) return sql`false`;
  if (isCentral(actor)) return sql`true`;
  return sql`${column} = ${actor.municipalityCode}`;
}

/** Preview and send the follow-up: central editors send; central staff and the municipality itself read a preview. */
export function authorizeFollowUp(actor: Actor | null, action: 'preview' | 'send', code?: string): asserts actor is Actor {
  if (actor === null) throw notFound();
  if (action === 'send') {
    if (!isCentral(actor)) throw notFound();
    if (!isCentralEditor(actor)) throw forbidden('Kun KOMBITs administratorer og konsulenter kan sende opfølgningen.');
    return;
  }
  if (code !== undefined && !canReadMunicipalityMeetingData(actor, code)) throw notFound('Kommunen findes ikke.');
  if (code === undefined && !isCentral(actor)) throw notFound();
}
