import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type HTTPMethods, type LightMyRequestResponse } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerModules } from '../src/modules/index.ts';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from './app.ts';
import { buildAgreement, buildSignature } from './factories/agreements.ts';
import { buildTask } from './factories/tasks.ts';

/**
 * Generated bad input against every write route, as a central administrator and as a municipal
 * administrator: wrong types, missing and unknown fields, huge strings, NUL and lone surrogates,
 * deep nesting, numbers out of range, malformed JSON, wrong content types, broken multipart. No
 * answer may be a 5xx, and a request that is refused (4xx) must not change a single row.
 *
 * The routes come from the modules themselves (an onRoute hook while registerModules runs), so a
 * new route is fuzzed without touching this file. Parameters are filled with ids from the demo
 * data, so the requests get past "not found" into the use cases. The generator is seeded: a
 * failure names the request number, method, URL and body kind, and the same seed replays it.
 */

const SEED = 0x5a3b_2026;
/** At least this many requests in all, spread evenly over routes and actors. */
const REQUESTS = 2000;
/** Routes left out, each with its reason. */
const SKIPPED: Record<string, string> = {
  'POST /logout': 'ends the session the fuzzing runs in',
};
/**
 * Tables that change without any write being accepted: a session's last-seen time moves on every
 * request. (A counter of failed logins, where there is one, is also allowed to count.)
 */
const CHANGES_ON_READ = new Set(['session']);
const COUNTS_ATTEMPTS = /throttle|attempt/;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Registers the modules on a bare instance with an onRoute hook and returns [method, url] of each write route. */
async function writeRoutes(app: FastifyInstance): Promise<[string, string][]> {
  const probe = Fastify({ logger: false });
  probe.setValidatorCompiler(validatorCompiler);
  probe.setSerializerCompiler(serializerCompiler);
  probe.decorate('database', app.database);
  probe.decorate('config', app.config);
  probe.decorate('clock', app.clock);
  const found: [string, string][] = [];
  probe.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) found.push([method, route.url]);
    }
  });
  await registerModules(probe);
  await probe.ready();
  await probe.close();
  return found;
}

type Ids = Record<string, string>;

async function one(t: TestApp, query: string): Promise<string> {
  const res = (await t.database.db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] };
  const v = res.rows[0] ? Object.values(res.rows[0])[0] : undefined;
  return typeof v === 'string' ? v : randomUUID();
}

/** Rows the fuzzed requests are about, so they reach the use cases instead of stopping at 404. */
async function fixtures(t: TestApp): Promise<Ids> {
  const db = t.database.db;
  const targets = ['0320', '0153'];
  const steps = [
    { title: 'Tekst', answerKind: 'text' as const, answerPattern: '^[0-9]+$' },
    { title: 'Fil', answerKind: 'file' as const },
    { title: 'Kvittering', answerKind: 'none' as const },
  ];
  const published = await buildTask(db, { status: 'published', audienceRoleKey: 'klik-administrator', targets, steps });
  const draft = await buildTask(db, { status: 'draft', audienceRoleKey: 'klik-administrator', targets, steps });
  const sent = await buildAgreement(db, { audienceRoleKey: 'klik-administrator', targets });
  const draftAgreement = await buildAgreement(db, { status: 'draft' });
  const signature = await buildSignature(db, sent.agreement.id, '0320', { state: 'pending', method: 'upload' });
  const personId = await one(t, `select p.id from person p where p.municipality_code = '0320' and p.email like 'programleder%' limit 1`);
  return {
    taskId: published.task.id,
    draftTaskId: draft.task.id,
    stepId: published.steps[0]!.id,
    stepIds: published.steps.map((x) => x.id).join(','),
    agreementId: sent.agreement.id,
    draftAgreementId: draftAgreement.agreement.id,
    signatureId: signature.id,
    personId,
    assignmentId: await one(t, `select id from role_assignment where person_id = '${personId}' limit 1`),
    tokenId: await one(t, `select id from api_token limit 1`),
    mailId: await one(t, `select id from outbox_mail limit 1`),
    portfolioKey: await one(t, `select key from solution order by key limit 1`),
  };
}

