import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import {
  OTHER,
  OWN,
  api,
  central,
  inFaxe,
  page,
  signedIn,
  type ActorName,
  type Expect,
  type Fixtures,
  type LaterActor,
  type RouteExpectation,
  type SignedIn,
  type Upload,
} from './route-expectations.ts';

/**
 * The agreements module's routes (aftaler) and the portfolio's against every kind of caller; part
 * of the table in route-expectations.ts. Policy in short (src/modules/agreements/policy.ts):
 *
 * - Central staff read every agreement; the central administrators and consultants (both central
 *   actors here) manage them: versions, dispatch, closing, reminders, dialogue, review of uploads.
 *   The pages and calls that only central staff have (authoring, status of all municipalities,
 *   reminders) do not exist for a municipality's users (404).
 * - A municipality reads an agreement once it was sent to it, never a draft, never one sent to
 *   others only (404). A manage route on an agreement it reads answers 403.
 * - The addressees (holders of the agreement's audience role) sign while it is sent (not closed):
 *   on the test's "own" agreement, for KLIK-administratorer, Faxe's KLIK-administrator signs and
 *   Faxe's superbruger only reads; on the "leaders" one, for programledere, Faxe's programleder
 *   signs; on the "chiefs" one, for IT-chefer, Faxe's IT-chef signs. Central staff never sign for
 *   a municipality (403); økonomi reads as central staff do and manages nothing (403).
 * - Notes: central editors, and the municipality's addressees, programleder and KLIK-administrator.
 * - For Faxe's users anything about Brøndby (0153), its thread, signatures and receipts, answers
 *   404, never 403.
 * - The portfolio: every logged-in user reads it; only central administrators edit it.
 *
 * This module is imported by route-expectations.ts and imports from it: everything here is read
 * lazily, inside agreementRouteExpectations() and the callbacks, never while the modules load.
 */

/** One agreement: its current version and that version's document. */
export type AgreementRef = { id: string; versionId: string; fileId: string };

/**
 * Kinds of agreement the test builds; sent to Faxe and Brøndby unless said otherwise.
 * - own:       sent, for KLIK-administratorer (Faxe's KLIK-administrator signs, the superbruger reads)
 * - leaders:   sent, for programledere (Faxe's programleder signs)
 * - chiefs:    sent, for IT-chefer (Faxe's IT-chef signs)
 * - draft:     a draft (sent to nobody yet)
 * - elsewhere: sent to Brøndby only, for KLIK-administratorer
 * - closed:    closed, for KLIK-administratorer
 */
