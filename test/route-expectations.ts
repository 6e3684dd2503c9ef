import type { LightMyRequestResponse } from 'fastify';
import { complianceRouteExpectations, type ComplianceFixtures } from './route-expectations-compliance.ts';
import { economyRouteExpectations } from './route-expectations-economy.ts';
import { aulaInventoryRouteExpectations } from './route-expectations-aula-inventory.ts';
import { aulaMunicipalRouteExpectations } from './route-expectations-aula-municipal.ts';
import { aulaRulesRouteExpectations } from './route-expectations-aula-rules.ts';
import { aulaPreviewRouteExpectations } from './route-expectations-aula-preview.ts';
import { aulaOverviewRouteExpectations } from './route-expectations-aula-overview.ts';
import { borgerblikketPlanRouteExpectations } from './route-expectations-borgerblikket-plan.ts';
import { borgerblikketConfigurationRouteExpectations } from './route-expectations-borgerblikket-configuration.ts';
import { borgerblikketVisibilityRouteExpectations } from './route-expectations-borgerblikket-visibility.ts';
import { newsRouteExpectations } from './route-expectations-news.ts';
import { programmesRouteExpectations } from './route-expectations-programmes.ts';
import { meetingsRouteExpectations } from './route-expectations-meetings.ts';
import { meetingsMunicipalRouteExpectations } from './route-expectations-meetings-municipal.ts';
import { followUpRouteExpectations } from './route-expectations-meetings-follow-up.ts';
import { operationsRouteExpectations } from './route-expectations-operations.ts';
import { ssoRouteExpectations } from './route-expectations-sso.ts';
import { ssoSamlRouteExpectations } from './route-expectations-sso-saml.ts';
import { ssoPrivilegesRouteExpectations } from './route-expectations-sso-privileges.ts';
import { ssoBackupRouteExpectations } from './route-expectations-sso-backup.ts';
import { borgerblikketWorkbookRouteExpectations } from './route-expectations-borgerblikket-workbook.ts';
import { borgerblikketAssessmentRouteExpectations } from './route-expectations-borgerblikket-assessment.ts';
import { economyBudgetRouteExpectations } from './route-expectations-economy-budget.ts';
import { economyDocumentsRouteExpectations } from './route-expectations-economy-documents.ts';
import { economyGovernanceRouteExpectations } from './route-expectations-economy-governance.ts';
import { economyPoolRouteExpectations } from './route-expectations-economy-pool.ts';
import { economyPricesRouteExpectations } from './route-expectations-economy-prices.ts';
import { agreementRouteExpectations, type AgreementFixtures } from './route-expectations-agreements.ts';
import { taskRouteExpectations, type TaskFixtures } from './route-expectations-tasks.ts';

/**
 * What every route answers to each kind of caller. test/route-policy.test.ts collects the routes
 * the modules register and fails when one has no entry here, or when an entry names a route that
 * does not exist. A new route therefore needs a line here, which means deciding its policy.
 *
 * Callers: nobody logged in; a Faxe (0320) user without admin rights (superbruger for Aula); Faxe's
 * KLIK-administrator; a central consultant; a central administrator; Faxe's programleder; a Faxe
 * user without roles who is named executor on some of the test's tasks; Faxe's IT- og
 * digitaliseringschef (who signs agreements sent to IT-chefer); a central user who only reads
 * (økonomi). "Another municipality" is Brøndby (0153): for Faxe's users anything about it answers
 * 404, never 403, so an answer does not confirm what exists there.
 */

export const ACTORS = ['anonymous', 'municipalUser', 'municipalAdmin', 'consultant', 'admin', 'programLeader', 'namedExecutor', 'itChef', 'economist'] as const;
export type ActorName = (typeof ACTORS)[number];
/** The callers added after the first five; the modules' shorthands give them defaults. */
export type LaterActor = 'programLeader' | 'namedExecutor' | 'itChef' | 'economist';
/** The callers in Faxe. */
export const inFaxe = (actor: ActorName) => ['municipalUser', 'municipalAdmin', 'programLeader', 'namedExecutor', 'itChef'].includes(actor);

/** The actors' own municipality (Faxe) and another one (Brøndby). */
export const OWN = '0320';
export const OTHER = '0153';
/** A municipality code that does not exist. */
export const NO_SUCH = '9999';

