import { Worker } from 'node:worker_threads';

export type LoadJob = {
  origin: string;
  /** Requested in turn, round robin across all connections. */
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  warmupMs: number;
  durationMs: number;
};

export type LoadResult = {
  requests: number;
  /** Responses outside 2xx and failed connections. */
  errors: number;
  statuses: Record<string, number>;
  bytes: number;
  elapsedMs: number;
  /** Sorted ascending. */
  latenciesMs: Float64Array;
};

/**
 * Runs the load generator in a worker thread: the server keeps the main thread (and, on PGlite,
 * the embedded database with it), the client gets the other core.
 */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  // Workers do not inherit tsx's loader hooks; the bootstrap registers them before importing the TS file.
  const tsx = import.meta.resolve('tsx/esm/api');
  const target = new URL('./load-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: job });
    let settled = false;
    worker.once('message', (result: LoadResult) => {
      settled = true;
      resolve(result);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Logs in through the real login form (anonymous CSRF cookie + field) and returns the session cookie. */
export async function login(origin: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${origin}/login`);
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error(`GET /login: no CSRF field (status ${form.status})`);
  const anonCookies = form.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  const res = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anonCookies, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  await res.arrayBuffer();
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('samspil_session='));
  if (res.status !== 303 || !session) throw new Error(`POST /login as ${email}: status ${res.status}, no session cookie`);
  return session;
}
