import type { Database } from '../../db/client.ts';

type LogFn = (obj: object, msg: string) => void;
export type SchedulerLog = { debug: LogFn; info: LogFn; error: LogFn };

export type Job = {
  name: string;
  /**
   * Advisory-lock key, distinct per job, so that on PostgreSQL one instance at a time runs it (the
   * others wait their turn and then usually find nothing to do). Jobs must be safe without it:
   * the lock saves work, the jobs' own unique constraints and row locks make them correct.
   */
  lockKey: number;
  run(now: Date): Promise<unknown>;
};

export type SchedulerOptions = {
  database: Pick<Database, 'withLock'>;
  jobs: Job[];
  log: SchedulerLog;
  /** Time between the end of one round and the start of the next; default one minute. */
  intervalMs?: number;
  /** Delay before the first round; default intervalMs. */
  firstDelayMs?: number;
  now?: () => Date;
};

export type Scheduler = {
  /** Runs every job once, one after the other (after any round already running); a failing job does not stop the others. */
  runOnce(): Promise<void>;
  /** No further rounds; resolves when the running one has finished. */
  stop(): Promise<void>;
};

/**
 * A tiny in-process scheduler for background jobs (publishing, reminders, digests). Rounds never
 * overlap: the next is scheduled when the previous ends. Timers are unref'd, so they never keep
 * the process alive on their own.
 */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  const { database, jobs, log } = opts;
  const intervalMs = opts.intervalMs ?? 60_000;
  const now = opts.now ?? (() => new Date());
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  async function round() {
    for (const job of jobs) {
      if (stopping) return;
      const started = Date.now();
      try {
        const result = await database.withLock(job.lockKey, () => job.run(now()));
        // A round that did something is worth a line in the log; the idle ones every minute are not.
        const line = { job: job.name, ms: Date.now() - started, result };
        if (hasFailures(result)) log.error(line, 'Baggrundsjob kørt, men noget fejlede');
        else if (didWork(result)) log.info(line, 'Baggrundsjob kørt');
        else log.debug(line, 'Baggrundsjob kørt');
      } catch (err) {
        log.error({ job: job.name, err }, 'Baggrundsjob fejlede');
      }
    }
  }

  let chain: Promise<void> = Promise.resolve();
  const runOnce = () => {
    const run = chain.then(round);
    chain = run.catch(() => {});
    return run;
  };

  const schedule = (delay: number) => {
    if (stopping) return;
    timer = setTimeout(() => {
      void runOnce().finally(() => schedule(intervalMs));
    }, delay);
    timer.unref();
  };
  schedule(opts.firstDelayMs ?? intervalMs);

  return {
    runOnce,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await chain;
    },
  };
}

/** Jobs report what they did as counts or lists ({ tasks: 2 }, { published: [id] }); anything above zero is work. */
const didWork = (result: unknown): boolean => {
  if (typeof result === 'number') return result > 0;
  if (Array.isArray(result)) return result.length > 0;
  if (typeof result === 'object' && result !== null) return Object.values(result).some(didWork);
  return false;
};

/** A job that carries on past items it could not handle reports them as `failed: [...]`. */
const hasFailures = (result: unknown) =>
  typeof result === 'object' && result !== null && 'failed' in result && Array.isArray(result.failed) && result.failed.length > 0;

/** A stable advisory-lock key from a job's name (31-bit FNV-1a), so keys do not need a registry. */
export function lockKeyFor(name: string): number {
  let h = 0x811c9dc5;
  for (const c of `samspil-job:${name}`) {
    h ^= c.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 1;
}
