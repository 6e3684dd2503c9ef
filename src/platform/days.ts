import { danishDay } from './views/format.ts';

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

/** Midnight in Denmark at the start of a day (DST changes happen at night, never at midnight). */
export function danishMidnight(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(utcMidnight)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  const offsetMinutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(utcMidnight.getTime() - offsetMinutes * 60_000);
}

/**
 * The instants of Danish calendar days from `from` through `to` (both whole days, either may be
 * left out), for filtering timestamps: start ≤ at < end. A Danish day is 23, 24 or 25 hours long.
 */
export function danishDaysRange(from?: string, to?: string): { start?: Date; end?: Date } {
  const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start: from ? danishMidnight(from) : undefined, end: to ? danishMidnight(dayAfter(to)) : undefined };
}
