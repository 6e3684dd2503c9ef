import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid, notFound } from '../errors.ts';

/**
 * PostgreSQL cannot store a NUL character in text, and a lone UTF-16 surrogate is no character at
 * all (it would be stored as U+FFFD, silently changing what was sent). Such strings are refused
 * for every route in one place, once the body is parsed and before any use case runs, so no field
 * anywhere can turn them into a 500 or a half-done write.
 */

const MAX_DEPTH = 64;

/** The dotted path of the first string (or object key) in `value` that cannot be stored, or null. */
export function findUnstorableText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return isStorable(value) ? null : path.join('.') || '_';
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  // Uploaded files are bytes, not text: their names are cleaned where they are stored.
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (!isStorable(key)) return path.join('.') || '_';
    const found = findUnstorableText(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const isStorable = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

const MESSAGE = 'Teksten indeholder et tegn, der ikke kan gemmes (et nul-tegn eller et ufuldstændigt tegn). Fjern det og prøv igen.';

function check(part: unknown, prefix: string | null): void {
  const found = findUnstorableText(part);
  if (found === null) return;
  const field = prefix && found === '_' ? prefix : found;
  throw invalid({ [field]: MESSAGE }, `Feltet «${field}» indeholder et tegn, der ikke kan gemmes. Ret feltet og prøv igen.`);
}

/** Registered after the auth hook, so a forged or unauthorised request is refused as such first. */
export function registerUnstorableTextCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // An address part that cannot be stored cannot name anything either: a page says so as it does
    // for every unknown address, the API keeps its structured 422 naming the parameter.
    if (!request.url.startsWith('/api/') && findUnstorableText(request.params) !== null) throw notFound();
    check(request.params, null);
    check(request.query, null);
    check(request.body, null);
  });
}
