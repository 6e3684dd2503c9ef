import type { Expect, Fixtures, LaterActor, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
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

/** Skema 1 as a CSV file with one new activity (the import adds and updates, never removes). */
const recordFile: Upload = {
  field: 'fil',
  filename: 'skema1.csv',
  contentType: 'text/csv',
  content: 'Ref.;Behandlingsaktivitet;Retsgrundlag;Kategorier af registrerede\r\nRT1;Rutetest;Art. 6, stk. 1, litra e;Borgere\r\n',
};

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
    // ---- files
    ...(['xlsx', 'pdf'] as const).map((format) => ({
      route: `GET /compliance/pakker/:id/compliancepakke.${format}`,
      samples: [
        { what: `published package as ${format}`, url: (fx: Fixtures) => `/compliance/pakker/${fx.compliance.published.id}/compliancepakke.${format}`, expect: page(byRole(200, 403, 404, 200, 200)) },
        { what: `draft as ${format}`, url: (fx: Fixtures) => `/compliance/pakker/${fx.compliance.draft.id}/compliancepakke.${format}`, expect: page(byRole(404, 404, 404, 200, 200)) },
        { what: `package delivered elsewhere as ${format}`, url: (fx: Fixtures) => `/compliance/pakker/${fx.compliance.elsewhere.id}/compliancepakke.${format}`, expect: page(byRole(404, 404, 404, 200, 200)) },
      ],
    })),
    {
      route: 'GET /compliance/pakker/:id/fortegnelse/import',
      samples: [
        { what: 'import into a draft', url: (fx) => `/compliance/pakker/${fx.compliance.draft.id}/fortegnelse/import`, expect: page(byRole(404, 404, 404, 200, 403)) },
        { what: 'import into a published package', url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/fortegnelse/import`, expect: page(byRole(403, 403, 404, 403, 403)) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/fortegnelse/import',
      samples: [
        {
          what: 'import Skema 1 into a fresh draft',
          url: async (fx) => `/compliance/pakker/${(await fx.compliance.freshDraft()).id}/fortegnelse/import`,
          upload: recordFile,
          expect: page(byRole(404, 404, 404, { status: 303, location: /\/fortegnelse\/import\?besked=importeret&nye=1&/ }, 403)),
        },
        {
          what: 'import Skema 1 into a published package',
          url: (fx) => `/compliance/pakker/${fx.compliance.published.id}/fortegnelse/import`,
          upload: recordFile,
          expect: page(byRole(403, 403, 404, 403, 403)),
        },
      ],
    },
    {
      route: 'POST /api/v1/compliance/packages/:id/record/import',
      samples: [
        {
          what: 'import Skema 1 into a fresh draft',
          url: async (fx) => `/api/v1/compliance/packages/${(await fx.compliance.freshDraft()).id}/record/import`,
          upload: recordFile,
          expect: api(byRole(404, 404, 404, 200, 403)),
        },
        {
          what: 'import Skema 1 into a package delivered elsewhere',
          url: (fx) => `/api/v1/compliance/packages/${fx.compliance.elsewhere.id}/record/import`,
          upload: recordFile,
          expect: api(byRole(404, 404, 404, 403, 403)),
        },
      ],
    },
  ];
}
