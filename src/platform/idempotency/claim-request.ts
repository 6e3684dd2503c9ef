import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sha256 } from '../auth/secrets.ts';
import { conflict, invalid } from '../errors.ts';
import { requestKey } from './schema.ts';

/** A key from the client (a form's hidden field, an API client's Idempotency-Key) means one request for a day. */
const CLIENT_KEY_MS = 24 * 3600_000;
/** Without one, the same actor sending the same thing this soon again is a double submit. */
const SAME_REQUEST_MS = 10_000;

export const REQUEST_KEY_FIELD = 'requestKey';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export type RequestIdentity = { scope: string; keyHash: string; windowMs: number };

/** JSON with sorted keys, so the same content hashes the same however a client ordered it. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * What makes two requests the same: the actor, the client's key if it sent one, and the request
 * after validation (trimmed, defaults filled in). A new body under an old key is a new request.
 */
export function requestIdentity(scope: string, actorId: string, clientKey: string | undefined, normalised: unknown): RequestIdentity {
  if (clientKey !== undefined && (clientKey.length === 0 || clientKey.length > 200)) {
    throw invalid({ idempotencyKey: 'Nøglen skal være 1-200 tegn' }, 'Idempotency-Key skal være 1-200 tegn.');
  }
  return {
    scope,
    keyHash: sha256(stableJson({ actorId, clientKey: clientKey ?? null, request: normalised })),
    windowMs: clientKey === undefined ? SAME_REQUEST_MS : CLIENT_KEY_MS,
  };
}

/** The client's key: the form's hidden field, or the API's Idempotency-Key header. */
export function clientKeyOf(request: { headers: Record<string, unknown>; body?: unknown }): string | undefined {
  const header = request.headers[IDEMPOTENCY_HEADER];
  if (typeof header === 'string') return header.trim();
  const body: unknown = request.body;
  const field = body && typeof body === 'object' ? (body as Record<string, unknown>)[REQUEST_KEY_FIELD] : undefined;
  return typeof field === 'string' && field.trim() !== '' ? field.trim() : undefined;
}

/**
 * Claims the request in the caller's transaction before it writes anything. Null: this is the
 * first, go ahead and call answerRequest with the answer before committing. Otherwise the first
 * request's answer, to give again. A parallel twin's insert waits on the primary key until the
 * first commits and then finds its row (or, if the first rolled back, takes over); a claim past
 * its window is taken over in the same statement.
 */
export async function claimRequest<T>(tx: Db, identity: RequestIdentity, now: Date): Promise<T | null> {
  const expiresAt = new Date(now.getTime() + identity.windowMs);
  const [mine] = await tx
    .insert(requestKey)
    .values({ scope: identity.scope, keyHash: identity.keyHash, createdAt: now, expiresAt })
    .onConflictDoUpdate({
      target: [requestKey.scope, requestKey.keyHash],
      set: { createdAt: now, expiresAt, result: sql`null` },
      setWhere: lte(requestKey.expiresAt, now),
    })
    .returning({ scope: requestKey.scope });
  if (mine) return null;
  const [first] = await tx
    .select({ result: requestKey.result })
    .from(requestKey)
    .where(and(eq(requestKey.scope, identity.scope), eq(requestKey.keyHash, identity.keyHash)));
  // The first request stores its answer before it commits, so this is only reached if it never did.
  if (!first || first.result === null) throw conflict('Den samme anmodning behandles allerede. Prøv igen om lidt.');
  return first.result as T;
}

/**
 * The stored answer of a request already carried out, or null: a look before expensive work that
 * precedes the claim (the claim in the writing transaction still decides).
 */
export async function storedAnswer<T>(db: Db, identity: RequestIdentity, now: Date): Promise<T | null> {
  const [row] = await db
    .select({ result: requestKey.result })
    .from(requestKey)
    .where(and(eq(requestKey.scope, identity.scope), eq(requestKey.keyHash, identity.keyHash), gt(requestKey.expiresAt, now)));
  return (row?.result ?? null) as T | null;
}

/** Stores the first request's answer (not null) for its repeats, in the same transaction as its writes. */
export async function answerRequest<T extends object>(tx: Db, identity: RequestIdentity, answer: T): Promise<T> {
  await tx
    .update(requestKey)
    .set({ result: answer })
    .where(and(eq(requestKey.scope, identity.scope), eq(requestKey.keyHash, identity.keyHash)));
  return answer;
}

/** Claims past their window decide nothing any more. */
export async function pruneRequestKeys(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(requestKey).where(lte(requestKey.expiresAt, now)).returning({ scope: requestKey.scope });
  return gone.length;
}
