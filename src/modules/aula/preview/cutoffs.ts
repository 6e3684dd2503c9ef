import type { AulaCategory } from '../categories.ts';
import { rulesInForce, type RuleSet } from '../rules/in-force.ts';
import type { DeletionTrigger } from '../schema.ts';

/**
 * When a file's deletion deadline has passed, as a cutoff on its trigger date.
 *
 * A file's deadline is its trigger date plus the category's period in months, the way PostgreSQL
 * adds months (31 January + 1 month = 28 or 29 February), and on the deadline day itself the file
 * is gone: it has passed its deadline on day D when trigger + months ≤ D. Adding months never moves
 * a later day before an earlier one, so those files are exactly the ones whose trigger date is on
 * or before one cutoff day per category, which an index range can find. The cutoff is D minus the
 * months, except that when D is the last day of its month every day of the month the months lead
 * back to counts (30 September: 31 August + 1 month = 30 September has passed).
 */
export function triggerCutoff(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [ty, tm] = monthPlus(y, m, -months);
  const lastOfTarget = daysInMonth(ty, tm);
  const td = d === daysInMonth(y, m) ? lastOfTarget : Math.min(d, lastOfTarget);
  return isoDay(ty, tm, td);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The year and month (1–12) `n` months after (or before, when negative) the given one. */
function monthPlus(year: number, month: number, n: number): [number, number] {
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  return [y, index - y * 12 + 1];
}

const isoDay = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A file's deadline: its trigger date plus the months, as PostgreSQL adds them (shown beside each file in the journaliseringsliste). */
export function deadlineOf(trigger: string, months: number): string {
  const [y, m, d] = trigger.split('-').map(Number) as [number, number, number];
  const [ty, tm] = monthPlus(y, m, months);
  return isoDay(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

export type CategoryCutoff = { category: AulaCategory; cutoff: string; periodMonths: number; trigger: DeletionTrigger };

/**
 * The inventory's date a rule counts from: the file's created date when the rule says "the file
 * was created", else the day of the event Aula exports for the file (the child leaving, the last
 * change). So a version that changes a category's trigger to "oprettet" counts from the created
 * date at once, without a new import.
 */
export const countsFrom = (trigger: DeletionTrigger): 'created_on' | 'trigger_on' => (trigger === 'oprettet' ? 'created_on' : 'trigger_on');

/**
 * Per category, the last trigger date whose file has passed its deadline on the day, under the
 * rules in force that day. Empty before the first rule version: then nothing is due.
 */
export function cutoffsOn(sets: readonly RuleSet[], day: string): CategoryCutoff[] {
  const set = rulesInForce(sets, day);
  if (!set) return [];
  return set.rules.map((r) => ({ category: r.category, cutoff: triggerCutoff(day, r.periodMonths), periodMonths: r.periodMonths, trigger: r.trigger }));
}

/** The last day of each of the `count` months starting with the month of `day` (the chart's months). */
export function monthEnds(day: string, count: number): string[] {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const ends: string[] = [];
  for (let i = 0; i < count; i++) {
    const [ty, tm] = monthPlus(y, m, i);
    ends.push(isoDay(ty, tm, daysInMonth(ty, tm)));
  }
  return ends;
}
