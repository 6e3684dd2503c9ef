import type { Expect, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { api, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/** Every signed-in user reads their own municipality's configuration (the actors' municipality is OWN). */
const readOwn = (ok: Expect): SignedIn => signedIn(ok);
/** Another municipality's configuration does not exist for its users; central staff read every one. */
const readOther = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });
/** Only the municipality's Borgerblikket system owner and its programleder change it; central staff read but do not write. */
const keepOwn = (ok: Expect): SignedIn => ({ ...signedIn(403), programLeader: ok });
/** Another municipality's configuration: its users get 404, central staff 403. */
const keepOther = (): SignedIn => ({ ...signedIn(404), consultant: 403, admin: 403, economist: 403 });

/** The settings sheet's columns and no rows: a valid file that changes nothing, whatever plan the test database has. */
const headerOnly: Upload = {
  field: 'fil',
  filename: 'opsaetning.csv',
  contentType: 'text/csv',
  content: 'KLE-nummer;Titel;Vises;Unge 15–17;Fradato;Aktive sager før fradato;Kildesystemer;Sagstitel i stedet for KLE-titel;Dokumenttitler\r\n',
};
const reason = { reason: 'Rutetest' };

/** The Borgerblikket module's workbook routes (issue #13) against every kind of caller; part of the table in route-expectations.ts. */
export function borgerblikketWorkbookRouteExpectations(): RouteExpectation[] {
  // Built here, not at load: route-expectations.ts (where OWN lives) imports this file.
  const unchanged = { status: 303, location: `/borgerblikket/kommuner/${OWN}/opsaetning/import?besked=uaendret` };
  const read = (route: string, url: (code: string) => string): RouteExpectation => ({
    route,
    samples: [
      { what: 'own municipality', url: url(OWN), expect: page(readOwn(200)) },
      { what: 'another municipality', url: url(OTHER), expect: page(readOther(200)) },
      { what: 'not a municipality', url: url(NO_SUCH), expect: page(signedIn(404)) },
    ],
  });
  return [
    read('GET /borgerblikket/kommuner/:code/opsaetning.xlsx', (c) => `/borgerblikket/kommuner/${c}/opsaetning.xlsx`),
    read('GET /borgerblikket/kommuner/:code/opsaetning/import', (c) => `/borgerblikket/kommuner/${c}/opsaetning/import`),
    {
      route: 'POST /borgerblikket/kommuner/:code/opsaetning/import',
      samples: [
        { what: 'own municipality', url: `/borgerblikket/kommuner/${OWN}/opsaetning/import`, body: reason, upload: headerOnly, expect: page(keepOwn(unchanged)) },
        { what: 'another municipality', url: `/borgerblikket/kommuner/${OTHER}/opsaetning/import`, body: reason, upload: headerOnly, expect: page(keepOther()) },
      ],
    },
    {
      route: 'POST /api/v1/borgerblikket/municipalities/:code/configuration/import',
      samples: [
        { what: 'own municipality', url: `/api/v1/borgerblikket/municipalities/${OWN}/configuration/import`, body: reason, upload: headerOnly, expect: api(keepOwn(200)) },
        { what: 'another municipality', url: `/api/v1/borgerblikket/municipalities/${OTHER}/configuration/import`, body: reason, upload: headerOnly, expect: api(keepOther()) },
      ],
    },
  ];
}
