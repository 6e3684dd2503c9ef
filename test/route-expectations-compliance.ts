import type { Expect, Fixtures, LaterActor, RouteExpectation, SignedIn } from './route-expectations.ts';
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
    ...riskExpectations(),
    // ---- delivery
    // ---- responses
    // ---- files
  ];
}

// ---- risks: the list and a risk's page (readers), the form, confirmation and writes (information security, drafts)

const riskForm = (ref: string) => ({
  ref,
  threat: 'Rutetest af en trussel',
  likelihood: '3',
  consequence: '2',
  existingMeasures: 'Adgangsstyring',
  measureRows: '1',
  'measures.0.description': 'Logning',
  'measures.0.owner': 'KOMBIT',
  'measures.0.deadline': '31.12.2030',
  residualLikelihood: '2',
  residualConsequence: '2',
  treatment: 'reduce',
  rationale: '',
});
const riskJson = (ref: string) => ({
  ref,
  threat: 'Rutetest af en trussel',
  likelihood: 3,
  consequence: 2,
  residualLikelihood: 2,
  residualConsequence: 2,
  treatment: 'reduce',
  measures: [{ description: 'Logning', owner: 'KOMBIT', deadline: '2030-12-31' }],
});
const UUID_RE = '[0-9a-f-]{36}';
/** Reading: the recipient once delivered, central staff always. */
const riskReads = [
  { what: 'draft', pkg: 'draft', expect: byRole(404, 404, 404, 200, 200) },
  { what: 'published to Faxe', pkg: 'published', expect: byRole(200, 403, 404, 200, 200) },
  { what: 'published to Brøndby only', pkg: 'elsewhere', expect: byRole(404, 404, 404, 200, 200) },
] as const;
/** The form and its writes: the author on a draft; a published package is 403 to the author too. */
const authorOnly = (ok: Expect) => ({
  draft: byRole(404, 404, 404, ok, 403),
  published: byRole(403, 403, 404, 403, 403),
});

/**
 * The package a write sample goes to: a fresh draft for the author, whose write goes through; the
 * shared draft for everyone else, whose write is refused (fresh packages are few: one per year).
 */
const writable = async (fx: Fixtures, actor: string) => (actor === 'consultant' ? fx.compliance.freshDraft() : fx.compliance.draft);