/** Audit entry about Brøndby, created by the test: Faxe's administrator must never see it. The
 * marker is in its actor label, the search term is its entity id (a page echoes the search term). */
export const BRONDBY_AUDIT_MARKER = 'brondby-markoer@rutetest.dk';
export const BRONDBY_AUDIT_ENTITY = 'rutetest-brondby-post';
/** Name of an API token belonging to someone else: nobody's own token list may show it. */
export const OUTSIDER_TOKEN_NAME = 'Fremmed nøgle (rutetest)';

export type Expect =
  /** exactly this status (a 303 must not be the login redirect) */
  | number
  /** 303 to /login?next=<the requested URL>: a page asked for without a login */
  | 'login'
  /** a redirect to exactly this location (a pattern, or one computed from the requested URL, where it names a new row) */
  | { status: number; location: string | RegExp | ((url: string) => string | RegExp) };

export type Expectations = Record<ActorName, Expect>;
export type SignedIn = Omit<Expectations, 'anonymous'>;

/** Rows the test creates; the "fresh" ones are new for every single request, so writes cannot disturb later checks. */
export interface Fixtures {
  /** Active people that are never written to. */
  readonly ownPerson: string;
  readonly otherPerson: string;
  /** An active role of a person in Brøndby. */
  readonly otherRole: { personId: string; roleId: string };
  /** A fresh active person without login in the municipality. */
  person(code: string): Promise<string>;
  /** A fresh person with one active role (superbruger for Aula). */
  personWithRole(code: string): Promise<{ personId: string; roleId: string }>;
  /** A fresh, unique e-mail address. */
  email(): string;
  /** A fresh, unrevoked API token of this actor (anonymous: of someone else); returns its id. */
  tokenOf(actor: ActorName | 'outsider'): Promise<string>;
  /** A fresh, open one-time password link; returns the secret token in the URL. */
  passwordLink(): Promise<string>;
  /** A fresh mail in the outbox. */
  mail(code: string | null, status: 'sent' | 'uncertain'): Promise<string>;
  /** An account without roles, used to post the login form. */
  readonly loginProbe: { email: string; password: string };
  /** Tasks, their steps and files (see route-expectations-tasks.ts). */
  readonly tasks: TaskFixtures;
  /** Agreements, their signatures and files (see route-expectations-agreements.ts). */
  readonly agreements: AgreementFixtures;
  /** Compliance packages (see route-expectations-compliance.ts). */
  readonly compliance: ComplianceFixtures;
  /** A meeting held yesterday: the follow-up can be sent (the coming one is made by planning's entries). */
  readonly heldMeeting: string;
}

type Dyn<T> = T | ((fx: Fixtures, actor: ActorName) => T | Promise<T>);

export type Upload = { field: string; filename: string; contentType: string; content: string };

export type Sample = {
  what: string;
  /** Pages (form posts with _csrf) unless the URL starts with /api/ (JSON with x-csrf-token). */
  url: Dyn<string>;
  /** A form's fields (strings; a list repeats the field) or a JSON body. */
  body?: Dyn<Record<string, unknown>>;
  /** Sent as multipart/form-data (with the body's fields) instead of a body. */
  upload?: Dyn<Upload>;
  /** Use a throwaway session (the request ends it). */
  freshSession?: true;
  expect: Expectations;
  /** Extra check on the response; returns a problem or nothing. */
  check?: (res: LightMyRequestResponse, actor: ActorName) => string | undefined;
};

export type RouteExpectation = { route: string; samples: Sample[] };

// ---- outcome shorthands -----------------------------------------------------------------------

export const all = (e: Expect): Expectations => ({ anonymous: e, ...signedIn(e) });
/** A page: without login, a redirect to the login page. */
export const page = (e: SignedIn): Expectations => ({ anonymous: 'login', ...e });
/** The JSON API: without login, 401. */
export const api = (e: SignedIn): Expectations => ({ anonymous: 401, ...e });
export const signedIn = (e: Expect): SignedIn => ({
  municipalUser: e,
  municipalAdmin: e,
  consultant: e,
  admin: e,
  programLeader: e,
  namedExecutor: e,
  itChef: e,
  economist: e,
});
/** Faxe's users other than its administrators, and the central user who only reads. */
const plainMunicipal = (e: Expect) => ({ namedExecutor: e, itChef: e });

