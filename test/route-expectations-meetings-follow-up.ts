import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/**
 * The follow-up after a meeting (issue #14 points 6 and 7) against every kind of caller; part of the
 * table in route-expectations.ts. Policy (src/modules/meetings/policy.ts, authorizeFollowUp):
 * central staff preview any municipality's follow-up, a municipality's users only their own
 * (another municipality: 404); central administrators and consultants send (other central staff
 * 403, municipalities 404).
 *
 * The route test's database has no meetings (planning's demo is not seeded there, and a meeting is
 * made by planning's routes), so the samples name one that does not exist: the policy answers
 * before the lookup, and whoever passes it gets 404 for the meeting. What a real meeting answers is
 * in src/modules/meetings/follow-up/follow-up.test.ts.
 */

const NOWHERE = '00000000-0000-4000-8000-00000000f011';
/** Faxe's users: another municipality is 404 before anything is looked up. */
const senders = (ok: Expect): SignedIn => ({ ...signedIn(404), economist: 403, consultant: ok, admin: ok });

export function followUpRouteExpectations(): RouteExpectation[] {
  return [
    {
      route: 'GET /moeder/:id/opfoelgning',
      samples: [
        { what: "the own municipality's preview of a meeting that does not exist", url: `/moeder/${NOWHERE}/opfoelgning?kommune=0320`, expect: page(signedIn(404)) },
        { what: "another municipality's preview", url: `/moeder/${NOWHERE}/opfoelgning?kommune=0153`, expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'POST /moeder/:id/opfoelgning',
      samples: [{ what: 'the send of a meeting that does not exist', url: `/moeder/${NOWHERE}/opfoelgning`, body: { requestKey: 'rutetest-opfoelgning', kommune: '0320' }, expect: page(senders(404)) }],
    },
    { route: 'GET /api/v1/meetings/:id/follow-up', samples: [{ what: 'the status of a meeting that does not exist', url: `/api/v1/meetings/${NOWHERE}/follow-up`, expect: api(signedIn(404)) }] },
    {
      route: 'GET /api/v1/meetings/:id/follow-up/preview',
      samples: [
        { what: "Faxe's preview of a meeting that does not exist", url: `/api/v1/meetings/${NOWHERE}/follow-up/preview?municipality=0320`, expect: api(signedIn(404)) },
        { what: "Brøndby's preview", url: `/api/v1/meetings/${NOWHERE}/follow-up/preview?municipality=0153`, expect: api(signedIn(404)) },
        {
          what: 'no municipality named (a municipality: its own; central staff must name one)',
          url: `/api/v1/meetings/${NOWHERE}/follow-up/preview`,
          expect: api({ ...signedIn(404), consultant: 422, admin: 422, economist: 422 }),
        },
      ],
    },
    { route: 'POST /api/v1/meetings/:id/follow-up', samples: [{ what: 'the send of a meeting that does not exist', url: `/api/v1/meetings/${NOWHERE}/follow-up`, expect: api(senders(404)) }] },
  ];
}
