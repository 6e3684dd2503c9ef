import type { RouteExpectation } from './route-expectations.ts';

export function meetingsMunicipalRouteExpectations(): RouteExpectation[] {
  return [];
}
