import type { LightMyRequestResponse } from 'fastify';
import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/**
 * Single sign-on's privilege part (issue #15 points 2 and 5) against every kind of caller; part of
 * the table in route-expectations.ts. Policy (src/modules/sso/policy.ts): the privilege mapping and
 * the unmapped privileges are KOMBIT's administrators' (everyone else 403); "SSO only" is the
 * municipality's KLIK-administrator's and KOMBIT's administrators' (other central staff and Faxe's
 * other users 403, another municipality 404 to Faxe's users).
 *
 * The samples only ever set "SSO only" off, so the other entries' password logins keep working.
 * This app has no Context Handler configured, so switching it on is refused (422) for those
 * allowed to ask, and writes nothing.
 * The mapping the page's removal uses is made by the API sample above it (entries run in order).
 */

const centralAdmin = (ok: Expect): SignedIn => ({ ...signedIn(403), admin: ok });
const manageOwn = (ok: Expect): SignedIn => ({ ...signedIn(403), municipalAdmin: ok, admin: ok });
const manageOther = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: 403, economist: 403, admin: ok });

const NOWHERE = '00000000-0000-4000-8000-00000000eeee';
let n = 0;
/** A new privilege for every request, so no sample is a repeat or a duplicate of another. */
const fresh = () => `urn:rutetest:${String(process.pid)}:${String((n += 1))}`;

const made = { mapping: '' };
function remember(res: LightMyRequestResponse): undefined {
  if (res.statusCode < 400) {
    try {
      made.mapping = (res.json() as { id?: string }).id ?? made.mapping;
    } catch {
      // not JSON: nothing to remember
    }
  }
  return undefined;
}
const mappingId = () => made.mapping || NOWHERE;

export function ssoPrivilegesRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /api/v1/sso/privilege-mappings', samples: [{ what: 'the mapping table', url: '/api/v1/sso/privilege-mappings', expect: api(centralAdmin(200)) }] },
    {
      route: 'POST /api/v1/sso/privilege-mappings',
      samples: [
        { what: 'a mapping', url: '/api/v1/sso/privilege-mappings', body: () => ({ privilege: fresh(), roleTypeKey: 'programleder' }), expect: api(centralAdmin(201)), check: remember },
        { what: 'a mapping without its solution', url: '/api/v1/sso/privilege-mappings', body: () => ({ privilege: fresh(), roleTypeKey: 'superbruger' }), expect: api(centralAdmin(422)) },
      ],
    },
    { route: 'GET /api/v1/sso/unmapped-privileges', samples: [{ what: 'the unmapped privileges', url: '/api/v1/sso/unmapped-privileges', expect: api(centralAdmin(200)) }] },
    { route: 'GET /sso/rettigheder', samples: [{ what: 'the mapping page', url: '/sso/rettigheder?rettighed=urn:x:y', expect: page(centralAdmin(200)) }] },
    {
      route: 'POST /sso/rettigheder',
      samples: [
        { what: 'a mapping', url: '/sso/rettigheder', body: () => ({ privilege: fresh(), roleTypeKey: 'superbruger', solutionKey: 'aula' }), expect: page(centralAdmin({ status: 303, location: '/sso/rettigheder?besked=tilfoejet' })) },
        { what: 'a privilege that is no URI', url: '/sso/rettigheder', body: { privilege: 'ikke en uri', roleTypeKey: 'programleder' }, expect: page(centralAdmin(422)) },
      ],
    },
    {
      route: 'GET /sso/rettigheder/:id/fjern',
      samples: [
        { what: 'the removal question', url: () => `/sso/rettigheder/${mappingId()}/fjern`, expect: page(centralAdmin(200)) },
        { what: 'a mapping that does not exist', url: `/sso/rettigheder/${NOWHERE}/fjern`, expect: page(centralAdmin(404)) },
      ],
    },
    {
      route: 'POST /sso/rettigheder/:id/fjern',
      samples: [{ what: 'a removal', url: `/sso/rettigheder/${NOWHERE}/fjern`, expect: page(centralAdmin({ status: 303, location: '/sso/rettigheder?besked=fjernet' })) }],
    },
    {
      route: 'DELETE /api/v1/sso/privilege-mappings/:id',
      samples: [{ what: 'a removal', url: () => `/api/v1/sso/privilege-mappings/${mappingId()}`, expect: api(centralAdmin(204)) }],
    },

    {
      route: 'GET /kommuner/:code/log-ind',
      samples: [
        { what: 'own municipality', url: `/kommuner/${OWN}/log-ind`, expect: page(manageOwn(200)) },
        { what: 'another municipality', url: `/kommuner/${OTHER}/log-ind`, expect: page(manageOther(200)) },
        { what: 'a municipality that does not exist', url: `/kommuner/${NO_SUCH}/log-ind`, expect: page(manageOther(404)) },
      ],
    },
    {
      route: 'POST /kommuner/:code/log-ind',
      samples: [
        { what: 'passwords kept on', url: `/kommuner/${OWN}/log-ind`, body: { ssoOnly: 'nej' }, expect: page(manageOwn({ status: 303, location: /^\/kommuner\/0320\/log-ind\?besked=(gemt|uaendret)$/ })) },
        { what: 'another municipality', url: `/kommuner/${OTHER}/log-ind`, body: { ssoOnly: 'nej' }, expect: page(manageOther({ status: 303, location: /^\/kommuner\/0153\/log-ind\?besked=(gemt|uaendret)$/ })) },
        { what: 'switched on without a Context Handler', url: `/kommuner/${OWN}/log-ind`, body: { ssoOnly: 'ja' }, expect: page(manageOwn(422)) },
        { what: 'switched on without a Context Handler, another municipality', url: `/kommuner/${OTHER}/log-ind`, body: { ssoOnly: 'ja' }, expect: page(manageOther(422)) },
      ],
    },
    {
      route: 'PUT /api/v1/municipalities/:code/sso-only',
      samples: [
        { what: 'passwords kept on', url: `/api/v1/municipalities/${OWN}/sso-only`, body: { ssoOnly: false }, expect: api(manageOwn(200)) },
        { what: 'another municipality', url: `/api/v1/municipalities/${OTHER}/sso-only`, body: { ssoOnly: false }, expect: api(manageOther(200)) },
        { what: 'switched on without a Context Handler', url: `/api/v1/municipalities/${OWN}/sso-only`, body: { ssoOnly: true }, expect: api(manageOwn(422)) },
        { what: 'switched on without a Context Handler, another municipality', url: `/api/v1/municipalities/${OTHER}/sso-only`, body: { ssoOnly: true }, expect: api(manageOther(422)) },
      ],
    },
  ];
}
