import { danishTime } from '../days.ts';
import { danishDay } from '../views/format.ts';

/**
 * When a published task's automatic reminders fall due. Pure: everything comes in as arguments, so
 * the sweep, the pages and the tests all agree on the same answer.
 *
 * - Fixed offsets in days relative to the deadline day (default 7 days before, 1 day before, on the
 *   day); `task.reminderOffsets` replaces them (an empty list means none).
 * - Then every 7 days while overdue: +7, +14, … up to LAST_OVERDUE_DAYS (these also go to the
 *   programleder). After that automatic reminders end, whatever the offsets: a deadline eight weeks
 *   past is for a person to follow up (a manual reminder, a call from the municipality page), not
 *   for another weekly mail. It also means that switching reminders on for old data (an import, the
 *   demo's 2025 history) mails nobody about deadlines long past: there is no slot left to send.
 * - Each falls due at 09:00 Danish time on its day, summer or winter time alike.
 * - Nothing falls due before or on the Danish day of `mailedAt`: when the task was published or its
 *   deadline last changed, both of which mail the addressees themselves. A task published three
 *   days before its deadline gets no "7 days before" reminder, one published at 08:59 gets no
 *   reminder at 09:00, and moving a deadline fires none of the new deadline's past slots.
 * - Only the newest due slot is sent, and only within GRACE_MS of its time. After an outage the
 *   municipalities get one current reminder, not every one they missed, and one that is days old is
 *   dropped rather than sent with a misleading "in 7 days".
 */
export const DEFAULT_OFFSETS: readonly number[] = [-7, -1, 0];
export const OVERDUE_EVERY_DAYS = 7;
export const REMINDER_HOUR = 9;
export const GRACE_DAYS = 3;
export const GRACE_MS = GRACE_DAYS * 24 * 3600_000;
/** Offsets outside this range are ignored: nobody wants a reminder a year ahead. */
export const MAX_OFFSET_DAYS = 365;
/** The last automatic reminder falls this many days after the deadline (the eighth weekly overdue one). */
export const LAST_OVERDUE_DAYS = 8 * OVERDUE_EVERY_DAYS;

export type ReminderSlot = {
  /** 'd-7', 'd-1', 'd0', 'd+7', 'd+14', … */
  slot: string;
  /** days relative to the deadline */
  offset: number;
  /** the Danish calendar day it falls on */
  day: string;
  dueAt: Date;
  /** after the deadline day: the task is overdue for whoever is still missing */
  overdue: boolean;
};

export type ScheduleInput = {
  /** yyyy-mm-dd, the last day that counts as in time */
  deadline: string;
  /** null/undefined = the default offsets */
  offsets?: readonly number[] | null;
  now: Date;
  /** the task's own last mail to the addressees (publication, deadline change): slots up to the end of that Danish day do not count */
  mailedAt?: Date | null;
  graceMs?: number;
};

export type Schedule = {
  /** Every slot due by now (and after the day of mailedAt), oldest first. */
  due: ReminderSlot[];
  /** The one slot to send now: the newest due slot if it is at most graceMs old, else null. */
  send: ReminderSlot | null;
  /** The first slot due after now; null once the last one (LAST_OVERDUE_DAYS after the deadline) has passed. */
  next: ReminderSlot | null;
  /**
   * When the sweep should look at the subject again: the next slot, or, when none is left, the end
   * of the last one's grace period (remindersEndAt), after which sweepsDeadlinesFrom leaves it out.
   */
  wakeAt: Date;
};

export const slotName = (offset: number) => (offset === 0 ? 'd0' : offset > 0 ? `d+${offset}` : `d${offset}`);

/**
 * Valid custom offsets: whole days from MAX_OFFSET_DAYS before the deadline to LAST_OVERDUE_DAYS
 * after it, each once, in order; null = the default.
 */
export function normaliseOffsets(offsets: readonly number[] | null | undefined): number[] {
  const list = offsets ?? DEFAULT_OFFSETS;
  return [...new Set(list.filter((n) => Number.isInteger(n) && n >= -MAX_OFFSET_DAYS && n <= LAST_OVERDUE_DAYS))].sort((a, b) => a - b);
}

