import { randomUUID } from 'node:crypto';
import type { ActorName, Expect, Fixtures, LaterActor, RouteExpectation, SignedIn, Upload } from './route-expectations.ts';
import { ACTORS, api, NO_SUCH, OTHER, OWN, page, signedIn } from './route-expectations.ts';

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
  /** A fresh draft whose solution has no package the year after (so it can be copied). */
  copyable(): Promise<{ id: string }>;
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

const two = (a: string, b: string) => [
  { label: a, definition: `${a} (definition)` },
  { label: b, definition: `${b} (definition)` },
];
/** A 2×2 scale under a fresh name, as JSON and as the form's fields. */
const scaleJson = (name: string) => ({
  name,
  likelihoods: two('Sjælden', 'Hyppig'),
  consequences: two('Lille', 'Stor'),
  levels: [
    { label: 'Lav', colour: 'groen' },
    { label: 'Høj', colour: 'roed' },
  ],
  matrix: [
    ['Lav', 'Høj'],
    ['Høj', 'Høj'],
  ],
});
const scaleForm = (name: string): Record<string, string> => {
  const j = scaleJson(name);
  const fields: Record<string, string> = { name };
  for (const axis of ['likelihoods', 'consequences'] as const)
    j[axis].forEach((l, i) => Object.assign(fields, { [`${axis}.${i}.label`]: l.label, [`${axis}.${i}.definition`]: l.definition }));
  j.levels.forEach((l, i) => Object.assign(fields, { [`levels.${i}.label`]: l.label, [`levels.${i}.colour`]: l.colour }));
  return { ...fields, 'matrix.0.0': '1', 'matrix.0.1': '2', 'matrix.1.0': '2', 'matrix.1.1': '2' };
};
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
    // adding a scale: information security only (central readers 403, municipal users 404)
    { route: 'GET /compliance/risikoskalaer/ny', samples: [{ what: 'new scale form', url: '/compliance/risikoskalaer/ny', expect: page(byRole(404, 404, 404, 200, 403)) }] },
    {
      route: 'POST /compliance/risikoskalaer/ny',
      samples: [{ what: 'new 2×2 scale', url: '/compliance/risikoskalaer/ny?sandsynligheder=2&konsekvenser=2&niveauer=2', body: (fx) => scaleForm(fx.email()), expect: page(byRole(404, 404, 404, { status: 303, location: /^\/compliance\/risikoskalaer\?besked=oprettet#skala-/ }, 403)) }],
    },
    {
      route: 'POST /api/v1/compliance/risk-scales',
      samples: [{ what: 'new 2×2 scale', url: '/api/v1/compliance/risk-scales', body: (fx) => scaleJson(fx.email()), expect: api(byRole(404, 404, 404, 201, 403)) }],
    },
    // ---- packages (list, create, copy, overview, changes, API)
    ...packageRouteExpectations(),
    // ---- record (Skema 1)
    ...recordRouteExpectations(),
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
    ...riskExpectations(),
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

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const createdPage = (besked: string): Expect => ({ status: 303, location: new RegExp(`^/compliance/pakker/${UUID}\\?besked=${besked}$`) });
/** A year no fixture uses, one per caller, so that only the author's create succeeds and nothing collides. */
const yearFor = (base: number) => (actor: ActorName) => String(base + ACTORS.indexOf(actor));

/**
 * Packages: everyone logged in gets the list (those without a compliance role read who gets the
 * packages); central staff read every package, the author creates, copies and edits drafts;
 * Faxe's recipient reads what was delivered to Faxe, its administrators are sent to the delivery
 * page (overview) or refused the content (403); anything not delivered to Faxe is 404 there.
 */
function packageRouteExpectations(): RouteExpectation[] {
  const pkg = (fx: { compliance: ComplianceFixtures }, which: 'draft' | 'published' | 'elsewhere') => `/compliance/pakker/${fx.compliance[which].id}`;
  const apiPkg = (fx: { compliance: ComplianceFixtures }, which: 'draft' | 'published' | 'elsewhere') => `/api/v1/compliance/packages/${fx.compliance[which].id}`;
  const toDelivery: Expect = { status: 303, location: (url) => `${url}/kommuner/0320` };
  const unseen = byRole(404, 404, 404, 200, 200);
  return [
    {
      route: 'GET /compliance',
      samples: [
        { what: 'package list', url: '/compliance', expect: page(signedIn(200)) },
        { what: 'package list, filtered', url: '/compliance?aar=2097&loesning=aula', expect: page(signedIn(200)) },
      ],
    },
    {
      route: 'POST /compliance/pakker',
      samples: [
        {
          what: 'create a package',
          url: '/compliance/pakker',
          body: (_fx, actor) => ({ solution: 'valg', year: yearFor(2060)(actor) }),
          expect: page(byRole(403, 403, 403, createdPage('oprettet'), 403)),
        },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/kopi',
      samples: [
        { what: 'copy a draft', url: async (fx) => `/compliance/pakker/${(await fx.compliance.copyable()).id}/kopi`, body: {}, expect: page(byRole(404, 404, 404, createdPage('kopieret'), 403)) },
        // the published fixture's next year is the draft fixture's: refused with the reason
        { what: 'copy when next year exists', url: (fx) => `${pkg(fx, 'published')}/kopi`, body: {}, expect: page(byRole(403, 403, 404, 409, 403)) },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id',
      samples: [
        { what: 'draft', url: (fx) => pkg(fx, 'draft'), expect: page(unseen) },
        { what: 'published to Faxe', url: (fx) => pkg(fx, 'published'), expect: page(byRole(200, toDelivery, 404, 200, 200)) },
        { what: 'published to Brøndby only', url: (fx) => pkg(fx, 'elsewhere'), expect: page(unseen) },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/aendringer',
      samples: [
        { what: 'draft', url: (fx) => `${pkg(fx, 'draft')}/aendringer`, expect: page(unseen) },
        { what: 'published to Faxe', url: (fx) => `${pkg(fx, 'published')}/aendringer`, expect: page(byRole(200, 403, 404, 200, 200)) },
        { what: 'published to Brøndby only', url: (fx) => `${pkg(fx, 'elsewhere')}/aendringer`, expect: page(unseen) },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/rediger',
      samples: [
        { what: 'draft', url: (fx) => `${pkg(fx, 'draft')}/rediger`, expect: page(byRole(404, 404, 404, 200, 403)) },
        { what: 'published', url: (fx) => `${pkg(fx, 'published')}/rediger`, expect: page(byRole(403, 403, 404, 403, 403)) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/rediger',
      samples: [
        {
          what: 'edit a draft',
          url: async (fx) => `/compliance/pakker/${(await fx.compliance.freshDraft()).id}/rediger`,
          body: { introduction: 'Ny introduktion', scaleKey: 'datatilsynet-4x4' },
          expect: page(byRole(404, 404, 404, { status: 303, location: new RegExp(`^/compliance/pakker/${UUID}\\?besked=gemt$`) }, 403)),
        },
        { what: 'edit a published package', url: (fx) => `${pkg(fx, 'published')}/rediger`, body: { introduction: 'x', scaleKey: 'datatilsynet-4x4' }, expect: page(byRole(403, 403, 404, 403, 403)) },
      ],
    },
    {
      route: 'GET /api/v1/compliance/packages',
      samples: [{ what: 'package list', url: '/api/v1/compliance/packages?year=2097&solution=aula', expect: api(signedIn(200)) }],
    },
    {
      route: 'GET /api/v1/compliance/packages/:id',
      samples: [
        { what: 'draft', url: (fx) => apiPkg(fx, 'draft'), expect: api(unseen) },
        { what: 'published to Faxe', url: (fx) => apiPkg(fx, 'published'), expect: api(byRole(200, 403, 404, 200, 200)) },
        { what: 'published to Brøndby only', url: (fx) => apiPkg(fx, 'elsewhere'), expect: api(unseen) },
      ],
    },
    {
      route: 'GET /api/v1/compliance/packages/:id/changes',
      samples: [
        { what: 'published to Faxe', url: (fx) => `${apiPkg(fx, 'published')}/changes`, expect: api(byRole(200, 403, 404, 200, 200)) },
        { what: 'published to Brøndby only', url: (fx) => `${apiPkg(fx, 'elsewhere')}/changes`, expect: api(unseen) },
      ],
    },
    {
      route: 'POST /api/v1/compliance/packages',
      samples: [{ what: 'create a package', url: '/api/v1/compliance/packages', body: (_fx, actor) => ({ solution: 'valg', year: Number(yearFor(2070)(actor)) }), expect: api(byRole(403, 403, 403, 201, 403)) }],
    },
    {
      route: 'POST /api/v1/compliance/packages/:id/copy',
      samples: [
        { what: 'copy a draft', url: async (fx) => `/api/v1/compliance/packages/${(await fx.compliance.copyable()).id}/copy`, body: {}, expect: api(byRole(404, 404, 404, 201, 403)) },
        { what: 'copy when next year exists', url: (fx) => `${apiPkg(fx, 'published')}/copy`, body: {}, expect: api(byRole(403, 403, 404, 409, 403)) },
      ],
    },
  ];
}

// ---- record (Skema 1) ------------------------------------------------------------------------------

const skema = (id: string, rest = '') => `/compliance/pakker/${id}/fortegnelse${rest}`;
const skemaApi = (id: string, rest = '') => `/api/v1/compliance/packages/${id}${rest}`;
/** A fresh draft's URL (one per request, since the author's write changes it). */
const freshDraft = (to: (d: { id: string; activityId: string }) => string) => async (fx: Fixtures) => to(await fx.compliance.freshDraft());
const activityBody = { ref: 'B77', name: 'Rutetest-aktivitet', legalBases: ['art6-1-e'], dataSubjects: ['borgere'], personalData: ['cpr'], retention: '5-aar' };
/** Reading Skema 1: the draft only centrally; a published package also by Faxe's recipient (its administrators: 403). */
const readDraft = byRole(404, 404, 404, 200, 200);
const readPublished = byRole(200, 403, 404, 200, 200);
const readElsewhere = byRole(404, 404, 404, 200, 200);
/** Authoring: information security on a draft; a published package is refused to everyone who sees it. */
const authorDraft = (ok: Expect) => byRole(404, 404, 404, ok, 403);
const authorPublished = byRole(403, 403, 404, 403, 403);
const authorElsewhere = byRole(404, 404, 404, 403, 403);
const to = (location: (url: string) => string): Expect => ({ status: 303, location: (url: string) => location(url) });

function recordRouteExpectations(): RouteExpectation[] {
  const fx = (f: (c: ComplianceFixtures) => string) => (x: Fixtures) => f(x.compliance);
  return [
    {
      route: 'GET /compliance/pakker/:id/fortegnelse',
      samples: [
        { what: 'draft', url: fx((c) => skema(c.draft.id)), expect: page(readDraft) },
        { what: 'published to Faxe', url: fx((c) => skema(c.published.id)), expect: page(readPublished) },
        { what: 'published to Brøndby only', url: fx((c) => skema(c.elsewhere.id)), expect: page(readElsewhere) },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/fortegnelse/ny',
      samples: [
        { what: 'draft', url: fx((c) => skema(c.draft.id, '/ny')), expect: page(authorDraft(200)) },
        { what: 'published to Faxe', url: fx((c) => skema(c.published.id, '/ny')), expect: page(authorPublished) },
        { what: 'published to Brøndby only', url: fx((c) => skema(c.elsewhere.id, '/ny')), expect: page(authorElsewhere) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/fortegnelse/ny',
      samples: [
        {
          what: 'fresh draft',
          url: freshDraft((d) => skema(d.id, '/ny')),
          body: activityBody,
          expect: page(authorDraft({ status: 303, location: (url) => new RegExp(`^${url.replace(/\/ny$/, '')}\\?besked=aktivitet-gemt#aktivitet-[0-9a-f-]{36}$`) })),
        },
        { what: 'published to Faxe', url: fx((c) => skema(c.published.id, '/ny')), body: activityBody, expect: page(authorPublished) },
        { what: 'published to Brøndby only', url: fx((c) => skema(c.elsewhere.id, '/ny')), body: activityBody, expect: page(authorElsewhere) },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/fortegnelse/:activityId',
      samples: [
        { what: 'draft', url: fx((c) => skema(c.draft.id, `/${c.draft.activityId}`)), expect: page(authorDraft(200)) },
        { what: 'published to Faxe', url: fx((c) => skema(c.published.id, `/${c.published.activityId}`)), expect: page(authorPublished) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/fortegnelse/:activityId',
      samples: [
        {
          what: 'fresh draft',
          url: freshDraft((d) => skema(d.id, `/${d.activityId}`)),
          body: activityBody,
          expect: page(authorDraft(to((url) => url.replace(/\/([0-9a-f-]{36})$/, '?besked=aktivitet-gemt#aktivitet-$1')))),
        },
        { what: 'published to Faxe', url: fx((c) => skema(c.published.id, `/${c.published.activityId}`)), body: activityBody, expect: page(authorPublished) },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/fortegnelse/:activityId/slet',
      samples: [
        { what: 'draft', url: fx((c) => skema(c.draft.id, `/${c.draft.activityId}/slet`)), expect: page(authorDraft(200)) },
        { what: 'published to Faxe', url: fx((c) => skema(c.published.id, `/${c.published.activityId}/slet`)), expect: page(authorPublished) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/fortegnelse/:activityId/slet',
      samples: [
        {
          what: 'fresh draft',
          url: freshDraft((d) => skema(d.id, `/${d.activityId}/slet`)),
          expect: page(authorDraft(to((url) => url.replace(/\/[0-9a-f-]{36}\/slet$/, '?besked=aktivitet-slettet')))),
        },
        { what: 'published to Faxe', url: fx((c) => skema(c.published.id, `/${c.published.activityId}/slet`)), expect: page(authorPublished) },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/fortegnelse/:activityId/kolonne-g',
      samples: [
        { what: 'draft', url: fx((c) => skema(c.draft.id, `/${c.draft.activityId}/kolonne-g`)), expect: page(readDraft) },
        { what: 'published to Faxe', url: fx((c) => skema(c.published.id, `/${c.published.activityId}/kolonne-g`)), expect: page(readPublished) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/fortegnelse/:activityId/kolonne-g',
      samples: [
        {
          what: 'fresh draft',
          url: freshDraft((d) => skema(d.id, `/${d.activityId}/kolonne-g`)),
          body: { cell: 'cpr|borgere' },
          expect: page(authorDraft(to((url) => `${url}?besked=kolonne-g-gemt`))),
        },
        { what: 'published to Faxe', url: fx((c) => skema(c.published.id, `/${c.published.activityId}/kolonne-g`)), body: { cell: 'cpr|borgere' }, expect: page(authorPublished) },
      ],
    },
    {
      route: 'GET /compliance/pakker/:id/principper',
      samples: [
        { what: 'draft', url: fx((c) => `/compliance/pakker/${c.draft.id}/principper`), expect: page(authorDraft(200)) },
        { what: 'published to Faxe', url: fx((c) => `/compliance/pakker/${c.published.id}/principper`), expect: page(authorPublished) },
        { what: 'published to Brøndby only', url: fx((c) => `/compliance/pakker/${c.elsewhere.id}/principper`), expect: page(authorElsewhere) },
      ],
    },
    {
      route: 'POST /compliance/pakker/:id/principper',
      samples: [
        {
          what: 'fresh draft',
          url: freshDraft((d) => `/compliance/pakker/${d.id}/principper`),
          body: { principles: 'Rutetest', 'ret-indsigt': 'Rutetest' },
          expect: page(authorDraft(to((url) => url.replace(/\/principper$/, '/fortegnelse?besked=rettigheder-gemt')))),
        },
        { what: 'published to Faxe', url: fx((c) => `/compliance/pakker/${c.published.id}/principper`), body: { principles: 'Rutetest' }, expect: page(authorPublished) },
      ],
    },
    {
      route: 'POST /api/v1/compliance/packages/:id/activities',
      samples: [
        { what: 'fresh draft', url: freshDraft((d) => skemaApi(d.id, '/activities')), body: activityBody, expect: api(authorDraft(201)) },
        { what: 'published to Faxe', url: fx((c) => skemaApi(c.published.id, '/activities')), body: activityBody, expect: api(authorPublished) },
        { what: 'published to Brøndby only', url: fx((c) => skemaApi(c.elsewhere.id, '/activities')), body: activityBody, expect: api(authorElsewhere) },
      ],
    },
    {
      route: 'PUT /api/v1/compliance/packages/:id/activities/:activityId',
      samples: [
        { what: 'fresh draft', url: freshDraft((d) => skemaApi(d.id, `/activities/${d.activityId}`)), body: activityBody, expect: api(authorDraft(200)) },
        { what: 'published to Faxe', url: fx((c) => skemaApi(c.published.id, `/activities/${c.published.activityId}`)), body: activityBody, expect: api(authorPublished) },
      ],
    },
    {
      route: 'DELETE /api/v1/compliance/packages/:id/activities/:activityId',
      samples: [
        { what: 'fresh draft', url: freshDraft((d) => skemaApi(d.id, `/activities/${d.activityId}`)), expect: api(authorDraft(204)) },
        { what: 'published to Faxe', url: fx((c) => skemaApi(c.published.id, `/activities/${c.published.activityId}`)), expect: api(authorPublished) },
      ],
    },
    {
      route: 'PUT /api/v1/compliance/packages/:id/activities/:activityId/column-g',
      samples: [
        {
          what: 'fresh draft',
          url: freshDraft((d) => skemaApi(d.id, `/activities/${d.activityId}/column-g`)),
          // column G is a bare list, as the package's columnG reads
          body: [{ personalData: 'cpr', dataSubjects: ['borgere'] }] as unknown as Record<string, unknown>,
          expect: api(authorDraft(200)),
        },
        {
          what: 'published to Faxe',
          url: fx((c) => skemaApi(c.published.id, `/activities/${c.published.activityId}/column-g`)),
          body: [] as unknown as Record<string, unknown>,
          expect: api(authorPublished),
        },
      ],
    },
    {
      route: 'PUT /api/v1/compliance/packages/:id/rights',
      samples: [
        { what: 'fresh draft', url: freshDraft((d) => skemaApi(d.id, '/rights')), body: { principles: 'Rutetest', rights: [{ right: 'indsigt', handling: 'Rutetest' }] }, expect: api(authorDraft(200)) },
        { what: 'published to Faxe', url: fx((c) => skemaApi(c.published.id, '/rights')), body: { principles: 'Rutetest' }, expect: api(authorPublished) },
        { what: 'published to Brøndby only', url: fx((c) => skemaApi(c.elsewhere.id, '/rights')), body: { principles: 'Rutetest' }, expect: api(authorElsewhere) },
      ],
    },
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