/** Fills a route's parameters: each by what the segment before it names. */
function fillParams(url: string, ids: Ids, rnd: () => number): string {
  const parts = url.split('/');
  return parts
    .map((seg, i) => {
      if (!seg.startsWith(':')) return seg;
      // Now and then a parameter that is no id at all, to fuzz the parameters too.
      if (rnd() < 0.05) return pick(rnd, ['%00', 'x', '0', '%ED%A0%80', '9999', 'a'.repeat(300)]);
      const name = seg.slice(1);
      const before = parts[i - 1] ?? '';
      if (name === 'code') return '0320';
      if (name === 'stepId') return rnd() < 0.7 ? ids.stepId! : pick(rnd, ids.stepIds!.split(','));
      if (name === 'signatureId') return ids.signatureId!;
      if (name === 'personId') return ids.personId!;
      if (name === 'assignmentId' || name === 'roleId') return ids.assignmentId!;
      if (name === 'key') return ids.portfolioKey!;
      if (name === 'token') return 'x'.repeat(43);
      if (['tasks', 'opgaver'].includes(before)) return rnd() < 0.7 ? ids.taskId! : ids.draftTaskId!;
      if (['agreements', 'aftaler'].includes(before)) return rnd() < 0.7 ? ids.agreementId! : ids.draftAgreementId!;
      if (['people', 'personer'].includes(before)) return ids.personId!;
      if (['tokens', 'noegler'].includes(before)) return ids.tokenId!;
      if (['outbox', 'udgaaende-post'].includes(before)) return ids.mailId!;
      return randomUUID();
    })
    .join('/');
}

const pick = <T,>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const FIELD_NAMES = [
  'title', 'name', 'email', 'phone', 'description', 'deadline', 'body', 'reason', 'code', 'key', 'value', 'completed',
  'steps', 'targets', 'municipalityCodes', 'roleKey', 'roleTypeKey', 'solutionKey', 'scope', 'personId', 'responsiblePersonId',
  'inDialogue', 'requestKey', 'roundId', 'message', 'password', 'passwordRepeat', 'next', 'subject', 'note', 'signerName',
  'signerTitle', 'audienceRoleKey', 'audienceSolutionKey', 'optional', 'answerType', 'pattern', 'options', 'status', 'q',
  'from', 'to', 'weekday', 'hour', 'enabled', 'annexTitles', 'effectiveFrom', 'projectKey', 'people', 'municipalities',
];

/** Values that have broken something somewhere before: wrong types, extremes, unstorable text. */
function badValue(rnd: () => number, depth = 0): unknown {
  const r = Math.floor(rnd() * 22);
  switch (r) {
    case 0: return 'a\u0000b';
    case 1: return 'x\ud800y';
    case 2: return '\udc00';
    case 3: return 'ø'.repeat(100_000);
    case 4: return '';
    case 5: return ' ';
    case 6: return pick(rnd, [0, -1, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, 0.5]);
    case 7: return pick(rnd, [true, false, null]);
    case 8: return depth < 4 ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => badValue(rnd, depth + 1)) : [];
    case 9: return depth < 4 ? Object.fromEntries(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => [pick(rnd, FIELD_NAMES), badValue(rnd, depth + 1)])) : {};
    case 10: return pick(rnd, ['2030-02-30', '0000-01-01', '9999-12-31', '2030-13-01', '30-06-2030', '2030-06-30T25:00', '1970-01-01']);
    case 11: return pick(rnd, [randomUUID(), '00000000-0000-0000-0000-000000000000', 'not-a-uuid', '0320', '0153', '9999', '032']);
    case 12: return pick(rnd, ['<script>alert(1)</script>', "'; drop table task; --", '%00', '\\', '../../etc/passwd', '${x}', '{{x}}']);
    case 13: return pick(rnd, ['(a+)+$', '[', '*', '\\', '(?<x>', 'a{1,100000}']);
    case 14: return pick(rnd, ['true', 'false', 'on', 'off', '1', '0', 'null', 'undefined']);
    case 15: return 'x'.repeat(pick(rnd, [201, 1001, 5001, 20_001]));
    case 16: return '\u202e\ufeff\u200b';
    case 17: return pick(rnd, ['aula', 'klik-administrator', 'superbruger', 'programleder', 'chosen', 'all', 'list', 'pasted']);
    case 18: return [pick(rnd, ['0320', '0153', '9999', '0320'])];
    case 19: return Object.fromEntries([['__proto__', { polluted: true }], ['constructor', 'x']]);
    case 20: return pick(rnd, [-0, 1.7976931348623157e308, 5e-324]);
    default: return 'Fuzz tekst';
  }
}

