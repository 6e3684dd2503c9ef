import { RE2JS } from 're2js';

/**
 * A step's answer pattern, run by RE2 (re2js) instead of the JavaScript RegExp engine. JavaScript
 * backtracks: `(a+)+` against 28 a's and a "!" took seconds and blocked every other request. RE2
 * matches in time linear in the answer times the size of the compiled pattern, so patterns are
 * refused at authoring when they use what RE2 cannot do in linear time (back-references,
 * lookaround) or compile to a program so large that a 200-character answer would be slow.
 */

/** About 25 ms for a 200-character answer at this size on a slow machine; real patterns use < 50. */
const MAX_PROGRAM_SIZE = 500;

export type CompiledPattern = { ok: true; re: RE2JS } | { ok: false; message: string };

const INVALID = 'Mønsteret er ikke et gyldigt regulært udtryk, fx ^[0-9]{6}$';
const UNSUPPORTED = 'Mønsteret må ikke bruge tilbagereferencer (fx \\1) eller lookaround (fx (?=…) eller (?<!…)); skriv det uden, fx ^[0-9]{6}$';
const TOO_COMPLEX = 'Mønsteret er for komplekst; brug færre eller mindre gentagelser, fx ^[0-9]{6}$';

// The syntax RE2 refuses because it needs backtracking; named to the author instead of a parse error.
const BACKTRACKING_SYNTAX = /\\[1-9]|\\k<|\(\?<?[=!]/;

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 1000;

function compile(pattern: string): CompiledPattern {
  try {
    // The pattern alone first, so that `a)|(b` cannot escape the anchoring group below.
    RE2JS.compile(pattern);
  } catch {
    return { ok: false, message: BACKTRACKING_SYNTAX.test(pattern) ? UNSUPPORTED : INVALID };
  }
  // Anchored to the whole answer, as it always was, whether or not the author wrote ^ and $.
  const re = RE2JS.compile(`^(?:${pattern})$`);
  if (re.programSize() > MAX_PROGRAM_SIZE) return { ok: false, message: TOO_COMPLEX };
  return { ok: true, re };
}

/** The pattern compiled for matching answers, or the Danish reason it cannot be used. */
export function compileAnswerPattern(pattern: string): CompiledPattern {
  let hit = cache.get(pattern);
  if (!hit) {
    hit = compile(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, hit);
  }
  return hit;
}

/**
 * True when the pattern accepts the whole value. A stored pattern that cannot be used (saved before
 * patterns were checked this way) accepts everything, as a broken pattern always has: refusing
 * every answer would block the municipalities, and running it in JavaScript could stall the server.
 */
export function matchesAnswerPattern(pattern: string, value: string): boolean {
  const c = compileAnswerPattern(pattern);
  return c.ok ? c.re.test(value) : true;
}
