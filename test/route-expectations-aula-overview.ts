import { randomUUID } from 'node:crypto';
import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/**
 * The overview of the 98 is central: central staff read it (the consultant, the administrators,
 * the central reader); to a municipality's users it does not exist (404). Only those who author
 * KLIK tasks (administrators and consultants) create the task to the chosen municipalities.
 */
const central = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });
const authors = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: 403 });

/** Every created task needs its own code (codes are unique), and a deadline that has not passed. */
const taskForm = () => ({
  code: `AULA RUTETEST ${randomUUID().slice(0, 8)}`,
  title: 'Aula: gør klar til de reviderede sletteregler',
  description: 'Rutetest',
  deadline: '01.06.2099',
  kommuner: [OWN, OTHER],
});
const created: Expect = { status: 303, location: /^\/opgaver\/[0-9a-f-]{36}\/overblik\?besked=publiceret$/ };

/** The Aula module's overview routes (issue #12) against every kind of caller; part of the table in route-expectations.ts. */
export function aulaOverviewRouteExpectations(): RouteExpectation[] {
  return [
    {
      route: 'GET /aula/oversigt.xlsx',
      samples: [
        { what: 'the filtered overview as a workbook', url: '/aula/oversigt.xlsx?dato=2027-03-01&ikkeKlar=on', expect: page(central(200)) },
        { what: 'a date that is not one', url: '/aula/oversigt.xlsx?dato=31.02.2027', expect: page(central(422)) },
      ],
    },
    {
      route: 'POST /aula/opgave/ny',
      samples: [
        { what: 'the task form for two chosen municipalities', url: '/aula/opgave/ny', body: { kommuner: [OWN, OTHER] }, expect: page(authors(200)) },
        { what: 'all shown municipalities', url: '/aula/opgave/ny', body: { alleViste: 'on', viste: [OWN] }, expect: page(authors(200)) },
        { what: 'nothing chosen', url: '/aula/opgave/ny', body: {}, expect: page(authors(422)) },
      ],
    },
    {
      route: 'POST /aula/opgave',
      samples: [
        { what: 'create and publish the task', url: '/aula/opgave', body: taskForm, expect: page(authors(created)) },
        { what: 'no deadline', url: '/aula/opgave', body: () => ({ ...taskForm(), deadline: '' }), expect: page(authors(422)) },
      ],
    },
    {
      route: 'POST /api/v1/aula/readiness-tasks',
      samples: [
        {
          what: 'create and publish the task',
          url: '/api/v1/aula/readiness-tasks',
          body: () => ({ ...taskForm(), kommuner: undefined, deadline: '2099-06-01', municipalityCodes: [OWN, OTHER] }),
          expect: api(authors(201)),
        },
        { what: 'no municipality chosen', url: '/api/v1/aula/readiness-tasks', body: () => ({ ...taskForm(), municipalityCodes: [] }), expect: api(authors(422)) },
      ],
    },
    {
      route: 'GET /api/v1/aula/municipalities',
      samples: [
        { what: 'all 98 with files at risk on a day', url: '/api/v1/aula/municipalities?date=2027-03-01', expect: api(central(200)) },
        { what: 'a date that is not one', url: '/api/v1/aula/municipalities?date=i-morgen', expect: api(central(400)) },
      ],
    },
  ];
}
