import type { Database } from '../../db/client.ts';
import { pruneAttempts } from '../auth/login-throttle.ts';
import { pruneRequestKeys } from '../idempotency/claim-request.ts';
import { type Job, lockKeyFor } from './scheduler.ts';

/** Password attempts whose window has ended and request keys past theirs decide nothing any more. */
export function pruneJobs(database: Pick<Database, 'db'>): Job[] {
  return [
    {
      name: 'prune-expired',
      lockKey: lockKeyFor('prune-expired'),
      run: async (now) => ({ attempts: await pruneAttempts(database.db, now), requestKeys: await pruneRequestKeys(database.db, now) }),
    },
  ];
}
