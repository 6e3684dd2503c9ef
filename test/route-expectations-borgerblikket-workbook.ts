import type { RouteExpectation } from './route-expectations.ts';

/** The Borgerblikket module's workbook routes (issue #13) against every kind of caller; part of the table in route-expectations.ts. */
export function borgerblikketWorkbookRouteExpectations(): RouteExpectation[] {
  return [];
}
