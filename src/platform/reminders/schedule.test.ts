import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayDiff,
  GRACE_MS,
  LAST_OVERDUE_DAYS,
  manualSlot,
  normaliseOffsets,
  offsetLabel,
  parseStoredSlot,
  reminderSchedule,
  remindersEndAt,
  slotName,
  sweepsDeadlinesFrom,
  storedSlot,
  upcomingSlots,
} from './schedule.ts';
import { danishTime } from '../days.ts';

const at = (iso: string) => new Date(iso);
const names = (s: { slot: string }[]) => s.map((x) => x.slot);
const copenhagen = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' }).format(d);
describe('day arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-01-03', -7)).toBe('2024-12-27');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(dayDiff('2025-03-29', '2025-04-05')).toBe(7);
    expect(dayDiff('2025-10-30', '2025-10-23')).toBe(-7);
  });
});

describe('reminderSchedule – the default schedule', () => {
  const deadline = '2025-06-20'; // summer time: 09:00 is 07:00Z

  it('has nothing due before 7 days ahead, and the next is d-7 at 09:00 Danish time', () => {
    const s = reminderSchedule({ deadline, now: at('2025-06-01T12:00:00Z') });
    expect(s.due).toEqual([]);
    expect(s.send).toBeNull();
    expect(s.next).toMatchObject({ slot: 'd-7', offset: -7, day: '2025-06-13', overdue: false });
    expect(s.next!.dueAt.toISOString()).toBe('2025-06-13T07:00:00.000Z');
  });

  it('is due exactly at its time, not a minute before', () => {
    expect(reminderSchedule({ deadline, now: at('2025-06-13T06:59:59Z') }).send).toBeNull();
    const s = reminderSchedule({ deadline, now: at('2025-06-13T07:00:00Z') });
    expect(s.send?.slot).toBe('d-7');
    expect(s.next!.slot).toBe('d-1');
    expect(s.next!.dueAt.toISOString()).toBe('2025-06-19T07:00:00.000Z');
  });

  it('sends only the newest due slot; the older ones were sent (or superseded)', () => {
    const s = reminderSchedule({ deadline, now: at('2025-06-19T07:05:00Z') });
    expect(names(s.due)).toEqual(['d-7', 'd-1']);
    expect(s.send?.slot).toBe('d-1');
    expect(s.next).toMatchObject({ slot: 'd0', day: '2025-06-20', overdue: false });
  });

  it('on the deadline day is not overdue; the first overdue reminder is 7 days after', () => {
    const s = reminderSchedule({ deadline, now: at('2025-06-20T09:00:00Z') });
    expect(s.send).toMatchObject({ slot: 'd0', overdue: false });
    expect(s.next).toMatchObject({ slot: 'd+7', day: '2025-06-27', overdue: true });
  });

  it('keeps reminding every 7 days while overdue', () => {
    const s = reminderSchedule({ deadline, now: at('2025-07-04T07:00:00Z') });
    expect(names(s.due)).toEqual(['d-7', 'd-1', 'd0', 'd+7', 'd+14']);
    expect(s.send).toMatchObject({ slot: 'd+14', overdue: true });
    expect(s.next).toMatchObject({ slot: 'd+21', day: '2025-07-11' });
  });

  it('drops a slot older than the grace period (after an outage) and waits for the next', () => {
    const d0 = danishTime(deadline, 9).getTime();
    expect(reminderSchedule({ deadline, now: new Date(d0 + GRACE_MS) }).send?.slot).toBe('d0');
    const late = reminderSchedule({ deadline, now: new Date(d0 + GRACE_MS + 1) });
    expect(late.send).toBeNull();
    expect(late.next!.slot).toBe('d+7');
  });

  it('overdue reminders run for eight weeks after the deadline, then end', () => {
    const lastWeek = reminderSchedule({ deadline, now: at('2025-08-08T07:00:00Z') });
    expect(lastWeek.send).toMatchObject({ slot: 'd+49', overdue: true });
    expect(lastWeek.next).toMatchObject({ slot: 'd+56', day: '2025-08-15' });
    const last = reminderSchedule({ deadline, now: at('2025-08-15T07:00:00Z') });
    expect(last.send?.slot).toBe('d+56');
    expect(last.next).toBeNull();
    // The sweep looks once more when the grace period of d+56 is over, and then never again.
    expect(last.wakeAt).toEqual(remindersEndAt(deadline));
    expect(copenhagen(last.wakeAt)).toBe('2025-08-19 00:00');
    expect(sweepsDeadlinesFrom(at('2025-08-18T12:00:00Z'))).toBe(deadline);
    expect(sweepsDeadlinesFrom(last.wakeAt) > deadline).toBe(true);
  });

  it('a deadline long past (reminders switched on for old data): nothing to send, nothing to come, no backlog', () => {
    const old = '2020-01-10';
    const now = at('2025-06-25T12:00:00Z');
    const s = reminderSchedule({ deadline: old, now });
    expect(s.send).toBeNull();
    expect(s.next).toBeNull();
    expect(names(s.due)).toEqual(['d-7', 'd-1', 'd0', 'd+7', 'd+14', 'd+21', 'd+28', 'd+35', 'd+42', 'd+49', 'd+56']);
    expect(sweepsDeadlinesFrom(now) > old).toBe(true);
    expect(upcomingSlots({ deadline: old }, now)).toEqual([]);
  });

  it('custom offsets beyond the last overdue reminder are ignored', () => {
    expect(normaliseOffsets([-14, 30, 56, 57, 90])).toEqual([-14, 30, 56]);
  });

  it('spans the year boundary', () => {
    const s = reminderSchedule({ deadline: '2025-01-03', now: at('2024-12-27T08:00:00Z') });
    expect(s.send).toMatchObject({ slot: 'd-7', day: '2024-12-27' });
    expect(s.send?.dueAt.toISOString()).toBe('2024-12-27T08:00:00.000Z');
  });
});

