import type { RouteExpectation } from './route-expectations.ts';

/** The Aula module's overview routes (issue #12) against every kind of caller; part of the table in route-expectations.ts. */
export function aulaOverviewRouteExpectations(): RouteExpectation[] {
  return [];
}
