import { plannedMeeting } from './route-expectations-meetings.ts';
import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/**
 * The follow-up after a meeting (issue #14 points 6 and 7) against every kind of caller; part of the
 * table in route-expectations.ts. Policy (src/modules/meetings/policy.ts, authorizeFollowUp):
 * central staff preview any municipality's follow-up, a municipality's users only their own
 * (another municipality: 404); central administrators and consultants send (other central staff
 * 403, municipalities 404).
 *
 * The samples use two meetings: the coming one planning's entries made (they run before these;
 * without it the samples fail rather than check only 404s), which cannot be followed up yet, and
 * the one the test's beforeAll put in yesterday (`fx.heldMeeting`), which the editors really send.
 * What the mails say is in src/modules/meetings/follow-up/follow-up.test.ts.
 */

const NOWHERE = '00000000-0000-4000-8000-00000000f011';
/** Faxe's users: another municipality is 404 before anything is looked up. */
const senders = (ok: Expect): SignedIn => ({ ...signedIn(404), economist: 403, consultant: ok, admin: ok });
/** The send's answer: the follow-up page of Faxe with what happened. */
const sent = (notice: string): Expect => ({ status: 303, location: (url) => `${url}?kommune=0320&besked=${notice}` });
/** Central staff read any municipality's preview; Faxe's users get 404 for another one. */
const centralStaff = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });

export function followUpRouteExpectations(): RouteExpectation[] {
  return [
    {
      route: 'GET /moeder/:id/opfoelgning',
      samples: [
        { what: "the own municipality's preview", url: () => `/moeder/${plannedMeeting()}/opfoelgning?kommune=0320`, expect: page(signedIn(200)) },
        { what: "another municipality's preview", url: () => `/moeder/${plannedMeeting()}/opfoelgning?kommune=0153`, expect: page(centralStaff(200)) },
        { what: 'the preview of a meeting that does not exist', url: `/moeder/${NOWHERE}/opfoelgning?kommune=0320`, expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'POST /moeder/:id/opfoelgning',
      samples: [
        {
          what: 'the send of a meeting not held yet (the page again, nothing sent)',
          url: () => `/moeder/${plannedMeeting()}/opfoelgning`,
          body: { requestKey: 'rutetest-opfoelgning-kommende', kommune: '0320' },
          expect: page(senders(409)),
        },
        {
          what: 'the send of a held meeting: the first editor sends, the second finds nothing new',
          url: (fx) => `/moeder/${fx.heldMeeting}/opfoelgning`,
          body: { requestKey: 'rutetest-opfoelgning-holdt', kommune: '0320' },
          expect: page({ ...senders(404), consultant: sent('sendt'), admin: sent('intet-nyt') }),
        },
      ],
    },
    {
      route: 'GET /api/v1/meetings/:id/follow-up',
      samples: [
        { what: 'the status of a held meeting', url: (fx) => `/api/v1/meetings/${fx.heldMeeting}/follow-up`, expect: api(signedIn(200)) },
        { what: 'the status of a meeting that does not exist', url: `/api/v1/meetings/${NOWHERE}/follow-up`, expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'GET /api/v1/meetings/:id/follow-up/preview',
      samples: [
        { what: "Faxe's preview", url: () => `/api/v1/meetings/${plannedMeeting()}/follow-up/preview?municipality=0320`, expect: api(signedIn(200)) },
        { what: "Brøndby's preview", url: () => `/api/v1/meetings/${plannedMeeting()}/follow-up/preview?municipality=0153`, expect: api(centralStaff(200)) },
        {
          what: 'no municipality named (a municipality: its own; central staff must name one)',
          url: () => `/api/v1/meetings/${plannedMeeting()}/follow-up/preview`,
          expect: api({ ...signedIn(200), consultant: 422, admin: 422, economist: 422 }),
        },
      ],
    },
    {
      route: 'POST /api/v1/meetings/:id/follow-up',
      samples: [
        { what: 'the send of a meeting not held yet', url: () => `/api/v1/meetings/${plannedMeeting()}/follow-up`, expect: api(senders(409)) },
        { what: 'the send of a held meeting (again after the page sent it: nothing new)', url: (fx) => `/api/v1/meetings/${fx.heldMeeting}/follow-up`, expect: api(senders(200)) },
        { what: 'the send of a meeting that does not exist', url: `/api/v1/meetings/${NOWHERE}/follow-up`, expect: api(senders(404)) },
      ],
    },
  ];
}
