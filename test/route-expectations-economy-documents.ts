import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/**
 * The economy's yearly documents (issue #11 point 4) against every kind of caller; part of the table
 * in route-expectations.ts. Policy (src/modules/economy/policy.ts):
 *
 * - /oekonomi is everyone's: a municipality's users see their own published documents, central
 *   staff the years.
 * - A year's documents page, the ZIP of all invoices and the API's year status are central: to a
 *   municipality's users they do not exist (404). Publishing is the økonomi role's and the central
 *   administrators' (the consultant: 403).
 * - A municipality's document is its own users' once published, and central staff's always (before
 *   publishing as a draft computed now); another municipality's, and an unpublished one, is 404.
 *
 * The year sampled here (2090) has no population and no prices, so a draft cannot be computed:
 * central staff get the page saying why (200) and 422 for the files and the API, and a publish is
 * refused in Danish (422) after the policy has answered. Reading and publishing with data, and
 * Faxe reading its own published documents, are in src/modules/economy/documents/*.test.ts.
 */
const YEAR = 2090;

const municipal = (e: Expect) => ({ municipalUser: e, municipalAdmin: e, programLeader: e, namedExecutor: e, itChef: e });
/** Central staff read (consultant, administrator, økonomi); to a municipality the route does not exist. */
const centralRead = (ok: Expect): SignedIn => ({ ...municipal(404), consultant: ok, admin: ok, economist: ok });
/** Økonomi and the central administrators publish; the consultant reads only. */
const centralEdit = (ok: Expect): SignedIn => ({ ...municipal(404), consultant: 403, admin: ok, economist: ok });

const KINDS = [
  ['faktura', 'invoice'],
  ['budgetvejledning', 'guidance'],
  ['aarsopgoerelse', 'statement'],
] as const;

export function economyDocumentsRouteExpectations(): RouteExpectation[] {
  const perKind = KINDS.flatMap(([kind, apiName]): RouteExpectation[] => [
    {
      route: `GET /oekonomi/kommuner/:code/:year/${kind}`,
      samples: [
        { what: `own ${kind}, not published`, url: `/oekonomi/kommuner/${OWN}/${YEAR}/${kind}`, expect: page(centralRead(200)) },
        { what: `another municipality's ${kind}`, url: `/oekonomi/kommuner/${OTHER}/${YEAR}/${kind}`, expect: page(centralRead(200)) },
        { what: 'no such municipality', url: `/oekonomi/kommuner/${NO_SUCH}/${YEAR}/${kind}`, expect: page(signedIn(404)) },
      ],
    },
    ...(['pdf', 'xlsx'] as const).map((ext) => ({
      route: `GET /oekonomi/kommuner/:code/:year/${kind}.${ext}`,
      samples: [
        { what: `own ${kind} as ${ext}, not published (the draft cannot be computed)`, url: `/oekonomi/kommuner/${OWN}/${YEAR}/${kind}.${ext}`, expect: page(centralRead(422)) },
        { what: `another municipality's ${kind} as ${ext}`, url: `/oekonomi/kommuner/${OTHER}/${YEAR}/${kind}.${ext}`, expect: page(centralRead(422)) },
      ],
    })),
    {
      route: `GET /api/v1/economy/years/:year/municipalities/:code/${apiName}`,
      samples: [
        { what: `own ${kind}, not published`, url: `/api/v1/economy/years/${YEAR}/municipalities/${OWN}/${apiName}`, expect: api(centralRead(422)) },
        { what: `another municipality's ${kind}`, url: `/api/v1/economy/years/${YEAR}/municipalities/${OTHER}/${apiName}`, expect: api(centralRead(422)) },
      ],
    },
  ]);
  return [
    { route: 'GET /oekonomi', samples: [{ what: 'the economy landing page', url: '/oekonomi', expect: page(signedIn(200)) }] },
    { route: 'GET /oekonomi/dokumenter/:year', samples: [{ what: "a year's documents", url: `/oekonomi/dokumenter/${YEAR}`, expect: page(centralRead(200)) }] },
    {
      route: 'GET /oekonomi/dokumenter/:year/fakturaer.zip',
      samples: [{ what: 'all invoices as PDF (none can be made)', url: `/oekonomi/dokumenter/${YEAR}/fakturaer.zip`, expect: page(centralRead(422)) }],
    },
    {
      route: 'GET /oekonomi/dokumenter/:year/:kind/offentliggoer',
      samples: [{ what: 'confirm publishing the invoices', url: `/oekonomi/dokumenter/${YEAR}/faktura/offentliggoer`, expect: page(centralEdit(200)) }],
    },
    {
      route: 'POST /oekonomi/dokumenter/:year/:kind/offentliggoer',
      samples: [{ what: 'publish the invoices (no population)', url: `/oekonomi/dokumenter/${YEAR}/faktura/offentliggoer`, expect: page(centralEdit(422)) }],
    },
    {
      route: 'POST /api/v1/economy/years/:year/publish',
      samples: [{ what: 'publish the guidance (no population)', url: `/api/v1/economy/years/${YEAR}/publish`, body: { kind: 'budgetvejledning' }, expect: api(centralEdit(422)) }],
    },
    {
      route: 'GET /api/v1/economy/years/:year/documents',
      samples: [{ what: "a year's publication status", url: `/api/v1/economy/years/${YEAR}/documents`, expect: api(centralRead(200)) }],
    },
    ...perKind,
  ];
}
