import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertOre, distribute, multiplyOre, parseKroner, percentOfOre, sumOre } from './money.ts';
import { formatHundredths, formatKroner, formatRate } from './views/format.ts';

const populations = readFileSync(new URL('../db/reference/municipalities.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => Number(line.split(',')[5]));

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('showing amounts', () => {
  it('shows øre as Danish kroner with thousands dots, a decimal comma and two decimals', () => {
    expect(formatKroner(1_021_373_750)).toBe('10.213.737,50 kr.');
    expect(formatKroner(0)).toBe('0,00 kr.');
    expect(formatKroner(5)).toBe('0,05 kr.');
    expect(formatKroner(100)).toBe('1,00 kr.');
    expect(formatKroner(99_999)).toBe('999,99 kr.');
    expect(formatKroner(100_000)).toBe('1.000,00 kr.');
    expect(formatKroner(-123_450)).toBe('-1.234,50 kr.');
    expect(formatKroner(-5)).toBe('-0,05 kr.');
    expect(formatKroner(Number.MAX_SAFE_INTEGER)).toBe('90.071.992.547.409,91 kr.');
    expect(formatRate(2_500)).toBe('25,00 kr.');
    expect(formatRate(190)).toBe('1,90 kr.');
  });

  it('refuses to show a fraction of an øre or an unsafe number', () => {
    expect(() => formatKroner(12.5)).toThrow(RangeError);
    expect(() => formatKroner(Number.NaN)).toThrow(RangeError);
    expect(() => formatKroner(2 ** 53)).toThrow(RangeError);
  });

  it('shows a weighted population in hundredths without trailing zeros', () => {
    expect(formatHundredths(40_854_950)).toBe('408.549,5');
    expect(formatHundredths(15_000_000)).toBe('150.000');
    expect(formatHundredths(125)).toBe('1,25');
  });
});

describe('reading amounts typed in a form', () => {
  it('reads Danish notation with or without "kr."', () => {
    expect(parseKroner('10.213.737,50')).toEqual({ ok: true, ore: 1_021_373_750 });
    expect(parseKroner('1234,5')).toEqual({ ok: true, ore: 123_450 });
    expect(parseKroner('25 kr.')).toEqual({ ok: true, ore: 2_500 });
    expect(parseKroner('25,00 kr.')).toEqual({ ok: true, ore: 2_500 });
    expect(parseKroner(' 1,9 kr ')).toEqual({ ok: true, ore: 190 });
    expect(parseKroner('0')).toEqual({ ok: true, ore: 0 });
    expect(parseKroner('-1.234,50 kr.')).toEqual({ ok: true, ore: -123_450 });
    expect(parseKroner('1 234,50')).toEqual({ ok: true, ore: 123_450 });
  });

  it('reads back what it shows', () => {
    for (const ore of [0, 1, 99, 100, 2_500, 123_450, -123_450, 1_021_373_750, Number.MAX_SAFE_INTEGER]) {
      expect(parseKroner(formatKroner(ore))).toEqual({ ok: true, ore });
    }
  });

  it('refuses bad input with a Danish message and no guess', () => {
    const refused = (text: string) => {
      const r = parseKroner(text);
      expect(r.ok, text).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(refused('')).toBe('Skriv et beløb i kroner, fx 1.234,50.');
    expect(refused('kr.')).toBe('Skriv et beløb i kroner, fx 1.234,50.');
    expect(refused('1.5')).toContain('punktum mellem tusinder og komma før ørerne');
    expect(refused('12.34.567')).toContain('punktum mellem tusinder og komma før ørerne');
    expect(refused('1,234')).toBe('Beløbet kan højst have to decimaler (øre).');
    expect(refused('25 euro')).toContain('kan kun indeholde cifre');
    expect(refused('1e5')).toContain('kan kun indeholde cifre');
    expect(refused('100.000.000.000.000,00')).toBe('Beløbet er for stort.');
  });
});

describe('arithmetic in øre', () => {
  it('refuses non-integers and results beyond exact numbers', () => {
    expect(assertOre(42)).toBe(42);
    expect(() => assertOre(0.1 + 0.2)).toThrow(RangeError);
    expect(() => multiplyOre(2_500, 1.5)).toThrow(RangeError);
    expect(() => multiplyOre(Number.MAX_SAFE_INTEGER, 2)).toThrow(/for stort/);
    expect(() => sumOre([Number.MAX_SAFE_INTEGER, 1])).toThrow(/for stort/);
    expect(multiplyOre(2_500, 667_099)).toBe(1_667_747_500);
  });

  it('rounds a percent of an amount to the øre half up', () => {
    expect(percentOfOre(2_500, 50)).toBe(1_250); // 25,00 kr. × 50 % = 12,50 kr. exactly
    expect(percentOfOre(195, 50)).toBe(98); // 97,5 øre → 98
    expect(percentOfOre(1, 50)).toBe(1); // 0,5 øre → 1
    expect(percentOfOre(193, 50)).toBe(97); // 96,5 øre → 97
    expect(percentOfOre(3, 33)).toBe(1); // 0,99 øre → 1
    expect(percentOfOre(149, 1)).toBe(1); // 1,49 øre → 1
    expect(percentOfOre(-195, 50)).toBe(-98); // a credit mirrors its charge
    expect(() => percentOfOre(100, 12.5)).toThrow(RangeError);
    expect(() => percentOfOre(100, 101)).toThrow(RangeError);
  });
});

describe('distributing a total', () => {
  it('gives a lone øre over 98 equal shares to the first', () => {
    const shares = distribute(1, Array(98).fill(1));
    expect(sum(shares)).toBe(1);
    expect(shares[0]).toBe(1);
    expect(shares.slice(1).every((s) => s === 0)).toBe(true);
  });

  it('splits 10 kr. over three equal weights as 3,34 + 3,33 + 3,33', () => {
    expect(distribute(1_000, [1, 1, 1])).toEqual([334, 333, 333]);
    expect(distribute(1_000, [1n, 1n, 1n])).toEqual([334, 333, 333]);
    expect(distribute(-1_000, [1, 1, 1])).toEqual([-334, -333, -333]);
  });

  it('gives the left-over øre to the largest remainders', () => {
    // 100 øre over 1:2:3 is 16,67 / 33,33 / 50 øre: floors 16 + 33 + 50 = 99, the øre goes to the ,67
    expect(distribute(100, [1, 2, 3])).toEqual([17, 33, 50]);
  });

  it("shares awkward totals over the 98 municipalities' populations to the øre, each within one øre of its exact share", () => {
    expect(populations).toHaveLength(98);
    const weight = BigInt(sum(populations));
    for (const total of [1, 97, 99, 1_000_003, 1_021_373_751, 999_999_999_999, 1_000_000_000_000, 3_141_592_653_589]) {
      const shares = distribute(total, populations);
      expect(sum(shares), String(total)).toBe(total);
      shares.forEach((s, i) => {
        const exactFloor = (BigInt(total) * BigInt(populations[i]!)) / weight;
        expect(BigInt(s) - exactFloor, `${total} #${i}`).toBeGreaterThanOrEqual(0n);
        expect(BigInt(s) - exactFloor, `${total} #${i}`).toBeLessThanOrEqual(1n);
      });
    }
  });

  it('gives the same shares every time, ties to the earlier index', () => {
    const first = distribute(1_000_000_007, populations);
    expect(distribute(1_000_000_007, populations)).toEqual(first);
    expect(distribute(2, [5, 5, 5])).toEqual([1, 1, 0]);
    expect(distribute(2, [5, 7, 5, 7])).toEqual([0, 1, 0, 1]);
  });

  it('refuses empty, zero, negative and fractional weights and a fractional total', () => {
    expect(() => distribute(100, [])).toThrow('der er ingen at fordele beløbet på');
    expect(() => distribute(100, [3, 0])).toThrow('vægt nr. 2 skal være større end 0');
    expect(() => distribute(100, [3, -1n])).toThrow('vægt nr. 2 skal være større end 0');
    expect(() => distribute(100, [1.5])).toThrow('vægt nr. 1 skal være et helt tal');
    expect(() => distribute(100.5, [1])).toThrow(RangeError);
  });
});
