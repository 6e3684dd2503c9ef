import { describe, expect, it } from 'vitest';
import { deadlineOf, monthEnds, triggerCutoff } from './cutoffs.ts';

/** Every trigger day of a span, checked one by one: the cutoff must split them exactly where deadlineOf does. */
function bruteCutoff(day: string, months: number): string {
  let best = '';
  for (let t = Date.UTC(1990, 0, 1); t <= Date.parse(`${day}T00:00:00Z`); t += 86_400_000) {
    const trigger = new Date(t).toISOString().slice(0, 10);
    if (deadlineOf(trigger, months) <= day) best = trigger;
  }
  return best;
}

describe('the deletion cutoff', () => {
  it('is the day the months lead back to, so a file whose deadline is the day itself has passed it', () => {
    expect(triggerCutoff('2027-03-01', 36)).toBe('2024-03-01');
    expect(deadlineOf('2024-03-01', 36)).toBe('2027-03-01');
    expect(deadlineOf('2024-03-02', 36)).toBe('2027-03-02');
  });

  it('takes the whole month the months lead back to when the day is the last of its month', () => {
    expect(triggerCutoff('2026-09-30', 1)).toBe('2026-08-31');
    expect(triggerCutoff('2027-02-28', 12)).toBe('2026-02-28');
    expect(triggerCutoff('2025-02-28', 12)).toBe('2024-02-29');
    expect(triggerCutoff('2024-03-30', 1)).toBe('2024-02-29');
    expect(deadlineOf('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('agrees with adding the months to every trigger day', () => {
    for (const day of ['2026-03-31', '2026-02-28', '2028-02-29', '2027-03-01', '2026-12-15', '2027-01-30']) {
      for (const months of [1, 6, 13, 24, 36, 60]) expect(triggerCutoff(day, months), `${day} − ${months}`).toBe(bruteCutoff(day, months));
    }
  });

  it('lists the last day of the coming months, the first being this month', () => {
    expect(monthEnds('2026-12-06', 3)).toEqual(['2026-12-31', '2027-01-31', '2027-02-28']);
    expect(monthEnds('2027-11-15', 24).at(-1)).toBe('2029-10-31');
  });
});
