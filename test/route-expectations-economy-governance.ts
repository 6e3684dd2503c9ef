import type { LightMyRequestResponse } from 'fastify';
import type { Expect, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/**
 * The economy's governance routes (issue #11, K98-styring) against every kind of caller; part of
 * the table in route-expectations.ts. Policy (src/modules/economy/governance/policy.ts): everyone
 * signed in reads the councils, meetings, decisions and files, municipal users included; the
 * secretariat (the økonomi role and the central administrators) writes; the consultant and every
 * municipal user get 403 on a write, and on the secretariat's form pages.
 *
 * The rows these samples read are made by the table's own writes above them (route-policy runs the
 * entries in order): the council "rutetest-raad" is created by POST /styring/raad, and the ids of
 * its meeting, a seat and a file are read from the answers that made them (`made` below). Each write
 * is sent by both secretariat callers; the second is a repeat and must change nothing.
 */

const secretariat = (ok: Expect, others: Expect = 403): SignedIn => ({ ...signedIn(others), admin: ok, economist: ok });

const KEY = 'rutetest-raad';
const COUNCIL = { key: KEY, kind: 'fagraad', name: 'Rutetestråd', area: 'Rutetest' };
const MEETING = { date: '2030-03-04', title: 'Rutetestmøde' };
const ITEM = { title: 'Rutetestpunkt', description: '', decision: 'Besluttet i rutetesten' };
const NOWHERE = '00000000-0000-4000-8000-000000000000';
const referat = (field: string): Upload => ({ field, filename: 'rutetest-referat.pdf', contentType: 'application/pdf', content: '%PDF-1.4\n% rutetest referat\n%%EOF\n' });

/** Ids made by the table's writes, read from their answers. Until then a placeholder that names nothing (so a sample fails with 404, not a malformed URL). */
const made = { meetingId: '', memberId: '', fileId: '' };
const meeting = () => made.meetingId || NOWHERE;

function remember(res: LightMyRequestResponse, read: (res: LightMyRequestResponse) => string | undefined, into: keyof typeof made): undefined {
  if (res.statusCode >= 400) return undefined;
  const id = read(res);
  if (id) made[into] = id;
  return undefined;
}
const meetingFromLocation = (res: LightMyRequestResponse) => /^\/styring\/moeder\/([0-9a-f-]{36})\?/.exec(String(res.headers.location ?? ''))?.[1];
const json = <T,>(res: LightMyRequestResponse): T | undefined => {
  try {
    return res.json() as T;
  } catch {
    return undefined;
  }
};

export function economyGovernanceRouteExpectations(): RouteExpectation[] {
  const councilPage = (notice: string) => ({ status: 303, location: new RegExp(`^/styring/raad/${KEY}\\?besked=(${notice})$`) });
  const meetingPage = (notice: string) => ({ status: 303, location: (url: string) => new RegExp(`^/styring/moeder/${/\/styring\/moeder\/([0-9a-f-]{36})/.exec(url)![1]}\\?besked=(${notice})$`) });
  return [
    { route: 'GET /styring', samples: [{ what: 'the governance landing page', url: '/styring', expect: page(signedIn(200)) }] },

    // councils
    { route: 'GET /styring/raad/ny', samples: [{ what: 'the new council form', url: '/styring/raad/ny', expect: page(secretariat(200)) }] },
    {
      route: 'POST /styring/raad',
      samples: [{ what: 'a new council (the second caller repeats it)', url: '/styring/raad', body: COUNCIL, expect: page(secretariat(councilPage('oprettet|uaendret'))) }],
    },
    {
      route: 'GET /styring/raad/:key',
      samples: [
        { what: 'a council', url: `/styring/raad/${KEY}`, expect: page(signedIn(200)) },
        { what: 'a council that does not exist', url: '/styring/raad/findes-ikke', expect: page(signedIn(404)) },
      ],
    },
    { route: 'GET /styring/raad/:key/rediger', samples: [{ what: 'the council form', url: `/styring/raad/${KEY}/rediger`, expect: page(secretariat(200)) }] },
    {
      route: 'POST /styring/raad/:key',
      samples: [{ what: 'the council unchanged', url: `/styring/raad/${KEY}`, body: COUNCIL, expect: page(secretariat(councilPage('uaendret'))) }],
    },

    // seats
    {
      route: 'POST /styring/raad/:key/medlemmer',
      samples: [{ what: 'a new seat', url: `/styring/raad/${KEY}/medlemmer`, body: { seat: 'Rutetestplads', name: 'Rute Medlem' }, expect: page(secretariat(councilPage('medlem-gemt'))) }],
    },
    {
      route: 'GET /api/v1/governance/councils/:key',
      samples: [
        {
          what: 'a council with its seats',
          url: `/api/v1/governance/councils/${KEY}`,
          expect: api(signedIn(200)),
          check: (res) => remember(res, (r) => json<{ seats: { id: string }[] }>(r)?.seats[0]?.id, 'memberId'),
        },
        { what: 'a council that does not exist', url: '/api/v1/governance/councils/findes-ikke', expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'GET /styring/raad/:key/medlemmer/:memberId',
      samples: [{ what: 'the seat form', url: () => `/styring/raad/${KEY}/medlemmer/${made.memberId || NOWHERE}`, expect: page(secretariat(200)) }],
    },
    {
      route: 'POST /styring/raad/:key/medlemmer/:memberId',
      samples: [
        {
          what: 'the seat unchanged',
          url: () => `/styring/raad/${KEY}/medlemmer/${made.memberId || NOWHERE}`,
          body: { seat: 'Rutetestplads', name: 'Rute Medlem' },
          expect: page(secretariat(councilPage('uaendret'))),
        },
      ],
    },
    {
      route: 'POST /styring/raad/:key/medlemmer/:memberId/fjern',
      samples: [{ what: 'a seat that is already gone', url: `/styring/raad/${KEY}/medlemmer/${NOWHERE}/fjern`, expect: page(secretariat(councilPage('allerede-fjernet'))) }],
    },

    // meetings
    {
      route: 'POST /styring/raad/:key/moeder',
      samples: [
        {
          what: 'a new meeting (the second caller repeats it)',
          url: `/styring/raad/${KEY}/moeder`,
          body: MEETING,
          expect: page(secretariat({ status: 303, location: /^\/styring\/moeder\/[0-9a-f-]{36}\?besked=(oprettet|findes)$/ })),
          check: (res) => remember(res, meetingFromLocation, 'meetingId'),
        },
      ],
    },
    {
      route: 'POST /api/v1/governance/councils/:key/meetings',
      samples: [{ what: 'the same meeting again', url: `/api/v1/governance/councils/${KEY}/meetings`, body: MEETING, expect: api(secretariat(200)) }],
    },
    { route: 'GET /styring/moeder/:id', samples: [{ what: 'a meeting', url: () => `/styring/moeder/${meeting()}`, expect: page(signedIn(200)) }] },
    { route: 'GET /styring/moeder/:id/rediger', samples: [{ what: 'the meeting form', url: () => `/styring/moeder/${meeting()}/rediger`, expect: page(secretariat(200)) }] },
    {
      route: 'POST /styring/moeder/:id',
      samples: [{ what: 'the meeting unchanged', url: () => `/styring/moeder/${meeting()}`, body: MEETING, expect: page(secretariat(meetingPage('uaendret'))) }],
    },

    // agenda items and decisions
    {
      route: 'POST /styring/moeder/:id/punkter',
      samples: [
        {
          what: 'a new agenda item (the second caller repeats it)',
          url: () => `/styring/moeder/${meeting()}/punkter`,
          body: { position: '1', title: ITEM.title },
          expect: page(secretariat(meetingPage('punkt-gemt|uaendret'))),
        },
      ],
    },
    { route: 'GET /styring/moeder/:id/punkter/:position', samples: [{ what: 'the item form', url: () => `/styring/moeder/${meeting()}/punkter/1`, expect: page(secretariat(200)) }] },
    {
      route: 'POST /styring/moeder/:id/punkter/:position',
      samples: [{ what: 'the decision', url: () => `/styring/moeder/${meeting()}/punkter/1`, body: ITEM, expect: page(secretariat(meetingPage('punkt-gemt|uaendret'))) }],
    },
    {
      route: 'PUT /api/v1/governance/meetings/:id/items/:position',
      samples: [{ what: 'the same item and decision', url: () => `/api/v1/governance/meetings/${meeting()}/items/1`, body: ITEM, expect: api(secretariat(200)) }],
    },

    // files
    {
      route: 'POST /styring/moeder/:id/filer',
      samples: [
        {
          what: 'a referat (the second caller sends the same file)',
          url: () => `/styring/moeder/${meeting()}/filer`,
          body: { kind: 'referat' },
          upload: referat('fil'),
          expect: page(secretariat(meetingPage('fil-lagt-paa|fil-findes'))),
        },
      ],
    },
    {
      route: 'POST /api/v1/governance/meetings/:id/files',
      samples: [
        {
          what: 'the same referat again',
          url: () => `/api/v1/governance/meetings/${meeting()}/files`,
          body: { kind: 'referat' },
          upload: referat('file'),
          expect: api(secretariat(200)),
          check: (res) => remember(res, (r) => json<{ id: string }>(r)?.id, 'fileId'),
        },
      ],
    },
    {
      route: 'GET /styring/moeder/:id/filer/:fileId',
      samples: [{ what: 'the referat, downloaded', url: () => `/styring/moeder/${meeting()}/filer/${made.fileId || NOWHERE}`, expect: page(signedIn(200)) }],
    },
    {
      route: 'POST /styring/moeder/:id/filer/:fileId/slet',
      samples: [{ what: 'a file that is already gone', url: () => `/styring/moeder/${meeting()}/filer/${NOWHERE}/slet`, expect: page(secretariat(meetingPage('fil-allerede-slettet'))) }],
    },

    // the API's reads
    { route: 'GET /api/v1/governance/councils', samples: [{ what: 'the councils', url: '/api/v1/governance/councils', expect: api(signedIn(200)) }] },
    { route: 'GET /api/v1/governance/meetings', samples: [{ what: "a year's meetings", url: '/api/v1/governance/meetings?year=2030', expect: api(signedIn(200)) }] },
    {
      route: 'GET /api/v1/governance/meetings/:id',
      samples: [
        { what: 'a meeting with its agenda and files', url: () => `/api/v1/governance/meetings/${meeting()}`, expect: api(signedIn(200)) },
        { what: 'a meeting that does not exist', url: `/api/v1/governance/meetings/${NOWHERE}`, expect: api(signedIn(404)) },
      ],
    },
  ];
}
