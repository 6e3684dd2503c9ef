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

let supplierSeq = 0;
/** A supplier without a Danish CVR number (its address names the country), under a name no other call uses. */
const supplierForm = () => ({
  name: `Rutetest leverandør ${process.pid}-${++supplierSeq}`,
  cvr: '',
  address: 'One Microsoft Place, Dublin, Irland',
  role: 'processor',
  locations: 'Irland',
  transferBasisKey: 'eu-eoes',
});

export function complianceRouteExpectations(): RouteExpectation[] {
  return [
    // the risk scales are read by everyone logged in (municipalities assess their own residual risk on them)
    { route: 'GET /compliance/risikoskalaer', samples: [{ what: 'risk scales', url: '/compliance/risikoskalaer', expect: page(signedIn(200)) }] },
    { route: 'GET /api/v1/compliance/risk-scales', samples: [{ what: 'risk scales', url: '/api/v1/compliance/risk-scales', expect: api(signedIn(200)) }] },
    // ---- packages (list, create, copy, overview, changes, API)
    // ---- record (Skema 1)
    // ---- suppliers
    // The master data is central: readers see the list, information security writes; to a municipality it does not exist.
    { route: 'GET /compliance/leverandoerer', samples: [{ what: 'supplier master data', url: '/compliance/leverandoerer', expect: page(byRole(404, 404, 404, 200, 200)) }] },
    { route: 'GET /compliance/leverandoerer/ny', samples: [{ what: 'new supplier form', url: '/compliance/leverandoerer/ny', expect: page(byRole(404, 404, 404, 200, 403)) }] },
    {
      route: 'POST /compliance/leverandoerer/ny',
      samples: [{ what: 'create a supplier', url: '/compliance/leverandoerer/ny', body: supplierForm, expect: page(byRole(404, 404, 404, { status: 303, location: '/compliance/leverandoerer?besked=oprettet' }, 403)) }],
    },
    {
      route: 'GET /compliance/leverandoerer/:supplierId',
      samples: [{ what: 'edit a supplier', url: (fx) => `/compliance/leverandoerer/${fx.compliance.draft.supplierId}`, expect: page(byRole(404, 404, 404, 200, 403)) }],
    },
    {
      route: 'POST /compliance/leverandoerer/:supplierId',
      samples: [
        {
          what: "correct a fresh draft's supplier",
          url: async (fx) => `/compliance/leverandoerer/${(await fx.compliance.freshDraft()).supplierId}`,
          body: supplierForm,
          expect: page(byRole(404, 404, 404, { status: 303, location: '/compliance/leverandoerer?besked=rettet' }, 403)),
        },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/leverandoerer',
      samples: [
        { what: 'published package', url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/leverandoerer`, expect: page(byRole(200, 403, 404, 200, 200)) },
        { what: 'draft', url: (fx) => `/compliance/pakker/${fx.compliance.draft.id}/leverandoerer`, expect: page(byRole(404, 404, 404, 200, 200)) },
        { what: 'delivered to Brøndby only', url: (fx) => `/compliance/pakker/${fx.compliance.elsewhere.id}/leverandoerer`, expect: page(byRole(404, 404, 404, 200, 200)) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/leverandoerer',
      samples: [
        {
          what: 'add a supplier to a fresh draft',
          url: async (fx) => `/compliance/pakker/${(await fx.compliance.freshDraft()).id}/leverandoerer`,
          body: (fx) => ({ supplierId: fx.compliance.published.supplierId }),
          expect: page(byRole(404, 404, 404, { status: 303, location: /\/leverandoerer\?besked=tilfoejet$/ }, 403)),
        },
        {
          what: 'add to a published package',
          url: async (fx) => `/compliance/pakker/${(await fx.compliance.freshPublished()).id}/leverandoerer`,
          body: (fx) => ({ supplierId: fx.compliance.draft.supplierId }),
          expect: page(byRole(403, 403, 404, 403, 403)),
        },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/leverandoerer/:supplierId/fjern',
      samples: [
        {
          what: 'remove a supplier from a fresh draft',
          url: async (fx) => {
            const d = await fx.compliance.freshDraft();
            return `/compliance/pakker/${d.id}/leverandoerer/${d.supplierId}/fjern`;
          },
          expect: page(byRole(404, 404, 404, { status: 303, location: /\/leverandoerer\?besked=fjernet$/ }, 403)),
        },
      ],
    },
    { route: 'GET /api/v1/compliance/suppliers', samples: [{ what: 'supplier master data', url: '/api/v1/compliance/suppliers', expect: api(byRole(404, 404, 404, 200, 200)) }] },
    {
      route: 'POST /api/v1/compliance/suppliers',
      samples: [{ what: 'create a supplier', url: '/api/v1/compliance/suppliers', body: supplierForm, expect: api(byRole(404, 404, 404, 201, 403)) }],
    },
    {
      route: 'PUT /api/v1/compliance/suppliers/:supplierId',
      samples: [
        {
          what: "correct a fresh draft's supplier",
          url: async (fx) => `/api/v1/compliance/suppliers/${(await fx.compliance.freshDraft()).supplierId}`,
          body: supplierForm,
          expect: api(byRole(404, 404, 404, 200, 403)),
        },
      ],
    },
    {
      route: 'PUT /api/v1/compliance/packages/:id/suppliers',
      samples: [
        {
          what: 'a fresh draft',
          url: async (fx) => `/api/v1/compliance/packages/${(await fx.compliance.freshDraft()).id}/suppliers`,
          body: (fx) => ({ supplierIds: [fx.compliance.draft.supplierId] }),
          expect: api(byRole(404, 404, 404, 200, 403)),
        },
        {
          what: 'a published package',
          url: async (fx) => `/api/v1/compliance/packages/${(await fx.compliance.freshPublished()).id}/suppliers`,
          body: (fx) => ({ supplierIds: [fx.compliance.draft.supplierId] }),
          expect: api(byRole(403, 403, 404, 403, 403)),
        },
      ],
    },
    // ---- risks
    // ---- delivery
    // ---- responses
    // ---- files
  ];
}