describe('reminderSchedule – DST change weeks', () => {
  it('spring: d-7 in winter time, d-1 and d0 in summer time', () => {
    const deadline = '2025-04-02';
    const s = reminderSchedule({ deadline, now: at('2025-04-02T07:00:00Z') });
    expect(s.due.map((x) => x.dueAt.toISOString())).toEqual(['2025-03-26T08:00:00.000Z', '2025-04-01T07:00:00.000Z', '2025-04-02T07:00:00.000Z']);
    expect(s.send?.slot).toBe('d0');
    // 07:30Z the day before is 08:30 on the Danish clock (summer): d-1 is not yet due.
    expect(reminderSchedule({ deadline, now: at('2025-04-01T06:30:00Z') }).next!.slot).toBe('d-1');
  });

  it('spring: a deadline on the changeover Sunday itself', () => {
    const s = reminderSchedule({ deadline: '2025-03-30', now: at('2025-03-30T07:00:00Z') });
    expect(s.send?.slot).toBe('d0');
    expect(s.due.map((x) => x.dueAt.toISOString())).toEqual(['2025-03-23T08:00:00.000Z', '2025-03-29T08:00:00.000Z', '2025-03-30T07:00:00.000Z']);
    // 08:00Z on the Sunday would be 09:00 in winter time, but it is 10:00: a naive +1h is an hour late.
    expect(reminderSchedule({ deadline: '2025-03-30', now: at('2025-03-30T06:59:00Z') }).send?.slot).toBe('d-1');
  });

  it('autumn: d-7 and d-1 in summer time, d0 and the overdue ones in winter time', () => {
    const deadline = '2025-10-26';
    const s = reminderSchedule({ deadline, now: at('2025-11-02T08:00:00Z') });
    expect(s.due.map((x) => `${x.slot} ${x.dueAt.toISOString()}`)).toEqual([
      'd-7 2025-10-19T07:00:00.000Z',
      'd-1 2025-10-25T07:00:00.000Z',
      'd0 2025-10-26T08:00:00.000Z',
      'd+7 2025-11-02T08:00:00.000Z',
    ]);
    // 07:30Z on the changeover Sunday is 08:30 Danish (winter): d0 is not due yet.
    expect(reminderSchedule({ deadline, now: at('2025-10-26T07:30:00Z') }).send?.slot).toBe('d-1');
  });
});

