import { describe, expect, it } from 'vitest';
import { monthlyPoints, thinForWidth, type Point } from './figure-points.ts';

const weekly = (weeks: number): Point[] =>
  Array.from({ length: weeks }, (_, w) => ({ on: new Date(Date.UTC(2021, 0, 4 + 7 * w)).toISOString().slice(0, 10), value: w % 10 === 3 ? 1000 : w }));

describe('a long key figure on the page', () => {
  it('lists the last measurement of each month, each a real one with its own day', () => {
    const points = [
      { on: '2025-05-01', value: 89000 },
      { on: '2025-05-23', value: 70000 },
      { on: '2025-06-02', value: 71000 },
      { on: '2025-08-29', value: 88000 },
      { on: '2025-08-30', value: 88500 },
    ];
    expect(monthlyPoints(points)).toEqual([
      { on: '2025-05-23', value: 70000 },
      { on: '2025-06-02', value: 71000 },
      { on: '2025-08-30', value: 88500 },
    ]);
    const five = weekly(260);
    const months = monthlyPoints(five);
    expect(months.length).toBeGreaterThanOrEqual(59);
    expect(months.length).toBeLessThanOrEqual(61);
    expect(months[months.length - 1]).toEqual(five[five.length - 1]);
  });

  it('draws at most four points a pixel column, keeping the first, last and the peaks', () => {
    const daily = Array.from({ length: 1826 }, (_, d) => ({ on: new Date(Date.UTC(2021, 0, 1 + d)).toISOString().slice(0, 10), value: d === 900 ? 99999 : d % 7 }));
    const column = (p: Point) => Math.floor((Date.parse(p.on) - Date.parse('2021-01-01')) / 86_400_000 / 8);
    const thin = thinForWidth(daily, column);
    expect(thin.length).toBeLessThanOrEqual(4 * (column(daily[daily.length - 1]!) + 1));
    expect(thin.length).toBeLessThan(daily.length);
    expect(thin[0]).toEqual(daily[0]);
    expect(thin[thin.length - 1]).toEqual(daily[daily.length - 1]);
    expect(thin).toContainEqual({ on: daily[900]!.on, value: 99999 });
    expect(thin.map((p) => p.on)).toEqual([...thin.map((p) => p.on)].sort());
    // Few enough points: nothing is dropped.
    expect(thinForWidth(weekly(20), (p) => Date.parse(p.on))).toEqual(weekly(20));
  });
});
