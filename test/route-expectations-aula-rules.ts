import type { RouteExpectation } from './route-expectations.ts';
import { page, signedIn } from './route-expectations.ts';

/** The Aula module's rules routes (issue #12) against every kind of caller; part of the table in route-expectations.ts. */
export function aulaRulesRouteExpectations(): RouteExpectation[] {
  return [
    // The landing page: central staff see the overview; it is the rules engineer's until the overview exists.
    { route: 'GET /aula', samples: [{ what: 'the Aula landing page', url: '/aula', expect: page(signedIn(200)) }] },
  ];
}