function badObject(rnd: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) out[pick(rnd, FIELD_NAMES)] = badValue(rnd);
  return out;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

type JsonSchema = {
  $ref?: string; type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; enum?: unknown[]; const?: unknown; format?: string;
  pattern?: string; minLength?: number; minimum?: number; minItems?: number;
};
type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>; components?: { schemas?: Record<string, JsonSchema> } };

/** The JSON body schema the API documents for a route, if any. */
function bodySchema(doc: OpenApi, method: string, url: string): JsonSchema | undefined {
  const path = url.replace(/:([A-Za-z]+)/g, '{$1}');
  return doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
}

/** A body that follows the documented schema, so a single bad value in it gets as far as the database would. */
function validFrom(doc: OpenApi, schema: JsonSchema, ids: Ids, rnd: () => number, depth = 0): unknown {
  if (schema.$ref) return validFrom(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {}, ids, rnd, depth);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return validFrom(doc, options.find((o) => o.type !== 'null') ?? options[0]!, ids, rnd, depth);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((o) => validFrom(doc, o, ids, rnd, depth)));
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(rnd, schema.enum);
  const type = [schema.type ?? 'string'].flat().find((x) => x !== 'null');
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema.properties ?? {})) {
      if (depth < 5 && (schema.required?.includes(k) || rnd() < 0.5)) out[k] = validFrom(doc, v, ids, rnd, depth + 1);
    }
    return out;
  }
  if (type === 'array') return depth < 5 ? Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => validFrom(doc, schema.items ?? {}, ids, rnd, depth + 1)) : [];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  if (schema.format === 'uuid') return pick(rnd, [ids.personId!, ids.stepId!, randomUUID()]);
  if (schema.format === 'date' || /\\d\{4\}-/.test(schema.pattern ?? '')) return '2030-06-30';
  if (schema.format === 'date-time') return '2030-06-30T10:00:00.000Z';
  if (schema.format === 'email') return `fuzz-${Math.floor(rnd() * 1e9)}@fuzz.dk`;
  if (schema.pattern && /\^\\d\{4\}\$/.test(schema.pattern)) return '0320';
  return 'Fuzz tekst'.padEnd(schema.minLength ?? 0, 'x');
}

/** Replaces one string somewhere in a body (or, failing that, one field) with `bad`. */
function plant(body: unknown, bad: unknown, rnd: () => number): unknown {
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (typeof x === 'string' ? slots.push([v, i]) : walk(x)));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string') slots.push([v as Record<string, unknown>, k]);
        else walk(x);
      }
    }
  };
  walk(body);
  if (slots.length > 0) {
    const [holder, key] = pick(rnd, slots);
    (holder as Record<string | number, unknown>)[key] = bad;
  } else if (body && typeof body === 'object' && !Array.isArray(body)) {
    (body as Record<string, unknown>)[pick(rnd, FIELD_NAMES)] = bad;
  }
  return body;
}

type Generated = { kind: string; headers: Record<string, string>; payload?: string | Buffer };

function multipartBody(fields: [string, string][], file: { field: string; name: string; content: Buffer } | null, boundary: string): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

