import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type HTTPMethods, type LightMyRequestResponse } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, apiToken, meeting, outboxMail, passwordReset, person, roleAssignment, userAccount } from '../src/db/schema.ts';
import { fileSha256 } from '../src/modules/agreements/files.ts';
import { agreementFile, agreementSignature } from '../src/modules/agreements/schema.ts';
import { registerModules } from '../src/modules/index.ts';
import { complianceActivity, compliancePackageSupplier, complianceRisk } from '../src/modules/compliance/schema.ts';
import { calendarFeed, taskFile, taskTarget } from '../src/modules/tasks/schema.ts';
import { hashPassword, randomToken, sha256 } from '../src/platform/auth/secrets.ts';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from './app.ts';
import { buildAgreement, buildSignature, tinyPdf, type BuildAgreement } from './factories/agreements.ts';
import { buildKleNumbers } from './factories/borgerblikket.ts';
import { buildPackage } from './factories/compliance.ts';
import { buildTask, type BuildTask } from './factories/tasks.ts';
import type { ComplianceFixtures } from './route-expectations-compliance.ts';
import {
  ACTORS,
  BRONDBY_AUDIT_ENTITY,
  BRONDBY_AUDIT_MARKER,
  OTHER,
  OUTSIDER_TOKEN_NAME,
  OWN,
  ROUTE_EXPECTATIONS,
  type ActorName,
  type Expect,
  type Fixtures,
  type Upload,
} from './route-expectations.ts';
import {
  AGREEMENT_KINDS,
  AGREEMENT_SIGNATURES,
  AGREEMENT_TITLES,
  type AgreementFixtures,
  type AgreementKind,
  type AgreementRef,
  type AgreementSignatureName,
} from './route-expectations-agreements.ts';
import { NAMED_ON, TASK_FILES, TASK_KINDS, TASK_TITLES, type TaskFileName, type TaskFixtures, type TaskKind, type TaskRef } from './route-expectations-tasks.ts';

/**
 * Every route against every kind of caller. The routes come from the modules themselves (an
 * onRoute hook while registerModules runs), so a new route without an entry in
 * route-expectations.ts fails here, and so does an entry for a route that is gone.
 */

/** Routes that are not the application's own: HEAD twins of GET routes, static files, swagger-ui's files. */
function isOwnRoute(key: string, all: Set<string>): boolean {
  const [method, url] = splitRoute(key);
  if (method === 'HEAD' && all.has(`GET ${url}`)) return false;
  if (url.startsWith('/static/') && url.endsWith('*')) return false;
  if (url.startsWith('/api/docs/')) return false; // swagger-ui's page and assets; /api/docs itself is listed
  return true;
}

function splitRoute(key: string): [string, string] {
  const i = key.indexOf(' ');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Registers the modules on a bare instance with an onRoute hook and returns "METHOD /url" for each route. */
async function moduleRoutes(app: FastifyInstance): Promise<string[]> {
  const probe = Fastify({ logger: false });
  probe.setValidatorCompiler(validatorCompiler);
  probe.setSerializerCompiler(serializerCompiler);
  probe.decorate('database', app.database);
  probe.decorate('config', app.config);
  probe.decorate('clock', app.clock);
  const found = new Set<string>();
  probe.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) found.add(`${method} ${route.url}`);
  });
  await registerModules(probe);
  await probe.ready();
  await probe.close();
  return [...found].filter((key) => isOwnRoute(key, found));
}

const shape = (url: string) => url.replace(/:[^/]+/g, ':');

/**
 * What the running app's router holds, as "METHOD /shape" with parameter names blanked, read from
 * printRoutes. Wildcard routes are skipped: find-my-way prints them without their prefix.
 */
function routerShapes(app: FastifyInstance): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.*)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const node = /^(.*?) \(([A-Z, ]+)\)/.exec(m[2]!);
    const key = node ? node[1]! : m[2]!;
    const path = (depth > 0 ? (stack[depth - 1] ?? '') : '') + key;
    stack[depth] = path;
    stack.length = depth + 1;
    if (!node || key === '*') continue;
    for (const method of node[2]!.split(', ')) out.add(`${method} ${shape(path)}`);
  }
  return out;
}

