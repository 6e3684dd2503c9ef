import { describe, expect, it } from 'vitest';
import { danishMidnight, danishTime } from '../days.ts';
import {
  byDanish,
  danishCompare,
  danishDay,
  formatDate,
  formatDateLong,
  formatDateTime,
  formatDateTimeLong,
  formatDateTimeSeconds,
  formatDayLong,
  formatDeadline,
  formatNumber,
  formatTime,
  sameDanishText,
} from './format.ts';

const at = (iso: string) => new Date(iso);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('dates and times', () => {
  it('shows a day as 28.05.2025 in tables and 28. maj 2025 in running text', () => {
    expect(formatDeadline('2025-05-28')).toBe('28.05.2025');
    expect(formatDayLong('2025-05-28')).toBe('28. maj 2025');
    expect(formatDayLong('2026-01-06')).toBe('6. januar 2026');
    expect(formatDayLong('2026-12-31')).toBe('31. december 2026');
  });

  it('shows an instant in Danish time: 28.05.2025 kl. 14.05, 28. maj 2025 kl. 14.05', () => {
    const d = at('2025-05-28T12:05:42Z'); // summer time, UTC+2
    expect(formatDate(d)).toBe('28.05.2025');
    expect(formatDateLong(d)).toBe('28. maj 2025');
    expect(formatTime(d)).toBe('kl. 14.05');
    expect(formatDateTime(d)).toBe('28.05.2025 kl. 14.05');
    expect(formatDateTimeLong(d)).toBe('28. maj 2025 kl. 14.05');
    expect(formatDateTimeSeconds(d)).toBe('28.05.2025 kl. 14.05.42');
    // winter time, UTC+1; single-digit day and month get their leading zero in tables
    expect(formatDateTime(at('2026-02-03T08:04:00Z'))).toBe('03.02.2026 kl. 09.04');
  });

  it('writes midnight as kl. 00.00 and counts it to the new Danish day', () => {
    const midnight = at('2025-12-31T23:00:00Z');
    expect(formatDateTime(midnight)).toBe('01.01.2026 kl. 00.00');
    expect(danishDay(midnight)).toBe('2026-01-01');
    expect(danishDay(at('2025-12-31T22:59:59Z'))).toBe('2025-12-31');
  });

  it('follows the clock across both DST changes', () => {
    // 30 March 2025 02:00 → 03:00; 26 October 2025 03:00 → 02:00
    expect(formatDateTime(at('2025-03-30T00:59:00Z'))).toBe('30.03.2025 kl. 01.59');
    expect(formatDateTime(at('2025-03-30T01:00:00Z'))).toBe('30.03.2025 kl. 03.00');
    expect(formatDateTime(at('2025-10-26T00:30:00Z'))).toBe('26.10.2025 kl. 02.30');
    expect(formatDateTime(at('2025-10-26T01:30:00Z'))).toBe('26.10.2025 kl. 02.30');
    expect(formatDateTime(at('2025-10-26T02:00:00Z'))).toBe('26.10.2025 kl. 03.00');
    // the Danish day starts at 22:00 UTC in summer and 23:00 UTC in winter
    expect(danishDay(at('2025-06-30T22:00:00Z'))).toBe('2025-07-01');
    expect(danishDay(at('2025-01-30T22:00:00Z'))).toBe('2025-01-30');
  });

  it('has 23, 24 and 25 hour Danish days, each starting at Danish midnight', () => {
    const hours = (day: string) => (danishMidnight(nextDay(day)).getTime() - danishMidnight(day).getTime()) / 3_600_000;
    expect(hours('2025-03-30')).toBe(23);
    expect(hours('2025-10-26')).toBe(25);
    expect(hours('2025-06-01')).toBe(24);
    expect(danishMidnight('2025-10-26').toISOString()).toBe('2025-10-25T22:00:00.000Z');
    expect(danishMidnight('2025-10-27').toISOString()).toBe('2025-10-26T23:00:00.000Z');
    for (let day = '2025-01-01'; day <= '2025-12-31'; day = nextDay(day)) {
      expect(formatDateTime(danishTime(day, 9))).toBe(`${formatDeadline(day)} kl. 09.00`);
      expect(danishDay(danishMidnight(day))).toBe(day);
    }
  });

  it('places a Danish wall-clock time at the right instant, UTC+1 in winter and UTC+2 in summer', () => {
    expect(danishTime('2025-03-29', 9).toISOString()).toBe('2025-03-29T08:00:00.000Z');
    expect(danishTime('2025-03-30', 9).toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(danishTime('2025-10-25', 9).toISOString()).toBe('2025-10-25T07:00:00.000Z');
    expect(danishTime('2025-10-26', 9).toISOString()).toBe('2025-10-26T08:00:00.000Z');
    expect(danishTime('2025-10-26', 7).toISOString()).toBe('2025-10-26T06:00:00.000Z');
    // a time in the skipped spring hour reads as the same time on the advanced clock
    expect(danishTime('2025-03-30', 2, 30).toISOString()).toBe('2025-03-30T01:30:00.000Z');
  });
});

describe('Danish order', () => {
  it('sorts Æ, Ø, Å after Z and Aa as Å', () => {
    const names = ['Aabenraa', 'Ærø', 'Vallensbæk', 'Økonomi', 'Albertslund', 'Aarhus', 'Åbo', 'Zealand', 'Høje-Taastrup', 'Hørsholm'];
    expect([...names].sort(danishCompare)).toEqual([
      'Albertslund',
      'Høje-Taastrup',
      'Hørsholm',
      'Vallensbæk',
      'Zealand',
      'Ærø',
      'Økonomi',
      'Aabenraa',
      'Åbo',
      'Aarhus',
    ]);
    expect([{ t: 'Ø' }, { t: 'Æ' }, { t: 'A' }].sort(byDanish((r) => r.t)).map((r) => r.t)).toEqual(['A', 'Æ', 'Ø']);
  });

  it('matches names a user typed regardless of case', () => {
    expect(sameDanishText('faxe', 'Faxe')).toBe(true);
    expect(sameDanishText('Ærø', 'Aero')).toBe(false);
  });
});

describe('numbers', () => {
  it('groups thousands with a dot', () => {
    expect(formatNumber(58341)).toBe('58.341');
    expect(formatNumber(10000)).toBe('10.000');
  });
});
