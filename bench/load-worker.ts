// Runs in a worker thread, so generating load does not steal the server's event loop.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './load.ts';

const job = workerData as LoadJob;
const origin = new URL(job.origin);
const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });

function get(path: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve) => {
    const req = http.request({ agent, host: origin.hostname, port: origin.port, path, method: 'GET', headers: job.headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', () => resolve({ status: 0, bytes }));
    });
    req.on('error', () => resolve({ status: 0, bytes: 0 }));
    req.end();
  });
}

/** `connections` closed loops, each sending its next request as soon as the previous one is answered. */
async function phase(ms: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let errors = 0;
  let bytes = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (performance.now() < end) {
        const path = job.paths[next++ % job.paths.length]!;
        const t0 = performance.now();
        const res = await get(path);
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        bytes += res.bytes;
        if (res.status < 200 || res.status >= 300) errors++;
      }
    }),
  );
  const elapsedMs = performance.now() - start;
  const sorted = Float64Array.from(latencies).sort();
  return { requests: latencies.length, errors, statuses, bytes, elapsedMs, latenciesMs: sorted };
}

if (job.warmupMs > 0) await phase(job.warmupMs);
const result = await phase(job.durationMs);
agent.destroy();
parentPort!.postMessage(result, [result.latenciesMs.buffer as ArrayBuffer]);