function riskExpectations(): RouteExpectation[] {
  const list = (id: string) => `/compliance/pakker/${id}/risici`;
  /** After saving: the new risk's page (its id is new) or the edited one's. */
  const toRisk = (url: string) =>
    url.endsWith('/ny') ? new RegExp(`^${url.slice(0, -'/ny'.length)}/${UUID_RE}\\?besked=gemt$`) : `${url.slice(0, -'/rediger'.length)}?besked=gemt`;
  return [
    {
      route: 'GET /compliance/pakker/:id/risici',
      samples: riskReads.map((r) => ({ what: r.what, url: (fx) => `${list(fx.compliance[r.pkg].id)}?sorter=risiko`, expect: page(r.expect) })),
    },
    {
      route: 'GET /compliance/pakker/:id/risici/:riskId',
      samples: [
        ...riskReads.map((r) => ({ what: r.what, url: (fx: Fixtures) => `${list(fx.compliance[r.pkg].id)}/${fx.compliance[r.pkg].riskId}`, expect: page(r.expect) })),
        {
          what: "another package's risk",
          url: (fx) => `${list(fx.compliance.published.id)}/${fx.compliance.draft.riskId}`,
          expect: page(byRole(404, 403, 404, 404, 404)),
        },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/risici/ny',
      samples: [
        { what: 'draft', url: (fx) => `${list(fx.compliance.draft.id)}/ny`, expect: page(authorOnly(200).draft) },
        { what: 'published', url: (fx) => `${list(fx.compliance.published.id)}/ny`, expect: page(authorOnly(200).published) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/risici/ny',
      samples: [
        { what: 'draft', url: async (fx, actor) => `${list((await writable(fx, actor)).id)}/ny`, body: riskForm('R50'), expect: page(authorOnly({ status: 303, location: toRisk }).draft) },
        { what: 'published', url: (fx) => `${list(fx.compliance.published.id)}/ny`, body: riskForm('R50'), expect: page(authorOnly(303).published) },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/risici/:riskId/rediger',
      samples: [
        { what: 'draft', url: (fx) => `${list(fx.compliance.draft.id)}/${fx.compliance.draft.riskId}/rediger`, expect: page(authorOnly(200).draft) },
        { what: 'published', url: (fx) => `${list(fx.compliance.published.id)}/${fx.compliance.published.riskId}/rediger`, expect: page(authorOnly(200).published) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/risici/:riskId/rediger',
      samples: [
        {
          what: 'draft',
          url: async (fx, actor) => {
            const d = await writable(fx, actor);
            return `${list(d.id)}/${d.riskId}/rediger`;
          },
          body: riskForm('R77'),
          expect: page(authorOnly({ status: 303, location: toRisk }).draft),
        },
        {
          what: 'published',
          url: (fx) => {
            const d = fx.compliance.published;
            return `${list(d.id)}/${d.riskId}/rediger`;
          },
          body: riskForm('R77'),
          expect: page(authorOnly(303).published),
        },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/risici/:riskId/slet',
      samples: [
        { what: 'draft', url: (fx) => `${list(fx.compliance.draft.id)}/${fx.compliance.draft.riskId}/slet`, expect: page(authorOnly(200).draft) },
        { what: 'published', url: (fx) => `${list(fx.compliance.published.id)}/${fx.compliance.published.riskId}/slet`, expect: page(authorOnly(200).published) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/risici/:riskId/slet',
      samples: [
        {
          what: 'draft',
          url: async (fx, actor) => {
            const d = await writable(fx, actor);
            return `${list(d.id)}/${d.riskId}/slet`;
          },
          expect: page(authorOnly({ status: 303, location: (url: string) => `${url.replace(/\/[^/]+\/slet$/, '')}?besked=slettet` }).draft),
        },
        {
          what: 'published',
          url: (fx) => {
            const d = fx.compliance.published;
            return `${list(d.id)}/${d.riskId}/slet`;
          },
          expect: page(authorOnly(303).published),
        },
      ],
    },
    {
      route: 'POST /api/v1/compliance/packages/:id/risks',
      samples: [
        { what: 'draft', url: async (fx, actor) => `/api/v1/compliance/packages/${(await writable(fx, actor)).id}/risks`, body: riskJson('R50'), expect: api(authorOnly(201).draft) },
        { what: 'published', url: (fx) => `/api/v1/compliance/packages/${fx.compliance.published.id}/risks`, body: riskJson('R50'), expect: api(authorOnly(201).published) },
      ],
    },
    {
      route: 'PUT /api/v1/compliance/packages/:id/risks/:riskId',
      samples: [
        {
          what: 'draft',
          url: async (fx, actor) => {
            const d = await writable(fx, actor);
            return `/api/v1/compliance/packages/${d.id}/risks/${d.riskId}`;
          },
          body: riskJson('R77'),
          expect: api(authorOnly(200).draft),
        },
        {
          what: 'published',
          url: (fx) => {
            const d = fx.compliance.published;
            return `/api/v1/compliance/packages/${d.id}/risks/${d.riskId}`;
          },
          body: riskJson('R77'),
          expect: api(authorOnly(200).published),
        },
      ],
    },
    {
      route: 'DELETE /api/v1/compliance/packages/:id/risks/:riskId',
      samples: [
        {
          what: 'draft',
          url: async (fx, actor) => {
            const d = await writable(fx, actor);
            return `/api/v1/compliance/packages/${d.id}/risks/${d.riskId}`;
          },
          expect: api(authorOnly(204).draft),
        },
        {
          what: 'published',
          url: (fx) => {
            const d = fx.compliance.published;
            return `/api/v1/compliance/packages/${d.id}/risks/${d.riskId}`;
          },
          expect: api(authorOnly(204).published),
        },
      ],
    },
  ];
}
