import type { LightMyRequestResponse } from 'fastify';
import type { ActorName, Expect, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { api, page } from './route-expectations.ts';

/**
 * The economy's prices and allocation routes (issue #11) against every kind of caller; part of the
 * table in route-expectations.ts. Policy (src/modules/economy/policy.ts, authorizeEconomy): central
 * staff read the prices and the allocation; the økonomi role and the central administrators change
 * them (the consultant: 403); to a municipality's users the pages do not exist (404).
 *
 * The writes work on a year no demo data uses (2091). The administrator and økonomi each add a
 * usage model of their own (page and API), whose id the sample's check keeps; the later entries
 * (open, change, usage, copy, delete) use it, so they rely on running after the "add" entries, as
 * the table's order makes them. The test database has no population for any full year, so the
 * allocation API answers central staff 422 (the page shows the reason with 200).
 */
const YEAR = 2091;

const byRole = (reader: Expect, editor: Expect, consultant: Expect = reader): SignedIn => ({
  municipalUser: 404,
  municipalAdmin: 404,
  programLeader: 404,
  namedExecutor: 404,
  itChef: 404,
  consultant,
  admin: editor,
  economist: editor,
});
const read = (ok: Expect) => byRole(ok, ok);
const edit = (ok: Expect) => byRole(200, ok, 403);

/** The models the editors made: from the page's form and from the API, per editor. */
const made: { page: Partial<Record<ActorName, string>>; api: Partial<Record<ActorName, string>> } = { page: {}, api: {} };
/** Before the add samples have run (or for callers that add nothing): an id that names nothing, answered 404. */
const NOBODY = '00000000-0000-4000-8000-000000000000';
const pageModel = (actor: ActorName) => made.page[actor] ?? made.page.admin ?? NOBODY;
const apiModel = (actor: ActorName) => made.api[actor] ?? made.api.admin ?? NOBODY;

const usageForm = (actor: ActorName, price = '1,90') => ({
  kind: 'usage',
  solution: 'valg',
  label: `Rutetest ${actor}`,
  usageUnit: 'valgkort',
  'unitPrices.0.label': 'tryk',
  'unitPrices.0.price': price,
});
const usageJson = (actor: ActorName, unitPriceOre = 190) => ({
  solution: 'valg',
  label: `Rutetest API ${actor}`,
  kind: 'usage',
  usageUnit: 'valgkort',
  unitPrices: [{ label: 'tryk', unitPriceOre }],
});
const usageFile: Upload = { field: 'fil', filename: 'forbrug.csv', contentType: 'text/csv', content: 'kommunekode;antal\r\n320;10\r\n153;20\r\n' };

const keepPageModel = (res: LightMyRequestResponse, actor: ActorName) => {
  const id = /#model-([0-9a-f-]{36})$/.exec(String(res.headers.location ?? ''))?.[1];
  if (id) made.page[actor] = id;
  return undefined;
};
const keepApiModel = (res: LightMyRequestResponse, actor: ActorName) => {
  if (res.statusCode === 201) made.api[actor] = (res.json() as { id: string }).id;
  return undefined;
};

const created = { status: 303, location: new RegExp(`^/oekonomi/priser/${YEAR}\\?besked=oprettet#model-[0-9a-f-]{36}$`) };
const modelRedirect = (besked: string) => ({ status: 303, location: (url: string) => `${url}?besked=${besked}` });

export function economyPricesRouteExpectations(): RouteExpectation[] {
  return [
    // ---- pages
    {
      route: 'GET /oekonomi/priser',
      samples: [{ what: 'this year’s prices', url: '/oekonomi/priser', expect: page(read({ status: 303, location: /^\/oekonomi\/priser\/\d{4}$/ })) }],
    },
    { route: 'GET /oekonomi/priser/:year', samples: [{ what: 'a year’s prices', url: `/oekonomi/priser/${YEAR}`, expect: page(read(200)) }] },
    {
      route: 'GET /oekonomi/priser/:year/ny',
      samples: [{ what: 'the form for a new usage model', url: `/oekonomi/priser/${YEAR}/ny?type=usage&loesning=valg`, expect: page(edit(200)) }],
    },
    {
      route: 'POST /oekonomi/priser/:year/ny',
      samples: [
        { what: 'a usage model of the caller’s own', url: `/oekonomi/priser/${YEAR}/ny`, body: (_fx, actor) => usageForm(actor), expect: page(edit(created)), check: keepPageModel },
        { what: 'a negative amount', url: `/oekonomi/priser/${YEAR}/ny`, body: { kind: 'fixed', solution: 'kp', label: 'Rutetest negativ', amount: '-5,00' }, expect: page(edit(422)) },
      ],
    },
    {
      route: 'GET /oekonomi/priser/:year/modeller/:id',
      samples: [{ what: 'a price model', url: (_fx, actor) => `/oekonomi/priser/${YEAR}/modeller/${pageModel(actor)}`, expect: page(read(200)) }],
    },
    {
      route: 'POST /oekonomi/priser/:year/modeller/:id',
      samples: [
        {
          what: 'a new unit price',
          url: (_fx, actor) => `/oekonomi/priser/${YEAR}/modeller/${pageModel(actor)}`,
          body: (_fx, actor) => usageForm(actor, '2,00'),
          expect: page(edit(modelRedirect('gemt'))),
        },
      ],
    },
    {
      route: 'POST /oekonomi/priser/:year/modeller/:id/forbrug',
      samples: [
        {
          what: 'usage for Faxe and Brøndby',
          url: (_fx, actor) => `/oekonomi/priser/${YEAR}/modeller/${pageModel(actor)}/forbrug`,
          upload: usageFile,
          expect: page(edit({ status: 303, location: (url: string) => `${url.replace(/\/forbrug$/, '')}?besked=forbrug#forbrug` })),
        },
      ],
    },
    {
      route: 'POST /oekonomi/priser/:year/kopier',
      samples: [
        // The administrator copies first; by the time økonomi tries, the next year has prices (409).
        {
          what: 'copy to the next year',
          url: `/oekonomi/priser/${YEAR}/kopier`,
          expect: page({ ...edit(409), admin: { status: 303, location: `/oekonomi/priser/${YEAR + 1}?besked=kopieret` } }),
        },
      ],
    },
    {
      route: 'POST /oekonomi/priser/:year/modeller/:id/slet',
      samples: [
        {
          what: 'the caller’s own model',
          url: (_fx, actor) => `/oekonomi/priser/${YEAR}/modeller/${made.page[actor] ?? NOBODY}/slet`,
          expect: page(edit({ status: 303, location: `/oekonomi/priser/${YEAR}?besked=slettet` })),
        },
      ],
    },
    {
      route: 'GET /oekonomi/fordeling',
      samples: [{ what: 'this year’s allocation', url: '/oekonomi/fordeling', expect: page(read({ status: 303, location: /^\/oekonomi\/fordeling\/\d{4}$/ })) }],
    },
    {
      route: 'GET /oekonomi/fordeling/:year',
      samples: [
        { what: 'a year without population', url: `/oekonomi/fordeling/${YEAR}`, expect: page(read(200)) },
        { what: 'one solution', url: `/oekonomi/fordeling/${YEAR}?loesning=valg`, expect: page(read(200)) },
      ],
    },
    {
      route: 'GET /oekonomi/fordeling/:year/kommuner/:code',
      samples: [
        { what: 'Faxe’s share', url: `/oekonomi/fordeling/${YEAR}/kommuner/0320`, expect: page(read(200)) },
        { what: 'Brøndby’s share', url: `/oekonomi/fordeling/${YEAR}/kommuner/0153`, expect: page(read(200)) },
        { what: 'a code that is no municipality', url: `/oekonomi/fordeling/${YEAR}/kommuner/9999`, expect: page(read(404)) },
      ],
    },

    // ---- API
    { route: 'GET /api/v1/economy/years/:year/prices', samples: [{ what: 'a year’s prices', url: `/api/v1/economy/years/${YEAR}/prices`, expect: api(read(200)) }] },
    {
      route: 'POST /api/v1/economy/years/:year/prices',
      samples: [
        { what: 'a usage model of the caller’s own', url: `/api/v1/economy/years/${YEAR}/prices`, body: (_fx, actor) => usageJson(actor), expect: api(edit(201)), check: keepApiModel },
        { what: 'a kink percent of 150', url: `/api/v1/economy/years/${YEAR}/prices`, body: { solution: 'infrastruktur', label: 'Rutetest knæk', kind: 'per_citizen_kink', rateOre: 2500, kink: { thresholdCitizens: 150000, reducedPercent: 150 } }, expect: api(edit(422)) },
      ],
    },
    {
      route: 'PUT /api/v1/economy/years/:year/prices/:id',
      samples: [{ what: 'a new unit price', url: (_fx, actor) => `/api/v1/economy/years/${YEAR}/prices/${apiModel(actor)}`, body: (_fx, actor) => usageJson(actor, 200), expect: api(edit(200)) }],
    },
    {
      route: 'PUT /api/v1/economy/years/:year/prices/:id/usage',
      samples: [
        {
          what: 'usage for Faxe',
          url: (_fx, actor) => `/api/v1/economy/years/${YEAR}/prices/${apiModel(actor)}/usage`,
          body: { usage: [{ code: '0320', quantity: 10 }] },
          expect: api(edit(200)),
        },
      ],
    },
    {
      route: 'DELETE /api/v1/economy/years/:year/prices/:id',
      samples: [{ what: 'the caller’s own model', url: (_fx, actor) => `/api/v1/economy/years/${YEAR}/prices/${made.api[actor] ?? NOBODY}`, expect: api(edit(204)) }],
    },
    {
      route: 'GET /api/v1/economy/years/:year/allocation',
      samples: [
        { what: 'a year without population', url: `/api/v1/economy/years/${YEAR}/allocation`, expect: api(read(422)) },
        { what: 'an unknown solution', url: `/api/v1/economy/years/${YEAR}/allocation?solution=findes-ikke`, expect: api(read(404)) },
      ],
    },
  ];
}
