import type { RouteExpectation } from './route-expectations.ts';
import { page, signedIn } from './route-expectations.ts';

/** The economy's documents routes (issue #11) against every kind of caller; part of the table in route-expectations.ts. */
export function economyDocumentsRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /oekonomi', samples: [{ what: 'the economy landing page', url: '/oekonomi', expect: page(signedIn(200)) }] },
  ];
}
