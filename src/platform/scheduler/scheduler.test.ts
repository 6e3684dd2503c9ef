import pino from 'pino';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminUrl, engine, freshDatabase } from '../../../test/db.ts';
import { openPostgres, rawRows } from '../../db/client.ts';
import { type Job, lockKeyFor, type Scheduler, startScheduler } from './scheduler.ts';

const log = pino({ level: 'silent' });
const noLock = { withLock: <T>(_key: number, fn: () => Promise<T>) => fn() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let running: Scheduler[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});

function start(jobs: Job[], opts: { intervalMs?: number; firstDelayMs?: number; database?: typeof noLock; now?: () => Date } = {}) {
  const s = startScheduler({ database: opts.database ?? noLock, jobs, log, intervalMs: opts.intervalMs ?? 60_000, ...opts });
  running.push(s);
  return s;
}

describe('scheduler', () => {
  it('runs every job once per round, in order, each under its own lock key, with the clock it is given', async () => {
    const calls: string[] = [];
    const keys: number[] = [];
    const at = new Date('2030-01-01T07:00:00Z');
    const database = {
      withLock: async <T,>(key: number, fn: () => Promise<T>) => {
        keys.push(key);
        return fn();
      },
    };
    const job = (name: string): Job => ({ name, lockKey: lockKeyFor(name), run: async (now) => calls.push(`${name}@${now.toISOString()}`) });
    const s = start([job('a'), job('b'), job('c')], { database, now: () => at });
    await s.runOnce();
    expect(calls).toEqual(['a@2030-01-01T07:00:00.000Z', 'b@2030-01-01T07:00:00.000Z', 'c@2030-01-01T07:00:00.000Z']);
    expect(keys).toEqual(['a', 'b', 'c'].map(lockKeyFor));
  });

  it('a failing job is logged as an error and does not stop the others; idle rounds log at debug level', async () => {
    const calls: string[] = [];
    const lines: Record<string, string[]> = { debug: [], info: [], error: [] };
    const record = (level: string) => (o: object) => lines[level]!.push((o as { job: string }).job);
    const s = startScheduler({
      database: noLock,
      log: { debug: record('debug'), info: record('info'), error: record('error') },
      intervalMs: 60_000,
      jobs: [
        { name: 'broken', lockKey: 1, run: async () => Promise.reject(new Error('boom')) },
        { name: 'partly', lockKey: 2, run: async () => ({ published: ['x'], failed: [{ taskId: 'y' }] }) },
        { name: 'busy', lockKey: 3, run: async () => ({ tasks: 2, recipients: 40, failed: [] }) },
        { name: 'idle', lockKey: 4, run: async () => ({ tasks: 0, recipients: 0, failed: [] }) },
        { name: 'fine', lockKey: 5, run: async () => calls.push('fine') },
      ],
    });
    running.push(s);
    await s.runOnce();
    expect(calls).toEqual(['fine']);
    expect(lines).toEqual({ error: ['broken', 'partly'], info: ['busy', 'fine'], debug: ['idle'] });
  });

  it('ticks every interval on unref’d timers, never overlapping rounds', async () => {
    vi.useFakeTimers();
    let active = 0;
    let maxActive = 0;
    let rounds = 0;
    const s = start(
      [
        {
          name: 'slow',
          lockKey: 1,
          run: async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            await sleep(25_000); // longer than a third of the interval
            active--;
            rounds++;
          },
        },
      ],
      { intervalMs: 10_000 },
    );
    await vi.advanceTimersByTimeAsync(9_999);
    expect(rounds).toBe(0);
    await vi.advanceTimersByTimeAsync(200_000);
    // First round at 10 s; each takes 25 s and the next starts 10 s after it ended: rounds end at
    // 35, 70, 105, 140 and 175 s, the sixth would end at 210 s (just after the 209.999 s we waited).
    expect(rounds).toBe(5);
    expect(maxActive).toBe(1);
    // stop() waits for the sixth round, which needs the (fake) clock to move on to finish.
    const stopped = s.stop();
    await vi.advanceTimersByTimeAsync(30_000);
    await stopped;
    expect(rounds).toBe(6);
    running = [];
  });

  it('stop() waits for the running job and starts no new round', async () => {
    let finished = false;
    let started = 0;
    const s = start(
      [
        {
          name: 'job',
          lockKey: 1,
          run: async () => {
            started++;
            await sleep(50);
            finished = true;
          },
        },
      ],
      { intervalMs: 5, firstDelayMs: 0 },
    );
    await sleep(10);
    expect(started).toBe(1);
    await s.stop();
    expect(finished).toBe(true);
    await sleep(30);
    expect(started).toBe(1);
  });

  it('derives distinct, stable, positive 31-bit lock keys from job names', () => {
    const names = ['publish-due-tasks', 'task-reminders', 'daily-digest'];
    const keys = names.map(lockKeyFor);
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((k) => Number.isInteger(k) && k >= 0 && k < 2 ** 31)).toBe(true);
    expect(names.map(lockKeyFor)).toEqual(keys);
    expect(keys).not.toContain(7_243_901); // the migration lock
  });
});

describe.skipIf(engine !== 'postgres')('scheduler on PostgreSQL', () => {
  it('two instances never run the same job at the same time (advisory lock)', async () => {
    const database = await freshDatabase();
    const [{ name }] = (await rawRows<{ name: string }>(database.db, sql`select current_database() as name`)) as [{ name: string }];
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const other = await openPostgres(url.toString(), { max: 3 });
    try {
      let active = 0;
      let maxActive = 0;
      let runs = 0;
      const job: Job = {
        name: 'exclusive',
        lockKey: lockKeyFor('exclusive'),
        run: async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          await sleep(40);
          active--;
          runs++;
        },
      };
      const a = start([job], { database });
      const b = start([job], { database: other });
      await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      expect(runs).toBe(4);
      expect(maxActive).toBe(1);
    } finally {
      await Promise.all(running.map((s) => s.stop()));
      running = [];
      await other.close();
      await database.drop();
    }
  });
});
