import type { RouteExpectation } from './route-expectations.ts';
import { all } from './route-expectations.ts';

/**
 * Context Handler's SAML service provider (issue #15 point 1). The addresses are public: the
 * metadata is read by the IdP, login and the assertion consumer are reached before any session,
 * and single logout comes from the IdP. The route-policy app has no SAML configuration, so each
 * answers its "Context Handler er ikke sat op" page (404) to everyone. The logins themselves are
 * tested against an in-process IdP in src/modules/sso/saml/saml.test.ts.
 */
export function ssoSamlRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /saml/metadata', samples: [{ what: 'SP metadata, SAML not set up', url: '/saml/metadata', expect: all(404) }] },
    { route: 'GET /saml/login', samples: [{ what: 'start a Context Handler login, SAML not set up', url: '/saml/login?next=%2F', expect: all(404) }] },
    {
      route: 'POST /saml/acs',
      samples: [{ what: 'an assertion posted without SAML set up', url: '/saml/acs', body: { SAMLResponse: 'PHNhbWxwOlJlc3BvbnNlLz4=', RelayState: '/' }, expect: all(404) }],
    },
    { route: 'GET /saml/slo', samples: [{ what: 'single logout, SAML not set up', url: '/saml/slo?SAMLRequest=eA%3D%3D', expect: all(404) }] },
  ];
}