/** Everyone who is logged in may read their own municipality's gallery. */
const readOwn = (ok: Expect): SignedIn => signedIn(ok);
/** Another municipality's gallery: central staff may read it; to a municipality's users it does not exist. */
const readOther = (ok: Expect): SignedIn => ({ ...municipal(404), consultant: ok, admin: ok, economist: ok });
/** The municipality's own administrators and the central administrators manage a gallery. */
const manageOwn = (ok: Expect): SignedIn => ({ ...signedIn(403), municipalAdmin: ok, programLeader: ok, admin: ok });
const manageOther = (ok: Expect): SignedIn => ({ ...municipal(404), consultant: 403, economist: 403, admin: ok });
/** Every user in Faxe. */
const municipal = (e: Expect) => ({ municipalUser: e, municipalAdmin: e, programLeader: e, ...plainMunicipal(e) });
/** Cross-municipality overviews: central staff only (reading them is not editing). */
export const central = (ok: Expect): SignedIn => ({ ...municipal(403), consultant: ok, admin: ok, economist: ok });
/** Central administrators only. */
const centralAdmin = (ok: Expect): SignedIn => ({ ...signedIn(403), admin: ok });
/** The audit log: central administrators, and a municipality's administrators for their own entries. */
const admins = (ok: Expect): SignedIn => ({ ...signedIn(403), municipalAdmin: ok, programLeader: ok, admin: ok });

const personForm = (fx: Fixtures) => ({ name: 'Rute Testesen', email: fx.email(), title: 'Tester', phone: '56 20 30 00' });
const roleForm = { roleTypeKey: 'superbruger', solutionKey: 'aula' };
/** A gallery file adding one new person (imports add and update, never remove). */
const galleryFile = (fx: Fixtures): Upload => ({
  field: 'fil',
  filename: 'rutetest.csv',
  contentType: 'text/csv',
  content: `Navn;E-mail;Titel;Rolle;Løsning\r\nRute Import;${fx.email()};Tester;Superbruger;Aula\r\n`,
});

const auditCheck = (res: LightMyRequestResponse, actor: ActorName) => {
  if (res.statusCode !== 200) return undefined;
  const seen = res.body.includes(BRONDBY_AUDIT_MARKER);
  if ((actor === 'municipalAdmin' || actor === 'programLeader') && seen) return "Faxe's administrator can read Brøndby's audit entries";
  if (actor === 'admin' && !seen) return 'the central administrator should find the Brøndby entry (is the fixture missing?)';
  return undefined;
};
const ownTokensOnly = (res: LightMyRequestResponse) =>
  res.statusCode === 200 && res.body.includes(OUTSIDER_TOKEN_NAME) ? "lists another user's API token" : undefined;

// ---- the table ---------------------------------------------------------------------------------

