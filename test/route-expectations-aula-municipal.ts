import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { OTHER, OWN, page, signedIn } from './route-expectations.ts';

/** Every signed-in user reads their own municipality's Aula page (the actors' municipality is OWN). */
const readOwn = (ok: Expect): SignedIn => signedIn(ok);
/** Another municipality's Aula page does not exist for its users; central staff read every one. */
const readOther = (ok: Expect): SignedIn => ({ ...signedIn(404), consultant: ok, admin: ok, economist: ok });

/** The Aula module's municipal routes (issue #12) against every kind of caller; part of the table in route-expectations.ts. */
export function aulaMunicipalRouteExpectations(): RouteExpectation[] {
  return [
    {
      route: 'GET /aula/kommuner/:code',
      samples: [
        { what: 'own municipality', url: `/aula/kommuner/${OWN}`, expect: page(readOwn(200)) },
        { what: 'another municipality', url: `/aula/kommuner/${OTHER}`, expect: page(readOther(200)) },
      ],
    },
  ];
}
