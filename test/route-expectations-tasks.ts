import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import {
  NO_SUCH,
  all,
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
 * The tasks module's routes (KLIK-opgaver) against every kind of caller; part of the table in
 * route-expectations.ts. Policy in short (src/modules/tasks/policy.ts):
 *
 * - Authors are the central administrators and consultants (both central actors here). A task's
 *   author routes answer a Faxe user 404 when the user may not even read the task, 403 when they may.
 * - A municipality reads a task addressed to it once announced (never a draft), if the user holds
 *   the audience role or is programleder/KLIK-administrator; it acts on it only while published.
 *   Faxe's superbruger for Aula is therefore no addressee of a task for programledere, while Faxe's
 *   KLIK-administrator and programleder see every task addressed to Faxe. Whoever Faxe names
 *   responsible or executor on a task reads and acts on it as an addressee, without the role; the
 *   IT-chef, who holds no role any of these tasks is sent to, reads only Faxe's local task.
 * - Økonomi, central but no author, reads what central staff read and gets 403 on the authors'
 *   pages and writes (404 where central staff get 404).
 * - Local tasks are the municipality's own: central staff and other municipalities get 404.
 * - For Faxe's users anything about Brøndby (0153) answers 404, never 403.
 *
 * This module is imported by route-expectations.ts and imports from it: everything here is read
 * lazily, inside taskRouteExpectations() and the callbacks, never while the modules load.
 */

/** One task and its first step. */
export type TaskRef = { id: string; stepId: string };

/**
 * Kinds of task the test builds. All but the local ones are central tasks; addressed to Faxe and
 * Brøndby unless said otherwise.
 * - leaders:    published, for programledere (Faxe's superbruger is no addressee)
 * - open:       published, optional, for superbrugere of Aula (both Faxe actors may act)
 * - announced:  announced, for superbrugere of Aula (readable, not yet actionable)
 * - closed:     closed, for superbrugere of Aula
 * - draft:      a draft, for superbrugere of Aula, with its addressed municipalities stored
 * - elsewhere:  published, for superbrugere of Aula, addressed to Brøndby only
 * - announcedElsewhere: announced, for superbrugere of Aula, addressed to Brøndby only
 * - ownLocal:   Faxe's local task
 * - otherLocal: Brøndby's local task
 */
export const TASK_KINDS = ['leaders', 'open', 'announced', 'closed', 'draft', 'elsewhere', 'announcedElsewhere', 'ownLocal', 'otherLocal'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** The kinds on which Faxe names the test's named executor (a Faxe user without roles) as executor. */
export const NAMED_ON: readonly TaskKind[] = ['leaders', 'announced', 'closed', 'draft'];

/** Titles of the shared tasks, so list checks can tell whether one shows. */
export const TASK_TITLES: Record<TaskKind, string> = {
  leaders: 'RT-opgave-til-programledere',
  open: 'RT-opgave-til-superbrugere',
  announced: 'RT-opgave-annonceret-til-superbrugere',
  closed: 'RT-opgave-lukket',
  draft: 'RT-opgave-kladde',
  elsewhere: 'RT-opgave-kun-til-Broendby',
  announcedElsewhere: 'RT-opgave-annonceret-kun-til-Broendby',
  ownLocal: 'RT-opgave-Faxes-lokale',
  otherLocal: 'RT-opgave-Broendbys-lokale',
};

/** Names of the shared files; everything of Brøndby's has "broendby" in its name. */
export const TASK_FILES = {
  /** common attachment of the open task */
  common: 'rt-faelles-bilag.csv',
  /** the open task's attachment for Faxe */
  ownAttachment: 'rt-faxe-bilag.csv',
  /** the open task's attachment for Brøndby */
  otherAttachment: 'rt-broendby-bilag.csv',
  /** Faxe's answer file on the open task */
  ownAnswer: 'rt-faxe-svar.csv',
  /** Brøndby's answer file on the open task */
  otherAnswer: 'rt-broendby-svar.csv',
  /** common attachments of the leaders, draft and elsewhere tasks */
  leadersCommon: 'rt-ledere-bilag.csv',
  draftCommon: 'rt-kladde-bilag.csv',
  elsewhereCommon: 'rt-kun-broendby-bilag.csv',
  /** answer files on the local tasks */
  ownLocalAnswer: 'rt-faxe-lokal-svar.csv',
  otherLocalAnswer: 'rt-broendby-lokal-svar.csv',
} as const;
export type TaskFileName = keyof typeof TASK_FILES;

/** Rows about tasks the test creates. The shared ones are never written to. */
export interface TaskFixtures {
  /** One shared task of each kind. */
  readonly shared: Record<TaskKind, TaskRef>;
  /** The ids of the shared files. */
  readonly files: Record<TaskFileName, string>;
  /** A fresh task of the kind, for one write. */
  fresh(kind: TaskKind): Promise<TaskRef>;
  /** A fresh, unique task code (or project name). */
  code(): string;
  /** A fresh calendar address of the user (replacing the one they had); returns the secret token in it. */
  feedToken(user: ActorName | 'outsider'): Promise<string>;
}

/** A municipality that none of the test's tasks is addressed to (København). */
const NOT_ADDRESSED = '0101';

// ---- shorthands --------------------------------------------------------------------------------

/**
 * Faxe's superbruger, Faxe's KLIK-administrator, central staff (the consultant and the administrator
 * both author tasks). The later callers answer by default as the one they resemble on that task:
 * the programleder and the named executor (named on every task sent to Faxe but the "open" one) as
 * the KLIK-administrator, the IT-chef (no role any task is sent to) as the superbruger, økonomi as
 * the central staff; `other` says where they differ.
 */
const by = (municipalUser: Expect, municipalAdmin: Expect, centralStaff: Expect, other: Partial<Record<LaterActor, Expect>> = {}): SignedIn => ({
  municipalUser,
  municipalAdmin,
  consultant: centralStaff,
  admin: centralStaff,
  programLeader: municipalAdmin,
  namedExecutor: municipalAdmin,
  itChef: municipalUser,
  economist: centralStaff,
  ...other,
});
/** Økonomi reads what central staff read, but writes nothing: 403 (404 where nobody central may read). */
const readOnly = (centralStaff: Expect) => ({ economist: centralStaff === 404 ? 404 : 403 }) as const;
/** Creating tasks and projects: authors only. */
const authors = (ok: Expect): SignedIn => ({ ...central(ok), economist: 403 });

/** The task id in /opgaver/:id/… and /api/v1/tasks/:id/… */
const idIn = (url: string) => {
  const m = /^\/(?:api\/v1\/tasks|opgaver)\/([^/?#]+)/.exec(url);
  return m![1]!;
};
/** A redirect computed from the requested URL. */
const redirect = (location: (url: string) => string | RegExp): Expect => ({ status: 303, location });
const toTask = (rest: string) => redirect((url) => `/opgaver/${idIn(url)}${rest}`);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A sample URL that names one task knows the task's kind (see unreadableToLaterCallers). */
const onKind = <F extends object>(kind: TaskKind, url: F): F & { kind: TaskKind } => Object.assign(url, { kind });
/** A task URL: /opgaver/<id of a shared task><rest>, or of a fresh one. */
const shared = (kind: TaskKind, rest = '') => onKind(kind, (fx: Fixtures) => `/opgaver/${fx.tasks.shared[kind].id}${rest}`);
const fresh = (kind: TaskKind, rest: string | ((t: TaskRef) => string) = '') =>
  onKind(kind, async (fx: Fixtures) => {
    const t = await fx.tasks.fresh(kind);
    return `/opgaver/${t.id}${typeof rest === 'string' ? rest : rest(t)}`;
  });
const sharedApi = (kind: TaskKind, rest = '') => onKind(kind, (fx: Fixtures) => `/api/v1/tasks/${fx.tasks.shared[kind].id}${rest}`);
const freshApi = (kind: TaskKind, rest: string | ((t: TaskRef) => string) = '') =>
  onKind(kind, async (fx: Fixtures) => {
    const t = await fx.tasks.fresh(kind);
    return `/api/v1/tasks/${t.id}${typeof rest === 'string' ? rest : rest(t)}`;
  });
/** A shared file under a shared task. */
const file = (kind: TaskKind, path: 'bilag' | 'filer', name: TaskFileName) => onKind(kind, (fx: Fixtures) => `/opgaver/${fx.tasks.shared[kind].id}/${path}/${fx.tasks.files[name]}`);

/**
 * Tasks the later callers may not read: to them every route on such a task answers 404, as if it did
 * not exist. The named executor is not named on the "open" task; the IT-chef holds none of the roles
 * the superbrugere's tasks are sent to.
 */
const UNREADABLE_TO: Partial<Record<TaskKind, LaterActor[]>> = { open: ['namedExecutor', 'itChef'], announced: ['itChef'], closed: ['itChef'] };

/** The author's pages and writes: økonomi reads central staff's views but authors nothing (403; 404 where central staff get 404). */
const AUTHORING = new Set([
  'GET /opgaver/:id/rediger',
  'POST /opgaver/:id/rediger',
  'POST /opgaver/:id/annoncer',
  'POST /opgaver/:id/publicer',
  'POST /opgaver/:id/luk',
  'GET /opgaver/:id/frist',
  'POST /opgaver/:id/frist',
  'POST /opgaver/:id/bilag',
  'POST /opgaver/:id/bilag-pr-kommune',
  'PUT /api/v1/tasks/:id',
  'POST /api/v1/tasks/:id/announce',
  'POST /api/v1/tasks/:id/publish',
  'POST /api/v1/tasks/:id/close',
  'POST /api/v1/tasks/:id/deadline',
  'POST /api/v1/tasks/:id/attachments',
  'POST /api/v1/tasks/:id/municipality-attachments',
  'GET /opgaver/:id/paamindelse',
  'POST /opgaver/:id/paamindelse',
  'GET /api/v1/tasks/:id/reminders',
  'GET /api/v1/tasks/:id/reminders/preview',
  'POST /api/v1/tasks/:id/reminders',
]);

function forLaterCallers(entries: RouteExpectation[]): RouteExpectation[] {
  return entries.map((entry) => ({
    ...entry,
    samples: entry.samples.map((sample) => {
      const expect = { ...sample.expect };
      if (AUTHORING.has(entry.route) && expect.economist === expect.consultant) expect.economist = readOnly(expect.consultant).economist;
      const kind = (sample.url as { kind?: TaskKind }).kind;
      for (const actor of (kind && UNREADABLE_TO[kind]) || []) expect[actor] = 404;
      return { ...sample, expect };
    }),
  }));
}

// ---- bodies --------------------------------------------------------------------------------------

/** The task form as the browser posts it: one step, for superbrugere of Aula in Faxe and Brøndby. */
const taskForm = (fx: Fixtures) => ({
  code: fx.tasks.code(),
  title: 'Rutetest via formularen',
  description: 'Beskrivelse',
  consequence: '',
  audienceRoleKey: 'superbruger',
  audienceSolutionKey: 'aula',
  deadline: '30.06.2030',
  'targets.mode': 'list',
  'targets.pasted': `${OWN}, ${OTHER}`,
  'steps.0.title': 'Gør det',
  'steps.0.answerKind': 'none',
});
/** The same task as JSON for the API. */
const taskJson = (fx: Fixtures) => ({
  code: fx.tasks.code(),
  title: 'Rutetest via API',
  description: 'Beskrivelse',
  audienceRoleKey: 'superbruger',
  audienceSolutionKey: 'aula',
  deadline: '2030-06-30',
  targets: { mode: 'list', codes: [OWN, OTHER] },
  steps: [{ title: 'Gør det' }],
});
const deadlineBody = { deadline: '2031-01-15', reason: 'Rutetest flytter fristen' };
const csvFile = (filename: string): Upload => ({ field: 'filer', filename, contentType: 'text/csv', content: `Kolonne\r\n${randomUUID()}\r\n` });
const commonFile = () => csvFile('rutetest-bilag.csv');
const ownFile = () => csvFile(`${OWN}-rutetest-udtraek.csv`);
const otherFile = () => csvFile(`${OTHER}-rutetest-udtraek.csv`);
const localTaskForm = { title: 'Rutetest lokal opgave', deadline: '30.06.2030', steps: 'Første trin\nAndet trin' };
const localTaskJson = { title: 'Rutetest lokal opgave via API', deadline: '2030-06-30', steps: [{ title: 'Første trin' }] };
const roundBody = () => ({ roundId: randomUUID() });

// ---- checks on what a 200 shows ----------------------------------------------------------------

type Check = (res: LightMyRequestResponse, actor: ActorName) => string | undefined;

/** Per actor: shared tasks whose titles must (show) or must not (hide) be in the answer. */
type Rule = { show?: TaskKind[]; hide?: TaskKind[] };
function listCheck(rules: Partial<Record<ActorName, Rule>>): Check {
  return (res, actor) => {
    if (res.statusCode !== 200) return undefined;
    const rule = rules[actor];
    const leaked = (rule?.hide ?? []).filter((k) => res.body.includes(TASK_TITLES[k]));
    const missing = (rule?.show ?? []).filter((k) => !res.body.includes(TASK_TITLES[k]));
    const problems = [...leaked.map((k) => `shows the ${k} task`), ...missing.map((k) => `should show the ${k} task (is the fixture missing?)`)];
    return problems.length > 0 ? problems.join('; ') : undefined;
  };
}
/** The municipal side of one task shows Faxe's files only, never Brøndby's. */
const noBroendbyFiles: Check = (res) =>
  res.statusCode === 200 && /broendby/.test(res.body) ? "shows Brøndby's files to someone looking at Faxe" : undefined;
/** A Faxe user's API view of a task names no other municipality and none of Brøndby's files. */
const onlyFaxe: Check = (res, actor) => {
  if (res.statusCode !== 200 || !inFaxe(actor)) return undefined;
  if (res.body.includes(`"${OTHER}"`)) return 'names Brøndby among the addressed municipalities';
  return noBroendbyFiles(res, actor);
};

const FAXE_NEVER: TaskKind[] = ['draft', 'elsewhere', 'announcedElsewhere', 'otherLocal'];
const CENTRAL_NEVER: TaskKind[] = ['ownLocal', 'otherLocal'];
/** "Mine opgaver": published and closed tasks for the user's roles or where they are named, and Faxe's local tasks. */
const faxeAdminMine = { show: ['open', 'closed', 'leaders', 'ownLocal'], hide: [...FAXE_NEVER, 'announced'] } satisfies Rule;
const centralMine = { hide: [...CENTRAL_NEVER, 'open'] } satisfies Rule;
const myTasksCheck = listCheck({
  municipalUser: { show: ['open', 'closed', 'ownLocal'], hide: [...FAXE_NEVER, 'leaders', 'announced'] },
  municipalAdmin: faxeAdminMine,
  programLeader: faxeAdminMine,
  namedExecutor: { show: ['closed', 'leaders', 'ownLocal'], hide: [...FAXE_NEVER, 'open', 'announced'] },
  itChef: { show: ['ownLocal'], hide: [...FAXE_NEVER, 'open', 'leaders', 'announced', 'closed'] },
  consultant: centralMine,
  admin: centralMine,
  economist: centralMine,
});
/** "Kommende opgaver": announced tasks, for a municipality those addressed to it that the user may read. */
const faxeUpcoming = { show: ['announced'], hide: FAXE_NEVER } satisfies Rule;
const centralUpcoming = { show: ['announced', 'announcedElsewhere'], hide: CENTRAL_NEVER } satisfies Rule;
const upcomingCheck = listCheck({
  municipalUser: faxeUpcoming,
  municipalAdmin: faxeUpcoming,
  programLeader: faxeUpcoming,
  namedExecutor: faxeUpcoming,
  itChef: { hide: [...FAXE_NEVER, 'announced'] },
  consultant: centralUpcoming,
  admin: centralUpcoming,
  economist: centralUpcoming,
});
/**
 * A calendar feed lists the owner's tasks as "Mine opgaver" and "Kommende opgaver" do (central
 * staff: every task that is not a draft, never local ones). The test's anonymous caller uses the
 * feed of an account in Faxe without roles: only Faxe's local tasks.
 */
const faxeAdminFeed = { show: ['open', 'closed', 'leaders', 'announced', 'ownLocal'], hide: FAXE_NEVER } satisfies Rule;
const centralFeed = { show: ['open', 'leaders', 'announced', 'announcedElsewhere', 'elsewhere', 'closed'], hide: [...CENTRAL_NEVER, 'draft'] } satisfies Rule;
const feedRules = listCheck({
  anonymous: { show: ['ownLocal'], hide: [...FAXE_NEVER, 'leaders', 'open', 'announced', 'closed'] },
  municipalUser: { show: ['open', 'closed', 'announced', 'ownLocal'], hide: [...FAXE_NEVER, 'leaders'] },
  municipalAdmin: faxeAdminFeed,
  programLeader: faxeAdminFeed,
  namedExecutor: { show: ['closed', 'leaders', 'announced', 'ownLocal'], hide: [...FAXE_NEVER, 'open'] },
  itChef: { show: ['ownLocal'], hide: [...FAXE_NEVER, 'leaders', 'open', 'announced', 'closed'] },
  consultant: centralFeed,
  admin: centralFeed,
  economist: centralFeed,
});
/** iCalendar folds long lines ("\r\n " continues one): unfolded before looking for titles. */
const feedCheck: Check = (res, actor) => feedRules({ ...res, body: res.body.replace(/\r\n[ \t]/g, '') } as LightMyRequestResponse, actor);
const showsNewFeed: Check = (res) => (res.statusCode === 200 && !/\/kalender\/[A-Za-z0-9_-]{43}\.ics/.test(res.body) ? 'does not show the new calendar address' : undefined);
const feedOwner = (actor: ActorName) => (actor === 'anonymous' ? 'outsider' : actor);

const centralDrafts = { show: ['draft'], hide: CENTRAL_NEVER } satisfies Rule;
const draftsCheck = listCheck({ consultant: centralDrafts, admin: centralDrafts, economist: centralDrafts });
const centralOnly = { hide: CENTRAL_NEVER } satisfies Rule;
const centralListCheck = listCheck({ consultant: centralOnly, admin: centralOnly, economist: centralOnly });
/** One municipality's tasks: Faxe's own list for Faxe's users, as far as each may read them; central staff never see local tasks. */
const ownMunicipalityTasksCheck = listCheck({
  municipalUser: { hide: [...FAXE_NEVER, 'leaders'] },
  municipalAdmin: { hide: FAXE_NEVER },
  programLeader: { hide: FAXE_NEVER },
  // Later writes add many tasks to the list before this request, so it shows what may be seen only as far as the first page goes.
  namedExecutor: { hide: [...FAXE_NEVER, 'open'] },
  itChef: { hide: [...FAXE_NEVER, 'open', 'leaders', 'announced', 'closed'] },
  consultant: centralOnly,
  admin: centralOnly,
  economist: centralOnly,
});

// ---- the table ---------------------------------------------------------------------------------

export function taskRouteExpectations(): RouteExpectation[] {
  return forLaterCallers([
    // ---- authoring: pages
    { route: 'GET /opgaver/ny', samples: [{ what: 'new task form', url: '/opgaver/ny', expect: page(authors(200)) }] },
    {
      route: 'POST /opgaver',
      samples: [
        {
          what: 'create a draft',
          url: '/opgaver',
          body: taskForm,
          expect: page(authors({ status: 303, location: new RegExp(`^/opgaver/${UUID}/rediger\\?besked=oprettet$`) })),
        },
      ],
    },
    { route: 'GET /opgaver/kladder', samples: [{ what: 'drafts', url: '/opgaver/kladder', expect: page(central(200)), check: draftsCheck }] },
    { route: 'GET /opgaver/kommende', samples: [{ what: 'upcoming tasks', url: '/opgaver/kommende', expect: page(signedIn(200)), check: upcomingCheck }] },
    {
      route: 'GET /opgaver/:id/rediger',
      samples: [
        { what: 'draft', url: shared('draft', '/rediger'), expect: page(by(404, 404, 200)) },
        { what: 'published task the Faxe users read', url: shared('open', '/rediger'), expect: page(by(403, 403, 200)) },
        { what: 'published task for programledere', url: shared('leaders', '/rediger'), expect: page(by(404, 403, 200)) },
        { what: 'task for Brøndby only', url: shared('elsewhere', '/rediger'), expect: page(by(404, 404, 200)) },
        { what: "Faxe's local task", url: shared('ownLocal', '/rediger'), expect: page(by(403, 403, 404)) },
        { what: "Brøndby's local task", url: shared('otherLocal', '/rediger'), expect: page(signedIn(404)) },
        { what: 'no such task', url: `/opgaver/${randomUUID()}/rediger`, expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'POST /opgaver/:id/rediger',
      samples: [
        { what: 'clarify a published task', url: fresh('open', '/rediger'), body: { description: 'Præcisering fra rutetesten' }, expect: page(by(403, 403, toTask('/rediger?besked=gemt'))) },
        { what: 'edit a draft', url: fresh('draft', '/rediger'), body: taskForm, expect: page(by(404, 404, toTask('/rediger?besked=gemt'))) },
        { what: 'task for Brøndby only', url: fresh('elsewhere', '/rediger'), body: { description: 'Præcisering' }, expect: page(by(404, 404, toTask('/rediger?besked=gemt'))) },
        { what: "Faxe's local task", url: fresh('ownLocal', '/rediger'), body: { description: 'Præcisering' }, expect: page(by(403, 403, 404)) },
      ],
    },
    {
      route: 'POST /opgaver/:id/annoncer',
      samples: [
        { what: 'draft', url: fresh('draft', '/annoncer'), expect: page(by(404, 404, toTask('/rediger?besked=annonceret'))) },
        { what: 'announced task (again)', url: fresh('announced', '/annoncer'), expect: page(by(403, 403, toTask('/rediger?besked=annonceret'))) },
        { what: "Faxe's local task", url: fresh('ownLocal', '/annoncer'), expect: page(by(403, 403, 404)) },
      ],
    },
    {
      route: 'POST /opgaver/:id/publicer',
      samples: [
        { what: 'draft', url: fresh('draft', '/publicer'), expect: page(by(404, 404, toTask('/overblik?besked=publiceret'))) },
        { what: 'announced task', url: fresh('announced', '/publicer'), expect: page(by(403, 403, toTask('/overblik?besked=publiceret'))) },
        { what: 'announced task for Brøndby only', url: fresh('announcedElsewhere', '/publicer'), expect: page(by(404, 404, toTask('/overblik?besked=publiceret'))) },
      ],
    },
    {
      route: 'POST /opgaver/:id/luk',
      samples: [
        { what: 'published task', url: fresh('open', '/luk'), expect: page(by(403, 403, toTask('/overblik?besked=lukket'))) },
        { what: 'published task for programledere', url: fresh('leaders', '/luk'), expect: page(by(404, 403, toTask('/overblik?besked=lukket'))) },
        { what: "Faxe's local task", url: fresh('ownLocal', '/luk'), expect: page(by(403, 403, 404)) },
      ],
    },
    {
      route: 'GET /opgaver/:id/frist',
      samples: [
        { what: 'published task', url: shared('open', '/frist'), expect: page(by(403, 403, 200)) },
        { what: 'draft', url: shared('draft', '/frist'), expect: page(by(404, 404, 200)) },
        { what: 'closed task', url: shared('closed', '/frist'), expect: page(by(403, 403, 409)) },
        { what: "Brøndby's local task", url: shared('otherLocal', '/frist'), expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'POST /opgaver/:id/frist',
      samples: [
        { what: 'published task', url: fresh('open', '/frist'), body: deadlineBody, expect: page(by(403, 403, toTask('/overblik?besked=frist-aendret'))) },
        { what: 'draft', url: fresh('draft', '/frist'), body: deadlineBody, expect: page(by(404, 404, toTask('/rediger?besked=frist-aendret'))) },
        { what: 'task for Brøndby only', url: fresh('elsewhere', '/frist'), body: deadlineBody, expect: page(by(404, 404, toTask('/overblik?besked=frist-aendret'))) },
      ],
    },
    {
      route: 'GET /opgaver/:id/bilag/:fileId',
      samples: [
        { what: 'common attachment', url: file('open', 'bilag', 'common'), expect: page(signedIn(200)) },
        { what: "Faxe's attachment", url: file('open', 'bilag', 'ownAttachment'), expect: page(signedIn(200)) },
        { what: "Brøndby's attachment", url: file('open', 'bilag', 'otherAttachment'), expect: page(by(404, 404, 200)) },
        { what: 'an answer file is no attachment', url: file('open', 'bilag', 'ownAnswer'), expect: page(signedIn(404)) },
        { what: 'attachment of a task for programledere', url: file('leaders', 'bilag', 'leadersCommon'), expect: page(by(404, 200, 200)) },
        { what: "a draft's attachment", url: file('draft', 'bilag', 'draftCommon'), expect: page(by(404, 404, 200)) },
        { what: 'attachment of a task for Brøndby only', url: file('elsewhere', 'bilag', 'elsewhereCommon'), expect: page(by(404, 404, 200)) },
        {
          what: "another task's attachment under a readable task",
          url: file('open', 'bilag', 'elsewhereCommon'),
          expect: page(signedIn(404)),
        },
      ],
    },
    {
      route: 'POST /opgaver/:id/bilag',
      samples: [
        { what: 'published task', url: fresh('open', '/bilag'), upload: commonFile, expect: page(by(403, 403, toTask('/rediger?besked=bilag'))) },
        { what: 'draft', url: fresh('draft', '/bilag'), upload: commonFile, expect: page(by(404, 404, toTask('/rediger?besked=bilag'))) },
        { what: "Faxe's local task", url: fresh('ownLocal', '/bilag'), upload: commonFile, expect: page(by(403, 403, 404)) },
      ],
    },
    {
      route: 'POST /opgaver/:id/bilag-pr-kommune',
      samples: [
        { what: "Faxe's file for a published task", url: fresh('open', '/bilag-pr-kommune'), upload: ownFile, expect: page(by(403, 403, toTask('/rediger?besked=bilag'))) },
        { what: "Brøndby's file for a task for Brøndby only", url: fresh('elsewhere', '/bilag-pr-kommune'), upload: otherFile, expect: page(by(404, 404, toTask('/rediger?besked=bilag'))) },
      ],
    },
    { route: 'GET /projekter', samples: [{ what: 'projects', url: '/projekter', expect: page(central(200)) }] },
    {
      route: 'POST /projekter',
      samples: [{ what: 'create a project', url: '/projekter', body: (fx) => ({ name: `Rutetest ${fx.tasks.code()}` }), expect: page(authors({ status: 303, location: '/projekter?besked=projekt-oprettet' })) }],
    },

    // ---- authoring: API
    { route: 'GET /api/v1/projects', samples: [{ what: 'projects', url: '/api/v1/projects', expect: api(central(200)) }] },
    { route: 'POST /api/v1/projects', samples: [{ what: 'create a project', url: '/api/v1/projects', body: (fx) => ({ name: `Rutetest ${fx.tasks.code()}` }), expect: api(authors(201)) }] },
    { route: 'GET /api/v1/tasks/drafts', samples: [{ what: 'drafts', url: '/api/v1/tasks/drafts', expect: api(central(200)), check: draftsCheck }] },
    { route: 'GET /api/v1/tasks/upcoming', samples: [{ what: 'upcoming tasks', url: '/api/v1/tasks/upcoming', expect: api(signedIn(200)), check: upcomingCheck }] },
    { route: 'POST /api/v1/tasks', samples: [{ what: 'create a draft', url: '/api/v1/tasks', body: taskJson, expect: api(authors(201)) }] },
    {
      route: 'GET /api/v1/tasks/:id',
      samples: [
        { what: 'published task the Faxe users read', url: sharedApi('open'), expect: api(signedIn(200)), check: onlyFaxe },
        { what: 'published task for programledere', url: sharedApi('leaders'), expect: api(by(404, 200, 200)), check: onlyFaxe },
        { what: 'announced task', url: sharedApi('announced'), expect: api(signedIn(200)), check: onlyFaxe },
        { what: 'draft', url: sharedApi('draft'), expect: api(by(404, 404, 200)) },
        { what: 'task for Brøndby only', url: sharedApi('elsewhere'), expect: api(by(404, 404, 200)) },
        { what: "Faxe's local task", url: sharedApi('ownLocal'), expect: api(by(200, 200, 404)) },
        { what: "Brøndby's local task", url: sharedApi('otherLocal'), expect: api(signedIn(404)) },
        { what: 'no such task', url: `/api/v1/tasks/${randomUUID()}`, expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'PUT /api/v1/tasks/:id',
      samples: [
        { what: 'published task', url: freshApi('open'), body: taskJson, expect: api(by(403, 403, 200)) },
        { what: 'draft', url: freshApi('draft'), body: taskJson, expect: api(by(404, 404, 200)) },
        { what: "Faxe's local task", url: freshApi('ownLocal'), body: taskJson, expect: api(by(403, 403, 404)) },
      ],
    },
    {
      route: 'POST /api/v1/tasks/:id/announce',
      samples: [
        { what: 'draft', url: freshApi('draft', '/announce'), expect: api(by(404, 404, 200)) },
        { what: 'announced task (again)', url: freshApi('announced', '/announce'), expect: api(by(403, 403, 200)) },
      ],
    },
    {
      route: 'POST /api/v1/tasks/:id/publish',
      samples: [
        { what: 'draft', url: freshApi('draft', '/publish'), expect: api(by(404, 404, 200)) },
        { what: 'announced task', url: freshApi('announced', '/publish'), expect: api(by(403, 403, 200)) },
        { what: 'announced task for Brøndby only', url: freshApi('announcedElsewhere', '/publish'), expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'POST /api/v1/tasks/:id/close',
      samples: [
        { what: 'published task', url: freshApi('open', '/close'), expect: api(by(403, 403, 200)) },
        { what: 'published task for programledere', url: freshApi('leaders', '/close'), expect: api(by(404, 403, 200)) },
        { what: "Faxe's local task", url: freshApi('ownLocal', '/close'), expect: api(by(403, 403, 404)) },
      ],
    },
    {
      route: 'POST /api/v1/tasks/:id/deadline',
      samples: [
        { what: 'published task', url: freshApi('open', '/deadline'), body: deadlineBody, expect: api(by(403, 403, 200)) },
        { what: 'task for Brøndby only', url: freshApi('elsewhere', '/deadline'), body: deadlineBody, expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'POST /api/v1/tasks/:id/attachments',
      samples: [
        { what: 'published task', url: freshApi('open', '/attachments'), upload: commonFile, expect: api(by(403, 403, 200)) },
        { what: 'draft', url: freshApi('draft', '/attachments'), upload: commonFile, expect: api(by(404, 404, 200)) },
      ],
    },
    {
      route: 'POST /api/v1/tasks/:id/municipality-attachments',
      samples: [
        { what: "Faxe's file for a published task", url: freshApi('open', '/municipality-attachments'), upload: ownFile, expect: api(by(403, 403, 200)) },
        { what: "Brøndby's file for a task for Brøndby only", url: freshApi('elsewhere', '/municipality-attachments'), upload: otherFile, expect: api(by(404, 404, 200)) },
      ],
    },

    // ---- the joint organisation's side
    { route: 'GET /overblik', samples: [{ what: 'dashboard', url: '/overblik', expect: page(central(200)), check: centralListCheck }] },
    {
      route: 'GET /opgaver/:id/overblik',
      samples: [
        { what: 'published task', url: shared('open', '/overblik'), expect: page(by(404, 404, 200)) },
        { what: 'draft', url: shared('draft', '/overblik'), expect: page(by(404, 404, 200)) },
        { what: 'task for Brøndby only', url: shared('elsewhere', '/overblik'), expect: page(by(404, 404, 200)) },
        { what: "Faxe's local task", url: shared('ownLocal', '/overblik'), expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'GET /opgaver/:id/eksport.xlsx',
      samples: [
        { what: 'published task', url: shared('open', '/eksport.xlsx'), expect: page(by(404, 404, 200)) },
        { what: "Faxe's local task", url: shared('ownLocal', '/eksport.xlsx'), expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'GET /opgaver/:id/eksport.csv',
      samples: [
        { what: 'published task', url: shared('open', '/eksport.csv'), expect: page(by(404, 404, 200)) },
        { what: 'published task, missing only', url: shared('open', '/eksport.csv?mangler=ja'), expect: page(by(404, 404, 200)) },
        { what: "Faxe's local task", url: shared('ownLocal', '/eksport.csv'), expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'GET /kommuner/:code/opgaver',
      samples: [
        { what: "Faxe's tasks", url: `/kommuner/${OWN}/opgaver`, expect: page(by({ status: 303, location: '/opgaver' }, { status: 303, location: '/opgaver' }, 200)), check: centralListCheck },
        { what: "Brøndby's tasks", url: `/kommuner/${OTHER}/opgaver`, expect: page(by(404, 404, 200)), check: centralListCheck },
        { what: 'no such municipality', url: `/kommuner/${NO_SUCH}/opgaver`, expect: page(signedIn(404)) },
      ],
    },
    { route: 'GET /api/v1/tasks', samples: [{ what: 'all tasks with counts', url: '/api/v1/tasks', expect: api(central(200)), check: centralListCheck }] },
    {
      route: 'GET /api/v1/tasks/:id/overview',
      samples: [
        { what: 'published task', url: sharedApi('open', '/overview'), expect: api(by(404, 404, 200)) },
        { what: "Faxe's local task", url: sharedApi('ownLocal', '/overview'), expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'GET /api/v1/municipalities/:code/tasks',
      samples: [
        { what: "Faxe's tasks", url: `/api/v1/municipalities/${OWN}/tasks`, expect: api(signedIn(200)), check: ownMunicipalityTasksCheck },
        { what: "Brøndby's tasks", url: `/api/v1/municipalities/${OTHER}/tasks`, expect: api(by(404, 404, 200)), check: centralListCheck },
        { what: 'no such municipality', url: `/api/v1/municipalities/${NO_SUCH}/tasks`, expect: api(signedIn(404)) },
      ],
    },

    // ---- the municipalities' side: pages
    {
      route: 'GET /opgaver',
      samples: [{ what: 'my tasks', url: '/opgaver', expect: page(by(200, 200, { status: 303, location: '/overblik' })), check: myTasksCheck }],
    },
    { route: 'GET /opgaver/lokal/ny', samples: [{ what: 'new local task form', url: '/opgaver/lokal/ny', expect: page(by(200, 200, 403)) }] },
    {
      route: 'POST /opgaver/lokal/ny',
      samples: [
        {
          what: 'create a local task',
          url: '/opgaver/lokal/ny',
          body: localTaskForm,
          expect: page(by(...twice({ status: 303, location: new RegExp(`^/opgaver/${UUID}\\?besked=lokal-oprettet$`) }), 403)),
        },
        { what: 'a person from Brøndby as responsible', url: '/opgaver/lokal/ny', body: (fx) => ({ ...localTaskForm, responsiblePersonId: fx.otherPerson }), expect: page(by(422, 422, 403)) },
      ],
    },
    {
      route: 'GET /opgaver/:id',
      samples: [
        { what: 'published task for superbrugere', url: shared('open'), expect: page(by(200, 200, toTask('/overblik'))), check: noBroendbyFiles },
        { what: 'published task for programledere', url: shared('leaders'), expect: page(by(404, 200, toTask('/overblik'))) },
        { what: 'announced task', url: shared('announced'), expect: page(by(200, 200, toTask('/overblik'))) },
        { what: 'closed task', url: shared('closed'), expect: page(by(200, 200, toTask('/overblik'))) },
        { what: 'draft', url: shared('draft'), expect: page(by(404, 404, toTask('/overblik'))) },
        { what: 'task for Brøndby only', url: shared('elsewhere'), expect: page(by(404, 404, toTask('/overblik'))) },
        { what: "Faxe's local task", url: shared('ownLocal'), expect: page(by(200, 200, toTask('/overblik'))) },
        { what: "Brøndby's local task", url: shared('otherLocal'), expect: page(by(404, 404, toTask('/overblik'))) },
      ],
    },
    {
      route: 'GET /opgaver/:id/filer/:fileId',
      samples: [
        { what: 'common attachment', url: file('open', 'filer', 'common'), expect: page(signedIn(200)) },
        { what: "Faxe's answer file", url: file('open', 'filer', 'ownAnswer'), expect: page(signedIn(200)) },
        { what: "Brøndby's answer file", url: file('open', 'filer', 'otherAnswer'), expect: page(by(404, 404, 200)) },
        { what: "Brøndby's attachment", url: file('open', 'filer', 'otherAttachment'), expect: page(by(404, 404, 200)) },
        { what: 'attachment of a task for programledere', url: file('leaders', 'filer', 'leadersCommon'), expect: page(by(404, 200, 200)) },
        { what: "a draft's attachment", url: file('draft', 'filer', 'draftCommon'), expect: page(by(404, 404, 200)) },
        { what: 'attachment of a task for Brøndby only', url: file('elsewhere', 'filer', 'elsewhereCommon'), expect: page(by(404, 404, 200)) },
        { what: "answer file of Faxe's local task", url: file('ownLocal', 'filer', 'ownLocalAnswer'), expect: page(by(200, 200, 404)) },
        { what: "answer file of Brøndby's local task", url: file('otherLocal', 'filer', 'otherLocalAnswer'), expect: page(signedIn(404)) },
        {
          what: "another task's file under a readable task",
          url: file('open', 'filer', 'otherLocalAnswer'),
          expect: page(signedIn(404)),
        },
      ],
    },
    {
      route: 'POST /opgaver/:id/trin/:stepId',
      samples: [
        ...actOnTaskPage((t) => `/trin/${t.stepId}`, { completed: 'on' }, (url) => `?besked=trin-gemt#trin-${url.split('/').pop()!}`),
        {
          what: "another task's step",
          url: async (fx) => `/opgaver/${(await fx.tasks.fresh('open')).id}/trin/${(await fx.tasks.fresh('open')).stepId}`,
          body: { completed: 'on' },
          expect: page(by(404, 404, 403)),
        },
      ],
    },
    {
      route: 'POST /opgaver/:id/personer',
      samples: [
        ...actOnTaskPage(() => '/personer', (fx) => ({ responsiblePersonId: fx.ownPerson, executorPersonId: '' }), () => '?besked=personer-gemt#personer'),
        {
          what: 'a person from Brøndby',
          url: fresh('open', '/personer'),
          body: (fx) => ({ responsiblePersonId: fx.otherPerson, executorPersonId: '' }),
          expect: page(by(422, 422, 403)),
        },
      ],
    },
    {
      route: 'POST /opgaver/:id/beskeder',
      samples: actOnTaskPage(() => '/beskeder', { body: 'Et spørgsmål fra rutetesten' }, () => '?besked=besked-sendt#beskeder', 404),
    },
    {
      route: 'POST /opgaver/:id/ikke-relevant',
      samples: [
        { what: 'optional published task', url: fresh('open', '/ikke-relevant'), body: { reason: 'Rutetest' }, expect: page(by(...twice(toTask('?besked=ikke-relevant#ikke-relevant')), 403)) },
        { what: 'mandatory task for programledere', url: fresh('leaders', '/ikke-relevant'), body: { reason: 'Rutetest' }, expect: page(by(404, 409, 403)) },
        { what: 'announced task', url: fresh('announced', '/ikke-relevant'), body: { reason: 'Rutetest' }, expect: page(by(403, 403, 403)) },
        { what: 'task for Brøndby only', url: fresh('elsewhere', '/ikke-relevant'), body: { reason: 'Rutetest' }, expect: page(by(404, 404, 403)) },
      ],
    },
    {
      route: 'POST /opgaver/:id/relevant',
      samples: [
        { what: 'optional published task', url: fresh('open', '/relevant'), expect: page(by(...twice(toTask('?besked=ingen-aendring#ikke-relevant')), 403)) },
        { what: 'task for Brøndby only', url: fresh('elsewhere', '/relevant'), expect: page(by(404, 404, 403)) },
      ],
    },
    {
      route: 'GET /opgaver/:id/kommuner/:code',
      samples: [
        { what: 'Faxe', url: shared('open', `/kommuner/${OWN}`), expect: page(by(...twice(toTask('')), 200)), check: noBroendbyFiles },
        { what: 'Brøndby', url: shared('open', `/kommuner/${OTHER}`), expect: page(by(404, 404, 200)) },
        { what: 'a municipality the task is not addressed to', url: shared('open', `/kommuner/${NOT_ADDRESSED}`), expect: page(signedIn(404)) },
        { what: 'Brøndby, on a task for Brøndby only', url: shared('elsewhere', `/kommuner/${OTHER}`), expect: page(by(404, 404, 200)) },
        { what: "Faxe's local task", url: shared('ownLocal', `/kommuner/${OWN}`), expect: page(by(...twice(toTask('')), 404)) },
        { what: "Brøndby's local task", url: shared('otherLocal', `/kommuner/${OTHER}`), expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'POST /opgaver/:id/kommuner/:code/beskeder',
      samples: [
        { what: 'to Faxe', url: fresh('open', `/kommuner/${OWN}/beskeder`), body: { body: 'Svar fra rutetesten' }, expect: page(by(404, 404, toTask(`/kommuner/${OWN}?besked=besked-sendt#beskeder`))) },
        { what: 'to Brøndby', url: fresh('open', `/kommuner/${OTHER}/beskeder`), body: { body: 'Svar fra rutetesten' }, expect: page(by(404, 404, toTask(`/kommuner/${OTHER}?besked=besked-sendt#beskeder`))) },
        { what: "Faxe's local task", url: fresh('ownLocal', `/kommuner/${OWN}/beskeder`), body: { body: 'Svar fra rutetesten' }, expect: page(signedIn(404)) },
        // A draft is not the municipalities' business yet: a message would mail it to Faxe.
        { what: 'to Faxe, on a draft', url: fresh('draft', `/kommuner/${OWN}/beskeder`), body: { body: 'Svar fra rutetesten' }, expect: page(by(404, 404, 403)) },
      ],
    },

    // ---- the municipalities' side: API
    { route: 'GET /api/v1/my-tasks', samples: [{ what: 'my tasks', url: '/api/v1/my-tasks', expect: api(signedIn(200)), check: myTasksCheck }] },
    {
      route: 'GET /api/v1/tasks/:id/municipalities/:code',
      samples: [
        { what: 'Faxe', url: sharedApi('open', `/municipalities/${OWN}`), expect: api(signedIn(200)), check: noBroendbyFiles },
        { what: 'Brøndby', url: sharedApi('open', `/municipalities/${OTHER}`), expect: api(by(404, 404, 200)) },
        { what: 'a municipality the task is not addressed to', url: sharedApi('open', `/municipalities/${NOT_ADDRESSED}`), expect: api(signedIn(404)) },
        { what: 'Faxe, on a task for programledere', url: sharedApi('leaders', `/municipalities/${OWN}`), expect: api(by(404, 200, 200)) },
        { what: 'Faxe, on an announced task', url: sharedApi('announced', `/municipalities/${OWN}`), expect: api(signedIn(200)) },
        { what: 'Brøndby, on an announced task', url: sharedApi('announced', `/municipalities/${OTHER}`), expect: api(by(404, 404, 200)) },
        { what: 'Faxe, on a draft', url: sharedApi('draft', `/municipalities/${OWN}`), expect: api(by(404, 404, 200)) },
        { what: 'Brøndby, on a task for Brøndby only', url: sharedApi('elsewhere', `/municipalities/${OTHER}`), expect: api(by(404, 404, 200)) },
        { what: "Faxe's local task", url: sharedApi('ownLocal', `/municipalities/${OWN}`), expect: api(by(200, 200, 404)) },
        { what: "Brøndby's local task", url: sharedApi('otherLocal', `/municipalities/${OTHER}`), expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'PUT /api/v1/tasks/:id/municipalities/:code/steps/:stepId',
      samples: actOnTaskApi((t) => `/steps/${t.stepId}`, { completed: true }, 200),
    },
    {
      route: 'PUT /api/v1/tasks/:id/municipalities/:code/people',
      samples: actOnTaskApi(() => '/people', (fx) => ({ responsiblePersonId: fx.ownPerson, executorPersonId: null }), 200),
    },
    {
      route: 'POST /api/v1/tasks/:id/municipalities/:code/messages',
      samples: [
        { what: 'Faxe', url: freshApi('open', `/municipalities/${OWN}/messages`), body: { body: 'Rutetest' }, expect: api(signedIn(201)) },
        { what: 'Brøndby', url: freshApi('open', `/municipalities/${OTHER}/messages`), body: { body: 'Rutetest' }, expect: api(by(404, 404, 201)) },
        { what: 'Faxe, on a task for programledere', url: freshApi('leaders', `/municipalities/${OWN}/messages`), body: { body: 'Rutetest' }, expect: api(by(404, 201, 201)) },
        { what: 'Faxe, on an announced task', url: freshApi('announced', `/municipalities/${OWN}/messages`), body: { body: 'Rutetest' }, expect: api(by(403, 403, 201)) },
        { what: 'Brøndby, on an announced task', url: freshApi('announced', `/municipalities/${OTHER}/messages`), body: { body: 'Rutetest' }, expect: api(by(404, 404, 201)) },
        { what: "Faxe's local task", url: freshApi('ownLocal', `/municipalities/${OWN}/messages`), body: { body: 'Rutetest' }, expect: api(by(201, 201, 404)) },
        { what: "Brøndby's local task", url: freshApi('otherLocal', `/municipalities/${OTHER}/messages`), body: { body: 'Rutetest' }, expect: api(signedIn(404)) },
        // A draft is not the municipalities' business yet: a message would mail it to Faxe.
        { what: 'Faxe, on a draft', url: freshApi('draft', `/municipalities/${OWN}/messages`), body: { body: 'Rutetest' }, expect: api(by(404, 404, 403)) },
      ],
    },
    {
      route: 'POST /api/v1/tasks/:id/municipalities/:code/not-relevant',
      samples: actOnTaskApi(() => '/not-relevant', { reason: 'Rutetest' }, 200, { optionalOnly: true }),
    },
    {
      route: 'DELETE /api/v1/tasks/:id/municipalities/:code/not-relevant',
      samples: actOnTaskApi(() => '/not-relevant', undefined, 200, { optionalOnly: true }),
    },
    {
      route: 'POST /api/v1/local-tasks',
      samples: [
        { what: 'create a local task', url: '/api/v1/local-tasks', body: localTaskJson, expect: api(by(201, 201, 403)) },
        { what: 'a person from Brøndby as responsible', url: '/api/v1/local-tasks', body: (fx) => ({ ...localTaskJson, responsiblePersonId: fx.otherPerson }), expect: api(by(422, 422, 403)) },
      ],
    },

    // ---- reminders (authors; municipal users 404) and notification settings
    {
      route: 'GET /opgaver/:id/paamindelse',
      samples: [
        { what: 'published task', url: shared('open', '/paamindelse'), expect: page(by(404, 404, 200)) },
        { what: 'draft', url: shared('draft', '/paamindelse'), expect: page(by(404, 404, 200)) },
        { what: "Faxe's local task", url: shared('ownLocal', '/paamindelse'), expect: page(signedIn(404)) },
      ],
    },
    {
      route: 'POST /opgaver/:id/paamindelse',
      samples: [
        {
          what: 'published task',
          url: fresh('open', '/paamindelse'),
          body: roundBody,
          expect: page(by(404, 404, redirect((url) => new RegExp(`^/opgaver/${idIn(url)}/paamindelse\\?besked=sendt&antal=[1-9][0-9]*$`)))),
        },
        { what: "Faxe's local task", url: fresh('ownLocal', '/paamindelse'), body: roundBody, expect: page(signedIn(404)) },
      ],
    },
    // ---- calendar feeds (own feed only; the .ics address is public, the token is the key) and the PDF
    { route: 'GET /profil/kalender', samples: [{ what: 'own calendar address', url: '/profil/kalender', expect: page(signedIn(200)) }] },
    { route: 'POST /profil/kalender', samples: [{ what: 'make a new own address', url: '/profil/kalender', expect: page(signedIn(200)), check: showsNewFeed }] },
    {
      route: 'POST /profil/kalender/slet',
      samples: [
        {
          what: 'turn the own calendar off',
          url: async (fx, actor) => {
            await fx.tasks.feedToken(feedOwner(actor));
            return '/profil/kalender/slet';
          },
          expect: page(signedIn({ status: 303, location: '/profil/kalender?besked=slaaet-fra' })),
        },
      ],
    },
    {
      route: 'GET /kalender/:token.ics',
      samples: [
        {
          what: "the caller's own feed (anonymous: another account's, the token is all it takes)",
          url: async (fx, actor) => `/kalender/${await fx.tasks.feedToken(feedOwner(actor))}.ics`,
          expect: all(200),
          check: feedCheck,
        },
        {
          what: 'a replaced address',
          url: async (fx, actor) => {
            const old = await fx.tasks.feedToken(feedOwner(actor));
            await fx.tasks.feedToken(feedOwner(actor));
            return `/kalender/${old}.ics`;
          },
          expect: all(404),
        },
        { what: 'unknown token', url: `/kalender/${'A'.repeat(43)}.ics`, expect: all(404) },
        { what: 'malformed token', url: '/kalender/ukendt.ics', expect: all(404) },
      ],
    },
    {
      route: 'GET /opgaver/:id/pdf',
      samples: [
        { what: 'published task for superbrugere', url: shared('open', '/pdf'), expect: page(signedIn(200)) },
        { what: 'published task for programledere', url: shared('leaders', '/pdf'), expect: page(by(404, 200, 200)) },
        { what: 'announced task', url: shared('announced', '/pdf'), expect: page(signedIn(200)) },
        { what: 'draft', url: shared('draft', '/pdf'), expect: page(by(404, 404, 200)) },
        { what: 'task for Brøndby only', url: shared('elsewhere', '/pdf'), expect: page(by(404, 404, 200)) },
        { what: "Faxe's local task", url: shared('ownLocal', '/pdf'), expect: page(by(200, 200, 404)) },
        { what: "Brøndby's local task", url: shared('otherLocal', '/pdf'), expect: page(signedIn(404)) },
        { what: 'no such task', url: `/opgaver/${randomUUID()}/pdf`, expect: page(signedIn(404)) },
      ],
    },

    { route: 'GET /profil/notifikationer', samples: [{ what: 'own settings', url: '/profil/notifikationer', expect: page(signedIn(200)) }] },
    {
      route: 'POST /profil/notifikationer',
      samples: [{ what: 'single mails (as before)', url: '/profil/notifikationer', body: { digestMode: 'single' }, expect: page(signedIn({ status: 303, location: '/profil/notifikationer?besked=gemt' })) }],
    },
    {
      route: 'GET /api/v1/tasks/:id/reminders',
      samples: [
        { what: 'published task', url: sharedApi('open', '/reminders'), expect: api(by(404, 404, 200)) },
        { what: "Faxe's local task", url: sharedApi('ownLocal', '/reminders'), expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'GET /api/v1/tasks/:id/reminders/preview',
      samples: [
        { what: 'published task', url: sharedApi('open', '/reminders/preview'), expect: api(by(404, 404, 200)) },
        { what: "Faxe's local task", url: sharedApi('ownLocal', '/reminders/preview'), expect: api(signedIn(404)) },
      ],
    },
    {
      route: 'POST /api/v1/tasks/:id/reminders',
      samples: [
        { what: 'published task', url: freshApi('open', '/reminders'), body: roundBody, expect: api(by(404, 404, 201)) },
        { what: "Faxe's local task", url: freshApi('ownLocal', '/reminders'), body: roundBody, expect: api(signedIn(404)) },
      ],
    },
  ]);
}

const twice = (e: Expect): [Expect, Expect] => [e, e];

type Body = Record<string, unknown> | ((fx: Fixtures) => Record<string, unknown>);

/**
 * A municipality's write from the task page, on fresh tasks of every kind: Faxe's users act on
 * published tasks addressed to them (redirect back to the task), central staff are refused with
 * 403 (they answer from /opgaver/:id/kommuner/:code) or 404 on local tasks.
 */
function actOnTaskPage(rest: (t: TaskRef) => string, body: Body, done: (url: string) => string, centralRefused: Expect = 403) {
  const ok = redirect((url) => `/opgaver/${idIn(url)}${done(url)}`);
  return [
    { what: 'published task for superbrugere', url: fresh('open', rest), body, expect: page(by(ok, ok, centralRefused)) },
    { what: 'published task for programledere', url: fresh('leaders', rest), body, expect: page(by(404, ok, centralRefused)) },
    { what: 'announced task', url: fresh('announced', rest), body, expect: page(by(403, 403, centralRefused)) },
    { what: 'closed task', url: fresh('closed', rest), body, expect: page(by(403, 403, centralRefused)) },
    { what: 'task for Brøndby only', url: fresh('elsewhere', rest), body, expect: page(by(404, 404, centralRefused)) },
    { what: "Faxe's local task", url: fresh('ownLocal', rest), body, expect: page(by(ok, ok, 404)) },
    { what: "Brøndby's local task", url: fresh('otherLocal', rest), body, expect: page(signedIn(404)) },
  ];
}

/**
 * A municipality's write through the API on (task, municipality): Faxe's users for Faxe only
 * (Brøndby's code is 404), central staff never (403; 404 on local tasks). Marking "not relevant"
 * is for optional tasks only (409 on the others, to those who may act on them).
 */
function actOnTaskApi(rest: (t: TaskRef) => string, body: Body | undefined, ok: Expect, opts: { optionalOnly?: boolean } = {}) {
  const url = (kind: TaskKind, code: string) => freshApi(kind, (t) => `/municipalities/${code}${rest(t)}`);
  const mandatory = opts.optionalOnly ? 409 : ok;
  return [
    { what: 'Faxe', url: url('open', OWN), body, expect: api(by(ok, ok, 403)) },
    { what: 'Brøndby', url: url('open', OTHER), body, expect: api(by(404, 404, 403)) },
    { what: 'Faxe, on a task for programledere', url: url('leaders', OWN), body, expect: api(by(404, mandatory, 403)) },
    { what: 'Faxe, on an announced task', url: url('announced', OWN), body, expect: api(by(403, 403, 403)) },
    { what: 'Brøndby, on an announced task', url: url('announced', OTHER), body, expect: api(by(404, 404, 403)) },
    { what: 'Faxe, on a closed task', url: url('closed', OWN), body, expect: api(by(403, 403, 403)) },
    { what: 'Brøndby, on a closed task', url: url('closed', OTHER), body, expect: api(by(404, 404, 403)) },
    { what: 'Brøndby, on a task for Brøndby only', url: url('elsewhere', OTHER), body, expect: api(by(404, 404, 403)) },
    { what: "Faxe's local task", url: url('ownLocal', OWN), body, expect: api(by(mandatory, mandatory, 404)) },
    { what: "Brøndby's local task", url: url('otherLocal', OTHER), body, expect: api(signedIn(404)) },
  ];
}
