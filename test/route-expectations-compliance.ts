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
    // ---- record (Skema 1)
    // ---- suppliers
    // ---- risks
    // ---- delivery
    // ---- responses
    // ---- files
  ];
}
