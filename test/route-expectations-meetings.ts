import type { LightMyRequestResponse } from 'fastify';
import type { Expect, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/**
 * The meeting planning routes (issue #14 point 5) against every kind of caller; part of the table
 * in route-expectations.ts. Policy (src/modules/meetings/policy.ts): everyone signed in reads a
 * meeting, its agenda, materials and invitation; KOMBIT's administrators and consultants plan and
 * change it, everyone else gets 403.
 *
 * The rows the later samples use are made by the table's own writes above them (route-policy runs
 * the entries in order): a meeting by POST /moeder, an agenda item by the API, a material by the
 * upload; their ids are read from the answers. The municipal and follow-up entries after these use
 * the meeting made here (`plannedMeeting`).
 */

const editors = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok });

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const MEETING = { title: 'Rutetestmøde', day: '04.03.2030', startTime: '10.00', endTime: '12.00', place: 'Rutetestlokalet', onlineLink: 'https://moede.example.dk/rutetest' };
const ITEM = { title: 'Rutetestpunkt', minutes: '15', description: 'Rutetest *markdown*' };
const material = (field: string): Upload => ({ field, filename: 'rutetest-praesentation.pdf', contentType: 'application/pdf', content: '%PDF-1.4\n% rutetest praesentation\n%%EOF\n' });

const made = { meetingId: '', itemId: '', materialId: '' };
const meeting = () => made.meetingId || NOWHERE;

/**
 * The coming meeting POST /moeder made, for the entries after planning's. Without it those entries
 * would only see 404s, so a run that left out POST /moeder (a `-t` filter) fails here, saying why.
 */
export function plannedMeeting(): string {
  if (!made.meetingId) throw new Error('No meeting planned: run the entries of test/route-expectations-meetings.ts first (POST /moeder makes the meeting), e.g. -t "(GET|POST) /moeder|/api/v1/meetings"');
  return made.meetingId;
}
const item = () => made.itemId || NOWHERE;

function remember(res: LightMyRequestResponse, id: string | undefined, into: keyof typeof made): undefined {
  if (res.statusCode < 400 && id && !made[into]) made[into] = id;
  return undefined;
}
const idFromLocation = (res: LightMyRequestResponse) => /^\/moeder\/([0-9a-f-]{36})\?/.exec(String(res.headers.location ?? ''))?.[1];
const idFromJson = (res: LightMyRequestResponse) => {
  try {
    return (res.json() as { id?: string }).id;
  } catch {
    return undefined;
  }
};

