import { percentile, type LoadResult } from './load.ts';

export type RouteResult = { label: string; path: string; result: LoadResult };

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
  const rows = routes.map(({ label, result: r }) => [
    label,
    String(r.requests),
    throughput(r).toFixed(0),
    ms(percentile(r.latenciesMs, 50)),
    ms(percentile(r.latenciesMs, 95)),
    ms(percentile(r.latenciesMs, 99)),
    String(r.errors),
    r.requests ? (r.bytes / r.requests / 1024).toFixed(1) : '–',
  ]);
  return table(['route', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'KiB/resp'], rows);
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
