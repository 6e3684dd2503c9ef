import { percentile, type LoadResult } from './load.ts';
import type { TaskVolume } from './tasks.ts';

export type RouteResult = { label: string; path: string; result: LoadResult; /** Peak process RSS while the route was measured. */ rssPeak?: number };

export const throughput = (r: LoadResult) => (r.requests / r.elapsedMs) * 1000;
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function table(head: string[], rows: string[][], alignLeft = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function routeTable(routes: RouteResult[]): string {
  const rows = routes.map(({ label, result: r, rssPeak }) => [
    label,
    String(r.requests),
    throughput(r).toFixed(0),
    ms(percentile(r.latenciesMs, 50)),
    ms(percentile(r.latenciesMs, 95)),
    ms(percentile(r.latenciesMs, 99)),
    String(r.errors),
    r.requests ? (r.bytes / r.requests / 1024).toFixed(1) : '–',
    rssPeak === undefined ? '–' : (rssPeak / 1024 / 1024).toFixed(0),
  ]);
  return table(['route', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'KiB/resp', 'RSS MB'], rows);
}

export function ratioLines(overviews: RouteResult[], trivial: RouteResult): string[] {
  const base = throughput(trivial.result);
  const p95 = percentile(trivial.result.latenciesMs, 95);
  return overviews.map(
    (o) =>
      `  ${o.label}: ${(throughput(o.result) / base).toFixed(3)} of the trivial route's throughput ` +
      `(1 : ${(base / throughput(o.result)).toFixed(1)}), p95 ${(percentile(o.result.latenciesMs, 95) / p95).toFixed(1)}× the trivial route's`,
  );
}

export function rowsLine(rows: Record<string, number>): string {
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  return `Rows in the database (${total} in total): ${Object.entries(rows)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ')}`;
}

export function memoryLine(rss: { start: number; peak: number; end: number }): string {
  return (
    `Process RSS: ${mb(rss.start)} before this engine, ${mb(rss.peak)} peak (setup and load), ${mb(rss.end)} after measuring ` +
    '(one process: server, database driver – for PGlite the whole database – and load worker)'
  );
}

export function statusWarnings(routes: RouteResult[]): string[] {
  return routes
    .filter((r) => r.result.errors > 0)
    .map((r) => `  WARNING: ${r.label}: ${r.result.errors} non-2xx/failed responses; statuses ${JSON.stringify(r.result.statuses)}`);
}

const sec = (s: number) => `${s.toFixed(1)} s`;

/** What the task volume is and what loading it cost (time per phase, RSS, size on disk). */
export function loadLine(v: TaskVolume, vacuumSeconds: number, rssAfterLoad: number, dbBytes: number | null): string {
  const s = v.seconds;
  return (
    `Tasks loaded in ${sec(s.total)}: ${v.tasks} tasks, ${v.steps} steps, ${v.targets} targets, ${v.answers} answers, ` +
    `${v.messages} messages, ${v.deadlineChanges} deadline changes (tasks and steps ${sec(s.tasksAndSteps)}, targets ${sec(s.targets)}, ` +
    `answers ${sec(s.answers)}, threads ${sec(s.threads)}, foreign keys ${v.foreignKeys}${v.foreignKeys === 'per row' ? '' : ` ${sec(s.foreignKeyCheck)}`}); VACUUM ANALYZE ${sec(vacuumSeconds)}; RSS ${mb(rssAfterLoad)} after loading` +
    (dbBytes === null ? '' : `; database ${mb(dbBytes)} on disk`)
  );
}
