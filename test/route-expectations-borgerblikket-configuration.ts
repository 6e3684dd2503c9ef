import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/**
 * The deck's example number. The test database holds no plan of its own (the template is the
 * users' seed), so route-policy.test.ts must put it in the plan before the routes are called:
 * `buildKleNumbers(db, ['27.12.04'])` from test/factories/borgerblikket.ts.
 */
const KLE = '27.12.04';

/** A municipality's configuration: every one of its users and central staff read it. */
const readOwn = (ok: Expect): SignedIn => signedIn(ok);
/** Another municipality's configuration does not exist for its users; central staff read every one. */
const readOther = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });
/** Only the municipality's Borgerblikket system owner and programleder change it; central staff read but do not write. */
const keepOwn = (ok: Expect): SignedIn => ({ ...signedIn(403), programLeader: ok });
const keepOther = (): SignedIn => ({ ...signedIn(404), consultant: 403, admin: 403, economist: 403 });
/** The 98 side by side: central staff only; to a municipality's users the list does not exist. */
const centralOnly = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });

const base = (code: string) => `/borgerblikket/kommuner/${code}`;
const apiBase = (code: string) => `/api/v1/borgerblikket/municipalities/${code}/configuration`;
const redirect = (path: string, notices: string): Expect => ({ status: 303, location: new RegExp(`^${path.replace(/\./g, '\\.')}\\?besked=(${notices})$`) });

const editForm = { youth: 'nej', shown: 'arv', fromDateMode: 'arv', sourceSystemsMode: 'arv', reason: 'Rutetest' };
const bulkForm = { kle: [KLE], youth: 'nej', shown: 'uaendret', reason: 'Rutetest' };

/** The Borgerblikket module's configuration routes (issue #13) against every kind of caller; part of the table in route-expectations.ts. */
export function borgerblikketConfigurationRouteExpectations(): RouteExpectation[] {
  const read = (route: string, url: (code: string) => string, isApi = false): RouteExpectation => {
    const wrap = isApi ? api : page;
    return {
      route,
      samples: [
        { what: 'own municipality', url: url(OWN), expect: wrap(readOwn(200)) },
        { what: 'another municipality', url: url(OTHER), expect: wrap(readOther(200)) },
        { what: 'not a municipality', url: url(NO_SUCH), expect: wrap(signedIn(404)) },
      ],
    };
  };
  const write = (route: string, url: (code: string) => string, body: Record<string, unknown>, ok: Expect, isApi = false): RouteExpectation => {
    const wrap = isApi ? api : page;
    return {
      route,
      samples: [
        { what: 'own municipality', url: url(OWN), body, expect: wrap(keepOwn(ok)) },
        { what: 'another municipality', url: url(OTHER), body, expect: wrap(keepOther()) },
      ],
    };
  };
  return [
    { route: 'GET /borgerblikket/kommuner', samples: [{ what: 'the 98 with their counts', url: '/borgerblikket/kommuner', expect: page(centralOnly(200)) }] },
    read('GET /borgerblikket/kommuner/:code', base),
    write('POST /borgerblikket/kommuner/:code/masseaendring', (c) => `${base(c)}/masseaendring`, bulkForm, redirect(base(OWN), 'masse-gemt|uaendret')),
    read('GET /borgerblikket/kommuner/:code/kle/:kle', (c) => `${base(c)}/kle/${KLE}`),
    write('POST /borgerblikket/kommuner/:code/kle/:kle', (c) => `${base(c)}/kle/${KLE}`, editForm, redirect(`${base(OWN)}/kle/${KLE}`, 'gemt|uaendret')),
    read('GET /borgerblikket/kommuner/:code/historik', (c) => `${base(c)}/historik`),
    read('GET /borgerblikket/kommuner/:code/udgaaede', (c) => `${base(c)}/udgaaede`),
    // The number is in force, so the keeper's request reaches the use case and is refused there.
    write('POST /borgerblikket/kommuner/:code/udgaaede', (c) => `${base(c)}/udgaaede`, { kle: KLE, reason: 'Rutetest' }, 422),
    read('GET /api/v1/borgerblikket/municipalities/:code/configuration', apiBase, true),
    write('PUT /api/v1/borgerblikket/municipalities/:code/configuration/:kle', (c) => `${apiBase(c)}/${KLE}`, { settings: { youth: false }, reason: 'Rutetest' }, 200, true),
    write('POST /api/v1/borgerblikket/municipalities/:code/configuration/bulk', (c) => `${apiBase(c)}/bulk`, { kle: [KLE], set: { youth: false }, reason: 'Rutetest' }, 200, true),
    read('GET /api/v1/borgerblikket/municipalities/:code/configuration/history', (c) => `${apiBase(c)}/history`, true),
  ];
}
