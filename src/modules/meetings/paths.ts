import { notFound } from '../../platform/errors.ts';

// A meeting's addresses, written once: planning serves the page, materials and invitation, the
// municipal part the attendees, the follow-up its page; each part links to the others' through these.

/** The meeting's page. */
export const meetingPath = (id: string) => `/moeder/${id}`;
/** A material's download. */
export const materialPath = (meetingId: string, materialId: string) => `/moeder/${meetingId}/materialer/${materialId}`;
/** The iCal invitation. */
export const invitationPath = (id: string) => `/moeder/${id}/invitation.ics`;
/** The registrations (add `.csv` or `.xlsx` for the export). */
export const attendeesPath = (id: string) => `/moeder/${id}/deltagere`;
/** The follow-up's page: the preview per municipality and the send form. */
export const followUpPath = (id: string, code?: string) => `/moeder/${id}/opfoelgning${code ? `?kommune=${code}` : ''}`;

/** The same 404 from every part, so a missing meeting reads alike wherever it is asked for. */
export const meetingNotFound = () => notFound('Mødet findes ikke.');
