import type { RouteExpectation } from './route-expectations.ts';

/** The news module's routes (issue #14) against every kind of caller; part of the table in route-expectations.ts. */
export function newsRouteExpectations(): RouteExpectation[] {
  return [];
}