export function meetingsRouteExpectations(): RouteExpectation[] {
  const meetingPage = (notice: string) => ({ status: 303, location: (url: string) => new RegExp(`^/moeder/${/\/moeder\/([0-9a-f-]{36})/.exec(url)![1]}\\?besked=(${notice})$`) });
  const agendaPage = (notice: string) => ({ status: 303, location: (url: string) => new RegExp(`^/moeder/${/\/moeder\/([0-9a-f-]{36})/.exec(url)![1]}/dagsorden\\?besked=(${notice})$`) });
  return [
    { route: 'GET /moeder', samples: [{ what: 'the meetings', url: '/moeder?side=2', expect: page(signedIn(200)) }] },
    { route: 'GET /moeder/ny', samples: [{ what: 'the new meeting form', url: '/moeder/ny', expect: page(editors(200)) }] },
    {
      route: 'POST /moeder',
      samples: [
        {
          what: 'a new meeting',
          url: '/moeder',
          body: MEETING,
          expect: page(editors({ status: 303, location: /^\/moeder\/[0-9a-f-]{36}\?besked=oprettet$/ })),
          check: (res) => remember(res, idFromLocation(res), 'meetingId'),
        },
      ],
    },
    {
      route: 'GET /moeder/:id',
      samples: [
        { what: 'a meeting', url: () => `/moeder/${meeting()}`, expect: page(signedIn(200)) },
        { what: 'a meeting that does not exist', url: `/moeder/${NOWHERE}`, expect: page(signedIn(404)) },
      ],
    },
    { route: 'GET /moeder/:id/rediger', samples: [{ what: 'the edit form', url: () => `/moeder/${meeting()}/rediger`, expect: page(editors(200)) }] },
    { route: 'POST /moeder/:id', samples: [{ what: 'the meeting saved', url: () => `/moeder/${meeting()}`, body: MEETING, expect: page(editors(meetingPage('gemt|uaendret'))) }] },
    { route: 'GET /moeder/:id/invitation.ics', samples: [{ what: 'the invitation', url: () => `/moeder/${meeting()}/invitation.ics`, expect: page(signedIn(200)) }] },
    { route: 'GET /moeder/:id/slet', samples: [{ what: 'the delete confirmation', url: () => `/moeder/${meeting()}/slet`, expect: page(editors(200)) }] },
    {
      route: 'POST /moeder/:id/slet',
      samples: [{ what: 'a meeting already gone', url: `/moeder/${NOWHERE}/slet`, expect: page(editors({ status: 303, location: '/moeder?besked=allerede-slettet' })) }],
    },

    // agenda
    { route: 'GET /moeder/:id/dagsorden', samples: [{ what: 'the agenda editor', url: () => `/moeder/${meeting()}/dagsorden`, expect: page(editors(200)) }] },
    { route: 'POST /moeder/:id/dagsorden', samples: [{ what: 'a new item', url: () => `/moeder/${meeting()}/dagsorden`, body: ITEM, expect: page(editors(agendaPage('tilfoejet'))) }] },
    {
      route: 'POST /api/v1/meetings/:id/agenda',
      samples: [
        {
          what: 'a new item',
          url: () => `/api/v1/meetings/${meeting()}/agenda`,
          body: { title: 'Rutetest-API-punkt', minutes: 10 },
          expect: api(editors(201)),
          check: (res) => remember(res, idFromJson(res), 'itemId'),
        },
      ],
    },
    { route: 'GET /moeder/:id/dagsorden/:itemId', samples: [{ what: 'the item form', url: () => `/moeder/${meeting()}/dagsorden/${item()}`, expect: page(editors(200)) }] },
    { route: 'POST /moeder/:id/dagsorden/:itemId', samples: [{ what: 'the item saved', url: () => `/moeder/${meeting()}/dagsorden/${item()}`, body: ITEM, expect: page(editors(agendaPage('gemt|uaendret'))) }] },
    {
      route: 'POST /moeder/:id/dagsorden/:itemId/flyt',
      samples: [{ what: 'the item moved up', url: () => `/moeder/${meeting()}/dagsorden/${item()}/flyt`, body: { retning: 'op' }, expect: page(editors(agendaPage('flyttet|ikke-flyttet'))) }],
    },
    {
      route: 'POST /moeder/:id/dagsorden/:itemId/slet',
      samples: [{ what: 'an item already gone', url: () => `/moeder/${meeting()}/dagsorden/${NOWHERE}/slet`, expect: page(editors(agendaPage('allerede-slettet'))) }],
    },
    { route: 'PUT /api/v1/meetings/:id/agenda/:itemId', samples: [{ what: 'the item saved', url: () => `/api/v1/meetings/${meeting()}/agenda/${item()}`, body: { title: 'Rutetest-API-punkt' }, expect: api(editors(200)) }] },
    {
      route: 'POST /api/v1/meetings/:id/agenda/:itemId/move',
      samples: [{ what: 'the item moved down', url: () => `/api/v1/meetings/${meeting()}/agenda/${item()}/move`, body: { direction: 'down' }, expect: api(editors(200)) }],
    },
    { route: 'DELETE /api/v1/meetings/:id/agenda/:itemId', samples: [{ what: 'an item already gone', url: () => `/api/v1/meetings/${meeting()}/agenda/${NOWHERE}`, expect: api(editors(204)) }] },

    // materials
    {
      route: 'POST /moeder/:id/materialer',
      samples: [
        {
          what: 'a presentation (the second caller sends the same file)',
          url: () => `/moeder/${meeting()}/materialer`,
          upload: material('fil'),
          expect: page(editors(meetingPage('materiale-lagt-op|materiale-findes'))),
        },
      ],
    },
    {
      route: 'POST /api/v1/meetings/:id/materials',
      samples: [
        {
          what: 'the same presentation again',
          url: () => `/api/v1/meetings/${meeting()}/materials`,
          upload: material('file'),
          expect: api(editors(200)),
          check: (res) => remember(res, idFromJson(res), 'materialId'),
        },
      ],
    },
    {
      route: 'GET /moeder/:id/materialer/:materialId',
      samples: [{ what: 'the presentation, downloaded', url: () => `/moeder/${meeting()}/materialer/${made.materialId || NOWHERE}`, expect: page(signedIn(200)) }],
    },
    {
      route: 'POST /moeder/:id/materialer/:materialId/slet',
      samples: [{ what: 'a file already gone', url: () => `/moeder/${meeting()}/materialer/${NOWHERE}/slet`, expect: page(editors(meetingPage('materiale-allerede-slettet'))) }],
    },
    { route: 'DELETE /api/v1/meetings/:id/materials/:materialId', samples: [{ what: 'a file already gone', url: () => `/api/v1/meetings/${meeting()}/materials/${NOWHERE}`, expect: api(editors(204)) }] },

    // API
    { route: 'GET /api/v1/meetings', samples: [{ what: 'the coming meetings', url: '/api/v1/meetings?upcoming=true', expect: api(signedIn(200)) }] },
    {
      route: 'GET /api/v1/meetings/:id',
      samples: [
        { what: 'a meeting', url: () => `/api/v1/meetings/${meeting()}`, expect: api(signedIn(200)) },
        { what: 'a meeting that does not exist', url: `/api/v1/meetings/${NOWHERE}`, expect: api(signedIn(404)) },
      ],
    },
    { route: 'POST /api/v1/meetings', samples: [{ what: 'a new meeting', url: '/api/v1/meetings', body: { ...MEETING, title: 'Rutetest-API-møde' }, expect: api(editors(201)) }] },
    { route: 'PUT /api/v1/meetings/:id', samples: [{ what: 'the meeting saved', url: () => `/api/v1/meetings/${meeting()}`, body: MEETING, expect: api(editors(200)) }] },
    { route: 'DELETE /api/v1/meetings/:id', samples: [{ what: 'a meeting already gone', url: `/api/v1/meetings/${NOWHERE}`, expect: api(editors(204)) }] },
  ];
}