export const ROUTE_EXPECTATIONS: RouteExpectation[] = [
  // home
  { route: 'GET /healthz', samples: [{ what: 'health check', url: '/healthz', expect: all(200) }] },
  { route: 'GET /', samples: [{ what: 'front page', url: '/', expect: page(signedIn(200)) }] },
  { route: 'GET /api/v1/me/attention', samples: [{ what: 'what needs me (the front page)', url: '/api/v1/me/attention', expect: api(signedIn(200)) }] },
  // help, data protection, accessibility statement and favicon: public, as a public-sector site must be
  { route: 'GET /hjaelp', samples: [{ what: 'help and contact', url: '/hjaelp', expect: all(200) }] },
  { route: 'GET /persondata', samples: [{ what: 'personal data', url: '/persondata', expect: all(200) }] },
  { route: 'GET /tilgaengelighed', samples: [{ what: 'accessibility statement', url: '/tilgaengelighed', expect: all(200) }] },
  { route: 'GET /favicon.svg', samples: [{ what: 'favicon', url: '/favicon.svg', expect: all(200) }] },
  { route: 'GET /favicon.ico', samples: [{ what: 'favicon the browser asks for', url: '/favicon.ico', expect: all({ status: 301, location: '/favicon.svg' }) }] },

  // API documentation (readable without login; swagger-ui's own files under /api/docs/ are not listed)
  { route: 'GET /api/docs', samples: [{ what: 'API documentation', url: '/api/docs', expect: all(200) }] },
  { route: 'GET /api/openapi.json', samples: [{ what: 'OpenAPI document', url: '/api/openapi.json', expect: all(200) }] },

  // auth pages
  {
    route: 'GET /login',
    samples: [{ what: 'login form', url: '/login', expect: { anonymous: 200, ...signedIn({ status: 303, location: '/' }) } }],
  },
  {
    route: 'POST /login',
    samples: [{ what: 'valid credentials', url: '/login', body: (fx) => ({ ...fx.loginProbe }), expect: all({ status: 303, location: '/' }) }],
  },
  {
    route: 'POST /logout',
    samples: [{ what: 'log out', url: '/logout', freshSession: true, expect: all({ status: 303, location: '/login' }) }],
  },
  { route: 'GET /glemt-adgangskode', samples: [{ what: 'forgot password', url: '/glemt-adgangskode', expect: all(200) }] },
  {
    route: 'GET /adgangskode/:token',
    samples: [
      { what: 'open link', url: async (fx) => `/adgangskode/${await fx.passwordLink()}`, expect: all(200) },
      { what: 'unknown link', url: '/adgangskode/ukendt-link', expect: all(404) },
    ],
  },
  {
    route: 'POST /adgangskode/:token',
    samples: [
      {
        what: 'choose password with an open link',
        url: async (fx) => `/adgangskode/${await fx.passwordLink()}`,
        body: { password: 'rutetest-kodeord-1', confirm: 'rutetest-kodeord-1' },
        expect: all({ status: 303, location: '/login?besked=adgangskode' }),
      },
      {
        what: 'unknown link',
        url: '/adgangskode/ukendt-link',
        body: { password: 'rutetest-kodeord-1', confirm: 'rutetest-kodeord-1' },
        expect: all(404),
      },
    ],
  },
  { route: 'GET /profil', samples: [{ what: 'own profile', url: '/profil', expect: page(signedIn(200)), check: ownTokensOnly }] },
  { route: 'POST /profil/noegler', samples: [{ what: 'create own token', url: '/profil/noegler', body: { name: 'Rutetest' }, expect: page(signedIn(200)) }] },
  {
    route: 'POST /profil/noegler/:id/tilbagekald',
    samples: [
      {
        what: 'own token',
        url: async (fx, actor) => `/profil/noegler/${await fx.tokenOf(actor === 'anonymous' ? 'outsider' : actor)}/tilbagekald`,
        expect: page(signedIn({ status: 303, location: '/profil?besked=tilbagekaldt' })),
      },
      { what: "someone else's token", url: async (fx) => `/profil/noegler/${await fx.tokenOf('outsider')}/tilbagekald`, expect: page(signedIn(404)) },
    ],
  },

  // auth API
  { route: 'GET /api/v1/me', samples: [{ what: 'who am I', url: '/api/v1/me', expect: api(signedIn(200)) }] },
  { route: 'GET /api/v1/tokens', samples: [{ what: 'own tokens', url: '/api/v1/tokens', expect: api(signedIn(200)), check: ownTokensOnly }] },
  { route: 'POST /api/v1/tokens', samples: [{ what: 'create own token', url: '/api/v1/tokens', body: { name: 'Rutetest' }, expect: api(signedIn(201)) }] },
  {
    route: 'DELETE /api/v1/tokens/:id',
    samples: [
      { what: 'own token', url: async (fx, actor) => `/api/v1/tokens/${await fx.tokenOf(actor === 'anonymous' ? 'outsider' : actor)}`, expect: api(signedIn(204)) },
      { what: "someone else's token", url: async (fx) => `/api/v1/tokens/${await fx.tokenOf('outsider')}`, expect: api(signedIn(404)) },
    ],
  },

  // organisations: pages
  {
    route: 'GET /kommuner',
    samples: [
      {
        what: 'list of municipalities',
        url: '/kommuner',
        expect: page({ ...central(200), ...municipal({ status: 303, location: `/kommuner/${OWN}` }) }),
      },
    ],
  },
  {
    route: 'GET /kommuner/:code',
    samples: [
      { what: 'own gallery', url: `/kommuner/${OWN}`, expect: page(readOwn(200)) },
      { what: "another municipality's gallery", url: `/kommuner/${OTHER}`, expect: page(readOther(200)) },
      { what: 'no such municipality', url: `/kommuner/${NO_SUCH}`, expect: page(signedIn(404)) },
    ],
  },
  {
    route: 'GET /kommuner/:code/personer/ny',
    samples: [
      { what: 'own municipality', url: `/kommuner/${OWN}/personer/ny`, expect: page(manageOwn(200)) },
      { what: 'another municipality', url: `/kommuner/${OTHER}/personer/ny`, expect: page(manageOther(200)) },
    ],
  },
  {
    route: 'POST /kommuner/:code/personer',
    samples: [
      { what: 'own municipality', url: `/kommuner/${OWN}/personer`, body: personForm, expect: page(manageOwn(303)) },
      { what: 'another municipality', url: `/kommuner/${OTHER}/personer`, body: personForm, expect: page(manageOther(303)) },
    ],
  },
  {
    route: 'GET /kommuner/:code/personer/:id',
    samples: [
      { what: 'own municipality', url: (fx) => `/kommuner/${OWN}/personer/${fx.ownPerson}`, expect: page(readOwn(200)) },
      { what: 'another municipality', url: (fx) => `/kommuner/${OTHER}/personer/${fx.otherPerson}`, expect: page(readOther(200)) },
      { what: "another municipality's person under the own code", url: (fx) => `/kommuner/${OWN}/personer/${fx.otherPerson}`, expect: page(signedIn(404)) },
    ],
  },
  {
    route: 'GET /kommuner/:code/personer/:id/rediger',
    samples: [
      { what: 'own municipality', url: (fx) => `/kommuner/${OWN}/personer/${fx.ownPerson}/rediger`, expect: page(manageOwn(200)) },
      { what: 'another municipality', url: (fx) => `/kommuner/${OTHER}/personer/${fx.otherPerson}/rediger`, expect: page(manageOther(200)) },
    ],
  },
  {
    route: 'POST /kommuner/:code/personer/:id/rediger',
    samples: [
      { what: 'own municipality', url: async (fx) => `/kommuner/${OWN}/personer/${await fx.person(OWN)}/rediger`, body: personForm, expect: page(manageOwn(303)) },
      { what: 'another municipality', url: async (fx) => `/kommuner/${OTHER}/personer/${await fx.person(OTHER)}/rediger`, body: personForm, expect: page(manageOther(303)) },
      {
        what: "another municipality's person under the own code",
        url: async (fx) => `/kommuner/${OWN}/personer/${await fx.person(OTHER)}/rediger`,
        body: personForm,
        expect: page(signedIn(404)),
      },
    ],
  },
  {
    route: 'POST /kommuner/:code/personer/:id/roller',
    samples: [
      { what: 'own municipality', url: async (fx) => `/kommuner/${OWN}/personer/${await fx.person(OWN)}/roller`, body: roleForm, expect: page(manageOwn(303)) },
      { what: 'another municipality', url: async (fx) => `/kommuner/${OTHER}/personer/${await fx.person(OTHER)}/roller`, body: roleForm, expect: page(manageOther(303)) },
    ],
  },
  {
    route: 'POST /kommuner/:code/personer/:id/roller/:rid/fjern',
    samples: [
      {
        what: 'own municipality',
        url: async (fx) => {
          const r = await fx.personWithRole(OWN);
          return `/kommuner/${OWN}/personer/${r.personId}/roller/${r.roleId}/fjern`;
        },
        expect: page(manageOwn(303)),
      },
      {
        what: 'another municipality',
        url: async (fx) => {
          const r = await fx.personWithRole(OTHER);
          return `/kommuner/${OTHER}/personer/${r.personId}/roller/${r.roleId}/fjern`;
        },
        expect: page(manageOther(303)),
      },
      {
        what: "own person, another municipality's role id",
        url: (fx) => `/kommuner/${OWN}/personer/${fx.ownPerson}/roller/${fx.otherRole.roleId}/fjern`,
        expect: page(manageOwn(404)),
      },
    ],
  },
  {
    route: 'POST /kommuner/:code/personer/:id/deaktiver',
    samples: [
      { what: 'own municipality', url: async (fx) => `/kommuner/${OWN}/personer/${await fx.person(OWN)}/deaktiver`, expect: page(manageOwn(303)) },
      { what: 'another municipality', url: async (fx) => `/kommuner/${OTHER}/personer/${await fx.person(OTHER)}/deaktiver`, expect: page(manageOther(303)) },
    ],
  },
  {
    route: 'POST /kommuner/:code/personer/:id/login-link',
    samples: [
      { what: 'own municipality', url: async (fx) => `/kommuner/${OWN}/personer/${await fx.person(OWN)}/login-link`, expect: page(manageOwn(303)) },
      { what: 'another municipality', url: async (fx) => `/kommuner/${OTHER}/personer/${await fx.person(OTHER)}/login-link`, expect: page(manageOther(303)) },
    ],
  },
  { route: 'GET /rolleoverblik', samples: [{ what: 'role overview', url: '/rolleoverblik', expect: page(central(200)) }] },

  // organisations: API
  { route: 'GET /api/v1/reference', samples: [{ what: 'reference lists', url: '/api/v1/reference', expect: api(signedIn(200)) }] },
  { route: 'GET /api/v1/municipalities', samples: [{ what: 'municipality master data', url: '/api/v1/municipalities', expect: api(signedIn(200)) }] },
  {
    route: 'GET /api/v1/municipalities/:code/gallery',
    samples: [
      { what: 'own gallery', url: `/api/v1/municipalities/${OWN}/gallery`, expect: api(readOwn(200)) },
      { what: "another municipality's gallery", url: `/api/v1/municipalities/${OTHER}/gallery`, expect: api(readOther(200)) },
      { what: 'no such municipality', url: `/api/v1/municipalities/${NO_SUCH}/gallery`, expect: api(signedIn(404)) },
    ],
  },
  {
    route: 'GET /api/v1/municipalities/:code/attention',
    samples: [
      { what: 'own municipality', url: `/api/v1/municipalities/${OWN}/attention`, expect: api(readOwn(200)) },
      { what: 'another municipality', url: `/api/v1/municipalities/${OTHER}/attention`, expect: api(readOther(200)) },
      { what: 'no such municipality', url: `/api/v1/municipalities/${NO_SUCH}/attention`, expect: api(signedIn(404)) },
    ],
  },
  {
    route: 'POST /api/v1/municipalities/:code/people',
    samples: [
      { what: 'own municipality', url: `/api/v1/municipalities/${OWN}/people`, body: personForm, expect: api(manageOwn(201)) },
      { what: 'another municipality', url: `/api/v1/municipalities/${OTHER}/people`, body: personForm, expect: api(manageOther(201)) },
    ],
  },
  {
    route: 'PUT /api/v1/municipalities/:code/people/:personId',
    samples: [
      { what: 'own municipality', url: async (fx) => `/api/v1/municipalities/${OWN}/people/${await fx.person(OWN)}`, body: personForm, expect: api(manageOwn(200)) },
      { what: 'another municipality', url: async (fx) => `/api/v1/municipalities/${OTHER}/people/${await fx.person(OTHER)}`, body: personForm, expect: api(manageOther(200)) },
      {
        what: "another municipality's person under the own code",
        url: async (fx) => `/api/v1/municipalities/${OWN}/people/${await fx.person(OTHER)}`,
        body: personForm,
        expect: api(manageOwn(404)),
      },
    ],
  },
  {
    route: 'POST /api/v1/municipalities/:code/people/:personId/deactivate',
    samples: [
      { what: 'own municipality', url: async (fx) => `/api/v1/municipalities/${OWN}/people/${await fx.person(OWN)}/deactivate`, expect: api(manageOwn(200)) },
      { what: 'another municipality', url: async (fx) => `/api/v1/municipalities/${OTHER}/people/${await fx.person(OTHER)}/deactivate`, expect: api(manageOther(200)) },
    ],
  },
  {
    route: 'POST /api/v1/municipalities/:code/people/:personId/roles',
    samples: [
      { what: 'own municipality', url: async (fx) => `/api/v1/municipalities/${OWN}/people/${await fx.person(OWN)}/roles`, body: roleForm, expect: api(manageOwn(201)) },
      { what: 'another municipality', url: async (fx) => `/api/v1/municipalities/${OTHER}/people/${await fx.person(OTHER)}/roles`, body: roleForm, expect: api(manageOther(201)) },
    ],
  },
  {
    route: 'DELETE /api/v1/municipalities/:code/people/:personId/roles/:assignmentId',
    samples: [
      {
        what: 'own municipality',
        url: async (fx) => {
          const r = await fx.personWithRole(OWN);
          return `/api/v1/municipalities/${OWN}/people/${r.personId}/roles/${r.roleId}`;
        },
        expect: api(manageOwn(200)),
      },
      {
        what: 'another municipality',
        url: async (fx) => {
          const r = await fx.personWithRole(OTHER);
          return `/api/v1/municipalities/${OTHER}/people/${r.personId}/roles/${r.roleId}`;
        },
        expect: api(manageOther(200)),
      },
      {
        what: "own person, another municipality's role id",
        url: (fx) => `/api/v1/municipalities/${OWN}/people/${fx.ownPerson}/roles/${fx.otherRole.roleId}`,
        expect: api(manageOwn(404)),
      },
    ],
  },
  {
    route: 'POST /api/v1/municipalities/:code/people/:personId/password-link',
    samples: [
      { what: 'own municipality', url: async (fx) => `/api/v1/municipalities/${OWN}/people/${await fx.person(OWN)}/password-link`, expect: api(manageOwn(202)) },
      { what: 'another municipality', url: async (fx) => `/api/v1/municipalities/${OTHER}/people/${await fx.person(OTHER)}/password-link`, expect: api(manageOther(202)) },
    ],
  },
  {
    route: 'GET /api/v1/role-overview',
    samples: [{ what: 'system owners of Aula', url: '/api/v1/role-overview?role=systemansvarlig&solution=aula', expect: api(central(200)) }],
  },

  // audit log
  {
    route: 'GET /log',
    samples: [
      { what: 'the log', url: '/log', expect: page(admins(200)) },
      { what: "asking for Brøndby's entries", url: `/log?kommune=${OTHER}&soeg=${BRONDBY_AUDIT_ENTITY}`, expect: page(admins(200)), check: auditCheck },
    ],
  },
  {
    route: 'GET /api/v1/audit',
    samples: [
      { what: 'the log', url: '/api/v1/audit', expect: api(admins(200)) },
      {
        what: "asking for Brøndby's entries",
        url: `/api/v1/audit?kommune=${OTHER}&soeg=${BRONDBY_AUDIT_ENTITY}`,
        expect: api(admins(200)),
        check: auditCheck,
      },
    ],
  },

  // outbox (central administrators only, whichever municipality a mail concerns)
  { route: 'GET /udgaaende-post', samples: [{ what: 'outbox', url: '/udgaaende-post', expect: page(centralAdmin(200)) }] },
  {
    route: 'GET /udgaaende-post/:id',
    samples: [
      { what: 'a mail about Faxe', url: async (fx) => `/udgaaende-post/${await fx.mail(OWN, 'sent')}`, expect: page(centralAdmin(200)) },
      { what: 'no such mail', url: '/udgaaende-post/00000000-0000-4000-8000-000000000000', expect: page(centralAdmin(404)) },
    ],
  },
  {
    route: 'POST /udgaaende-post/:id/send-igen',
    samples: [{ what: 'uncertain mail about Faxe', url: async (fx) => `/udgaaende-post/${await fx.mail(OWN, 'uncertain')}/send-igen`, expect: page(centralAdmin(303)) }],
  },
  { route: 'GET /api/v1/outbox', samples: [{ what: 'outbox', url: '/api/v1/outbox', expect: api(centralAdmin(200)) }] },
  {
    route: 'GET /api/v1/outbox/:id',
    samples: [
      { what: 'a mail about Faxe', url: async (fx) => `/api/v1/outbox/${await fx.mail(OWN, 'sent')}`, expect: api(centralAdmin(200)) },
      { what: 'no such mail', url: '/api/v1/outbox/00000000-0000-4000-8000-000000000000', expect: api(centralAdmin(404)) },
    ],
  },
  {
    route: 'POST /api/v1/outbox/:id/retry',
    samples: [{ what: 'uncertain mail about Faxe', url: async (fx) => `/api/v1/outbox/${await fx.mail(OWN, 'uncertain')}/retry`, expect: api(centralAdmin(200)) }],
  },

  // gallery import/export: whoever reads a gallery may export it, whoever manages it may import;
  // the cross-municipality overview exports are central only. Each import adds one new person.
  {
    route: 'GET /kommuner/:code/eksport.xlsx',
    samples: [
      { what: 'own gallery', url: `/kommuner/${OWN}/eksport.xlsx`, expect: page(readOwn(200)) },
      { what: "another municipality's gallery", url: `/kommuner/${OTHER}/eksport.xlsx`, expect: page(readOther(200)) },
    ],
  },
  {
    route: 'GET /kommuner/:code/eksport.csv',
    samples: [
      { what: 'own gallery', url: `/kommuner/${OWN}/eksport.csv`, expect: page(readOwn(200)) },
      { what: "another municipality's gallery", url: `/kommuner/${OTHER}/eksport.csv`, expect: page(readOther(200)) },
    ],
  },
  {
    route: 'GET /kommuner/:code/import',
    samples: [
      { what: 'own municipality', url: `/kommuner/${OWN}/import`, expect: page(manageOwn(200)) },
      { what: 'another municipality', url: `/kommuner/${OTHER}/import`, expect: page(manageOther(200)) },
    ],
  },
  {
    route: 'POST /kommuner/:code/import',
    samples: [
      { what: 'own municipality', url: `/kommuner/${OWN}/import`, upload: galleryFile, expect: page(manageOwn({ status: 303, location: `/kommuner/${OWN}?besked=importeret` })) },
      {
        what: 'another municipality',
        url: `/kommuner/${OTHER}/import`,
        upload: galleryFile,
        expect: page(manageOther({ status: 303, location: `/kommuner/${OTHER}?besked=importeret` })),
      },
    ],
  },
  {
    route: 'GET /rolleoverblik/eksport.xlsx',
    samples: [{ what: 'system owners of Aula', url: '/rolleoverblik/eksport.xlsx?rolle=systemansvarlig&loesning=aula', expect: page(central(200)) }],
  },
  {
    route: 'GET /rolleoverblik/eksport.csv',
    samples: [{ what: 'system owners of Aula', url: '/rolleoverblik/eksport.csv?rolle=systemansvarlig&loesning=aula', expect: page(central(200)) }],
  },
  {
    route: 'POST /api/v1/municipalities/:code/gallery/import',
    samples: [
      { what: 'own municipality', url: `/api/v1/municipalities/${OWN}/gallery/import`, upload: galleryFile, expect: api(manageOwn(200)) },
      { what: 'another municipality', url: `/api/v1/municipalities/${OTHER}/gallery/import`, upload: galleryFile, expect: api(manageOther(200)) },
    ],
  },

  // compliance packages: a table of their own
  ...complianceRouteExpectations(),

  // the K98 economy: a table of its own
  ...economyRouteExpectations(),
  ...economyPricesRouteExpectations(),
  ...economyDocumentsRouteExpectations(),
  ...economyBudgetRouteExpectations(),
  ...economyGovernanceRouteExpectations(),
  ...economyPoolRouteExpectations(),
  // Aula's secure files
  ...aulaRulesRouteExpectations(),
  ...aulaMunicipalRouteExpectations(),
  ...aulaInventoryRouteExpectations(),
  ...aulaPreviewRouteExpectations(),
  ...aulaOverviewRouteExpectations(),
  // Borgerblikket
  { route: 'GET /borgerblikket', samples: [{ what: 'the Borgerblikket landing page', url: '/borgerblikket', expect: page(signedIn(200)) }] },
  ...borgerblikketPlanRouteExpectations(),
  ...borgerblikketConfigurationRouteExpectations(),
  ...borgerblikketVisibilityRouteExpectations(),
  ...borgerblikketWorkbookRouteExpectations(),
  ...borgerblikketAssessmentRouteExpectations(),
  // programmes, news and events (issue #14)
  ...programmesRouteExpectations(),
  ...newsRouteExpectations(),
  ...operationsRouteExpectations(),
  ...ssoRouteExpectations(),
  ...ssoSamlRouteExpectations(),
  ...ssoPrivilegesRouteExpectations(),
  ...ssoBackupRouteExpectations(),
  ...meetingsRouteExpectations(),
  ...meetingsMunicipalRouteExpectations(),
  ...followUpRouteExpectations(),

  // tasks (KLIK-opgaver): a table of their own
  ...taskRouteExpectations(),

  // agreements (aftaler) and the portfolio: a table of their own
  ...agreementRouteExpectations(),
];
