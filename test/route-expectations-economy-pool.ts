import type { LightMyRequestResponse } from 'fastify';
import type { ActorName, Expect, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

/**
 * The economy's pool routes (issue #11) against every kind of caller; part of the table in
 * route-expectations.ts. Policy (src/modules/economy/policy.ts): everyone signed in reads the pool,
 * whichever municipality proposed; Faxe's programleder and IT-chef submit for Faxe and central staff
 * for KOMBIT, while Faxe's superbruger, KLIK-administrator and the user without roles get 403; the
 * secretariat (the central administrator and økonomi) moves proposals, everyone else gets 403.
 *
 * The proposals the reads and moves are about are the ones the submit samples above them make:
 * each caller's `check` keeps the number it got, and a secretariat member then moves its own
 * proposal (first through the API to Behandlet i fagråd, then on the page to Indstillet), so no
 * sample depends on another caller's write. The entries therefore run in this order.
 */

const proposers = (ok: Expect): SignedIn => ({ ...signedIn(403), consultant: ok, admin: ok, economist: ok, programLeader: ok, itChef: ok });
const secretariat = (ok: Expect): SignedIn => ({ ...signedIn(403), admin: ok, economist: ok });

/** The proposal each caller submitted last. */
const made: Partial<Record<ActorName, number>> = {};

function remember(res: LightMyRequestResponse, actor: ActorName): undefined {
  const fromPage = /^\/styring\/puljen\/forslag\/(\d+)\?besked=indsendt$/.exec(String(res.headers.location ?? ''));
  if (res.statusCode === 303 && fromPage) made[actor] = Number(fromPage[1]);
  if (res.statusCode === 201) made[actor] = (res.json() as { number: number }).number;
  return undefined;
}

/** The caller's own proposal, or (for those who may not submit) one KOMBIT's consultant submitted. */
function proposalOf(actor: ActorName): number {
  const n = made[actor] ?? made.consultant;
  if (n === undefined) throw new Error('no proposal submitted yet: the pool table must run its submit entries first');
  return n;
}

const form = (title: string) => ({ title, description: 'Rutetest af puljen', solutions: ['aula', 'valg'], estimatedCost: '125.000,50', year: String(new Date().getFullYear() + 1) });
const json = (title: string) => ({ title, description: 'Rutetest af puljen', solutions: ['aula'], estimatedCostOre: 12_500_050, year: new Date().getFullYear() + 1 });
const NO_SUCH = 2_000_000_000;

export function economyPoolRouteExpectations(): RouteExpectation[] {
  return [
    { route: 'GET /styring/puljen', samples: [{ what: 'the pool', url: '/styring/puljen', expect: page(signedIn(200)) }] },
    { route: 'GET /styring/puljen/nyt', samples: [{ what: 'the form for a proposal', url: '/styring/puljen/nyt', expect: page(proposers(200)) }] },
    {
      route: 'POST /styring/puljen',
      samples: [
        {
          what: 'a proposal',
          url: '/styring/puljen',
          body: form('Rutetest fra siden'),
          expect: page(proposers({ status: 303, location: /^\/styring\/puljen\/forslag\/\d+\?besked=indsendt$/ })),
          check: remember,
        },
      ],
    },
    {
      route: 'POST /api/v1/governance/proposals',
      samples: [{ what: 'a proposal', url: '/api/v1/governance/proposals', body: json('Rutetest fra API'), expect: api(proposers(201)), check: remember }],
    },
    {
      route: 'GET /styring/puljen/forslag/:number',
      samples: [
        { what: 'a proposal from Faxe', url: () => `/styring/puljen/forslag/${proposalOf('programLeader')}`, expect: page(signedIn(200)) },
        { what: 'a proposal from KOMBIT', url: () => `/styring/puljen/forslag/${proposalOf('consultant')}`, expect: page(signedIn(200)) },
        { what: 'no such proposal', url: `/styring/puljen/forslag/${NO_SUCH}`, expect: page(signedIn(404)) },
      ],
    },
    { route: 'GET /api/v1/governance/proposals', samples: [{ what: 'all proposals', url: '/api/v1/governance/proposals?limit=10', expect: api(signedIn(200)) }] },
    {
      route: 'GET /api/v1/governance/proposals/:number',
      samples: [
        { what: 'a proposal from Faxe', url: () => `/api/v1/governance/proposals/${proposalOf('programLeader')}`, expect: api(signedIn(200)) },
        { what: 'no such proposal', url: `/api/v1/governance/proposals/${NO_SUCH}`, expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'POST /api/v1/governance/proposals/:number/steps',
      samples: [
        {
          what: 'treated in a Fagråd',
          url: (_fx, actor) => `/api/v1/governance/proposals/${proposalOf(actor)}/steps`,
          body: { status: 'behandlet_fagraad', decision: 'Fagrådet anbefaler forslaget (rutetest).' },
          expect: api(secretariat(201)),
        },
      ],
    },
    {
      route: 'POST /styring/puljen/forslag/:number/trin',
      samples: [
        {
          what: 'recommended to the Porteføljeråd',
          url: (_fx, actor) => `/styring/puljen/forslag/${proposalOf(actor)}/trin`,
          body: { status: 'indstillet', decision: 'Indstillet til Porteføljerådet (rutetest).' },
          expect: page(secretariat({ status: 303, location: /^\/styring\/puljen\/forslag\/\d+\?besked=flyttet$/ })),
        },
      ],
    },
    { route: 'GET /api/v1/governance/pool/:year', samples: [{ what: "next year's pool", url: `/api/v1/governance/pool/${new Date().getFullYear() + 1}`, expect: api(signedIn(200)) }] },
  ];
}
