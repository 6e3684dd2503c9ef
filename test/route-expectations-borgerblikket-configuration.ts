import type { RouteExpectation } from './route-expectations.ts';

/** The Borgerblikket module's configuration routes (issue #13) against every kind of caller; part of the table in route-expectations.ts. */
export function borgerblikketConfigurationRouteExpectations(): RouteExpectation[] {
  return [];
}
