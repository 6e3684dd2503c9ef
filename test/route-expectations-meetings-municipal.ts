import type { LightMyRequestResponse } from 'fastify';
import type { Expect, Expectations, RouteExpectation, Sample, SignedIn } from './route-expectations.ts';
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
 * The meeting the attendance samples use is the first coming meeting the table has made by then
 * (the planning entries run before these), read from Faxe's input form by the first sample. Without
 * one, as when this part is tested on its own, the samples name a meeting that does not exist and
 * every signed-in caller gets 404 before any role check (the exports check the role first). The
 * input samples use an input Faxe's KLIK-administrator sends through the API; placing names a meeting
 * that does not exist, so editors get 422 and the input stays withdrawable. Writes that succeed here
 * are in src/modules/meetings/municipal/*.test.ts.
 */

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const made = { meetingId: '', inputId: '' };
const meeting = () => made.meetingId || NOWHERE;
const input = () => made.inputId || NOWHERE;

let n = 0;
/** A new name or title for every request, so no sample is taken for a repeat of another (or a duplicate attendee). */
const fresh = () => `Rutetest ${String(process.pid)}-${String((n += 1))}`;

/** Faxe's programleder, KLIK-administrator and IT chef. */
const speakers = (ok: Expect): SignedIn => ({ ...signedIn(403), municipalAdmin: ok, programLeader: ok, itChef: ok });
const editors = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok });
const centralStaff = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok, economist: ok });

/** The sample's expectations when a coming meeting was found, and when not (see above). */
function withMeeting(sample: Omit<Sample, 'expect'>, found: Expectations, missing: Expectations): Sample {
  return {
    ...sample,
    get expect() {
      return made.meetingId ? found : missing;
    },
  };
}

const COMING = /id="felt-meetingId" name="meetingId"><option value="">Næste møde<\/option><option value="([0-9a-f-]{36})"/;
function findMeeting(res: LightMyRequestResponse): undefined {
  const id = res.statusCode === 200 ? COMING.exec(res.body)?.[1] : undefined;
  if (id) made.meetingId = id;
  return undefined;
}
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
  const attendees = () => `/moeder/${meeting()}/deltagere`;
  const apiAttendees = () => `/api/v1/meetings/${meeting()}/attendees`;
  return [
    { route: 'GET /moeder/input', samples: [{ what: 'the input page (and the coming meeting for the samples below)', url: '/moeder/input', expect: page(signedIn(200)), check: findMeeting }] },
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

    { route: 'GET /moeder/:id/deltagere', samples: [withMeeting({ what: 'the attendance page', url: attendees }, page(signedIn(200)), page(signedIn(404)))] },
    {
      route: 'GET /moeder/:id/deltagere.csv',
      samples: [withMeeting({ what: 'every registration as CSV', url: () => `${attendees()}.csv` }, page(centralStaff(200)), page(centralStaff(404)))],
    },
    {
      route: 'GET /moeder/:id/deltagere.xlsx',
      samples: [withMeeting({ what: 'every registration as XLSX', url: () => `${attendees()}.xlsx` }, page(centralStaff(200)), page(centralStaff(404)))],
    },
    {
      route: 'POST /moeder/:id/deltagere',
      samples: [
        withMeeting(
          { what: 'a typed name registered', url: attendees, body: () => ({ name: fresh(), email: '', online: 'online' }) },
          page(speakers({ status: 303, location: (url) => `${url}?besked=tilmeldt` })),
          page(signedIn(404)),
        ),
      ],
    },
    {
      route: 'POST /moeder/:id/deltagere/:attendeeId/slet',
      samples: [
        withMeeting(
          { what: 'a registration already removed', url: () => `${attendees()}/${NOWHERE}/slet` },
          page(speakers({ status: 303, location: (url) => `${url.replace(/\/[^/]+\/slet$/, '')}?besked=allerede-fjernet` })),
          page(signedIn(404)),
        ),
      ],
    },
    {
      route: 'GET /api/v1/meetings/:id/attendees',
      samples: [
        withMeeting({ what: 'the registrations the caller may see', url: apiAttendees }, api(signedIn(200)), api(signedIn(404))),
        withMeeting(
          { what: "Brøndby's registrations", url: () => `${apiAttendees()}?municipality=0153` },
          api({ ...signedIn(404), consultant: 200, admin: 200, economist: 200 }),
          api(signedIn(404)),
        ),
      ],
    },
    {
      route: 'POST /api/v1/meetings/:id/attendees',
      samples: [withMeeting({ what: 'a typed name registered', url: apiAttendees, body: () => ({ name: fresh(), online: false }) }, api(speakers(201)), api(signedIn(404)))],
    },
    {
      route: 'DELETE /api/v1/meetings/:id/attendees/:attendeeId',
      samples: [withMeeting({ what: 'a registration already removed', url: () => `${apiAttendees()}/${NOWHERE}` }, api(speakers(204)), api(signedIn(404)))],
    },
  ];
}