describe('reminderSchedule – publication and deadline changes (mailedAt)', () => {
  it('a task published after d-7 never sends d-7; its first reminder is d-1', () => {
    const published = at('2025-06-16T10:00:00Z');
    const s = reminderSchedule({ deadline: '2025-06-20', now: published, mailedAt: published });
    expect(s.due).toEqual([]);
    expect(s.send).toBeNull();
    expect(s.next!.slot).toBe('d-1');
  });

  it('nothing on the day of publication: published 08:59, no reminder at 09:00', () => {
    const published = at('2025-06-13T06:59:00Z');
    const s = reminderSchedule({ deadline: '2025-06-20', now: at('2025-06-13T07:00:00Z'), mailedAt: published });
    expect(s.send).toBeNull();
    expect(s.next!.slot).toBe('d-1');
    const onTheDay = reminderSchedule({ deadline: '2025-06-20', now: at('2025-06-20T07:00:00Z'), mailedAt: at('2025-06-20T06:00:00Z') });
    expect(onTheDay.send).toBeNull();
    expect(onTheDay.next!.slot).toBe('d+7');
    // From the next Danish day on (00:00 local, 22:00Z the evening before in summer) slots count again.
    const evening = reminderSchedule({ deadline: '2025-06-20', now: at('2025-06-19T07:00:00Z'), mailedAt: at('2025-06-18T21:59:00Z') });
    expect(evening.send?.slot).toBe('d-1');
    const lateEvening = reminderSchedule({ deadline: '2025-06-20', now: at('2025-06-19T07:00:00Z'), mailedAt: at('2025-06-18T22:00:00Z') });
    expect(lateEvening.send).toBeNull();
  });

  it('a task published long after its deadline starts with the next weekly overdue reminder', () => {
    const published = at('2025-07-01T10:00:00Z');
    const s = reminderSchedule({ deadline: '2025-06-20', now: at('2025-07-01T10:01:00Z'), mailedAt: published });
    expect(s.send).toBeNull();
    expect(s.next).toMatchObject({ slot: 'd+14', day: '2025-07-04', overdue: true });
  });

  it("deadline moved later after d0 went out: nothing now, then the new deadline's own d-7", () => {
    const changed = at('2025-06-22T10:00:00Z');
    const s = reminderSchedule({ deadline: '2025-07-15', now: changed, mailedAt: changed });
    expect(s.due).toEqual([]);
    expect(s.next).toMatchObject({ slot: 'd-7', day: '2025-07-08' });
    const later = reminderSchedule({ deadline: '2025-07-15', now: at('2025-07-08T07:00:00Z'), mailedAt: changed });
    expect(later.send?.slot).toBe('d-7');
  });

  it('deadline moved earlier past its new d-7: no late d-7, the next is the new d-1', () => {
    const changed = at('2025-06-10T10:00:00Z');
    const s = reminderSchedule({ deadline: '2025-06-15', now: changed, mailedAt: changed });
    expect(s.send).toBeNull();
    expect(s.next).toMatchObject({ slot: 'd-1', day: '2025-06-14' });
  });

  it('deadline moved earlier into the past: the next is a weekly overdue reminder', () => {
    const changed = at('2025-06-10T10:00:00Z');
    const s = reminderSchedule({ deadline: '2025-06-01', now: changed, mailedAt: changed });
    expect(s.send).toBeNull();
    expect(s.next).toMatchObject({ slot: 'd+14', day: '2025-06-15', overdue: true });
  });
});

