import type { LightMyRequestResponse } from 'fastify';
import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/**
 * The operations module's routes (issue #14 point 2) against every kind of caller; part of the
 * table in route-expectations.ts. Policy (src/modules/operations/policy.ts): everyone signed in
 * reads /drift and the API; KOMBIT's administrators, consultants and drift record SLA figures,
 * incidents, RCA items and measures, everyone else gets 403 (the economist is central but only reads).
 *
 * The rows the changes use are made by the table's own API writes above them (route-policy runs
 * the entries in order); their ids are read from the answers.
 */

const editors = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok });

const NOWHERE = '00000000-0000-4000-8000-00000000dddd';
let n = 0;
/** A new title for every request, so no sample is taken for a repeat of another. */
const fresh = () => `Rutetest ${String(process.pid)}-${String((n += 1))}`;

const made = { incident: '', rca: '', measure: '' };
function remember(into: keyof typeof made) {
  return (res: LightMyRequestResponse): undefined => {
    if (res.statusCode < 400) {
      try {
        made[into] = (res.json() as { id?: string }).id ?? made[into];
      } catch {
        // not JSON: nothing to remember
      }
    }
    return undefined;
  };
}
const idOf = (k: keyof typeof made) => made[k] || NOWHERE;

const SLA = { solutionKey: 'aula', month: '2024-03', target: 99.5, achieved: 99.9 };
const INCIDENT = { solutionKey: 'aula', severity: 'mindre', startedOn: '2024-03-04', startedTime: '10.00' };

export function operationsRouteExpectations(): RouteExpectation[] {
  return [
    {
      route: 'GET /drift',
      samples: [
        { what: 'the operations page', url: '/drift', expect: page(signedIn(200)) },
        { what: 'a chosen period', url: '/drift?fra=01.2025&til=05.2025', expect: page(signedIn(200)) },
        { what: 'a period it cannot read', url: '/drift?fra=13.2025&til=x', expect: page(signedIn(200)) },
      ],
    },
    { route: 'GET /drift/sla', samples: [{ what: 'the SLA form', url: '/drift/sla?loesning=aula&maaned=03.2024', expect: page(editors(200)) }] },
    {
      route: 'POST /drift/sla',
      samples: [{ what: 'an SLA figure', url: '/drift/sla', body: { solutionKey: 'aula', month: '03.2024', target: '99,5', achieved: '99,8' }, expect: page(editors({ status: 303, location: /^\/drift\/sla\?besked=(gemt|uaendret)$/ })) }],
    },
    { route: 'GET /drift/haendelser', samples: [{ what: 'the incidents page', url: '/drift/haendelser', expect: page(editors(200)) }] },
    {
      route: 'POST /drift/haendelser',
      samples: [{ what: 'an incident', url: '/drift/haendelser', body: () => ({ ...INCIDENT, title: fresh(), startedOn: '04.03.2024' }), expect: page(editors({ status: 303, location: '/drift/haendelser?besked=oprettet' })) }],
    },
    { route: 'GET /drift/rca', samples: [{ what: 'the RCA page', url: '/drift/rca', expect: page(editors(200)) }] },
    {
      route: 'POST /drift/rca',
      samples: [{ what: 'an RCA item', url: '/drift/rca', body: () => ({ title: fresh(), owner: 'KMD' }), expect: page(editors({ status: 303, location: '/drift/rca?besked=oprettet' })) }],
    },
    { route: 'GET /drift/tiltag', samples: [{ what: 'the measures page', url: '/drift/tiltag', expect: page(editors(200)) }] },
    {
      route: 'POST /drift/tiltag',
      samples: [{ what: 'a measure', url: '/drift/tiltag', body: () => ({ title: fresh(), owner: 'KMD', endMonth: '06.2025' }), expect: page(editors({ status: 303, location: '/drift/tiltag?besked=oprettet' })) }],
    },

    { route: 'GET /api/v1/operations', samples: [{ what: 'the operations', url: '/api/v1/operations?from=2025-01&to=2025-05', expect: api(signedIn(200)) }] },
    { route: 'PUT /api/v1/operations/sla', samples: [{ what: 'an SLA figure', url: '/api/v1/operations/sla', body: SLA, expect: api(editors(200)) }] },
    {
      route: 'POST /api/v1/operations/incidents',
      samples: [{ what: 'an incident', url: '/api/v1/operations/incidents', body: () => ({ ...INCIDENT, title: fresh() }), expect: api(editors(201)), check: remember('incident') }],
    },
    {
      route: 'POST /api/v1/operations/rca-items',
      samples: [{ what: 'an RCA item', url: '/api/v1/operations/rca-items', body: () => ({ title: fresh(), owner: 'KOMBIT', state: 'i_gang' }), expect: api(editors(201)), check: remember('rca') }],
    },
    {
      route: 'POST /api/v1/operations/measures',
      samples: [{ what: 'a measure', url: '/api/v1/operations/measures', body: () => ({ title: fresh(), owner: 'KMD' }), expect: api(editors(201)), check: remember('measure') }],
    },
    {
      route: 'PUT /api/v1/operations/incidents/:id/resolved',
      samples: [
        { what: 'an incident', url: () => `/api/v1/operations/incidents/${idOf('incident')}/resolved`, expect: api(editors(200)) },
        { what: 'an incident that does not exist', url: `/api/v1/operations/incidents/${NOWHERE}/resolved`, expect: api(editors(404)) },
      ],
    },
    {
      route: 'PUT /api/v1/operations/rca-items/:id/state',
      samples: [
        { what: 'an RCA item closed', url: () => `/api/v1/operations/rca-items/${idOf('rca')}/state`, body: { state: 'lukket' }, expect: api(editors(200)) },
        { what: 'an RCA item that does not exist', url: `/api/v1/operations/rca-items/${NOWHERE}/state`, body: { state: 'lukket' }, expect: api(editors(404)) },
      ],
    },
    {
      route: 'PUT /api/v1/operations/measures/:id',
      samples: [
        { what: 'a measure', url: () => `/api/v1/operations/measures/${idOf('measure')}`, body: { state: 'i_gang', endMonth: '2025-09' }, expect: api(editors(200)) },
        { what: 'a measure that does not exist', url: `/api/v1/operations/measures/${NOWHERE}`, body: { state: 'i_gang' }, expect: api(editors(404)) },
      ],
    },
    {
      route: 'POST /drift/haendelser/:id/loest',
      samples: [
        { what: 'an incident', url: () => `/drift/haendelser/${idOf('incident')}/loest`, expect: page(editors({ status: 303, location: /^\/drift\/haendelser\?besked=(gemt|uaendret)$/ })) },
        { what: 'an incident that does not exist', url: `/drift/haendelser/${NOWHERE}/loest`, expect: page(editors(404)) },
      ],
    },
    {
      route: 'POST /drift/rca/:id/tilstand',
      samples: [{ what: 'an RCA item reopened', url: () => `/drift/rca/${idOf('rca')}/tilstand`, body: { state: 'aaben' }, expect: page(editors({ status: 303, location: /^\/drift\/rca\?besked=(gemt|uaendret)$/ })) }],
    },
    {
      route: 'POST /drift/tiltag/:id',
      samples: [{ what: 'a measure', url: () => `/drift/tiltag/${idOf('measure')}`, body: { state: 'gennemfoert', endMonth: '10.2025' }, expect: page(editors({ status: 303, location: /^\/drift\/tiltag\?besked=(gemt|uaendret)$/ })) }],
    },
  ];
}
