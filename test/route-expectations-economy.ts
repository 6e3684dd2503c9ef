import type { Expect, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { api, page } from './route-expectations.ts';

/**
 * The economy module's routes against every kind of caller; part of the table in
 * route-expectations.ts. Policy (src/modules/economy/population/policy.ts): central staff read the
 * population figures; the central økonomi role and the central administrators import them and choose
 * a budget year's period (the consultant: 403); to a municipality's users the pages do not exist (404).
 */
const byRole = (reader: Expect, editor: Expect): SignedIn => ({
  municipalUser: 404,
  municipalAdmin: 404,
  programLeader: 404,
  namedExecutor: 404,
  itChef: 404,
  consultant: reader,
  admin: editor,
  economist: editor,
});

/** Two municipalities in a period no other test uses; the first import stores it, the next ones change nothing. */
const folk1a: Upload = {
  field: 'fil',
  filename: 'folk1a.csv',
  contentType: 'text/csv',
  content: 'OMRÅDE;TID;INDHOLD\r\nHele landet;1999K4;5.300.000\r\n320;1999K4;35.000\r\nBrøndby;1999K4;34000\r\n',
};
const imported = { status: 303, location: /^\/oekonomi\/befolkning\?besked=(importeret|uaendret)$/ };

export function economyRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /oekonomi/befolkning', samples: [{ what: 'population figures', url: '/oekonomi/befolkning', expect: page(byRole(200, 200)) }] },
    {
      route: 'POST /oekonomi/befolkning/import',
      samples: [{ what: 'a FOLK1A file', url: '/oekonomi/befolkning/import', upload: folk1a, expect: page(byRole(403, imported)) }],
    },
    {
      route: 'POST /oekonomi/befolkning/aar/:year',
      samples: [
        // Choosing a complete period is tested in the module; here the policy answers first either way.
        { what: 'a period without figures', url: '/oekonomi/befolkning/aar/2031', body: { 'periode-2031': '2031K1' }, expect: page(byRole(403, 422)) },
      ],
    },
    {
      route: 'POST /api/v1/economy/population/import',
      samples: [{ what: 'a FOLK1A file', url: '/api/v1/economy/population/import', upload: folk1a, expect: api(byRole(403, 200)) }],
    },
    {
      route: 'GET /api/v1/economy/population',
      samples: [{ what: 'one period', url: '/api/v1/economy/population?period=1999K4', expect: api(byRole(200, 200)) }],
    },
  ];
}
