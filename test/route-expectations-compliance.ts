import { randomUUID } from 'node:crypto';
import type { Expect, LaterActor, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

/** A redirect to a page of the package named in the requested URL (delivery). */
const toDelivery = (rest: string): Expect => ({
  status: 303,
  location: (url: string) => `/compliance/pakker/${/\/(?:compliance\/pakker|api\/v1\/compliance\/packages)\/([0-9a-f-]{36})/.exec(url)![1]}${rest}`,
});

/**
 * The compliance module's routes against every kind of caller; part of the table in
 * route-expectations.ts. Policy in short (src/modules/compliance/policy.ts):
 *
 * - Central staff read every package; the central consultant here also holds the information
 *   security role and is the only caller who authors (creates, edits drafts, publishes). The
 *   administrator and økonomi read and get 403 on authoring.
 * - In Faxe, the superbruger here is also one of its two compliance recipients: it opens, downloads,
 *   responds to and acknowledges packages delivered to Faxe. Faxe's programleder and
 *   KLIK-administrator see the delivery (recipients, opened, acknowledged, access log) but not the
 *   content (403). The named executor and the IT-chef hold no such role: 404, as for a draft or a
 *   package delivered to Brøndby only.
 */

/** The packages the test makes; the shared ones are never written to. */
export interface ComplianceFixtures {
  /** A draft (Aula), not delivered to anybody. */
  readonly draft: { id: string; riskId: string; activityId: string; supplierId: string };
  /** A published package delivered to Faxe and Brøndby. */
  readonly published: { id: string; riskId: string; activityId: string; supplierId: string };
  /** A published package delivered to Brøndby only. */
  readonly elsewhere: { id: string; riskId: string };
  /** A fresh draft for one write. */
  freshDraft(): Promise<{ id: string; riskId: string; activityId: string; supplierId: string }>;
  /** A fresh published package delivered to Faxe and Brøndby, for one write. */
  freshPublished(): Promise<{ id: string; riskId: string }>;
}

/**
 * Shorthand by kind of caller: Faxe's recipient (the superbruger), Faxe's administrators
 * (programleder, KLIK-administrator), Faxe's users without a compliance role (executor, IT-chef),
 * the information-security author (consultant), and central readers (administrator, økonomi).
 */
export const byRole = (recipient: Expect, municipalAdmins: Expect, others: Expect, author: Expect, centralReaders: Expect): SignedIn => ({
  municipalUser: recipient,
  municipalAdmin: municipalAdmins,
  programLeader: municipalAdmins,
  namedExecutor: others,
  itChef: others,
  consultant: author,
  admin: centralReaders,
  economist: centralReaders,
});
export type { LaterActor };

export function complianceRouteExpectations(): RouteExpectation[] {
  return [
    // the risk scales are read by everyone logged in (municipalities assess their own residual risk on them)
    { route: 'GET /compliance/risikoskalaer', samples: [{ what: 'risk scales', url: '/compliance/risikoskalaer', expect: page(signedIn(200)) }] },
    { route: 'GET /api/v1/compliance/risk-scales', samples: [{ what: 'risk scales', url: '/api/v1/compliance/risk-scales', expect: api(signedIn(200)) }] },
    // ---- packages (list, create, copy, overview, changes, API)
    // ---- record (Skema 1)
    // ---- suppliers
    // ---- risks
    // ---- delivery
    // Publishing: the author only, drafts only (a published package sends nothing: it answers "already published").
    {
      route: 'GET /compliance/pakker/:id/offentliggoer',
      samples: [
        { what: 'draft', url: (fx) => `/compliance/pakker/${fx.compliance.draft.id}/offentliggoer`, expect: page(byRole(404, 404, 404, 200, 403)) },
        {
          what: 'published',
          url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/offentliggoer`,
          expect: page(byRole(403, 403, 404, toDelivery('/kommuner?besked=allerede-offentliggjort'), 403)),
        },
        {
          what: 'delivered to Brøndby only',
          url: (fx) => `/compliance/pakker/${fx.compliance.elsewhere.id}/offentliggoer`,
          expect: page(byRole(404, 404, 404, toDelivery('/kommuner?besked=allerede-offentliggjort'), 403)),
        },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/offentliggoer',
      samples: [
        {
          what: 'draft',
          url: async (fx) => `/compliance/pakker/${(await fx.compliance.freshDraft()).id}/offentliggoer`,
          body: () => ({ requestKey: randomUUID() }),
          expect: page(byRole(404, 404, 404, toDelivery('/kommuner?besked=offentliggjort'), 403)),
        },
        {
          what: 'published',
          url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/offentliggoer`,
          body: () => ({ requestKey: randomUUID() }),
          expect: page(byRole(403, 403, 404, toDelivery('/kommuner?besked=allerede-offentliggjort'), 403)),
        },
      ],
    },
    {
      route: 'POST /api/v1/compliance/packages/:id/publish',
      samples: [
        { what: 'draft', url: async (fx) => `/api/v1/compliance/packages/${(await fx.compliance.freshDraft()).id}/publish`, expect: api(byRole(404, 404, 404, 201, 403)) },
        { what: 'published', url: (fx) => `/api/v1/compliance/packages/${fx.compliance.published.id}/publish`, expect: api(byRole(403, 403, 404, 200, 403)) },
      ],
    },
    // Acknowledging: the municipality's recipients, once delivered.
    {
      route: 'POST /compliance/pakker/:id/kvitter',
      samples: [
        {
          what: 'published',
          url: async (fx) => `/compliance/pakker/${(await fx.compliance.freshPublished()).id}/kvitter`,
          expect: page(byRole(toDelivery('#kvittering'), 403, 404, 403, 403)),
        },
        { what: 'draft', url: (fx) => `/compliance/pakker/${fx.compliance.draft.id}/kvitter`, expect: page(byRole(404, 404, 404, 403, 403)) },
        { what: 'delivered to Brøndby only', url: (fx) => `/compliance/pakker/${fx.compliance.elsewhere.id}/kvitter`, expect: page(byRole(404, 404, 404, 403, 403)) },
      ],
    },
    {
      route: 'POST /api/v1/compliance/packages/:id/acknowledge',
      samples: [
        { what: 'published', url: async (fx) => `/api/v1/compliance/packages/${(await fx.compliance.freshPublished()).id}/acknowledge`, expect: api(byRole(200, 403, 404, 403, 403)) },
        { what: 'draft', url: (fx) => `/api/v1/compliance/packages/${fx.compliance.draft.id}/acknowledge`, expect: api(byRole(404, 404, 404, 403, 403)) },
      ],
    },
    // The delivery to every municipality: central staff; a municipality has its own page below.
    {
      route: 'GET /compliance/pakker/:id/kommuner',
      samples: [
        { what: 'published', url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/kommuner`, expect: page(byRole(403, 403, 404, 200, 200)) },
        { what: 'published, what is missing', url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/kommuner?vis=mangler`, expect: page(byRole(403, 403, 404, 200, 200)) },
        { what: 'draft', url: (fx) => `/compliance/pakker/${fx.compliance.draft.id}/kommuner`, expect: page(byRole(404, 404, 404, 200, 200)) },
      ],
    },
    // One municipality's delivery: central staff any it was delivered to; Faxe's recipients and administrators Faxe only.
    {
      route: 'GET /compliance/pakker/:id/kommuner/:code',
      samples: [
        { what: 'Faxe', url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/kommuner/${OWN}`, expect: page(byRole(200, 200, 404, 200, 200)) },
        { what: 'Brøndby', url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/kommuner/${OTHER}`, expect: page(byRole(404, 404, 404, 200, 200)) },
        { what: 'Faxe, delivered to Brøndby only', url: (fx) => `/compliance/pakker/${fx.compliance.elsewhere.id}/kommuner/${OWN}`, expect: page(signedIn(404)) },
        { what: 'no such municipality', url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/kommuner/${NO_SUCH}`, expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'GET /api/v1/compliance/packages/:id/municipalities/:code',
      samples: [
        { what: 'Faxe', url: (fx) => `/api/v1/compliance/packages/${fx.compliance.published.id}/municipalities/${OWN}`, expect: api(byRole(200, 200, 404, 200, 200)) },
        { what: 'Brøndby', url: (fx) => `/api/v1/compliance/packages/${fx.compliance.published.id}/municipalities/${OTHER}`, expect: api(byRole(404, 404, 404, 200, 200)) },
        { what: 'draft', url: (fx) => `/api/v1/compliance/packages/${fx.compliance.draft.id}/municipalities/${OWN}`, expect: api(byRole(404, 404, 404, 404, 404)) },
      ],
    },
    // ---- responses
    // ---- files
  ];
}
