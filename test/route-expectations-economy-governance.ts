import type { RouteExpectation } from './route-expectations.ts';
import { page, signedIn } from './route-expectations.ts';

/** The economy's governance routes (issue #11) against every kind of caller; part of the table in route-expectations.ts. */
export function economyGovernanceRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /styring', samples: [{ what: 'the governance landing page', url: '/styring', expect: page(signedIn(200)) }] },
  ];
}