/**
 * The moment a deadline's automatic reminders are over: the day after the last slot's grace period
 * has run out. From then on the sweep does not even look at the subject (sweepsDeadlinesFrom).
 */
export const remindersEndAt = (deadline: string) => danishTime(addDays(deadline, LAST_OVERDUE_DAYS + GRACE_DAYS + 1), 0);

/**
 * The oldest deadline the sweep still looks at on `now`'s Danish day: anything older has had its last
 * slot and that slot's grace period. A subject never swept before (next_reminder_at null) with a
 * deadline months past is thus left alone, rather than mailed on the first minute.
 */
export const sweepsDeadlinesFrom = (now: Date) => addDays(danishDay(now), -(LAST_OVERDUE_DAYS + GRACE_DAYS));

export function reminderSchedule(input: ScheduleInput): Schedule {
  const { deadline, now } = input;
  const graceMs = input.graceMs ?? GRACE_MS;
  const notBefore = input.mailedAt ? danishTime(addDays(danishDay(input.mailedAt), 1), 0).getTime() : -Infinity;
  const fixed = normaliseOffsets(input.offsets);
  const slot = (offset: number): ReminderSlot => {
    const day = addDays(deadline, offset);
    return { slot: slotName(offset), offset, day, dueAt: danishTime(day, REMINDER_HOUR), overdue: offset > 0 };
  };
  const counts = (s: ReminderSlot) => s.dueAt.getTime() >= notBefore;

  const offsets = new Set(fixed);
  for (let days = OVERDUE_EVERY_DAYS; days <= LAST_OVERDUE_DAYS; days += OVERDUE_EVERY_DAYS) offsets.add(days);
  const slots = [...offsets].sort((a, b) => a - b).map(slot);

  const due = slots.filter((s) => s.dueAt <= now && counts(s));
  const newest = due[due.length - 1];
  const send = newest && now.getTime() - newest.dueAt.getTime() <= graceMs ? newest : null;

  const next = slots.find((s) => s.dueAt > now && counts(s)) ?? null;
  return { due, send, next, wakeAt: next?.dueAt ?? remindersEndAt(deadline) };
}

/** The next `count` automatic reminders after now, as the reminder page lists them. */
export function upcomingSlots(input: Omit<ScheduleInput, 'now'>, now: Date, count = 4): ReminderSlot[] {
  const out: ReminderSlot[] = [];
  let at = now;
  for (let i = 0; i < count; i++) {
    const next = reminderSchedule({ ...input, now: at }).next;
    if (!next) break;
    out.push(next);
    at = next.dueAt;
  }
  return out;
}

/** The slot as stored in task_reminder: qualified by the deadline, so a moved deadline gets its own reminders. */
export const storedSlot = (slot: string, deadline: string) => `${slot}@${deadline}`;
export const manualSlot = (roundId: string) => `manual-${roundId}`;

/** What a stored slot was, for the history: 'd-7@2025-06-20' → offset -7 for that deadline; 'manual-…' → manual. */
export function parseStoredSlot(stored: string): { manual: true } | { manual: false; offset: number; deadline: string } | null {
  if (stored.startsWith('manual-')) return { manual: true };
  const m = /^d([+-]?\d+)@(\d{4}-\d{2}-\d{2})$/.exec(stored);
  return m ? { manual: false, offset: Number(m[1]), deadline: m[2]! } : null;
}

/** "7 dage før fristen", "1 dag før fristen", "på fristdagen", "14 dage efter fristen". */
export function offsetLabel(offset: number): string {
  if (offset === 0) return 'på fristdagen';
  const n = Math.abs(offset);
  return `${n} ${n === 1 ? 'dag' : 'dage'} ${offset < 0 ? 'før' : 'efter'} fristen`;
}

// --- Danish calendar arithmetic -------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayUtc = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};

export const addDays = (day: string, n: number) => new Date(dayUtc(day) + n * DAY_MS).toISOString().slice(0, 10);
/** Whole days from a to b (b − a). */
export const dayDiff = (a: string, b: string) => Math.round((dayUtc(b) - dayUtc(a)) / DAY_MS);