/** One generated request body with its content type; the CSRF token goes along so the body is what is judged. */
function generate(rnd: () => number, csrf: string, valid: (() => unknown) | null): Generated {
  const kinds = ['json', 'json', 'form', 'form', 'multipart', 'broken-multipart', 'malformed-json', 'empty-json', 'wrong-type', 'json-scalar', 'no-body'];
  const kind = valid && rnd() < 0.45 ? pick(rnd, ['schema-unstorable', 'schema-unstorable', 'schema-bad-value']) : pick(rnd, kinds);
  const base = { 'x-csrf-token': csrf };
  const fields = (): [string, string][] => [...Object.entries(badObject(rnd)).map(([k, v]): [string, string] => [k, asText(v)]), ['_csrf', csrf]];
  switch (kind) {
    case 'schema-unstorable':
      return { kind, headers: { ...base, 'content-type': 'application/json' }, payload: JSON.stringify(plant(valid!(), pick(rnd, ['Fuzz\u0000tekst', 'Fuzz \ud800', '\udfff']), rnd)) };
    case 'schema-bad-value':
      return { kind, headers: { ...base, 'content-type': 'application/json' }, payload: JSON.stringify(plant(valid!(), badValue(rnd), rnd)) };
    case 'json':
      return { kind, headers: { ...base, 'content-type': 'application/json' }, payload: JSON.stringify(badObject(rnd)) };
    case 'json-scalar':
      return { kind, headers: { ...base, 'content-type': 'application/json' }, payload: JSON.stringify(badValue(rnd)) ?? 'null' };
    case 'form':
      return { kind, headers: { ...base, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields()).toString() };
    case 'multipart': {
      const boundary = `fuzz${Math.floor(rnd() * 1e9)}`;
      const file = rnd() < 0.6 ? { field: pick(rnd, ['fil', 'file', 'filer', 'document', 'annexes', 'annexes.1']), name: pick(rnd, ['a.pdf', 'ø\u0000.csv', '', '0320-x.xlsx', 'x.docx']), content: Buffer.from(pick(rnd, ['%PDF-1.4 x', '', 'navn;email\r\nA;a@b.dk', 'PK\u0003\u0004garbage', '\u0000\u0001'])) } : null;
      return { kind, headers: { ...base, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipartBody(fields(), file, boundary) };
    }
    case 'broken-multipart': {
      const boundary = `fuzz${Math.floor(rnd() * 1e9)}`;
      const whole = multipartBody(fields(), { field: 'fil', name: 'a.pdf', content: Buffer.from('%PDF-1.4 abc') }, boundary);
      const variant = Math.floor(rnd() * 4);
      if (variant === 0) return { kind: `${kind}/truncated`, headers: { ...base, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: whole.subarray(0, Math.floor(whole.length * rnd())) };
      if (variant === 1) return { kind: `${kind}/other-boundary`, headers: { ...base, 'content-type': 'multipart/form-data; boundary=nothere' }, payload: whole };
      if (variant === 2) return { kind: `${kind}/no-boundary`, headers: { ...base, 'content-type': 'multipart/form-data' }, payload: whole };
      return { kind: `${kind}/garbage`, headers: { ...base, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.from(`--${boundary}\r\n\u0000\u00ff garbage \r\n\r\n`) };
    }
    case 'malformed-json':
      return { kind, headers: { ...base, 'content-type': 'application/json' }, payload: pick(rnd, ['{', '{"title":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"title":"\\ud800"}', '{"__proto__":{"x":1}}']) };
    case 'empty-json':
      return { kind, headers: { ...base, 'content-type': 'application/json' }, payload: '' };
    case 'wrong-type':
      return { kind, headers: { ...base, 'content-type': pick(rnd, ['text/plain', 'application/xml', 'application/octet-stream', 'image/png']) }, payload: 'title=x' };
    default:
      return { kind, headers: base };
  }
}

type Checksums = Map<string, string>;

async function checksums(t: TestApp, tables: string[]): Promise<Checksums> {
  const union = tables.map((name) => `select '${name}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${name}" x`).join(' union all ');
  const res = (await t.database.db.execute(sql.raw(union))) as unknown as { rows: { t: string; h: string }[] };
  return new Map(res.rows.map((r) => [r.t, r.h]));
}

function changed(a: Checksums, b: Checksums): string[] {
  return [...a.keys()].filter((k) => a.get(k) !== b.get(k));
}

describe('fuzzing every write route', () => {
  let t: TestApp;
  let routes: [string, string][];
  let tables: string[];
  const actors: [string, Client][] = [];

  beforeAll(async () => {
    t = await startTestApp();
    routes = (await writeRoutes(t.app)).filter(([m, u]) => !SKIPPED[`${m} ${u}`]);
    actors.push(['central administrator', await loginAs(t.app, DEMO.admin)], ['Faxe KLIK-administrator', await loginAs(t.app, DEMO.klikAdmin('0320'))]);
    const res = (await t.database.db.execute(
      sql.raw(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
    )) as unknown as { rows: { table_name: string }[] };
    tables = res.rows.map((r) => r.table_name).filter((name) => !CHANGES_ON_READ.has(name) && !COUNTS_ATTEMPTS.test(name) && !name.startsWith('__drizzle'));
  });
  afterAll(async () => t?.close());

  it('answers no generated body with a 5xx and changes no row for any refused one', { timeout: 240_000 }, async () => {
    expect(routes.length).toBeGreaterThan(40);
    const rnd = mulberry32(SEED);
    const ids = await fixtures(t);
    const doc = t.app.swagger() as unknown as OpenApi;
    const failures: string[] = [];
    /** Routes that took a generated body (an action without a body, such as "publish"): their writes are theirs. */
    const accepting = new Set<string>();
    let baseline = await checksums(t, tables);
    const snapshot = async () => {
      snapshots++;
      return checksums(t, tables);
    };
    let sent = 0;
    const perRoute = Math.ceil(REQUESTS / (routes.length * actors.length));
    let snapshots = 0;
    const started = Date.now();

    for (const [actorName, client] of actors) {
      for (const [method, pattern] of routes) {
        const route = `${method} ${pattern}`;
        for (let i = 0; i < perRoute; i++) {
          const url = fillParams(pattern, ids, rnd) + (rnd() < 0.1 ? `?${pick(rnd, ['q=%00', 'next=%ED%A0%80', 'x=1&x=2', 'besked=' + 'y'.repeat(5000)])}` : '');
          const schema = bodySchema(doc, method, pattern);
          const body = generate(rnd, client.csrf, schema ? () => validFrom(doc, schema, ids, rnd) : null);
          const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
          const mayAccept = accepting.has(`${actorName} ${route}`) || i === 0;
          if (mayAccept) {
            const now = await snapshot();
            const diff = changed(baseline, now);
            if (diff.length > 0) failures.push(`#${sent - 1} before ${route}: a refused request changed ${diff.join(', ')}`);
            baseline = now;
          }
          let res: LightMyRequestResponse;
          try {
            res = await t.app.inject({ method: method as HTTPMethods, url, headers: { ...body.headers, cookie }, payload: body.payload });
          } catch (error) {
            failures.push(`#${sent} ${actorName} ${method} ${url} [${body.kind}]: inject threw ${String(error)}`);
            continue;
          } finally {
            sent++;
          }
          if (res.statusCode >= 500) failures.push(`#${sent - 1} ${actorName} ${method} ${url.slice(0, 160)} [${body.kind}]: ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode < 400) {
            accepting.add(`${actorName} ${route}`);
            baseline = await snapshot();
          } else if (!mayAccept && i === perRoute - 1) {
            // Check the refused run of this route before the next route may legitimately write.
            const now = await snapshot();
            const diff = changed(baseline, now);
            if (diff.length > 0) failures.push(`#${sent - 1} ${actorName} ${route}: a refused request changed ${diff.join(', ')}`);
            baseline = now;
          }
        }
      }
    }
    const diff = changed(baseline, await checksums(t, tables));
    if (diff.length > 0) failures.push(`at the end: a refused request changed ${diff.join(', ')}`);
    console.info(`fuzzing: ${sent} requests to ${routes.length} write routes as ${actors.length} users, ${accepting.size} route/user pairs accepted a body, ${snapshots} table checksums, ${Date.now() - started} ms`);
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);
    expect(failures).toEqual([]);
  });
});
