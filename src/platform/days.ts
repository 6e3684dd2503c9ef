import { danishDay, danishWallClock } from './views/format.ts';

/** Dates as Danish users write them and days as Denmark counts them, for every module's input. */

export const TIME_ZONE = 'Europe/Copenhagen';

export { danishDay };

/** "2025-05-30" or "30.05.2025" (also 30-05-2025 and 30/5/2025); the result is always yyyy-mm-dd. */
export function parseDay(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 2000 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const dayUtc = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};

/** How far Danish wall-clock time is ahead of UTC at an instant (1 h in winter, 2 h in summer). */
function zoneOffsetMs(at: number): number {
  const w = danishWallClock(new Date(at));
  const wall = Date.UTC(Number(w.year), Number(w.month) - 1, Number(w.day), Number(w.hour), Number(w.minute), Number(w.second));
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

/** A time of day as Danish users write it, "14.30" (also 14:30 and 9.05), or null. */
export function parseTimeOfDay(raw: string): { hour: number; minute: number } | null {
  const m = /^([01]?\d|2[0-3])[.:]([0-5]\d)$/.exec(raw.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/**
 * The instant a Danish wall-clock time occurs on a day. Two passes settle the offset on the day of
 * a DST change; a time in the skipped spring hour resolves to the instant one hour later on the clock.
 */
export function danishTime(day: string, hour: number, minute = 0): Date {
  const wall = dayUtc(day) + (hour * 60 + minute) * 60_000;
  const first = wall - zoneOffsetMs(wall);
  return new Date(wall - zoneOffsetMs(first));
}

/** Midnight in Denmark at the start of a day (DST changes happen at night, never at midnight). */
export const danishMidnight = (day: string): Date => danishTime(day, 0);

/**
 * The instants of Danish calendar days from `from` through `to` (both whole days, either may be
 * left out), for filtering timestamps: start ≤ at < end. A Danish day is 23, 24 or 25 hours long.
 */
export function danishDaysRange(from?: string, to?: string): { start?: Date; end?: Date } {
  const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start: from ? danishMidnight(from) : undefined, end: to ? danishMidnight(dayAfter(to)) : undefined };
}