describe('reminderSchedule – custom offsets', () => {
  it('replace the fixed ones; the weekly overdue reminders stay', () => {
    const s = reminderSchedule({ deadline: '2025-06-20', offsets: [2, -14, -3], now: at('2025-06-28T07:00:00Z') });
    expect(names(s.due)).toEqual(['d-14', 'd-3', 'd+2', 'd+7']);
    expect(s.due.find((x) => x.slot === 'd+2')?.overdue).toBe(true);
  });

  it('an empty list means only the overdue reminders; invalid entries are ignored, duplicates merged', () => {
    expect(normaliseOffsets([])).toEqual([]);
    expect(normaliseOffsets(null)).toEqual([-7, -1, 0]);
    expect(normaliseOffsets([0, -1.5, 9999, -1, 0, 7])).toEqual([-1, 0, 7]);
    const s = reminderSchedule({ deadline: '2025-06-20', offsets: [], now: at('2025-06-01T00:00:00Z') });
    expect(s.next!.slot).toBe('d+7');
    const merged = reminderSchedule({ deadline: '2025-06-20', offsets: [7], now: at('2025-07-01T00:00:00Z') });
    expect(names(merged.due)).toEqual(['d+7']);
  });
});

describe('reminderSchedule – invariants', () => {
  it('next is after now until the last slot, due is never after now, and send is the newest due slot', () => {
    const deadline = '2025-03-30';
    const lastSlot = danishTime(addDays(deadline, LAST_OVERDUE_DAYS), 9);
    for (let t = at('2025-02-01T00:00:00Z').getTime(); t < at('2025-06-01T00:00:00Z').getTime(); t += 3 * 3600_000 + 17 * 60_000) {
      const now = new Date(t);
      const s = reminderSchedule({ deadline, now });
      if (now < lastSlot) expect(s.next!.dueAt > now).toBe(true);
      else expect(s.next).toBeNull();
      if (now < remindersEndAt(deadline)) expect(s.wakeAt > now).toBe(true);
      expect(s.due.every((x) => x.dueAt <= now)).toBe(true);
      if (s.send) expect(s.send).toEqual(s.due.at(-1));
      // The next slot's time comes strictly after every due one's.
      if (s.due.length && s.next) expect(s.next.dueAt > s.due.at(-1)!.dueAt).toBe(true);
    }
  });
});

describe('slot names', () => {
  it('name offsets and qualify stored slots by the deadline', () => {
    expect([-7, -1, 0, 7, 14].map(slotName)).toEqual(['d-7', 'd-1', 'd0', 'd+7', 'd+14']);
    expect(storedSlot('d-7', '2025-06-20')).toBe('d-7@2025-06-20');
    expect(parseStoredSlot('d-7@2025-06-20')).toEqual({ manual: false, offset: -7, deadline: '2025-06-20' });
    expect(parseStoredSlot('d+14@2025-06-20')).toEqual({ manual: false, offset: 14, deadline: '2025-06-20' });
    expect(parseStoredSlot('d0@2025-06-20')).toEqual({ manual: false, offset: 0, deadline: '2025-06-20' });
    expect(parseStoredSlot(manualSlot('8f7c1f6e-0000-4000-8000-000000000000'))).toEqual({ manual: true });
    expect(parseStoredSlot('nonsense')).toBeNull();
    expect(offsetLabel(-7)).toBe('7 dage før fristen');
    expect(offsetLabel(-1)).toBe('1 dag før fristen');
    expect(offsetLabel(0)).toBe('på fristdagen');
    expect(offsetLabel(14)).toBe('14 dage efter fristen');
  });
});

describe('upcomingSlots', () => {
  it('lists the next reminders in order, into the overdue ones, and skips those up to the day of the last mail', () => {
    const next = upcomingSlots({ deadline: '2025-06-20' }, at('2025-06-01T00:00:00Z'));
    expect(names(next)).toEqual(['d-7', 'd-1', 'd0', 'd+7']);
    expect(next.map((s) => copenhagen(s.dueAt))).toEqual(['2025-06-13 09:00', '2025-06-19 09:00', '2025-06-20 09:00', '2025-06-27 09:00']);
    const afterMail = upcomingSlots({ deadline: '2025-06-20', mailedAt: at('2025-06-19T10:00:00Z') }, at('2025-06-01T00:00:00Z'), 2);
    expect(names(afterMail)).toEqual(['d0', 'd+7']);
  });
});
