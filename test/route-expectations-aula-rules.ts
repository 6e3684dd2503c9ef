import type { Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/** Everyone signed in reads the deletion rules; central administrators and consultants change them (policy.ts). */
const editors = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok });

/** A version id that does not exist: editors get 404, everyone else is refused before the lookup. */
const NO_SUCH_SET = '00000000-0000-4000-8000-00000000aaaa';

/** Every request that creates a version needs its own activation day (one version per day). */
let day = 0;
const freshDay = () => {
  day += 1;
  const d = new Date(Date.UTC(2090, 0, 1) + (process.pid % 1000) * 86_400_000 * 10 + day * 86_400_000);
  return d.toISOString().slice(0, 10);
};
const categories = ['dagsordener', 'handleplaner', 'indstillinger', 'magtanvendelsesskemaer', 'observationer', 'paedagogiske-noter', 'referater', 'rive-kradseskema', 'oevrige-noter'];
const apiBody = () => ({ name: 'Rutetest', activationDate: freshDay(), rules: categories.map((category) => ({ category, trigger: 'oprettet', periodMonths: 36 })) });
const formBody = () => ({
  name: 'Rutetest',
  activationDate: freshDay(),
  ...Object.fromEntries(categories.flatMap((c) => [[`trigger-${c}`, 'oprettet'], [`periodMonths-${c}`, '36']])),
});

/** The Aula module's rules routes (issue #12) against every kind of caller; part of the table in route-expectations.ts. */
export function aulaRulesRouteExpectations(): RouteExpectation[] {
  return [
    // Central staff get the overview of the 98 there, a municipality's users the landing page: 200 for everyone signed in.
    { route: 'GET /aula', samples: [{ what: 'the Aula landing page', url: '/aula', expect: page(signedIn(200)) }] },
    { route: 'GET /aula/sletteregler', samples: [{ what: 'every version of the rules', url: '/aula/sletteregler', expect: page(signedIn(200)) }] },
    { route: 'GET /aula/sletteregler/ny', samples: [{ what: 'the form for a new version', url: '/aula/sletteregler/ny', expect: page(editors(200)) }] },
    {
      route: 'POST /aula/sletteregler/ny',
      samples: [
        {
          what: 'a new version on a fresh day',
          url: '/aula/sletteregler/ny',
          body: () => formBody(),
          expect: page(editors({ status: 303, location: /^\/aula\/sletteregler\?besked=oprettet#version-[0-9a-f-]{36}$/ })),
        },
      ],
    },
    { route: 'GET /aula/sletteregler/:id/ret', samples: [{ what: 'a version that does not exist', url: `/aula/sletteregler/${NO_SUCH_SET}/ret`, expect: page(editors(404)) }] },
    {
      route: 'POST /aula/sletteregler/:id/ret',
      samples: [{ what: 'a version that does not exist', url: `/aula/sletteregler/${NO_SUCH_SET}/ret`, body: () => formBody(), expect: page(editors(404)) }],
    },
    { route: 'POST /aula/sletteregler/:id/slet', samples: [{ what: 'a version that does not exist', url: `/aula/sletteregler/${NO_SUCH_SET}/slet`, expect: page(editors(404)) }] },
    {
      route: 'GET /api/v1/aula/rules',
      samples: [
        { what: 'today', url: '/api/v1/aula/rules', expect: api(signedIn(200)) },
        { what: 'another day', url: '/api/v1/aula/rules?date=2026-09-01', expect: api(signedIn(200)) },
      ],
    },
    { route: 'POST /api/v1/aula/rules', samples: [{ what: 'a new version on a fresh day', url: '/api/v1/aula/rules', body: () => apiBody(), expect: api(editors(201)) }] },
    { route: 'PUT /api/v1/aula/rules/:id', samples: [{ what: 'a version that does not exist', url: `/api/v1/aula/rules/${NO_SUCH_SET}`, body: () => apiBody(), expect: api(editors(404)) }] },
    { route: 'DELETE /api/v1/aula/rules/:id', samples: [{ what: 'a version that does not exist', url: `/api/v1/aula/rules/${NO_SUCH_SET}`, expect: api(editors(404)) }] },
  ];
}
