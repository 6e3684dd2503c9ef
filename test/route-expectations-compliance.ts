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
    ...recordRouteExpectations(),
    // ---- suppliers
    // ---- risks
    // ---- delivery
    // ---- responses
    // ---- files
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
