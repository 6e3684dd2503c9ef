import type { RouteExpectation } from './route-expectations.ts';
import { page, signedIn } from './route-expectations.ts';

/**
 * Single sign-on's shared routes (issue #15): the municipality chooser after a Context Handler
 * login with privileges in several municipalities. It is public (the user has no session yet) and
 * works only with the chooser's own cookie, which no caller here has: the choice has expired (410).
 */
export function ssoRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /sso/vaelg-kommune', samples: [{ what: 'the chooser without a choice', url: '/sso/vaelg-kommune', expect: { ...page(signedIn(410)), anonymous: 410 } }] },
    { route: 'POST /sso/vaelg-kommune', samples: [{ what: 'a choice without a choice cookie', url: '/sso/vaelg-kommune', body: { bruger: '00000000-0000-4000-8000-000000000001' }, expect: { ...page(signedIn(410)), anonymous: 410 } }] },
  ];
}
