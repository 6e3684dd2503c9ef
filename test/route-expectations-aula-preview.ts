import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/** Every signed-in user reads their own municipality's deletion preview (the actors' municipality is OWN). */
const readOwn = (ok: Expect): SignedIn => signedIn(ok);
/** Another municipality's preview does not exist for its users; central staff read every one. */
const readOther = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });

/** The Aula module's deletion preview (issue #12 points 4 and 6) against every kind of caller; part of the table in route-expectations.ts. */
export function aulaPreviewRouteExpectations(): RouteExpectation[] {
  const municipal = (route: string, path: string): RouteExpectation => ({
    route: `GET /aula/kommuner/:code/${route}`,
    samples: [
      { what: 'own municipality', url: `/aula/kommuner/${OWN}/${path}`, expect: page(readOwn(200)) },
      { what: 'another municipality', url: `/aula/kommuner/${OTHER}/${path}`, expect: page(readOther(200)) },
      { what: 'not a municipality', url: `/aula/kommuner/${NO_SUCH}/${path}`, expect: page(signedIn(404)) },
    ],
  });
  const preview = (route: string, query: string): RouteExpectation => ({
    route: `GET ${route}`,
    samples: [
      { what: 'every municipality the caller sees', url: `${route}?${query}`, expect: api(signedIn(200)) },
      { what: 'own municipality', url: `${route}?${query}&municipality=${OWN}`, expect: api(readOwn(200)) },
      { what: 'another municipality', url: `${route}?${query}&municipality=${OTHER}`, expect: api(readOther(200)) },
      { what: 'not a municipality', url: `${route}?${query}&municipality=${NO_SUCH}`, expect: api(signedIn(404)) },
      { what: 'a date that does not exist', url: `${route}?${query.replace(/\d{4}-\d{2}-\d{2}/, '2027-02-30')}`, expect: api(signedIn(400)) },
    ],
  });
  return [
    municipal('sletning', 'sletning?dato=01.03.2027'),
    municipal('journaliseringsliste.xlsx', 'journaliseringsliste.xlsx?dato=2027-03-01'),
    municipal('journaliseringsliste.csv', 'journaliseringsliste.csv?dato=2027-03-01'),
    preview('/api/v1/aula/deletion-preview', 'date=2027-03-01&groupBy=institution'),
    preview('/api/v1/aula/deletion-preview/months', 'from=2027-03-01'),
  ];
}
