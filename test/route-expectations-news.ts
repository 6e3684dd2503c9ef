import type { LightMyRequestResponse } from 'fastify';
import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { all, api, page, signedIn } from './route-expectations.ts';

/**
 * The news module's routes (issue #14 points 3 and 4) against every kind of caller; part of the
 * table in route-expectations.ts. Policy (src/modules/news/policy.ts): everyone signed in reads
 * published news and the events; central staff also read items waiting for their publish day (a
 * municipality gets 404 for them); KOMBIT's administrators and consultants write, everyone else gets
 * 403. The Atom feed is public and carries published items only.
 *
 * The rows the reads use are made by the table's own writes above them (route-policy runs the
 * entries in order): an item by POST /nyt, a draft by POST /api/v1/news; their ids are read from the answers.
 */

const editors = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok });
/** Central staff read drafts; a municipality's users get 404, so the answer does not confirm one exists. */
const centralOnly = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const ITEM = { title: 'Rutetestnyhed', body: 'Rutetest *markdown*', publishOn: '2025-05-01', solutions: ['aula'] };
const DRAFT = { title: 'Rutetestkladde', body: 'Venter', publishOn: '2099-01-01', solutions: [] };
const EVENT = { title: 'Rutetestarrangement', date: '2030-06-12', time: '14.30', place: 'Allinge' };

const made = { itemId: '', draftId: '', eventId: '' };
const item = () => made.itemId || NOWHERE;
const draft = () => made.draftId || NOWHERE;
const madeEvent = () => made.eventId || NOWHERE;

function remember(res: LightMyRequestResponse, id: string | undefined, into: keyof typeof made): undefined {
  if (res.statusCode < 400 && id) made[into] = id;
  return undefined;
}
const idFromLocation = (res: LightMyRequestResponse) => /^\/nyt\/([0-9a-f-]{36})\?/.exec(String(res.headers.location ?? ''))?.[1];
const idFromJson = (res: LightMyRequestResponse) => {
  try {
    return (res.json() as { id?: string }).id;
  } catch {
    return undefined;
  }
};

