import type { Database } from '../../db/client.ts';
import { type Job, lockKeyFor } from '../../platform/scheduler/scheduler.ts';
import { pruneOnce } from './once.ts';

/** Used request IDs, assertion IDs, OIDC states and choices past their time decide nothing any more. */
export function ssoJobs(database: Pick<Database, 'db'>): Job[] {
  return [{ name: 'sso-prune', lockKey: lockKeyFor('sso-prune'), run: async (now) => ({ pruned: await pruneOnce(database.db, now) }) }];
}
