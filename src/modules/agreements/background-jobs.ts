import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { Job } from '../../platform/scheduler/scheduler.ts';

/** The agreements module's background jobs (the automatic reminder sweep). */
export function agreementJobs(_database: Pick<Database, 'db'>, _config: Config): Job[] {
  return [];
}
