import type { RouteExpectation } from './route-expectations.ts';

/** The economy's budget routes (issue #11) against every kind of caller; part of the table in route-expectations.ts. */
export function economyBudgetRouteExpectations(): RouteExpectation[] {
  return [

  ];
}
