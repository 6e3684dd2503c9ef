/**
 * Money is whole øre in a JS number: exact up to 2^53 øre (about 90 billion billion kr.), far
 * beyond any invoice, and it stores as an integer column without a decimal type. A float never
 * enters: every function refuses a non-integer or an unsafe value with a RangeError, because a
 * fraction of an øre that slipped in would surface later as a total one øre off.
 *
 * Showing an amount ("10.213.737,50 kr.") lives with the other formatters in views/format.ts.
 */

/** The value itself, after checking it is a safe whole number of øre. */
export function assertOre(ore: number, what = 'beløbet'): number {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`${what} skal være et helt antal øre, ikke ${ore}`);
  return ore;
}

const safe = (value: bigint, what: string): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} er for stort til at regne præcist med (${value} øre)`);
  }
  return Number(value);
};

/** rate × quantity, exact (e.g. 2.500 øre × 667.099 indbyggere). */
export function multiplyOre(rateOre: number, quantity: number): number {
  assertOre(rateOre, 'prisen');
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`antallet skal være et helt tal, ikke ${quantity}`);
  return safe(BigInt(rateOre) * BigInt(quantity), 'beløbet');
}

/** The sum of amounts in øre, refusing a sum that is no longer exact. */
export function sumOre(amounts: readonly number[]): number {
  let total = 0n;
  for (const a of amounts) total += BigInt(assertOre(a));
  return safe(total, 'summen');
}

/**
 * percent % of an amount, rounded to the øre half up: 50 % of 25,00 kr. is 12,50 kr. exactly, 50 % of
 * 1,95 kr. (97,5 øre) is 0,98 kr. A negative amount (a credit) rounds half away from zero, so it
 * mirrors the charge it cancels. The percent is a whole number from 0 to 100.
 */
export function percentOfOre(ore: number, percent: number): number {
  assertOre(ore);
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`procentsatsen skal være et helt tal fra 0 til 100, ikke ${percent}`);
  }
  const magnitude = (BigInt(Math.abs(ore)) * BigInt(percent) * 2n + 100n) / 200n;
  return safe(ore < 0 ? -magnitude : magnitude, 'beløbet');
}

/**
 * Split a total into whole-øre shares proportional to the weights (e.g. populations) that add up to
 * the total exactly: each share is first rounded down, and the øre left over go one each to the
 * shares with the largest remainders, ties to the earlier index, so the same input always gives the
 * same shares. BigInt inside keeps 98 weights × 10^12 øre exact. A negative total is split as its
 * positive counterpart and negated. Weights are positive whole numbers (number or bigint); zero,
 * negative and fractional weights and an empty list are refused, since each is a data error (a
 * municipality with no population) that would silently move money to the others.
 */
export function distribute(totalOre: number, weights: readonly (bigint | number)[]): number[] {
  assertOre(totalOre, 'totalen');
  if (weights.length === 0) throw new RangeError('der er ingen at fordele beløbet på');
  const w = weights.map((weight, i) => {
    if (typeof weight === 'number' && !Number.isSafeInteger(weight)) {
      throw new RangeError(`vægt nr. ${i + 1} skal være et helt tal, ikke ${weight}`);
    }
    const b = BigInt(weight);
    if (b <= 0n) throw new RangeError(`vægt nr. ${i + 1} skal være større end 0, ikke ${b}`);
    return b;
  });
  const sum = w.reduce((a, b) => a + b, 0n);
  const total = BigInt(Math.abs(totalOre));
  const shares = w.map((weight) => (total * weight) / sum);
  const remainders = w.map((weight) => (total * weight) % sum);
  let left = total - shares.reduce((a, b) => a + b, 0n);
  const order = w.map((_, i) => i).sort((a, b) => (remainders[a]! === remainders[b]! ? a - b : remainders[a]! > remainders[b]! ? -1 : 1));
  for (const i of order) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map((s) => Number(totalOre < 0 ? -s : s));
}

export type ParsedKroner = { ok: true; ore: number } | { ok: false; message: string };

const KRONER = /^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;

/**
 * An amount typed in a form, in Danish notation: "10.213.737,50", "1234,5", "25 kr.", "25,00 kr.",
 * "-100". Dots group thousands (in threes), a comma starts the øre. Bad input gives a Danish message
 * to show by the field, never an exception: "1.5" is refused rather than guessed, since it reads as
 * both 1,50 kr. and 1.500 kr.
 */
export function parseKroner(text: string): ParsedKroner {
  const cleaned = text
    .trim()
    .replace(/\s*kr\.?$/i, '')
    .replace(/^[−–]/, '-')
    .replace(/[\s\u00a0]/g, '');
  if (cleaned === '' || cleaned === '-') return { ok: false, message: 'Skriv et beløb i kroner, fx 1.234,50.' };
  const m = KRONER.exec(cleaned);
  if (!m) {
    return {
      ok: false,
      message: /^-?[\d.]+$/.test(cleaned) && cleaned.includes('.')
        ? 'Skriv beløbet med punktum mellem tusinder og komma før ørerne, fx 1.234,50.'
        : 'Beløbet kan kun indeholde cifre, punktum mellem tusinder og komma før ørerne, fx 1.234,50.',
    };
  }
  const [, minus, kroner, decimals = ''] = m;
  if (decimals.length > 2) return { ok: false, message: 'Beløbet kan højst have to decimaler (øre).' };
  const ore = BigInt(kroner!.replace(/\./g, '')) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (ore > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: 'Beløbet er for stort.' };
  return { ok: true, ore: minus && ore !== 0n ? -Number(ore) : Number(ore) };
}
