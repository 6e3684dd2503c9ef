import type { LightMyRequestResponse } from 'fastify';
import { plannedMeeting } from './route-expectations-meetings.ts';
import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/**
 * The municipalities' part of the program leader meetings (issue #14 point 5: attendance and
 * "input til kommende møder") against every kind of caller; part of the table in
 * route-expectations.ts. Policy (src/modules/meetings/policy.ts): everyone signed in reads a
 * meeting's attendance and the input, a municipality only its own (another municipality's: 404);
 * the municipality's programleder, KLIK-administrator and IT chef register attendees and send and
 * withdraw input (everyone else 403, central staff included); central administrators and
 * consultants place input on an agenda (everyone else 403); the attendance spreadsheets are central
 * staff's (a municipality 403).
 *
 * The attendance samples use the coming meeting planning's entries made (they run before these);
 * without it they fail rather than check only 404s. The
 * input samples use an input Faxe's KLIK-administrator sends through the API; placing names a meeting
 * that does not exist, so editors get 422 and the input stays withdrawable. Writes that succeed here
 * are in src/modules/meetings/municipal/*.test.ts.
 */

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const made = { inputId: '' };
const input = () => made.inputId || NOWHERE;

let n = 0;
/** A new name or title for every request, so no sample is taken for a repeat of another (or a duplicate attendee). */
const fresh = () => `Rutetest ${String(process.pid)}-${String((n += 1))}`;

/** Faxe's programleder, KLIK-administrator and IT chef. */
const speakers = (ok: Expect): SignedIn => ({ ...signedIn(403), municipalAdmin: ok, programLeader: ok, itChef: ok });
const editors = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok });
const centralStaff = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok, economist: ok });

function rememberInput(res: LightMyRequestResponse): undefined {
  if (res.statusCode !== 201 || made.inputId) return undefined;
  try {
    made.inputId = (res.json() as { id: string }).id;
  } catch {
    // not JSON: nothing to remember
  }
  return undefined;
}

export function meetingsMunicipalRouteExpectations(): RouteExpectation[] {
  const attendees = () => `/moeder/${plannedMeeting()}/deltagere`;
  const apiAttendees = () => `/api/v1/meetings/${plannedMeeting()}/attendees`;
  return [
    { route: 'GET /moeder/input', samples: [{ what: 'the input page', url: '/moeder/input', expect: page(signedIn(200)) }] },
    {
      route: 'POST /moeder/input',
      samples: [{ what: 'a topic for the next meeting', url: '/moeder/input', body: () => ({ kind: 'emne', title: fresh(), body: '', meetingId: '' }), expect: page(speakers({ status: 303, location: '/moeder/input?besked=sendt' })) }],
    },
    {
      route: 'POST /api/v1/meeting-input',
      samples: [{ what: 'a question for the next meeting', url: '/api/v1/meeting-input', body: () => ({ kind: 'spoergsmaal', title: fresh(), meetingId: null }), expect: api(speakers(201)), check: rememberInput }],
    },
    { route: 'GET /api/v1/meeting-input', samples: [{ what: 'the input the caller may see', url: '/api/v1/meeting-input?unplaced=true', expect: api(signedIn(200)) }] },
    {
      route: 'POST /moeder/input/:id/placer',
      samples: [{ what: "Faxe's input on a meeting that does not exist", url: () => `/moeder/input/${input()}/placer`, body: { meetingId: NOWHERE }, expect: page(editors(422)) }],
    },
    {
      route: 'POST /api/v1/meeting-input/:id/place',
      samples: [{ what: "Faxe's input on a meeting that does not exist", url: () => `/api/v1/meeting-input/${input()}/place`, body: { meetingId: NOWHERE }, expect: api(editors(422)) }],
    },
    {
      route: 'POST /moeder/input/:id/traek-tilbage',
      samples: [
        {
          what: "Faxe's input withdrawn (the later callers find it gone)",
          url: () => `/moeder/input/${input()}/traek-tilbage`,
          expect: page(speakers({ status: 303, location: /^\/moeder\/input\?besked=(trukket-tilbage|allerede-trukket-tilbage)$/ })),
        },
      ],
    },
    { route: 'DELETE /api/v1/meeting-input/:id', samples: [{ what: 'an input already withdrawn', url: () => `/api/v1/meeting-input/${input()}`, expect: api(speakers(204)) }] },

    { route: 'GET /moeder/:id/deltagere', samples: [{ what: 'the attendance page', url: attendees, expect: page(signedIn(200)) }] },
    { route: 'GET /moeder/:id/deltagere.csv', samples: [{ what: 'every registration as CSV', url: () => `${attendees()}.csv`, expect: page(centralStaff(200)) }] },
    { route: 'GET /moeder/:id/deltagere.xlsx', samples: [{ what: 'every registration as XLSX', url: () => `${attendees()}.xlsx`, expect: page(centralStaff(200)) }] },
    {
      route: 'POST /moeder/:id/deltagere',
      samples: [
        {
          what: 'a typed name registered',
          url: attendees,
          body: () => ({ name: fresh(), email: '', online: 'online' }),
          expect: page(speakers({ status: 303, location: (url) => `${url}?besked=tilmeldt` })),
        },
      ],
    },
    {
      route: 'POST /moeder/:id/deltagere/:attendeeId/slet',
      samples: [
        {
          what: 'a registration already removed',
          url: () => `${attendees()}/${NOWHERE}/slet`,
          expect: page(speakers({ status: 303, location: (url) => `${url.replace(/\/[^/]+\/slet$/, '')}?besked=allerede-fjernet` })),
        },
      ],
    },
    {
      route: 'GET /api/v1/meetings/:id/attendees',
      samples: [
        { what: 'the registrations the caller may see', url: apiAttendees, expect: api(signedIn(200)) },
        { what: "Brøndby's registrations", url: () => `${apiAttendees()}?municipality=0153`, expect: api({ ...signedIn(404), consultant: 200, admin: 200, economist: 200 }) },
      ],
    },
    { route: 'POST /api/v1/meetings/:id/attendees', samples: [{ what: 'a typed name registered', url: apiAttendees, body: () => ({ name: fresh(), online: false }), expect: api(speakers(201)) }] },
    { route: 'DELETE /api/v1/meetings/:id/attendees/:attendeeId', samples: [{ what: 'a registration already removed', url: () => `${apiAttendees()}/${NOWHERE}`, expect: api(speakers(204)) }] },
  ];
}
