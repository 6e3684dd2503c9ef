import { AsyncLocalStorage } from 'node:async_hooks';
import type { CacheProvider } from '@node-saml/node-saml';
import type { Db } from '../../../db/client.ts';
import { claimOnce, peekOnce, takeOnce } from '../once.ts';

/** How long an AuthnRequest (or our LogoutRequest) waits for its answer. */
export const REQUEST_ID_MINUTES = 30;

const taken = new AsyncLocalStorage<Set<string>>();
const saved = new AsyncLocalStorage<string[]>();

/**
 * node-saml's store of the request IDs it sent (InResponseTo), kept in sso_once so that every app
 * instance knows them: the answer may reach another instance than the one that sent the request.
 * node-saml looks an ID up and removes it in two steps; `removeAsync` deletes it with RETURNING,
 * so of two responses to one request only one sees it taken: `validateTakingIds` reports which.
 */
export function requestIdCache(db: Db, clock: () => Date): CacheProvider {
  return {
    async saveAsync(key: string, value: string) {
      const now = clock();
      const stored = await claimOnce(db, 'authn-request', key, new Date(now.getTime() + REQUEST_ID_MINUTES * 60_000), now, { instant: value });
      if (!stored) return null;
      saved.getStore()?.push(key);
      return { value, createdAt: now.getTime() };
    },
    async getAsync(key: string) {
      const stored = await peekOnce(db, 'authn-request', key, clock());
      return typeof stored?.instant === 'string' ? stored.instant : null;
    },
    async removeAsync(key: string | null) {
      if (!key) return null;
      const stored = await takeOnce(db, 'authn-request', key, clock());
      if (!stored) return null;
      taken.getStore()?.add(key);
      return typeof stored.instant === 'string' ? stored.instant : null;
    },
  };
}

/** Runs a node-saml validation and returns, beside its result, the request IDs this call used up. */
export async function validateTakingIds<T>(run: () => Promise<T>): Promise<{ result: T; taken: Set<string> }> {
  const ids = new Set<string>();
  const result = await taken.run(ids, run);
  return { result, taken: ids };
}

/** Runs a node-saml request (an AuthnRequest URL) and returns, beside it, the request ID it saved. */
export async function sendingRequestId<T>(run: () => Promise<T>): Promise<{ result: T; requestId: string | null }> {
  const ids: string[] = [];
  const result = await saved.run(ids, run);
  return { result, requestId: ids.length === 1 ? ids[0]! : null };
}

/** Uses up a request ID directly (when node-saml's path did not remove it): true if this call took it. */
export async function takeRequestId(db: Db, id: string, now: Date): Promise<boolean> {
  return (await takeOnce(db, 'authn-request', id, now)) !== null;
}