export function newsRouteExpectations(): RouteExpectation[] {
  const itemPage = (notice: string) => ({ status: 303, location: (url: string) => new RegExp(`^/nyt/${/\/nyt\/([0-9a-f-]{36})/.exec(url)![1]}\\?besked=(${notice})$`) });
  return [
    { route: 'GET /nyt', samples: [{ what: 'the news list', url: '/nyt?loesning=aula', expect: page(signedIn(200)) }] },
    { route: 'GET /nyt/feed.atom', samples: [{ what: 'the public feed', url: '/nyt/feed.atom', expect: all(200) }] },
    { route: 'GET /nyt/ny', samples: [{ what: 'the new item form', url: '/nyt/ny', expect: page(editors(200)) }] },
    {
      route: 'POST /nyt',
      samples: [
        {
          what: 'a new item',
          url: '/nyt',
          body: ITEM,
          expect: page(editors({ status: 303, location: /^\/nyt\/[0-9a-f-]{36}\?besked=oprettet$/ })),
          check: (res) => remember(res, idFromLocation(res), 'itemId'),
        },
      ],
    },
    {
      route: 'POST /api/v1/news',
      samples: [{ what: 'a draft', url: '/api/v1/news', body: DRAFT, expect: api(editors(201)), check: (res) => remember(res, idFromJson(res), 'draftId') }],
    },
    {
      route: 'GET /nyt/:id',
      samples: [
        { what: 'a published item', url: () => `/nyt/${item()}`, expect: page(signedIn(200)) },
        { what: 'a draft', url: () => `/nyt/${draft()}`, expect: page(centralOnly(200)) },
        { what: 'an item that does not exist', url: `/nyt/${NOWHERE}`, expect: page(signedIn(404)) },
      ],
    },
    { route: 'GET /nyt/:id/rediger', samples: [{ what: 'the edit form', url: () => `/nyt/${item()}/rediger`, expect: page(editors(200)) }] },
    { route: 'POST /nyt/:id', samples: [{ what: 'the item saved', url: () => `/nyt/${item()}`, body: ITEM, expect: page(editors(itemPage('gemt|uaendret'))) }] },
    {
      route: 'POST /nyt/:id/slet',
      samples: [{ what: 'an item already gone', url: `/nyt/${NOWHERE}/slet`, expect: page(editors({ status: 303, location: '/nyt?besked=allerede-slettet' })) }],
    },
    { route: 'GET /api/v1/news', samples: [{ what: 'the published news', url: '/api/v1/news?solution=aula', expect: api(signedIn(200)) }] },
    {
      route: 'GET /api/v1/news/:id',
      samples: [
        { what: 'a published item', url: () => `/api/v1/news/${item()}`, expect: api(signedIn(200)) },
        { what: 'a draft', url: () => `/api/v1/news/${draft()}`, expect: api(centralOnly(200)) },
        { what: 'an item that does not exist', url: `/api/v1/news/${NOWHERE}`, expect: api(signedIn(404)) },
      ],
    },
    { route: 'PUT /api/v1/news/:id', samples: [{ what: 'the draft saved', url: () => `/api/v1/news/${draft()}`, body: DRAFT, expect: api(editors(200)) }] },
    { route: 'DELETE /api/v1/news/:id', samples: [{ what: 'an item already gone', url: `/api/v1/news/${NOWHERE}`, expect: api(editors(204)) }] },

    { route: 'GET /arrangementer', samples: [{ what: 'the events', url: '/arrangementer', expect: page(signedIn(200)) }] },
    {
      route: 'POST /arrangementer',
      samples: [{ what: 'a new event', url: '/arrangementer', body: EVENT, expect: page(editors({ status: 303, location: '/arrangementer?besked=oprettet' })) }],
    },
    {
      route: 'POST /arrangementer/:id/slet',
      samples: [{ what: 'an event already gone', url: `/arrangementer/${NOWHERE}/slet`, expect: page(editors({ status: 303, location: '/arrangementer?besked=allerede-slettet' })) }],
    },
    { route: 'GET /api/v1/events', samples: [{ what: 'the events', url: '/api/v1/events', expect: api(signedIn(200)) }] },
    {
      route: 'POST /api/v1/events',
      samples: [
        {
          what: 'a new event',
          url: '/api/v1/events',
          body: { ...EVENT, title: 'Rutetest-API-arrangement' },
          expect: api(editors(201)),
          check: (res) => remember(res, idFromJson(res), 'eventId'),
        },
      ],
    },
    {
      route: 'GET /arrangementer/:id/rediger',
      samples: [
        { what: 'the edit form', url: () => `/arrangementer/${madeEvent()}/rediger`, expect: page(editors(200)) },
        { what: 'an event that does not exist', url: `/arrangementer/${NOWHERE}/rediger`, expect: page(editors(404)) },
      ],
    },
    {
      route: 'POST /arrangementer/:id',
      samples: [
        {
          what: 'the event saved',
          url: () => `/arrangementer/${madeEvent()}`,
          body: { ...EVENT, title: 'Rutetest-API-arrangement' },
          expect: page(editors({ status: 303, location: /^\/arrangementer\?besked=(rettet|uaendret)$/ })),
        },
      ],
    },
    {
      route: 'PUT /api/v1/events/:id',
      samples: [
        { what: 'the event saved', url: () => `/api/v1/events/${madeEvent()}`, body: { ...EVENT, title: 'Rutetest-API-arrangement' }, expect: api(editors(200)) },
        { what: 'an event that does not exist', url: `/api/v1/events/${NOWHERE}`, body: EVENT, expect: api(editors(404)) },
      ],
    },
    { route: 'DELETE /api/v1/events/:id', samples: [{ what: 'an event already gone', url: `/api/v1/events/${NOWHERE}`, expect: api(editors(204)) }] },
  ];
}
