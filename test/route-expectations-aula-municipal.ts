import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/** Every signed-in user reads their own municipality's Aula page (the actors' municipality is OWN). */
const readOwn = (ok: Expect): SignedIn => signedIn(ok);
/** Another municipality's Aula page does not exist for its users; central staff read every one. */
const readOther = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });
/** Only the municipality's Aula system owner and programleder keep its registration; central staff read but do not write. */
const keepOwn = (ok: Expect): SignedIn => ({ ...signedIn(403), programLeader: ok });
/** Another municipality's registration: its users get 404, central staff 403. */
const keepOther = (): SignedIn => ({ ...signedIn(404), consultant: 403, admin: 403, economist: 403 });

const saved = (section: string, notice: string): Expect => ({ status: 303, location: new RegExp(`^/aula/kommuner/${OWN}\\?besked=(${notice}|uaendret)#${section}$`) });

const esdhForm = { esdhSystem: 'sbsys', vendorInTest: 'ja', integrationState: 'i_test' };
const archiveForm = { archiveKind: 'rigsarkivet', archivePlannedOn: '01.03.2026', archiveState: 'planlagt' };
const categoriesForm = { categories: ['handleplaner', 'referater'] };
const readinessForm = { item: 'integration_i_drift', done: 'true', note: 'Rutetest' };
const registration = {
  esdhSystem: 'andet',
  esdhOther: 'Rutesag',
  vendorInTest: null,
  integrationState: 'leverandoer_kontaktet',
  archiveKind: 'paragraf7',
  archiveName: 'Ruteby Stadsarkiv',
  archivePlannedOn: '2026-03-01',
  archiveState: 'planlagt',
};

/** The Aula module's municipal routes (issue #12) against every kind of caller; part of the table in route-expectations.ts. */
export function aulaMunicipalRouteExpectations(): RouteExpectation[] {
  const form = (path: string, notice: string, body: Record<string, unknown>): RouteExpectation => ({
    route: `POST /aula/kommuner/:code/${path}`,
    samples: [
      { what: 'own municipality', url: `/aula/kommuner/${OWN}/${path}`, body, expect: page(keepOwn(saved(path, notice))) },
      { what: 'another municipality', url: `/aula/kommuner/${OTHER}/${path}`, body, expect: page(keepOther()) },
    ],
  });
  const write = (route: string, url: (code: string) => string, body: Record<string, unknown>): RouteExpectation => ({
    route,
    samples: [
      { what: 'own municipality', url: url(OWN), body, expect: api(keepOwn(200)) },
      { what: 'another municipality', url: url(OTHER), body, expect: api(keepOther()) },
    ],
  });
  return [
    {
      route: 'GET /aula/kommuner/:code',
      samples: [
        { what: 'own municipality', url: `/aula/kommuner/${OWN}`, expect: page(readOwn(200)) },
        { what: 'another municipality', url: `/aula/kommuner/${OTHER}`, expect: page(readOther(200)) },
        { what: 'not a municipality', url: `/aula/kommuner/${NO_SUCH}`, expect: page(signedIn(404)) },
      ],
    },
    form('esdh', 'esdh-gemt', esdhForm),
    form('arkiv', 'arkiv-gemt', archiveForm),
    form('kategorier', 'kategorier-gemt', categoriesForm),
    form('parathed', 'parathed-gemt', readinessForm),
    {
      route: 'GET /api/v1/aula/municipalities/:code',
      samples: [
        { what: 'own municipality', url: `/api/v1/aula/municipalities/${OWN}`, expect: api(readOwn(200)) },
        { what: 'another municipality', url: `/api/v1/aula/municipalities/${OTHER}`, expect: api(readOther(200)) },
        { what: 'not a municipality', url: `/api/v1/aula/municipalities/${NO_SUCH}`, expect: api(signedIn(404)) },
      ],
    },
    write('PUT /api/v1/aula/municipalities/:code', (c) => `/api/v1/aula/municipalities/${c}`, registration),
    write('PUT /api/v1/aula/municipalities/:code/relevant-categories', (c) => `/api/v1/aula/municipalities/${c}/relevant-categories`, { categories: ['observationer'] }),
    write('POST /api/v1/aula/municipalities/:code/readiness', (c) => `/api/v1/aula/municipalities/${c}/readiness`, { item: 'filer_journaliseret', done: true }),
  ];
}
