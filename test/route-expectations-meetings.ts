import type { RouteExpectation } from './route-expectations.ts';

export function meetingsRouteExpectations(): RouteExpectation[] {
  return [];
}