/** The URL really belongs to the route pattern (parameters are single path segments). */
function urlMatches(pattern: string, url: string): boolean {
  const re = pattern
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${re}$`).test(url.split('?')[0]!);
}

type Session = { cookies: Map<string, string>; csrf: string };

/** A form's fields as name/value pairs: a list repeats its field. */
function formFields(fields: Record<string, unknown>): [string, string][] {
  return Object.entries(fields).flatMap(([name, value]) => [value].flat().map((v): [string, string] => [name, String(v)]));
}

function multipart(fields: Record<string, unknown>, file: Upload) {
  const boundary = `----rutetest${randomBytes(8).toString('hex')}`;
  let text = '';
  for (const [name, value] of formFields(fields)) text += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  text += `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n${file.content}\r\n`;
  text += `--${boundary}--\r\n`;
  return { payload: Buffer.from(text), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * One request as the actor's browser or integration would send it: pages post forms with _csrf,
 * the API sends JSON with x-csrf-token. Cookies the answer sets are not kept, so a request cannot
 * change who the next one is made as.
 */
async function send(app: FastifyInstance, s: Session, method: string, url: string, body: Record<string, unknown> | undefined, upload: Upload | undefined) {
  const isApi = url.startsWith('/api/');
  const headers: Record<string, string> = {};
  const cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (cookie) headers.cookie = cookie;
  let payload: string | Buffer | undefined;
  if (method !== 'GET') {
    if (isApi) headers['x-csrf-token'] = s.csrf;
    if (upload) {
      const mp = multipart(isApi ? { ...body } : { ...body, _csrf: s.csrf }, upload);
      headers['content-type'] = mp.contentType;
      payload = mp.payload;
    } else if (isApi) {
      if (body) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(formFields({ ...body, _csrf: s.csrf })).toString();
    }
  }
  return app.inject({ method: method as HTTPMethods, url, headers, payload });
}

function describeResponse(res: LightMyRequestResponse): string {
  const location = res.headers.location ? ` → ${String(res.headers.location)}` : '';
  let detail = '';
  if (String(res.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      const j = res.json() as { code?: unknown };
      if (typeof j.code === 'string') detail = ` (${j.code})`;
    } catch {
      // not JSON after all
    }
  }
  return `${res.statusCode}${location}${detail}`;
}

/** Returns what is wrong with the response, or undefined. */
function judge(res: LightMyRequestResponse, want: Expect, url: string): string | undefined {
  const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
  const toLogin = res.statusCode === 303 && location?.startsWith('/login?next=') === true;
  const got = describeResponse(res);
  if (want === 'login') {
    const target = `/login?next=${encodeURIComponent(url)}`;
    return toLogin && location === target ? undefined : `expected 303 → ${target}, got ${got}`;
  }
  if (typeof want === 'number') {
    return res.statusCode === want && !toLogin ? undefined : `expected ${want}, got ${got}`;
  }
  const wanted = typeof want.location === 'function' ? want.location(url) : want.location;
  const ok = typeof wanted === 'string' ? location === wanted : location !== undefined && wanted.test(location);
  return res.statusCode === want.status && ok ? undefined : `expected ${want.status} → ${String(wanted)}, got ${got}`;
}

const MUNICIPAL_USER = { email: 'superbruger-faxe@rutetest.dk', password: 'rutetest-superbruger-1' };
/** Callers the test makes itself (the demo has no such people). */
const NAMED_EXECUTOR = { email: 'udfoerer-faxe@rutetest.dk', password: 'rutetest-udfoerer-1' };
const IT_CHIEF = { email: 'it-chef-faxe@rutetest.dk', password: 'rutetest-it-chef-1' };
const ECONOMIST = { email: 'oekonomi@rutetest.dk', password: 'rutetest-oekonomi-1' };
const LOGIN_PROBE = { email: 'login-probe@rutetest.dk', password: 'rutetest-login-probe-1' };
const EMAILS: Record<Exclude<ActorName, 'anonymous'>, string> = {
  municipalUser: MUNICIPAL_USER.email,
  municipalAdmin: DEMO.klikAdmin(OWN),
  consultant: DEMO.consultant,
  admin: DEMO.admin,
  programLeader: DEMO.programLeader(OWN),
  namedExecutor: NAMED_EXECUTOR.email,
  itChef: IT_CHIEF.email,
  economist: ECONOMIST.email,
};
const OWN_PASSWORDS: Partial<Record<ActorName, string>> = {
  municipalUser: MUNICIPAL_USER.password,
  namedExecutor: NAMED_EXECUTOR.password,
  itChef: IT_CHIEF.password,
  economist: ECONOMIST.password,
};
const passwordOf = (actor: ActorName) => OWN_PASSWORDS[actor] ?? DEMO.password;

describe('route policy: every route against every kind of caller', () => {
  let t: TestApp;
  let registered: string[];
  let fx: Fixtures;
  const sessions = {} as Record<ActorName, Session>;

  async function signIn(actor: ActorName): Promise<Session> {
    if (actor === 'anonymous') {
      const c = new Client(t.app);
      await c.get('/login'); // the anonymous CSRF cookie and token, as a browser gets them
      return c;
    }
    return loginAs(t.app, EMAILS[actor], passwordOf(actor));
  }

  beforeAll(async () => {
    t = await startTestApp();
    registered = await moduleRoutes(t.app);
    const db = t.database.db;
    // Borgerblikket's writes name a KLE number; the test database has no plan of its own.
    await buildKleNumbers(db, ['27.12.04']);
    let seq = 0;
    const email = () => `rute-${process.pid}-${++seq}@rutetest.dk`;

    const newPerson = async (code: string | null, address = email(), name = 'Rute Testperson') => {
      const [p] = await db.insert(person).values({ municipalityCode: code, name, email: address, title: 'Testperson' }).returning({ id: person.id });
      return p!.id;
    };
    const newAccount = async (personId: string, address: string, password: string | null) => {
      const [u] = await db
        .insert(userAccount)
        .values({ personId, email: address, passwordHash: password === null ? null : await hashPassword(password) })
        .returning({ id: userAccount.id });
      return u!.id;
    };
    const newRole = async (personId: string, code: string | null, roleTypeKey = 'superbruger', solutionKey: string | null = 'aula') => {
      const [r] = await db
        .insert(roleAssignment)
        .values({ personId, municipalityCode: code, roleTypeKey, solutionKey })
        .returning({ id: roleAssignment.id });
      return r!.id;
    };

    // A Faxe user without admin rights: superbruger for Aula, nothing else.
    const superbruger = await newPerson(OWN, MUNICIPAL_USER.email, 'Sofie Superbruger');
    await newAccount(superbruger, MUNICIPAL_USER.email, MUNICIPAL_USER.password);
    await newRole(superbruger, OWN);
    // ... and one of Faxe's two compliance-package recipients.
    await newRole(superbruger, OWN, 'compliancepakke-modtager', null);
    // A Faxe user without any role, whom Faxe names executor on most of the test's tasks (below).
    const executor = await newPerson(OWN, NAMED_EXECUTOR.email, 'Ulrik Udfører');
    await newAccount(executor, NAMED_EXECUTOR.email, NAMED_EXECUTOR.password);
    // Faxe's IT- og digitaliseringschef: the addressee of agreements sent to IT-chefer.
    const itChief = await newPerson(OWN, IT_CHIEF.email, 'Ida IT-chef');
    await newAccount(itChief, IT_CHIEF.email, IT_CHIEF.password);
    await newRole(itChief, OWN, 'it-chef', null);
    // Central staff who read everything and author nothing.
    const economist = await newPerson(null, ECONOMIST.email, 'Øjvind Økonomi');
    await newAccount(economist, ECONOMIST.email, ECONOMIST.password);
    await newRole(economist, null, 'oekonomi', null);
    // An account without roles that posts the login form; it also owns "someone else's" API tokens.
    const probeUser = await newAccount(await newPerson(OWN, LOGIN_PROBE.email, 'Login Probe'), LOGIN_PROBE.email, LOGIN_PROBE.password);

    const userIds = {} as Record<ActorName | 'outsider', string>;
    userIds.outsider = probeUser;
    userIds.anonymous = probeUser;
    for (const [actor, address] of Object.entries(EMAILS) as [Exclude<ActorName, 'anonymous'>, string][]) {
      const [u] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, address));
      userIds[actor] = u!.id;
    }

    const newToken = async (userId: string, name = 'Rutetest') => {
      const [tok] = await db
        .insert(apiToken)
        .values({ userId, name, tokenHash: sha256(randomToken()), prefix: 'samspil_rute' })
        .returning({ id: apiToken.id });
      return tok!.id;
    };
    await newToken(probeUser, OUTSIDER_TOKEN_NAME);

    // Something in Brøndby's log that Faxe's administrator must not see.
    await db.insert(auditEvent).values({
      actorLabel: `Rutetest <${BRONDBY_AUDIT_MARKER}>`,
      municipalityCode: OTHER,
      action: 'person.updated',
      entityType: 'person',
      entityId: BRONDBY_AUDIT_ENTITY,
    });

    // Tasks: one shared task of each kind (never written to) with files, and fresh ones for the writes.
    const forSuperbrugere: BuildTask = { audienceRoleKey: 'superbruger', audienceSolutionKey: 'aula' };
    const both = [OWN, OTHER];
    const kinds: Record<TaskKind, BuildTask> = {
      leaders: { status: 'published', audienceRoleKey: 'programleder', targets: both },
      open: { ...forSuperbrugere, status: 'published', optional: true, targets: both },
      announced: { ...forSuperbrugere, status: 'announced', targets: both },
      closed: { ...forSuperbrugere, status: 'closed', targets: both },
      draft: { ...forSuperbrugere, status: 'draft', targets: both },
      elsewhere: { ...forSuperbrugere, status: 'published', targets: [OTHER] },
      announcedElsewhere: { ...forSuperbrugere, status: 'announced', targets: [OTHER] },
      ownLocal: { status: 'published', localMunicipalityCode: OWN },
      otherLocal: { status: 'published', localMunicipalityCode: OTHER },
    };
    const newTask = async (kind: TaskKind, title?: string): Promise<TaskRef> => {
      const spec = kinds[kind];
      const built = await buildTask(db, title ? { ...spec, title } : spec);
      // buildTask leaves a draft's municipalities out; authoring stores them from the start.
      if (spec.status === 'draft') await db.insert(taskTarget).values(spec.targets!.map((municipalityCode) => ({ taskId: built.task.id, municipalityCode })));
      if (NAMED_ON.includes(kind)) {
        await db
          .update(taskTarget)
          .set({ executorPersonId: executor })
          .where(and(eq(taskTarget.taskId, built.task.id), eq(taskTarget.municipalityCode, OWN)));
      }
      return { id: built.task.id, stepId: built.steps[0]!.id };
    };
    const sharedTasks = {} as Record<TaskKind, TaskRef>;
    for (const kind of TASK_KINDS) sharedTasks[kind] = await newTask(kind, TASK_TITLES[kind]);
    const fileSpec: Record<TaskFileName, [TaskKind, string | null, 'attachment' | 'answer']> = {
      common: ['open', null, 'attachment'],
      ownAttachment: ['open', OWN, 'attachment'],
      otherAttachment: ['open', OTHER, 'attachment'],
      ownAnswer: ['open', OWN, 'answer'],
      otherAnswer: ['open', OTHER, 'answer'],
      leadersCommon: ['leaders', null, 'attachment'],
      draftCommon: ['draft', null, 'attachment'],
      elsewhereCommon: ['elsewhere', null, 'attachment'],
      ownLocalAnswer: ['ownLocal', OWN, 'answer'],
      otherLocalAnswer: ['otherLocal', OTHER, 'answer'],
    };
    const taskFiles = {} as Record<TaskFileName, string>;
    for (const [name, [kind, municipalityCode, purpose]] of Object.entries(fileSpec) as [TaskFileName, (typeof fileSpec)[TaskFileName]][]) {
      const content = Buffer.from(`Rutetest;${name}\r\n`);
      const [f] = await db
        .insert(taskFile)
        .values({
          taskId: sharedTasks[kind].id,
          municipalityCode,
          purpose,
          filename: TASK_FILES[name],
          contentType: 'text/csv',
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
        })
        .returning({ id: taskFile.id });
      taskFiles[name] = f!.id;
    }
    let codeSeq = 0;
    const tasks: TaskFixtures = {
      shared: sharedTasks,
      files: taskFiles,
      fresh: (kind) => newTask(kind),
      code: () => `RUTE-${process.pid}-${++codeSeq}`,
      async feedToken(user) {
        const token = randomToken(32);
        const tokenHash = sha256(token);
        await db
          .insert(calendarFeed)
          .values({ userId: userIds[user], tokenHash })
          .onConflictDoUpdate({ target: calendarFeed.userId, set: { tokenHash, createdAt: new Date() } });
        return token;
      },
    };

    // Agreements: one shared agreement of each kind (never written to) with signatures, and fresh ones for the writes.
    const forKlikAdmins: BuildAgreement = { audienceRoleKey: 'klik-administrator' };
    const agreementKinds: Record<AgreementKind, BuildAgreement> = {
      own: { ...forKlikAdmins, targets: both },
      leaders: { audienceRoleKey: 'programleder', targets: both },
      chiefs: { audienceRoleKey: 'it-chef', targets: both },
      draft: { status: 'draft' },
      elsewhere: { ...forKlikAdmins, targets: [OTHER] },
      closed: { ...forKlikAdmins, status: 'closed', targets: both },
    };
    let latestAgreement: AgreementRef | null = null;
    const newAgreement = async (kind: AgreementKind, title?: string): Promise<AgreementRef> => {
      const spec = agreementKinds[kind];
      const built = await buildAgreement(db, title ? { ...spec, title } : spec);
      const [document] = await db
        .select({ id: agreementFile.id })
        .from(agreementFile)
        .where(and(eq(agreementFile.versionId, built.version.id), eq(agreementFile.kind, 'document')));
      return { id: built.agreement.id, versionId: built.version.id, fileId: document!.id };
    };
    /** signed: in Samspil; pending: an uploaded copy awaiting review; upload: an uploaded copy, accepted. */
    const newSignature = async (agreementId: string, code: string, what: 'signed' | 'pending' | 'upload') => {
      const s = await buildSignature(db, agreementId, code, { state: what === 'pending' ? 'pending' : 'signed', method: what === 'signed' ? 'samspil' : 'upload' });
      if (what !== 'signed') {
        const content = tinyPdf(`underskrift ${s.id}`);
        await db
          .update(agreementSignature)
          .set({
            uploadFilename: `rt-${code === OTHER ? 'broendby' : 'faxe'}-underskrift.pdf`,
            uploadContentType: 'application/pdf',
            uploadSize: content.length,
            uploadSha256: fileSha256(content),
            uploadContent: content,
          })
          .where(eq(agreementSignature.id, s.id));
      }
      return s.id;
    };
    const sharedAgreements = {} as Record<AgreementKind, AgreementRef>;
    for (const kind of AGREEMENT_KINDS) sharedAgreements[kind] = await newAgreement(kind, AGREEMENT_TITLES[kind]);
    const agreementSignatures = {} as Record<AgreementSignatureName, string>;
    for (const [name, [kind, municipality, what]] of Object.entries(AGREEMENT_SIGNATURES) as [AgreementSignatureName, (typeof AGREEMENT_SIGNATURES)[AgreementSignatureName]][]) {
      agreementSignatures[name] = await newSignature(sharedAgreements[kind].id, municipality === 'faxe' ? OWN : OTHER, what);
    }
    const agreements: AgreementFixtures = {
      shared: sharedAgreements,
      signatures: agreementSignatures,
      async fresh(kind) {
        latestAgreement = await newAgreement(kind);
        return latestAgreement;
      },
      latest() {
        if (!latestAgreement) throw new Error('no fresh agreement made yet');
        return latestAgreement;
      },
      async pendingUpload(kind, code) {
        const agreement = await newAgreement(kind);
        return { agreement, signatureId: await newSignature(agreement.id, code, 'pending') };
      },
      password: passwordOf,
    };

    // Compliance packages: the demo consultant also holds the information-security role, which authors them.
    const [consultantAccount] = await db.select({ personId: userAccount.personId }).from(userAccount).where(eq(userAccount.email, DEMO.consultant));
    await newRole(consultantAccount!.personId, null, 'informationssikkerhed', null);
    const packageRefs = async (p: { id: string }) => {
      const [risk] = await db.select({ id: complianceRisk.id }).from(complianceRisk).where(eq(complianceRisk.packageId, p.id)).limit(1);
      const [activity] = await db.select({ id: complianceActivity.id }).from(complianceActivity).where(eq(complianceActivity.packageId, p.id)).limit(1);
      const [supplier] = await db
        .select({ id: compliancePackageSupplier.supplierId })
        .from(compliancePackageSupplier)
        .where(eq(compliancePackageSupplier.packageId, p.id))
        .limit(1);
      return { id: p.id, riskId: risk!.id, activityId: activity!.id, supplierId: supplier!.id };
    };
    let copyables = 0;
    const compliance: ComplianceFixtures = {
      draft: await packageRefs(await buildPackage(db, { status: 'draft' })),
      published: await packageRefs(await buildPackage(db, { status: 'published', targets: [OWN, OTHER] })),
      elsewhere: await packageRefs(await buildPackage(db, { status: 'published', targets: [OTHER] })),
      // The fresh ones are made for every single request: one row of each kind is all a write needs.
      freshDraft: async () => packageRefs(await buildPackage(db, { status: 'draft', activities: 1, suppliers: 1, risks: 1 })),
      freshPublished: async () => packageRefs(await buildPackage(db, { status: 'published', targets: [OWN, OTHER], activities: 1, suppliers: 1, risks: 1 })),
      // every other year of a solution no other fixture uses, so the year after is free
      copyable: async () => buildPackage(db, { status: 'draft', solutionKey: 'sygesikring', year: 2000 + 2 * ++copyables }),
    };

    // A meeting held yesterday, so the follow-up's send has something to send; the coming meeting is planning's entries' own.
    const heldStart = new Date(Date.now() - 24 * 3600_000);
    const [held] = await db
      .insert(meeting)
      .values({ title: 'Rutetest: afholdt møde', startsAt: heldStart, endsAt: new Date(heldStart.getTime() + 2 * 3600_000), place: 'Rutetestlokalet' })
      .returning({ id: meeting.id });

    const otherRolePerson = await newPerson(OTHER);
    fx = {
      ownPerson: await newPerson(OWN),
      otherPerson: await newPerson(OTHER),
      otherRole: { personId: otherRolePerson, roleId: await newRole(otherRolePerson, OTHER) },
      person: (code) => newPerson(code),
      async personWithRole(code) {
        const personId = await newPerson(code);
        return { personId, roleId: await newRole(personId, code) };
      },
      email,
      tokenOf: (actor) => newToken(userIds[actor]),
      async passwordLink() {
        const address = email();
        const userId = await newAccount(await newPerson(OWN, address), address, null);
        const token = randomToken();
        await db.insert(passwordReset).values({ userId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 3600_000) });
        return token;
      },
      async mail(code, status) {
        const [m] = await db
          .insert(outboxMail)
          .values({
            toAddress: email(),
            subject: 'Rutetest',
            body: 'Rutetest',
            kind: 'rutetest',
            municipalityCode: code,
            status,
            attempts: 1,
            sentAt: status === 'sent' ? new Date() : null,
          })
          .returning({ id: outboxMail.id });
        return m!.id;
      },
      loginProbe: LOGIN_PROBE,
      compliance,
      tasks,
      agreements,
      heldMeeting: held!.id,
    };

    for (const actor of ACTORS) sessions[actor] = await signIn(actor);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('has an expectation for every registered route and a registered route for every expectation', () => {
    const table = ROUTE_EXPECTATIONS.map((e) => e.route);
    const problems = [
      ...registered.filter((r) => !table.includes(r)).map((r) => `${r}: registered, but has no entry in test/route-expectations.ts`),
      ...table.filter((r) => !registered.includes(r)).map((r) => `${r}: has an entry in test/route-expectations.ts, but no such route is registered`),
      ...table.filter((r, i) => table.indexOf(r) !== i).map((r) => `${r}: listed twice`),
    ];
    expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
  });

  it("finds the modules' routes in the running app, and nothing else there but static files", () => {
    const fromModules = new Set(registered.map((r) => `${splitRoute(r)[0]} ${shape(splitRoute(r)[1])}`));
    const inRouter = routerShapes(t.app);
    const problems = [
      ...registered
        .filter((r) => {
          const [method, url] = splitRoute(r);
          return !t.app.hasRoute({ method: method as HTTPMethods, url });
        })
        .map((r) => `${r}: registered by the modules but not routable in the app`),
      ...[...inRouter].filter((r) => isOwnRoute(r, inRouter) && !fromModules.has(r)).map((r) => `${r}: in the app's router but not registered through registerModules, so this test cannot see it`),
    ];
    expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
  });

  for (const entry of ROUTE_EXPECTATIONS) {
    it(entry.route, async () => {
      if (!registered.includes(entry.route)) throw new Error(`${entry.route} is not registered (yet), so there is nothing to check`);
      const [method, pattern] = splitRoute(entry.route);
      const problems: string[] = [];
      for (const sample of entry.samples) {
        for (const actor of ACTORS) {
          const url = typeof sample.url === 'function' ? await sample.url(fx, actor) : sample.url;
          if (!urlMatches(pattern, url)) {
            problems.push(`${sample.what}: sample URL ${url} does not match ${pattern}`);
            continue;
          }
          const body = typeof sample.body === 'function' ? await sample.body(fx, actor) : sample.body;
          const upload = typeof sample.upload === 'function' ? await sample.upload(fx, actor) : sample.upload;
          const session = sample.freshSession ? await signIn(actor) : sessions[actor];
          const res = await send(t.app, session, method, url, body, upload);
          const problem = judge(res, sample.expect[actor], url) ?? sample.check?.(res, actor);
          if (problem) problems.push(`${actor.padEnd(14)} ${sample.what}: ${method} ${url}: ${problem}`);
        }
      }
      expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
    });
  }
});
