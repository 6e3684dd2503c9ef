/** A key figure's measurements, oldest first. */
export type Point = { on: string; value: number };

/** Up to this many measurements the table beside a chart lists them all; above it, one a month. */
export const ALL_POINTS_UP_TO = 60;

/**
 * The last measurement of each month: what a reader of a weekly (or daily) series over years needs
 * beside the chart — the level at each month's end — in 60 rows for five years instead of 260 or
 * 1,800. Each row is a real measurement with its own day; the download has every one.
 */
export function monthlyPoints(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.on.slice(0, 7) === p.on.slice(0, 7)) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/**
 * The points the line needs at a given width: where several fall in one pixel column, the first,
 * lowest, highest and last of them, in date order, so peaks and the shape stay as drawn with all
 * of them while the path stays a few kilobytes however long the series. `column` maps a point to
 * its pixel column; the input is in date order.
 */
export function thinForWidth(points: readonly Point[], column: (p: Point) => number): Point[] {
  const out: Point[] = [];
  let bucket: Point[] = [];
  const flush = () => {
    if (bucket.length <= 4) {
      out.push(...bucket);
    } else {
      let lo = bucket[0]!;
      let hi = bucket[0]!;
      for (const p of bucket) {
        if (p.value < lo.value) lo = p;
        if (p.value > hi.value) hi = p;
      }
      const keep = new Set([bucket[0]!, lo, hi, bucket[bucket.length - 1]!]);
      out.push(...bucket.filter((p) => keep.has(p)));
    }
    bucket = [];
  };
  let current = Number.NaN;
  for (const p of points) {
    const c = column(p);
    if (c !== current) {
      flush();
      current = c;
    }
    bucket.push(p);
  }
  flush();
  return out;
}
