import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { all, api, central, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/**
 * The backup login's routes (issue #15 points 3 and 4); policy in src/modules/sso/policy.ts.
 * - The MitID Erhverv round trip and "Dit reservelogin": the route table's app has no broker
 *   configured, so they answer the Danish 404 "ikke sat op" to everyone (the tests with a broker
 *   are in src/modules/sso/backup/).
 * - Who has no backup: Faxe's KLIK-administrator for Faxe and central staff for all; Faxe's other
 *   users 403 for Faxe and, like the KLIK-administrator, 404 for Brøndby.
 * - Linking and unlinking someone's MitID Erhverv: Faxe's KLIK-administrator for Faxe and the
 *   central administrator for all; the consultant and the economist read but do not link (403).
 */

/** Faxe's users other than its KLIK-administrator. */
const faxeOthers = (e: Expect) => ({ municipalUser: e, programLeader: e, namedExecutor: e, itChef: e });
const readOwn = (ok: Expect): SignedIn => ({ ...faxeOthers(403), municipalAdmin: ok, consultant: ok, admin: ok, economist: ok });
const readOther = (ok: Expect): SignedIn => ({ ...faxeOthers(404), municipalAdmin: 404, consultant: ok, admin: ok, economist: ok });
const manageOwn = (ok: Expect): SignedIn => ({ ...faxeOthers(403), municipalAdmin: ok, consultant: 403, economist: 403, admin: ok });
const manageOther = (ok: Expect): SignedIn => ({ ...faxeOthers(404), municipalAdmin: 404, consultant: 403, economist: 403, admin: ok });

const notSetUp = (res: LightMyRequestResponse) => (res.statusCode === 404 && !res.body.includes('ikke sat op') ? 'the 404 should say MitID Erhverv is not set up' : undefined);
const report = (code: string) => `/kommuner/${code}/reservelogin`;

export function ssoBackupRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /mitid-erhverv/login', samples: [{ what: 'the backup login without a broker', url: '/mitid-erhverv/login?next=%2F', expect: all(404), check: notSetUp }] },
    { route: 'GET /mitid-erhverv/callback', samples: [{ what: 'a callback without a broker', url: '/mitid-erhverv/callback?state=x&code=y', expect: all(404), check: notSetUp }] },
    { route: 'GET /mitid-erhverv', samples: [{ what: 'own backup login without a broker', url: '/mitid-erhverv', expect: page(signedIn(404)), check: notSetUp }] },
    { route: 'POST /mitid-erhverv/tilknyt', samples: [{ what: 'link own MitID Erhverv without a broker', url: '/mitid-erhverv/tilknyt', expect: page(signedIn(404)) }] },

    {
      route: 'GET /kommuner/:code/reservelogin',
      samples: [
        { what: 'own municipality', url: report(OWN), expect: page(readOwn(200)) },
        { what: 'another municipality', url: report(OTHER), expect: page(readOther(200)) },
        { what: 'no such municipality', url: report(NO_SUCH), expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'GET /kommuner/:code/reservelogin.xlsx',
      samples: [
        { what: 'own municipality', url: `${report(OWN)}.xlsx`, expect: page(readOwn(200)) },
        { what: 'another municipality', url: `${report(OTHER)}.xlsx`, expect: page(readOther(200)) },
      ],
    },
    {
      route: 'POST /kommuner/:code/reservelogin/personer/:id/tilknyt',
      samples: [
        {
          what: 'own municipality',
          url: async (fx) => `${report(OWN)}/personer/${await fx.person(OWN)}/tilknyt`,
          body: () => ({ identifikator: randomUUID() }),
          expect: page(manageOwn({ status: 303, location: `${report(OWN)}?besked=tilknyttet` })),
        },
        {
          what: 'another municipality',
          url: async (fx) => `${report(OTHER)}/personer/${await fx.person(OTHER)}/tilknyt`,
          body: () => ({ identifikator: randomUUID() }),
          expect: page(manageOther({ status: 303, location: `${report(OTHER)}?besked=tilknyttet` })),
        },
        {
          what: "another municipality's person under the own code",
          url: async (fx) => `${report(OWN)}/personer/${await fx.person(OTHER)}/tilknyt`,
          body: () => ({ identifikator: randomUUID() }),
          expect: page(manageOwn(404)),
        },
      ],
    },
    {
      route: 'GET /kommuner/:code/reservelogin/personer/:id/fjern',
      samples: [
        { what: 'own municipality', url: (fx) => `${report(OWN)}/personer/${fx.ownPerson}/fjern`, expect: page(manageOwn(200)) },
        { what: 'another municipality', url: (fx) => `${report(OTHER)}/personer/${fx.otherPerson}/fjern`, expect: page(manageOther(200)) },
      ],
    },
    {
      route: 'POST /kommuner/:code/reservelogin/personer/:id/fjern',
      samples: [
        { what: 'own municipality, nothing linked', url: async (fx) => `${report(OWN)}/personer/${await fx.person(OWN)}/fjern`, expect: page(manageOwn({ status: 303, location: `${report(OWN)}?besked=ingen` })) },
        {
          what: 'another municipality, nothing linked',
          url: async (fx) => `${report(OTHER)}/personer/${await fx.person(OTHER)}/fjern`,
          expect: page(manageOther({ status: 303, location: `${report(OTHER)}?besked=ingen` })),
        },
      ],
    },
    { route: 'GET /sso/reservelogin', samples: [{ what: 'the 98 municipalities', url: '/sso/reservelogin?loesning=valg', expect: page(central(200)) }] },
    { route: 'GET /sso/reservelogin.xlsx', samples: [{ what: 'the 98 municipalities as XLSX', url: '/sso/reservelogin.xlsx', expect: page(central(200)) }] },
    {
      route: 'GET /api/v1/sso/backup-missing',
      samples: [
        { what: 'own municipality', url: `/api/v1/sso/backup-missing?municipality=${OWN}`, expect: api(readOwn(200)) },
        { what: 'another municipality', url: `/api/v1/sso/backup-missing?municipality=${OTHER}`, expect: api(readOther(200)) },
        { what: 'the default: own, or all for central staff', url: '/api/v1/sso/backup-missing', expect: api(readOwn(200)) },
      ],
    },
  ];
}
