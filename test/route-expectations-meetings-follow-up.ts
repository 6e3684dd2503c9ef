import type { RouteExpectation } from './route-expectations.ts';

export function followUpRouteExpectations(): RouteExpectation[] {
  return [];
}
