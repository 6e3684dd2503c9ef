import type { Expect, LaterActor, RouteExpectation, SignedIn } from './route-expectations.ts';
import { api, page, signedIn } from './route-expectations.ts';

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
    // ---- responses
    // The aggregate names every municipality's answers: central staff only, and to a municipality it does not exist (404).
    {
      route: 'GET /compliance/pakker/:id/svar',
      samples: [
        { what: 'responses to a published package', url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/svar`, expect: page(byRole(404, 404, 404, 200, 200)) },
        { what: 'a draft', url: (fx) => `/compliance/pakker/${fx.compliance.draft.id}/svar`, expect: page(byRole(404, 404, 404, 200, 200)) },
      ],
    },
    {
      route: 'GET /api/v1/compliance/packages/:id/responses',
      samples: [
        { what: 'responses to a published package', url: (fx) => `/api/v1/compliance/packages/${fx.compliance.published.id}/responses`, expect: api(byRole(404, 404, 404, 200, 200)) },
        { what: 'a package delivered to Brøndby only', url: (fx) => `/api/v1/compliance/packages/${fx.compliance.elsewhere.id}/responses`, expect: api(byRole(404, 404, 404, 200, 200)) },
      ],
    },
    // Only a municipality's recipients respond, for their own municipality; central staff read the package but answer for no municipality (403).
    {
      route: 'POST /compliance/pakker/:id/risici/:riskId/svar',
      samples: [
        {
          what: 'accept a risk of a package delivered to Faxe',
          url: async (fx) => {
            const p = await fx.compliance.freshPublished();
            return `/compliance/pakker/${p.id}/risici/${p.riskId}/svar`;
          },
          body: { response: 'accepted' },
          expect: page(byRole({ status: 303, location: (url) => `${url.slice(0, -'/svar'.length)}?besked=svar-gemt#svar` }, 403, 404, 403, 403)),
        },
        {
          what: 'a package delivered to Brøndby only',
          url: (fx) => `/compliance/pakker/${fx.compliance.elsewhere.id}/risici/${fx.compliance.elsewhere.riskId}/svar`,
          body: { response: 'accepted' },
          expect: page(byRole(404, 404, 404, 403, 403)),
        },
        {
          what: 'a draft',
          url: (fx) => `/compliance/pakker/${fx.compliance.draft.id}/risici/${fx.compliance.draft.riskId}/svar`,
          body: { response: 'accepted' },
          expect: page(byRole(404, 404, 404, 403, 403)),
        },
        {
          what: "another package's risk",
          url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/risici/${fx.compliance.elsewhere.riskId}/svar`,
          body: { response: 'accepted' },
          expect: page(byRole(404, 403, 404, 403, 403)),
        },
      ],
    },
    {
      route: 'PUT /api/v1/compliance/packages/:id/risks/:riskId/response',
      samples: [
        {
          what: 'accept a risk of a package delivered to Faxe',
          url: async (fx) => {
            const p = await fx.compliance.freshPublished();
            return `/api/v1/compliance/packages/${p.id}/risks/${p.riskId}/response`;
          },
          body: { response: 'accepted' },
          expect: api(byRole(200, 403, 404, 403, 403)),
        },
        {
          what: 'a package delivered to Brøndby only',
          url: (fx) => `/api/v1/compliance/packages/${fx.compliance.elsewhere.id}/risks/${fx.compliance.elsewhere.riskId}/response`,
          body: { response: 'accepted' },
          expect: api(byRole(404, 404, 404, 403, 403)),
        },
        {
          what: 'a draft',
          url: (fx) => `/api/v1/compliance/packages/${fx.compliance.draft.id}/risks/${fx.compliance.draft.riskId}/response`,
          body: { response: 'accepted' },
          expect: api(byRole(404, 404, 404, 403, 403)),
        },
      ],
    },
    {
      route: 'GET /api/v1/compliance/packages/:id/risks/:riskId/response',
      samples: [
        {
          what: 'own response to a risk of a package delivered to Faxe',
          url: (fx) => `/api/v1/compliance/packages/${fx.compliance.published.id}/risks/${fx.compliance.published.riskId}/response`,
          expect: api(byRole(200, 403, 404, 403, 403)),
        },
        {
          what: 'a package delivered to Brøndby only',
          url: (fx) => `/api/v1/compliance/packages/${fx.compliance.elsewhere.id}/risks/${fx.compliance.elsewhere.riskId}/response`,
          expect: api(byRole(404, 404, 404, 403, 403)),
        },
      ],
    },
    // ---- files
  ];
}