export const AGREEMENT_KINDS = ['own', 'leaders', 'chiefs', 'draft', 'elsewhere', 'closed'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** Titles of the shared agreements, so list checks can tell whether one shows. */
export const AGREEMENT_TITLES: Record<AgreementKind, string> = {
  own: 'RT-aftale-til-KLIK-administratorer',
  leaders: 'RT-aftale-til-programledere',
  chiefs: 'RT-aftale-til-IT-chefer',
  draft: 'RT-aftale-kladde',
  elsewhere: 'RT-aftale-kun-til-Broendby',
  closed: 'RT-aftale-lukket',
};

/**
 * The shared agreements' signatures (a municipality has one current signature per agreement):
 * [agreement, municipality (Faxe or Brøndby), what]. "signed" was made in Samspil; "pending" is an
 * uploaded copy awaiting review; "upload" is an uploaded copy that was accepted (it has a file and a receipt).
 */
export const AGREEMENT_SIGNATURES = {
  ownSigned: ['own', 'faxe', 'signed'],
  otherSigned: ['own', 'broendby', 'signed'],
  ownPending: ['leaders', 'faxe', 'pending'],
  otherPending: ['leaders', 'broendby', 'pending'],
  elsewhereUpload: ['elsewhere', 'broendby', 'upload'],
} as const satisfies Record<string, readonly [AgreementKind, 'faxe' | 'broendby', 'signed' | 'pending' | 'upload']>;
export type AgreementSignatureName = keyof typeof AGREEMENT_SIGNATURES;

/** Rows about agreements the test creates. The shared ones are never written to. */
export interface AgreementFixtures {
  /** One shared agreement of each kind. */
  readonly shared: Record<AgreementKind, AgreementRef>;
  /** The ids of the shared signatures. */
  readonly signatures: Record<AgreementSignatureName, string>;
  /** A fresh agreement of the kind (without signatures), for one write. */
  fresh(kind: AgreementKind): Promise<AgreementRef>;
  /** The agreement fresh() made last: a sample's URL is computed before its body. */
  latest(): AgreementRef;
  /** A fresh agreement of the kind with a signed copy from the municipality awaiting review. */
  pendingUpload(kind: AgreementKind, code: string): Promise<{ agreement: AgreementRef; signatureId: string }>;
  /** The actor's password, which signing asks for again. */
  password(actor: ActorName): string;
}

/** A municipality none of the test's agreements is sent to (København). */
const NOT_ADDRESSED = '0101';
/** A solution of the portfolio. */
const SOLUTION = 'aula';

// ---- shorthands --------------------------------------------------------------------------------

/**
 * Faxe's superbruger, Faxe's KLIK-administrator, central staff (the consultant and the administrator
 * both manage agreements). The later callers answer by default as the one they resemble: the
 * programleder as the KLIK-administrator, the named executor and the IT-chef (no role an agreement
 * is sent to, except the chiefs' one) as the superbruger, økonomi as the central staff; `other`
 * says where they differ.
 */
const by = (municipalUser: Expect, municipalAdmin: Expect, centralStaff: Expect, other: Partial<Record<LaterActor, Expect>> = {}): SignedIn => ({
  municipalUser,
  municipalAdmin,
  consultant: centralStaff,
  admin: centralStaff,
  programLeader: municipalAdmin,
  namedExecutor: municipalUser,
  itChef: municipalUser,
  economist: centralStaff,
  ...other,
});
/** Økonomi reads what central staff read, but manages nothing: 403 (404 where nobody central may read). */
const readOnly = (centralStaff: Expect) => ({ economist: centralStaff === 404 ? 404 : 403 }) as const;
/** The portfolio is edited by central administrators only. */
const centralAdmin = (ok: Expect): SignedIn => ({ ...signedIn(403), admin: ok });

/** The agreement id in /aftaler/:id/… and /api/v1/agreements/:id/… */
const idIn = (url: string) => {
  const m = /^\/(?:api\/v1\/agreements|aftaler)\/([^/?#]+)/.exec(url);
  return m![1]!;
};
/** A redirect computed from the requested URL. */
const redirect = (location: (url: string) => string | RegExp): Expect => ({ status: 303, location });
const toAgreement = (rest: string) => redirect((url) => `/aftaler/${idIn(url)}${rest}`);
const signed = toAgreement('?besked=underskrevet#status');
const submitted = toAgreement('?besked=indsendt#status');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

type Rest = string | ((a: AgreementRef) => string);
const restOf = (a: AgreementRef, rest: Rest) => (typeof rest === 'string' ? rest : rest(a));
/** An agreement URL: /aftaler/<id of a shared agreement><rest>, or of a fresh one. */
const shared = (kind: AgreementKind, rest: Rest = '') => (fx: Fixtures) => `/aftaler/${fx.agreements.shared[kind].id}${restOf(fx.agreements.shared[kind], rest)}`;
const fresh = (kind: AgreementKind, rest: Rest = '') => async (fx: Fixtures) => {
  const a = await fx.agreements.fresh(kind);
  return `/aftaler/${a.id}${restOf(a, rest)}`;
};
const sharedApi = (kind: AgreementKind, rest: Rest = '') => (fx: Fixtures) =>
  `/api/v1/agreements/${fx.agreements.shared[kind].id}${restOf(fx.agreements.shared[kind], rest)}`;
const freshApi = (kind: AgreementKind, rest: Rest = '') => async (fx: Fixtures) => {
  const a = await fx.agreements.fresh(kind);
  return `/api/v1/agreements/${a.id}${restOf(a, rest)}`;
};
/** A shared signature under the agreement it belongs to: /aftaler/<id>/underskrifter/<signature><rest>. */
const signature = (name: AgreementSignatureName, rest = '', prefix = '/aftaler') => (fx: Fixtures) =>
  `${prefix}/${fx.agreements.shared[AGREEMENT_SIGNATURES[name][0]].id}/${prefix === '/aftaler' ? 'underskrifter' : 'signatures'}/${fx.agreements.signatures[name]}${rest}`;
const signatureApi = (name: AgreementSignatureName, rest = '') => signature(name, rest, '/api/v1/agreements');
/** A fresh agreement with a pending upload from the municipality: its review URL. */
const pending = (kind: AgreementKind, code: string, rest: string, prefix = '/aftaler') => async (fx: Fixtures) => {
  const p = await fx.agreements.pendingUpload(kind, code);
  return `${prefix}/${p.agreement.id}/${prefix === '/aftaler' ? 'underskrifter' : 'signatures'}/${p.signatureId}${rest}`;
};
const pendingApi = (kind: AgreementKind, code: string, rest: string) => pending(kind, code, rest, '/api/v1/agreements');

// ---- bodies --------------------------------------------------------------------------------------

const pdf = (field: string, filename: string) => (): Upload => ({
  field,
  filename,
  contentType: 'application/pdf',
  content: `%PDF-1.4\n% rutetest ${randomUUID()}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`,
});
/** A version's document (authoring) and a municipality's signed copy (the page's field and the API's). */
const documentFile = pdf('document', 'rutetest-aftale.pdf');
const signedCopyPage = pdf('fil', 'rutetest-underskrevet.pdf');
const signedCopyApi = pdf('file', 'rutetest-underskrevet.pdf');

const newAgreementFields = () => ({ type: 'databehandleraftale', title: `Rutetest-aftale ${randomUUID()}`, description: 'Oprettet af rutetesten', solutions: SOLUTION });
const versionFields = { changeNote: 'Rettelse fra rutetesten', requiresResign: 'true' };
const dispatchFields = () => ({ requestKey: randomUUID(), roleKey: 'klik-administrator', scope: 'chosen', municipalityCodes: [OWN, OTHER], deadline: '2030-06-30' });
const signer = { signerName: 'Rute Underskriver', signerTitle: 'Kommunaldirektør' };
/** Signing: the version of the agreement the URL names (made just before) and the actor's own password. */
const signForm = (fx: Fixtures, actor: ActorName) => ({ ...signer, versionId: fx.agreements.latest().versionId, password: fx.agreements.password(actor), confirm: 'on' });
const signJson = (fx: Fixtures, actor: ActorName) => ({ ...signForm(fx, actor), confirm: true });
const noteBody = () => ({ body: `Note fra rutetesten ${randomUUID()}` });
const roundBody = () => ({ roundId: randomUUID() });
const solutionForm = () => ({ phase: 'drift', productManager: `Rute Produktchef ${randomUUID().slice(0, 8)}` });

// ---- checks on what a 200 shows ----------------------------------------------------------------

type Check = (res: LightMyRequestResponse, actor: ActorName) => string | undefined;

/** Per actor: shared agreements whose titles must (show) or must not (hide) be in the answer. */
function listCheck(rules: Partial<Record<ActorName, { show?: AgreementKind[]; hide?: AgreementKind[] }>>): Check {
  return (res, actor) => {
    if (res.statusCode !== 200) return undefined;
    const rule = rules[actor];
    const leaked = (rule?.hide ?? []).filter((k) => res.body.includes(AGREEMENT_TITLES[k]));
    const missing = (rule?.show ?? []).filter((k) => !res.body.includes(AGREEMENT_TITLES[k]));
    const problems = [...leaked.map((k) => `shows the ${k} agreement`), ...missing.map((k) => `should show the ${k} agreement (is the fixture missing?)`)];
    return problems.length > 0 ? problems.join('; ') : undefined;
  };
}
const FAXE_READS: AgreementKind[] = ['own', 'leaders', 'chiefs', 'closed'];
const FAXE_NEVER: AgreementKind[] = ['draft', 'elsewhere'];
const faxeReads = { show: FAXE_READS, hide: FAXE_NEVER };
const centralReads = { show: [...AGREEMENT_KINDS] };
const agreementListCheck = listCheck({
  municipalUser: faxeReads,
  municipalAdmin: faxeReads,
  programLeader: faxeReads,
  namedExecutor: faxeReads,
  itChef: faxeReads,
  consultant: centralReads,
  admin: centralReads,
  economist: centralReads,
});
/** What a Faxe user is shown names no other municipality: neither Brøndby's code in JSON nor its name on a page. */
const onlyFaxe: Check = (res, actor) =>
  res.statusCode === 200 && inFaxe(actor) && (res.body.includes(`"${OTHER}"`) || res.body.includes('Brøndby')) ? 'names Brøndby to a user in Faxe' : undefined;

// ---- the table ---------------------------------------------------------------------------------

/** Managing agreements: økonomi reads central staff's views but manages nothing (403; 404 where central staff get 404). */
const MANAGING = new Set([
  'GET /aftaler/ny',
  'POST /aftaler/ny',
  'POST /api/v1/agreements',
  'GET /aftaler/:id/versioner/ny',
  'POST /aftaler/:id/versioner/ny',
  'GET /aftaler/:id/udsend',
  'POST /aftaler/:id/udsend',
  'POST /aftaler/:id/luk',
  'POST /aftaler/:id/genaabn',
  'POST /api/v1/agreements/:id/versions',
  'POST /api/v1/agreements/:id/dispatches',
  'POST /api/v1/agreements/:id/close',
  'POST /api/v1/agreements/:id/reopen',
  'POST /aftaler/:id/underskrifter/:signatureId/godkend',
  'POST /aftaler/:id/underskrifter/:signatureId/afvis',
  'POST /api/v1/agreements/:id/signatures/:signatureId/accept',
  'POST /api/v1/agreements/:id/signatures/:signatureId/reject',
  'POST /aftaler/:id/kommuner/:code/noter',
  'POST /aftaler/:id/kommuner/:code/dialog',
  'PUT /api/v1/agreements/:id/municipalities/:code/dialogue',
  'POST /api/v1/agreements/:id/municipalities/:code/notes',
  'GET /aftaler/:id/paamindelse',
  'POST /aftaler/:id/paamindelse',
  'GET /api/v1/agreements/:id/reminders',
  'GET /api/v1/agreements/:id/reminders/preview',
  'POST /api/v1/agreements/:id/reminders',
]);

function forEconomist(entries: RouteExpectation[]): RouteExpectation[] {
  return entries.map((entry) =>
    MANAGING.has(entry.route)
      ? {
          ...entry,
          samples: entry.samples.map((sample) =>
            sample.expect.economist === sample.expect.consultant ? { ...sample, expect: { ...sample.expect, ...readOnly(sample.expect.consultant) } } : sample,
          ),
        }
      : entry,
  );
}

export function agreementRouteExpectations(): RouteExpectation[] {
  return forEconomist([
    // ---- lists and authoring: pages
    { route: 'GET /aftaler', samples: [{ what: 'agreements', url: '/aftaler', expect: page(signedIn(200)), check: agreementListCheck }] },
    { route: 'GET /aftaler/ny', samples: [{ what: 'new agreement form', url: '/aftaler/ny', expect: page(by(404, 404, 200)) }] },
    {
      route: 'POST /aftaler/ny',
      samples: [
        {
          what: 'create a draft',
          url: '/aftaler/ny',
          body: newAgreementFields,
          upload: documentFile,
          expect: page(by(404, 404, { status: 303, location: new RegExp(`^/aftaler/${UUID}\\?besked=oprettet$`) })),
        },
      ],
    },
    {
      route: 'GET /aftaler/:id',
      samples: [
        { what: 'sent to Faxe, for KLIK-administratorer', url: shared('own'), expect: page(signedIn(200)), check: onlyFaxe },
        { what: 'sent to Faxe, for programledere', url: shared('leaders'), expect: page(signedIn(200)), check: onlyFaxe },
        { what: 'closed', url: shared('closed'), expect: page(signedIn(200)), check: onlyFaxe },
        { what: 'draft', url: shared('draft'), expect: page(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: shared('elsewhere'), expect: page(by(404, 404, 200)) },
        { what: 'no such agreement', url: `/aftaler/${randomUUID()}`, expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'GET /aftaler/:id/versioner/ny',
      samples: [
        { what: 'sent to Faxe', url: shared('own', '/versioner/ny'), expect: page(by(403, 403, 200)) },
        { what: 'draft', url: shared('draft', '/versioner/ny'), expect: page(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: shared('elsewhere', '/versioner/ny'), expect: page(by(404, 404, 200)) },
        { what: 'closed', url: shared('closed', '/versioner/ny'), expect: page(by(403, 403, 409)) },
      ],
    },
    {
      route: 'POST /aftaler/:id/versioner/ny',
      samples: [
        {
          what: 'sent to Faxe',
          url: fresh('own', '/versioner/ny'),
          body: versionFields,
          upload: documentFile,
          expect: page(by(403, 403, toAgreement('/udsend?omfang=mangler&besked=ny-version'))),
        },
        { what: 'draft', url: fresh('draft', '/versioner/ny'), body: versionFields, upload: documentFile, expect: page(by(404, 404, toAgreement('?besked=version'))) },
        {
          what: 'sent to Brøndby only',
          url: fresh('elsewhere', '/versioner/ny'),
          body: versionFields,
          upload: documentFile,
          expect: page(by(404, 404, toAgreement('/udsend?omfang=mangler&besked=ny-version'))),
        },
      ],
    },
    {
      route: 'GET /aftaler/:id/udsend',
      samples: [
        { what: 'sent to Faxe', url: shared('own', '/udsend'), expect: page(by(403, 403, 200)) },
        { what: 'draft', url: shared('draft', '/udsend'), expect: page(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: shared('elsewhere', '/udsend'), expect: page(by(404, 404, 200)) },
        { what: 'closed', url: shared('closed', '/udsend'), expect: page(by(403, 403, 409)) },
      ],
    },
    {
      route: 'POST /aftaler/:id/udsend',
      samples: [
        { what: 'draft', url: fresh('draft', '/udsend'), body: dispatchFields, expect: page(by(404, 404, toAgreement('?besked=udsendt'))) },
        { what: 'sent to Faxe', url: fresh('own', '/udsend'), body: dispatchFields, expect: page(by(403, 403, toAgreement('?besked=udsendt'))) },
        { what: 'sent to Brøndby only', url: fresh('elsewhere', '/udsend'), body: dispatchFields, expect: page(by(404, 404, toAgreement('?besked=udsendt'))) },
      ],
    },
    {
      route: 'POST /aftaler/:id/luk',
      samples: [
        { what: 'sent to Faxe', url: fresh('own', '/luk'), expect: page(by(403, 403, toAgreement('?besked=lukket'))) },
        { what: 'sent to Brøndby only', url: fresh('elsewhere', '/luk'), expect: page(by(404, 404, toAgreement('?besked=lukket'))) },
        { what: 'draft', url: fresh('draft', '/luk'), expect: page(by(404, 404, toAgreement('?besked=lukket'))) },
      ],
    },
    {
      route: 'POST /aftaler/:id/genaabn',
      samples: [
        { what: 'closed', url: fresh('closed', '/genaabn'), expect: page(by(403, 403, toAgreement('?besked=genaabnet'))) },
        { what: 'sent to Brøndby only (open already)', url: fresh('elsewhere', '/genaabn'), expect: page(by(404, 404, toAgreement('?besked=uaendret'))) },
      ],
    },
    {
      route: 'GET /aftaler/:id/filer/:fileId',
      samples: [
        { what: 'document sent to Faxe', url: shared('own', (a) => `/filer/${a.fileId}`), expect: page(signedIn(200)) },
        { what: 'document of a closed agreement', url: shared('closed', (a) => `/filer/${a.fileId}`), expect: page(signedIn(200)) },
        { what: "a draft's document", url: shared('draft', (a) => `/filer/${a.fileId}`), expect: page(by(404, 404, 200)) },
        { what: 'document sent to Brøndby only', url: shared('elsewhere', (a) => `/filer/${a.fileId}`), expect: page(by(404, 404, 200)) },
        {
          what: "another agreement's file under a readable one",
          url: (fx) => `/aftaler/${fx.agreements.shared.own.id}/filer/${fx.agreements.shared.elsewhere.fileId}`,
          expect: page(signedIn(404)),
        },
      ],
    },

    // ---- lists and authoring: API
    { route: 'GET /api/v1/agreements', samples: [{ what: 'agreements', url: '/api/v1/agreements', expect: api(signedIn(200)), check: agreementListCheck }] },
    {
      route: 'POST /api/v1/agreements',
      samples: [{ what: 'create a draft', url: '/api/v1/agreements', body: newAgreementFields, upload: documentFile, expect: api(by(404, 404, 201)) }],
    },
    {
      route: 'GET /api/v1/agreements/:id',
      samples: [
        { what: 'sent to Faxe, for KLIK-administratorer', url: sharedApi('own'), expect: api(signedIn(200)), check: onlyFaxe },
        { what: 'sent to Faxe, for programledere', url: sharedApi('leaders'), expect: api(signedIn(200)), check: onlyFaxe },
        { what: 'closed', url: sharedApi('closed'), expect: api(signedIn(200)), check: onlyFaxe },
        { what: 'draft', url: sharedApi('draft'), expect: api(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: sharedApi('elsewhere'), expect: api(by(404, 404, 200)) },
        { what: 'no such agreement', url: `/api/v1/agreements/${randomUUID()}`, expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/versions',
      samples: [
        { what: 'sent to Faxe', url: freshApi('own', '/versions'), body: versionFields, upload: documentFile, expect: api(by(403, 403, 201)) },
        { what: 'draft', url: freshApi('draft', '/versions'), body: versionFields, upload: documentFile, expect: api(by(404, 404, 201)) },
        { what: 'sent to Brøndby only', url: freshApi('elsewhere', '/versions'), body: versionFields, upload: documentFile, expect: api(by(404, 404, 201)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/dispatches',
      samples: [
        { what: 'draft', url: freshApi('draft', '/dispatches'), body: dispatchFields, expect: api(by(404, 404, 201)) },
        { what: 'sent to Faxe', url: freshApi('own', '/dispatches'), body: dispatchFields, expect: api(by(403, 403, 201)) },
        { what: 'sent to Brøndby only', url: freshApi('elsewhere', '/dispatches'), body: dispatchFields, expect: api(by(404, 404, 201)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/close',
      samples: [
        { what: 'sent to Faxe', url: freshApi('own', '/close'), expect: api(by(403, 403, 200)) },
        { what: 'sent to Brøndby only', url: freshApi('elsewhere', '/close'), expect: api(by(404, 404, 200)) },
        { what: 'draft', url: freshApi('draft', '/close'), expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/reopen',
      samples: [
        { what: 'closed', url: freshApi('closed', '/reopen'), expect: api(by(403, 403, 200)) },
        { what: 'sent to Brøndby only (open already)', url: freshApi('elsewhere', '/reopen'), expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'GET /api/v1/agreements/:id/files/:fileId',
      samples: [
        { what: 'document sent to Faxe', url: sharedApi('own', (a) => `/files/${a.fileId}`), expect: api(signedIn(200)) },
        { what: "a draft's document", url: sharedApi('draft', (a) => `/files/${a.fileId}`), expect: api(by(404, 404, 200)) },
        { what: 'document sent to Brøndby only', url: sharedApi('elsewhere', (a) => `/files/${a.fileId}`), expect: api(by(404, 404, 200)) },
        {
          what: "another agreement's file under a readable one",
          url: (fx) => `/api/v1/agreements/${fx.agreements.shared.own.id}/files/${fx.agreements.shared.elsewhere.fileId}`,
          expect: api(signedIn(404)),
        },
      ],
    },

    // ---- signing: the municipality's addressees (Faxe's KLIK-administrator on the "own" agreement)
    {
      route: 'POST /aftaler/:id/underskriv',
      samples: [
        { what: 'sent to Faxe, for KLIK-administratorer', url: fresh('own', '/underskriv'), body: signForm, expect: page(by(403, signed, 403, { programLeader: 403 })) },
        { what: 'sent to Faxe, for programledere', url: fresh('leaders', '/underskriv'), body: signForm, expect: page(by(403, 403, 403, { programLeader: signed })) },
        { what: 'sent to Faxe, for IT-chefer', url: fresh('chiefs', '/underskriv'), body: signForm, expect: page(by(403, 403, 403, { itChef: signed })) },
        { what: 'closed', url: fresh('closed', '/underskriv'), body: signForm, expect: page(by(403, 403, 403)) },
        { what: 'draft', url: fresh('draft', '/underskriv'), body: signForm, expect: page(by(404, 404, 403)) },
        { what: 'sent to Brøndby only', url: fresh('elsewhere', '/underskriv'), body: signForm, expect: page(by(404, 404, 403)) },
      ],
    },
    {
      route: 'POST /aftaler/:id/underskrift',
      samples: [
        {
          what: 'sent to Faxe, for KLIK-administratorer',
          url: fresh('own', '/underskrift'),
          body: signer,
          upload: signedCopyPage,
          expect: page(by(403, submitted, 403, { programLeader: 403 })),
        },
        { what: 'sent to Faxe, for programledere', url: fresh('leaders', '/underskrift'), body: signer, upload: signedCopyPage, expect: page(by(403, 403, 403, { programLeader: submitted })) },
        { what: 'sent to Faxe, for IT-chefer', url: fresh('chiefs', '/underskrift'), body: signer, upload: signedCopyPage, expect: page(by(403, 403, 403, { itChef: submitted })) },
        { what: 'closed', url: fresh('closed', '/underskrift'), body: signer, upload: signedCopyPage, expect: page(by(403, 403, 403)) },
        { what: 'draft', url: fresh('draft', '/underskrift'), body: signer, upload: signedCopyPage, expect: page(by(404, 404, 403)) },
        { what: 'sent to Brøndby only', url: fresh('elsewhere', '/underskrift'), body: signer, upload: signedCopyPage, expect: page(by(404, 404, 403)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/signatures',
      samples: [
        { what: 'sent to Faxe, for KLIK-administratorer', url: freshApi('own', '/signatures'), body: signJson, expect: api(by(403, 201, 403, { programLeader: 403 })) },
        { what: 'sent to Faxe, for programledere', url: freshApi('leaders', '/signatures'), body: signJson, expect: api(by(403, 403, 403, { programLeader: 201 })) },
        { what: 'sent to Faxe, for IT-chefer', url: freshApi('chiefs', '/signatures'), body: signJson, expect: api(by(403, 403, 403, { itChef: 201 })) },
        { what: 'closed', url: freshApi('closed', '/signatures'), body: signJson, expect: api(by(403, 403, 403)) },
        { what: 'draft', url: freshApi('draft', '/signatures'), body: signJson, expect: api(by(404, 404, 403)) },
        { what: 'sent to Brøndby only', url: freshApi('elsewhere', '/signatures'), body: signJson, expect: api(by(404, 404, 403)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/signature-uploads',
      samples: [
        { what: 'sent to Faxe, for KLIK-administratorer', url: freshApi('own', '/signature-uploads'), body: signer, upload: signedCopyApi, expect: api(by(403, 201, 403, { programLeader: 403 })) },
        { what: 'sent to Faxe, for programledere', url: freshApi('leaders', '/signature-uploads'), body: signer, upload: signedCopyApi, expect: api(by(403, 403, 403, { programLeader: 201 })) },
        { what: 'sent to Faxe, for IT-chefer', url: freshApi('chiefs', '/signature-uploads'), body: signer, upload: signedCopyApi, expect: api(by(403, 403, 403, { itChef: 201 })) },
        { what: 'closed', url: freshApi('closed', '/signature-uploads'), body: signer, upload: signedCopyApi, expect: api(by(403, 403, 403)) },
        { what: 'draft', url: freshApi('draft', '/signature-uploads'), body: signer, upload: signedCopyApi, expect: api(by(404, 404, 403)) },
        { what: 'sent to Brøndby only', url: freshApi('elsewhere', '/signature-uploads'), body: signer, upload: signedCopyApi, expect: api(by(404, 404, 403)) },
      ],
    },

    // ---- signatures: the central list and review; the uploaded file and the receipt for both sides
    {
      route: 'GET /aftaler/:id/underskrifter',
      samples: [
        { what: 'sent to Faxe', url: shared('own', '/underskrifter'), expect: page(by(...twice(toAgreement('#underskrifter')), 200)) },
        { what: 'draft', url: shared('draft', '/underskrifter'), expect: page(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: shared('elsewhere', '/underskrifter'), expect: page(by(404, 404, 200)) },
      ],
    },
    {
      route: 'POST /aftaler/:id/underskrifter/:signatureId/godkend',
      samples: [
        { what: "Faxe's pending copy", url: pending('own', OWN, '/godkend'), expect: page(by(403, 403, toAgreement('/underskrifter?besked=godkendt'))) },
        { what: "Brøndby's pending copy", url: pending('own', OTHER, '/godkend'), expect: page(by(404, 404, toAgreement('/underskrifter?besked=godkendt'))) },
        { what: "Brøndby's copy, sent to Brøndby only", url: pending('elsewhere', OTHER, '/godkend'), expect: page(by(404, 404, toAgreement('/underskrifter?besked=godkendt'))) },
      ],
    },
    {
      route: 'POST /aftaler/:id/underskrifter/:signatureId/afvis',
      samples: [
        { what: "Faxe's pending copy", url: pending('own', OWN, '/afvis'), body: { reason: 'Rutetest' }, expect: page(by(403, 403, toAgreement('/underskrifter?besked=afvist'))) },
        { what: "Brøndby's pending copy", url: pending('own', OTHER, '/afvis'), body: { reason: 'Rutetest' }, expect: page(by(404, 404, toAgreement('/underskrifter?besked=afvist'))) },
        {
          what: "Brøndby's copy, sent to Brøndby only",
          url: pending('elsewhere', OTHER, '/afvis'),
          body: { reason: 'Rutetest' },
          expect: page(by(404, 404, toAgreement('/underskrifter?besked=afvist'))),
        },
      ],
    },
    {
      route: 'GET /aftaler/:id/underskrifter/:signatureId/fil',
      samples: [
        { what: "Faxe's pending copy", url: signature('ownPending', '/fil'), expect: page(signedIn(200)) },
        { what: "Brøndby's pending copy", url: signature('otherPending', '/fil'), expect: page(by(404, 404, 200)) },
        { what: "Brøndby's copy, sent to Brøndby only", url: signature('elsewhereUpload', '/fil'), expect: page(by(404, 404, 200)) },
        { what: "Faxe's signature made in Samspil (no file)", url: signature('ownSigned', '/fil'), expect: page(signedIn(404)) },
        {
          what: "another agreement's signature under a readable one",
          url: (fx) => `/aftaler/${fx.agreements.shared.own.id}/underskrifter/${fx.agreements.signatures.ownPending}/fil`,
          expect: page(signedIn(404)),
        },
      ],
    },
    {
      route: 'GET /aftaler/:id/underskrifter/:signatureId/kvittering',
      samples: [
        { what: "Faxe's signature", url: signature('ownSigned', '/kvittering'), expect: page(signedIn(200)) },
        { what: "Brøndby's signature", url: signature('otherSigned', '/kvittering'), expect: page(by(404, 404, 200)) },
        { what: "Faxe's pending copy (no receipt yet)", url: signature('ownPending', '/kvittering'), expect: page(signedIn(409)) },
        { what: "Brøndby's pending copy", url: signature('otherPending', '/kvittering'), expect: page(by(404, 404, 409)) },
        { what: "Brøndby's accepted copy, sent to Brøndby only", url: signature('elsewhereUpload', '/kvittering'), expect: page(by(404, 404, 200)) },
      ],
    },
    {
      route: 'GET /api/v1/agreements/:id/signatures',
      samples: [
        { what: 'sent to Faxe', url: sharedApi('own', '/signatures'), expect: api(signedIn(200)), check: onlyFaxe },
        { what: "sent to Faxe, asking for Faxe's", url: sharedApi('own', `/signatures?municipality=${OWN}`), expect: api(signedIn(200)), check: onlyFaxe },
        { what: "sent to Faxe, asking for Brøndby's", url: sharedApi('own', `/signatures?municipality=${OTHER}`), expect: api(by(404, 404, 200)) },
        { what: 'draft', url: sharedApi('draft', '/signatures'), expect: api(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: sharedApi('elsewhere', '/signatures'), expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/signatures/:signatureId/accept',
      samples: [
        { what: "Faxe's pending copy", url: pendingApi('own', OWN, '/accept'), expect: api(by(403, 403, 200)) },
        { what: "Brøndby's pending copy", url: pendingApi('own', OTHER, '/accept'), expect: api(by(404, 404, 200)) },
        { what: "Brøndby's copy, sent to Brøndby only", url: pendingApi('elsewhere', OTHER, '/accept'), expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/signatures/:signatureId/reject',
      samples: [
        { what: "Faxe's pending copy", url: pendingApi('own', OWN, '/reject'), body: { reason: 'Rutetest' }, expect: api(by(403, 403, 200)) },
        { what: "Brøndby's pending copy", url: pendingApi('own', OTHER, '/reject'), body: { reason: 'Rutetest' }, expect: api(by(404, 404, 200)) },
        { what: "Brøndby's copy, sent to Brøndby only", url: pendingApi('elsewhere', OTHER, '/reject'), body: { reason: 'Rutetest' }, expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'GET /api/v1/agreements/:id/signatures/:signatureId/receipt',
      samples: [
        { what: "Faxe's signature", url: signatureApi('ownSigned', '/receipt'), expect: api(signedIn(200)) },
        { what: "Brøndby's signature", url: signatureApi('otherSigned', '/receipt'), expect: api(by(404, 404, 200)) },
        { what: "Faxe's pending copy (no receipt yet)", url: signatureApi('ownPending', '/receipt'), expect: api(signedIn(409)) },
        { what: "Brøndby's pending copy", url: signatureApi('otherPending', '/receipt'), expect: api(by(404, 404, 409)) },
        { what: "Brøndby's accepted copy, sent to Brøndby only", url: signatureApi('elsewhereUpload', '/receipt'), expect: api(by(404, 404, 200)) },
      ],
    },

    // ---- status of the municipalities, one municipality's thread (notes, dialogue), the matrix
    {
      route: 'GET /aftaler/:id/status',
      samples: [
        { what: 'sent to Faxe', url: shared('own', '/status'), expect: page(by(404, 404, 200)) },
        { what: 'draft', url: shared('draft', '/status'), expect: page(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: shared('elsewhere', '/status'), expect: page(by(404, 404, 200)) },
      ],
    },
    {
      route: 'GET /aftaler/:id/status.xlsx',
      samples: [
        { what: 'sent to Faxe', url: shared('own', '/status.xlsx'), expect: page(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: shared('elsewhere', '/status.xlsx'), expect: page(by(404, 404, 200)) },
      ],
    },
    {
      route: 'GET /aftaler/:id/kommuner/:code',
      samples: [
        { what: 'Faxe', url: shared('own', `/kommuner/${OWN}`), expect: page(signedIn(200)), check: onlyFaxe },
        { what: 'Brøndby', url: shared('own', `/kommuner/${OTHER}`), expect: page(by(404, 404, 200)) },
        { what: 'a municipality the agreement is not sent to', url: shared('own', `/kommuner/${NOT_ADDRESSED}`), expect: page(signedIn(404)) },
        { what: 'Brøndby, sent to Brøndby only', url: shared('elsewhere', `/kommuner/${OTHER}`), expect: page(by(404, 404, 200)) },
        { what: 'Faxe, on a draft', url: shared('draft', `/kommuner/${OWN}`), expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'POST /aftaler/:id/kommuner/:code/noter',
      samples: [
        { what: 'Faxe, for KLIK-administratorer', url: fresh('own', `/kommuner/${OWN}/noter`), body: noteBody, expect: page(by(403, ...twice(toAgreement(`/kommuner/${OWN}?besked=note-tilfoejet#noter`)))) },
        { what: 'Faxe, for programledere', url: fresh('leaders', `/kommuner/${OWN}/noter`), body: noteBody, expect: page(by(403, ...twice(toAgreement(`/kommuner/${OWN}?besked=note-tilfoejet#noter`)))) },
        { what: 'Faxe, closed', url: fresh('closed', `/kommuner/${OWN}/noter`), body: noteBody, expect: page(by(403, ...twice(toAgreement(`/kommuner/${OWN}?besked=note-tilfoejet#noter`)))) },
        { what: 'Brøndby', url: fresh('own', `/kommuner/${OTHER}/noter`), body: noteBody, expect: page(by(404, 404, toAgreement(`/kommuner/${OTHER}?besked=note-tilfoejet#noter`))) },
        {
          what: 'Brøndby, sent to Brøndby only',
          url: fresh('elsewhere', `/kommuner/${OTHER}/noter`),
          body: noteBody,
          expect: page(by(404, 404, toAgreement(`/kommuner/${OTHER}?besked=note-tilfoejet#noter`))),
        },
        { what: 'Faxe, on a draft', url: fresh('draft', `/kommuner/${OWN}/noter`), body: noteBody, expect: page({ ...signedIn(404), economist: 403 }) },
      ],
    },
    {
      route: 'POST /aftaler/:id/kommuner/:code/dialog',
      samples: [
        { what: 'Faxe', url: fresh('own', `/kommuner/${OWN}/dialog`), body: { inDialogue: 'true' }, expect: page(by(403, 403, toAgreement(`/kommuner/${OWN}?besked=dialog-startet`))) },
        { what: 'Brøndby', url: fresh('own', `/kommuner/${OTHER}/dialog`), body: { inDialogue: 'true' }, expect: page(by(404, 404, toAgreement(`/kommuner/${OTHER}?besked=dialog-startet`))) },
        {
          what: 'Brøndby, sent to Brøndby only',
          url: fresh('elsewhere', `/kommuner/${OTHER}/dialog`),
          body: { inDialogue: 'true' },
          expect: page(by(404, 404, toAgreement(`/kommuner/${OTHER}?besked=dialog-startet`))),
        },
      ],
    },
    { route: 'GET /aftaler/overblik', samples: [{ what: 'matrix', url: '/aftaler/overblik', expect: page(central(200)) }] },
    { route: 'GET /aftaler/overblik.xlsx', samples: [{ what: 'matrix', url: '/aftaler/overblik.xlsx', expect: page(central(200)) }] },
    {
      route: 'GET /api/v1/agreements/:id/status',
      samples: [
        { what: 'sent to Faxe', url: sharedApi('own', '/status'), expect: api(signedIn(200)), check: onlyFaxe },
        { what: 'draft', url: sharedApi('draft', '/status'), expect: api(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: sharedApi('elsewhere', '/status'), expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'GET /api/v1/agreements/:id/outstanding',
      samples: [
        { what: 'sent to Faxe', url: sharedApi('own', '/outstanding'), expect: api(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: sharedApi('elsewhere', '/outstanding'), expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'PUT /api/v1/agreements/:id/municipalities/:code/dialogue',
      samples: [
        { what: 'Faxe', url: freshApi('own', `/municipalities/${OWN}/dialogue`), body: { inDialogue: true }, expect: api(by(403, 403, 200)) },
        { what: 'Brøndby', url: freshApi('own', `/municipalities/${OTHER}/dialogue`), body: { inDialogue: true }, expect: api(by(404, 404, 200)) },
        { what: 'Brøndby, sent to Brøndby only', url: freshApi('elsewhere', `/municipalities/${OTHER}/dialogue`), body: { inDialogue: true }, expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'GET /api/v1/agreements/:id/municipalities/:code/notes',
      samples: [
        { what: 'Faxe', url: sharedApi('own', `/municipalities/${OWN}/notes`), expect: api(signedIn(200)), check: onlyFaxe },
        { what: 'Brøndby', url: sharedApi('own', `/municipalities/${OTHER}/notes`), expect: api(by(404, 404, 200)) },
        { what: 'a municipality the agreement is not sent to', url: sharedApi('own', `/municipalities/${NOT_ADDRESSED}/notes`), expect: api(signedIn(404)) },
        { what: 'Brøndby, sent to Brøndby only', url: sharedApi('elsewhere', `/municipalities/${OTHER}/notes`), expect: api(by(404, 404, 200)) },
        { what: 'Faxe, on a draft', url: sharedApi('draft', `/municipalities/${OWN}/notes`), expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/municipalities/:code/notes',
      samples: [
        { what: 'Faxe, for KLIK-administratorer', url: freshApi('own', `/municipalities/${OWN}/notes`), body: noteBody, expect: api(by(403, 201, 201)) },
        { what: 'Faxe, for programledere', url: freshApi('leaders', `/municipalities/${OWN}/notes`), body: noteBody, expect: api(by(403, 201, 201)) },
        { what: 'Brøndby', url: freshApi('own', `/municipalities/${OTHER}/notes`), body: noteBody, expect: api(by(404, 404, 201)) },
        { what: 'Brøndby, sent to Brøndby only', url: freshApi('elsewhere', `/municipalities/${OTHER}/notes`), body: noteBody, expect: api(by(404, 404, 201)) },
        { what: 'Faxe, on a draft', url: freshApi('draft', `/municipalities/${OWN}/notes`), body: noteBody, expect: api({ ...signedIn(404), economist: 403 }) },
      ],
    },
    { route: 'GET /api/v1/agreements/matrix', samples: [{ what: 'matrix', url: '/api/v1/agreements/matrix', expect: api(central(200)) }] },

    // ---- reminders (central editors; municipal users 404)
    {
      route: 'GET /aftaler/:id/paamindelse',
      samples: [
        { what: 'sent to Faxe', url: shared('own', '/paamindelse'), expect: page(by(404, 404, 200)) },
        { what: 'draft', url: shared('draft', '/paamindelse'), expect: page(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: shared('elsewhere', '/paamindelse'), expect: page(by(404, 404, 200)) },
      ],
    },
    {
      route: 'POST /aftaler/:id/paamindelse',
      samples: [
        {
          what: 'sent to Faxe',
          url: fresh('own', '/paamindelse'),
          body: roundBody,
          expect: page(by(404, 404, redirect((url) => new RegExp(`^/aftaler/${idIn(url)}/paamindelse\\?besked=sendt&antal=[1-9][0-9]*$`)))),
        },
        { what: 'closed', url: fresh('closed', '/paamindelse'), body: roundBody, expect: page(by(404, 404, 409)) },
      ],
    },
    {
      route: 'GET /api/v1/agreements/:id/reminders',
      samples: [
        { what: 'sent to Faxe', url: sharedApi('own', '/reminders'), expect: api(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: sharedApi('elsewhere', '/reminders'), expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'GET /api/v1/agreements/:id/reminders/preview',
      samples: [
        { what: 'sent to Faxe', url: sharedApi('own', '/reminders/preview'), expect: api(by(404, 404, 200)) },
        { what: 'sent to Brøndby only', url: sharedApi('elsewhere', '/reminders/preview'), expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'POST /api/v1/agreements/:id/reminders',
      samples: [
        { what: 'sent to Faxe', url: freshApi('own', '/reminders'), body: roundBody, expect: api(by(404, 404, 201)) },
        { what: 'closed', url: freshApi('closed', '/reminders'), body: roundBody, expect: api(by(404, 404, 409)) },
      ],
    },

    // ---- the portfolio: everyone logged in reads it, central administrators edit it
    { route: 'GET /portefoelje', samples: [{ what: 'portfolio', url: '/portefoelje', expect: page(signedIn(200)), check: onlyFaxe }] },
    { route: 'GET /portefoelje.xlsx', samples: [{ what: 'portfolio', url: '/portefoelje.xlsx', expect: page(signedIn(200)) }] },
    {
      route: 'GET /portefoelje/:key',
      samples: [
        { what: 'edit a solution', url: `/portefoelje/${SOLUTION}`, expect: page(centralAdmin(200)) },
        { what: 'no such solution', url: '/portefoelje/ingen-saadan-loesning', expect: page(centralAdmin(404)) },
      ],
    },
    {
      route: 'POST /portefoelje/:key',
      samples: [{ what: 'edit a solution', url: `/portefoelje/${SOLUTION}`, body: solutionForm, expect: page(centralAdmin({ status: 303, location: '/portefoelje?besked=gemt' })) }],
    },
    { route: 'GET /api/v1/portfolio', samples: [{ what: 'portfolio', url: '/api/v1/portfolio', expect: api(signedIn(200)), check: onlyFaxe }] },
    {
      route: 'PATCH /api/v1/portfolio/:key',
      samples: [
        { what: 'edit a solution', url: `/api/v1/portfolio/${SOLUTION}`, body: solutionForm, expect: api(centralAdmin(200)) },
        { what: 'no such solution', url: '/api/v1/portfolio/ingen-saadan-loesning', body: solutionForm, expect: api(centralAdmin(404)) },
      ],
    },
  ]);
}

const twice = (e: Expect): [Expect, Expect] => [e, e];
