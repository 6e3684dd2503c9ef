import type { RouteExpectation } from './route-expectations.ts';

export function operationsRouteExpectations(): RouteExpectation[] {
  return [];
}
