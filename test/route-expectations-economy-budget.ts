import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, page } from './route-expectations.ts';

/**
 * The economy's central budget routes (issue #11 point 4) against every kind of caller; part of the
 * table in route-expectations.ts. Policy (src/modules/economy/budget/policy.ts, over the economy's
 * policy.ts): the cost budget, the actual costs and the year overview are central. Central staff
 * read them (the consultant too); the økonomi role and the central administrators change them (the
 * consultant: 403); to a municipality's users they do not exist (404).
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

/** A year no other table writes to; every write below is an upsert, so the order of callers does not matter. */
const YEAR = 2039;
const saved = (kind: 'budget' | 'regnskab'): Expect => ({ status: 303, location: new RegExp(`^/oekonomi/budget/${YEAR}\\?besked=(${kind}-gemt|uaendret)$`) });
const budgetForm = { 'samlet-drift': '1.000.000,00', 'samlet-vedligehold': '250.000', 'samlet-udvikling': '0', 'samlet-pulje': '50.000,50' };

export function economyBudgetRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /oekonomi/budget/:year', samples: [{ what: "a year's cost budget", url: `/oekonomi/budget/${YEAR}`, expect: page(byRole(200, 200)) }] },
    {
      route: 'GET /oekonomi/budget/:year/:solution',
      samples: [
        { what: "a solution's budget forms", url: `/oekonomi/budget/${YEAR}/aula`, expect: page(byRole(403, 200)) },
        { what: 'a solution that does not exist', url: `/oekonomi/budget/${YEAR}/ingen-loesning`, expect: page(byRole(403, 404)) },
      ],
    },
    {
      route: 'POST /oekonomi/budget/:year/:solution/:stage',
      samples: [
        { what: 'the total budget', url: `/oekonomi/budget/${YEAR}/aula/samlet`, body: budgetForm, expect: page(byRole(403, saved('budget'))) },
        { what: 'an amount that is not one', url: `/oekonomi/budget/${YEAR}/aula/foreloebigt`, body: { 'foreloebigt-drift': 'abc' }, expect: page(byRole(403, 422)) },
      ],
    },
    {
      route: 'POST /oekonomi/budget/:year/:solution/regnskab',
      samples: [{ what: 'the actual cost', url: `/oekonomi/budget/${YEAR}/aula/regnskab`, body: { faktisk: '1.234.567,89' }, expect: page(byRole(403, saved('regnskab'))) }],
    },
    { route: 'GET /oekonomi/aar/:year', samples: [{ what: 'the year overview (no population chosen)', url: `/oekonomi/aar/${YEAR}`, expect: page(byRole(200, 200)) }] },
    {
      route: 'GET /oekonomi/aar/:year/oversigt.xlsx',
      samples: [{ what: 'the year overview as a workbook', url: `/oekonomi/aar/${YEAR}/oversigt.xlsx`, expect: page(byRole(200, 200)) }],
    },
    {
      route: 'GET /api/v1/economy/years/:year/cost-budget',
      samples: [{ what: "a year's cost budget", url: `/api/v1/economy/years/${YEAR}/cost-budget`, expect: api(byRole(200, 200)) }],
    },
    {
      route: 'PUT /api/v1/economy/years/:year/cost-budget/:solution',
      samples: [
        {
          what: 'the preliminary budget',
          url: `/api/v1/economy/years/${YEAR}/cost-budget/valg`,
          body: { stage: 'foreloebigt', operationOre: 100_000_00, maintenanceOre: 0, developmentOre: 5_000_00, poolOre: 1_000_00 },
          expect: api(byRole(403, 200)),
        },
        { what: 'a negative amount', url: `/api/v1/economy/years/${YEAR}/cost-budget/valg`, body: { stage: 'samlet', operationOre: -1, maintenanceOre: 0, developmentOre: 0, poolOre: 0 }, expect: api(byRole(403, 422)) },
      ],
    },
    {
      route: 'PUT /api/v1/economy/years/:year/actual-costs/:solution',
      samples: [{ what: 'the actual cost', url: `/api/v1/economy/years/${YEAR}/actual-costs/valg`, body: { actualOre: 98_765_43 }, expect: api(byRole(403, 200)) }],
    },
    {
      route: 'GET /api/v1/economy/years/:year/overview',
      samples: [{ what: 'the year overview', url: `/api/v1/economy/years/${YEAR}/overview`, expect: api(byRole(200, 200)) }],
    },
  ];
}
