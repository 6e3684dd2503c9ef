/**
 * A small, safe Markdown renderer for task descriptions and consequences.
 *
 * Supported: paragraphs, line breaks (a single newline), headings (# … ######, rendered one level
 * down from h2 so they sit under the page's h1), **bold**, *italic*, `code`, bullet lists (-, *, +),
 * numbered lists (1. or 1)), and links [text](url) to http(s) and mailto only.
 *
 * Safety: there is no raw HTML. Every piece of text is escaped before it is put into the output,
 * and the only attributes ever written are a link's href (an allowed scheme, escaped) and an
 * ordered list's numeric start. Anything not understood is shown as the text it is.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** http(s) and mailto only; no whitespace or control characters anywhere in the address. */
export function isAllowedUrl(url: string): boolean {
  if (!/^(https?:\/\/[^\s/]|mailto:[^\s])/i.test(url)) return false;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return false;
  }
  return true;
}

/*
 * The inline syntax is read by hand-written scanners, not regular expressions. The expressions this
 * replaced (e.g. `\[([^\]\n]+)\]\(…\)` and lazy `\*\*…\*\*`) scanned to the end of the line from every
 * position where they failed, so 50,000 `[` took seconds. Each scanner below reproduces the match
 * of the expression named in its comment exactly, answering "is there a match at i, and where does
 * it end" in constant time from tables built in one right-to-left pass over the text.
 */

/** JavaScript's `\s`. */
function isSpaceCode(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const BACKTICK = 0x60;
const BRACKET_OPEN = 0x5b;
const BRACKET_CLOSE = 0x5d;
const PAREN_OPEN = 0x28;
const PAREN_CLOSE = 0x29;
const STAR = 0x2a;
const NEWLINE = 0x0a;

/** For every index i, the first index ≥ i whose character passes `stop` (text.length if none). */
function nextWhere(text: string, stop: (c: number) => boolean): Int32Array {
  const n = text.length;
  const next = new Int32Array(n + 1);
  next[n] = n;
  for (let i = n - 1; i >= 0; i--) next[i] = stop(text.charCodeAt(i)) ? i : next[i + 1]!;
  return next;
}

/** nextWhere for one character or a newline, the common case, without a call per character. */
function nextOf(text: string, code: number): Int32Array {
  const n = text.length;
  const next = new Int32Array(n + 1);
  let at = n;
  next[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === code || c === NEWLINE) at = i;
    next[i] = at;
  }
  return next;
}

type Matcher = (i: number) => { end: number; groups: string[] } | null;

/** `` `([^`\n]+)` `` at i. */
function codeSpans(text: string): Matcher {
  const stop = nextOf(text, BACKTICK);
  return (i) => {
    if (text.charCodeAt(i) !== BACKTICK) return null;
    const j = stop[i + 1]!;
    if (j >= text.length || text.charCodeAt(j) !== BACKTICK || j === i + 1) return null;
    return { end: j + 1, groups: [text.slice(i + 1, j)] };
  };
}

/**
 * `\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)` at i: the address may contain balanced
 * parentheses one level deep (as Wikipedia addresses do). The address part never backtracks into
 * a different reading, so where it stops is a property of its first character, tabulated here.
 */
function links(text: string): Matcher {
  const n = text.length;
  const closeBracket = nextOf(text, BRACKET_CLOSE);
  const parenOrSpace = nextWhere(text, (c) => c === PAREN_OPEN || c === PAREN_CLOSE || isSpaceCode(c));
  // addressEnd[k]: where the repeated group, started at k, stops.
  const addressEnd = new Int32Array(n + 1);
  addressEnd[n] = n;
  for (let k = n - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === PAREN_OPEN) {
      const m = parenOrSpace[k + 1]!;
      addressEnd[k] = m < n && text.charCodeAt(m) === PAREN_CLOSE ? addressEnd[m + 1]! : k;
    } else {
      addressEnd[k] = c === PAREN_CLOSE || isSpaceCode(c) ? k : addressEnd[k + 1]!;
    }
  }
  return (i) => {
    if (text.charCodeAt(i) !== BRACKET_OPEN) return null;
    const j = closeBracket[i + 1]!;
    if (j >= n || j === i + 1 || text.charCodeAt(j) !== BRACKET_CLOSE || text.charCodeAt(j + 1) !== PAREN_OPEN) return null;
    const e = addressEnd[j + 2]!;
    if (e >= n || e === j + 2 || text.charCodeAt(e) !== PAREN_CLOSE) return null;
    return { end: e + 1, groups: [text.slice(i + 1, j), text.slice(j + 2, e)] };
  };
}

/** `\*\*(?=\S)([^\n]*?\S)\*\*` at i: the shortest content that ends in a non-space before `**`. */
function boldSpans(text: string): Matcher {
  const n = text.length;
  const newline = nextOf(text, NEWLINE);
  const close = new Int32Array(n + 1);
  close[n] = n;
  for (let e = n - 1; e >= 0; e--) {
    close[e] = e + 2 < n && !isSpaceCode(text.charCodeAt(e)) && text.charCodeAt(e + 1) === STAR && text.charCodeAt(e + 2) === STAR ? e : close[e + 1]!;
  }
  return (i) => {
    if (text.charCodeAt(i) !== STAR || text.charCodeAt(i + 1) !== STAR || i + 2 >= n || isSpaceCode(text.charCodeAt(i + 2))) return null;
    const e = close[i + 2]!;
    if (e >= n || newline[i + 2]! < e) return null;
    return { end: e + 3, groups: [text.slice(i + 2, e + 1)] };
  };
}

/** `\*(?=[^\s*])([^*\n]*?[^\s*])\*` at i: the content runs to the next `*`, with no space at either end. */
function italicSpans(text: string): Matcher {
  const n = text.length;
  const starOrNewline = nextOf(text, STAR);
  const solid = (k: number) => k < n && !isSpaceCode(text.charCodeAt(k)) && text.charCodeAt(k) !== STAR;
  return (i) => {
    if (text.charCodeAt(i) !== STAR || !solid(i + 1)) return null;
    const s = starOrNewline[i + 1]!;
    if (s >= n || text.charCodeAt(s) !== STAR || !solid(s - 1)) return null;
    return { end: s + 1, groups: [text.slice(i + 1, s)] };
  };
}

/**
 * Every leftmost, non-overlapping match, as String.replace with a global expression finds them:
 * `opener` is the text every match starts with, found with indexOf.
 */
function replaceEach(text: string, opener: string, matcher: Matcher, to: (groups: string[]) => string): string {
  let out = '';
  let last = 0;
  for (let i = text.indexOf(opener); i >= 0; ) {
    const m = matcher(i);
    if (m) {
      out += text.slice(last, i) + to(m.groups);
      last = m.end;
    }
    i = text.indexOf(opener, m ? m.end : i + 1);
  }
  return out + text.slice(last);
}

const INLINE_MARK = /[`[*]/;

/**
 * Inline syntax, first match wins at each position: code spans, links, bold, italic. A syntax's
 * tables are built the first time its opening character turns up with room for its shortest
 * match (`a`, [a](b), **a**, *a*) after it.
 */
function renderInline(text: string, depth = 0): string {
  if (depth > 4 || !INLINE_MARK.test(text)) return escapeHtml(text);
  const n = text.length;
  let code: Matcher | undefined;
  let link: Matcher | undefined;
  let bold: Matcher | undefined;
  let italic: Matcher | undefined;
  let out = '';
  let last = 0;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    let html: string | null = null;
    let end = i;
    if (c === BACKTICK && i + 3 <= n) {
      const m = (code ??= codeSpans(text))(i);
      if (m) [html, end] = [`<code>${escapeHtml(m.groups[0]!)}</code>`, m.end];
    } else if (c === BRACKET_OPEN && i + 6 <= n) {
      const m = (link ??= links(text))(i);
      if (m) {
        const [label, href] = m.groups as [string, string];
        html = isAllowedUrl(href) ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${renderInline(label, depth + 1)}</a>` : escapeHtml(text.slice(i, m.end));
        end = m.end;
      }
    } else if (c === STAR && i + 3 <= n) {
      const b = i + 5 <= n ? (bold ??= boldSpans(text))(i) : null;
      if (b) {
        [html, end] = [`<strong>${renderInline(b.groups[0]!, depth + 1)}</strong>`, b.end];
      } else {
        const m = (italic ??= italicSpans(text))(i);
        if (m) [html, end] = [`<em>${renderInline(m.groups[0]!, depth + 1)}</em>`, m.end];
      }
    }
    if (html === null) {
      i++;
    } else {
      out += escapeHtml(text.slice(last, i)) + html;
      i = last = end;
    }
  }
  return out + escapeHtml(text.slice(last));
}

type Block =
  | { kind: 'p'; lines: string[] }
  | { kind: 'h'; level: number; text: string }
  | { kind: 'ul'; items: string[][] }
  | { kind: 'ol'; start: number; items: string[][] };

const isBlank = (c: number) => c === 0x20 || c === 0x09;
/** `.` in JavaScript stops at these; a line holding one never matched the line patterns below. */
const hasLineSeparator = (s: string) => s.includes('\u2028') || s.includes('\u2029');

/** Index of the first character at or after `from` that is not a space or tab. */
function skipBlanks(line: string, from: number): number {
  let i = from;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return i;
}

/** The line without trailing spaces and tabs (`/[ \t]+$/` retried the run from every start). */
function trimBlanksEnd(line: string): string {
  let end = line.length;
  while (end > 0 && isBlank(line.charCodeAt(end - 1))) end--;
  return line.slice(0, end);
}

/** `^(#{1,6})[ \t]+(.*?)[ \t#]*$`: the level and the text without closing hashes. */
function heading(line: string): { level: number; text: string } | null {
  let level = 0;
  while (level < line.length && line.charCodeAt(level) === 0x23) level++;
  if (level < 1 || level > 6 || !isBlank(line.charCodeAt(level))) return null;
  const start = skipBlanks(line, level);
  if (hasLineSeparator(line.slice(start))) return null;
  let end = line.length;
  while (end > start && (isBlank(line.charCodeAt(end - 1)) || line.charCodeAt(end - 1) === 0x23)) end--;
  return { level, text: line.slice(start, end) };
}

/** Up to three spaces or tabs of indentation, then the marker: the marker's index, or -1. */
function afterIndent(line: string): number {
  const i = skipBlanks(line, 0);
  return i <= 3 ? i : -1;
}

/** `^[ \t]{0,3}[-*+][ \t]+(.*)$`: the item's text. */
function bullet(line: string): string | null {
  const i = afterIndent(line);
  if (i < 0 || !'-*+'.includes(line[i] ?? '\0') || !isBlank(line.charCodeAt(i + 1))) return null;
  const rest = line.slice(skipBlanks(line, i + 1));
  return hasLineSeparator(rest) ? null : rest;
}

/** `^[ \t]{0,3}(\d{1,9})[.)][ \t]+(.*)$`: the item's number and text. */
function numbered(line: string): { start: number; text: string } | null {
  const i = afterIndent(line);
  if (i < 0) return null;
  let j = i;
  while (j < line.length && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x39) j++;
  if (j === i || j - i > 9 || (line[j] !== '.' && line[j] !== ')') || !isBlank(line.charCodeAt(j + 1))) return null;
  const rest = line.slice(skipBlanks(line, j + 1));
  return hasLineSeparator(rest) ? null : { start: Number(line.slice(i, j)), text: rest };
}

function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  // The block being built; it is in `blocks` already, so later lines just add to it.
  let open: Block | null = null;
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = trimBlanksEnd(raw);
    if (line.trim() === '') {
      open = null;
      continue;
    }
    const h = heading(line);
    const b = h ? null : bullet(line);
    const num = h || b !== null ? null : numbered(line);
    if (h) {
      blocks.push({ kind: 'h', level: h.level, text: h.text });
      open = null;
    } else if (b !== null) {
      if (open?.kind !== 'ul') blocks.push((open = { kind: 'ul', items: [] }));
      open.items.push([b]);
    } else if (num) {
      if (open?.kind !== 'ol') blocks.push((open = { kind: 'ol', start: num.start, items: [] }));
      open.items.push([num.text]);
    } else if ((open?.kind === 'ul' || open?.kind === 'ol') && /^[ \t]+\S/.test(line)) {
      // An indented line continues the list item above it.
      open.items[open.items.length - 1]!.push(line.trim());
    } else if (open?.kind === 'p') {
      open.lines.push(line.trim());
    } else {
      blocks.push((open = { kind: 'p', lines: [line.trim()] }));
    }
  }
  return blocks;
}

const lines = (ls: string[]) => ls.map((l) => renderInline(l)).join('<br>\n');

/**
 * Markdown to HTML that is safe to insert into a page as is. `#` becomes an h`topLevel` (h2 by
 * default, under the page's h1; pass 3 where the text sits under an h2), deeper levels follow, up to h6.
 */
export function renderMarkdown(source: string | null | undefined, opts: { topLevel?: 2 | 3 | 4 } = {}): string {
  const top = opts.topLevel ?? 2;
  if (!source) return '';
  return parseBlocks(source)
    .map((b) => {
      switch (b.kind) {
        case 'h': {
          const level = Math.min(b.level + top - 1, 6);
          return `<h${level}>${renderInline(b.text)}</h${level}>`;
        }
        case 'ul':
          return `<ul>${b.items.map((i) => `<li>${lines(i)}</li>`).join('')}</ul>`;
        case 'ol':
          return `<ol${b.start !== 1 ? ` start="${b.start}"` : ''}>${b.items.map((i) => `<li>${lines(i)}</li>`).join('')}</ol>`;
        default:
          return `<p>${lines(b.lines)}</p>`;
      }
    })
    .join('\n');
}

/** The text without markup, for mails and short previews. Each step is one linear pass. */
export function markdownToText(source: string | null | undefined): string {
  if (!source) return '';
  let text = source.replace(/\r\n?/g, '\n');
  const pass = (opener: string, matcher: (text: string) => Matcher, to: (groups: string[]) => string) => {
    if (text.includes(opener)) text = replaceEach(text, opener, matcher(text), to);
  };
  pass('[', links, ([label, href]) => (isAllowedUrl(href!) ? `${label} (${href})` : label!));
  pass('**', loneBold, ([b]) => b!);
  pass('*', loneItalic, ([em]) => em!);
  pass('`', codeSpans, ([c]) => c!);
  return text.replace(/^#{1,6}[ \t]+/gm, '').trim();
}

/** `\*\*(\S[^\n]*?)\*\*` at i (looser than the renderer's bold: the content may end in a space). */
function loneBold(text: string): Matcher {
  const n = text.length;
  const newline = nextOf(text, NEWLINE);
  const doubleStar = new Int32Array(n + 1);
  doubleStar[n] = n;
  for (let k = n - 1; k >= 0; k--) doubleStar[k] = text.charCodeAt(k) === STAR && text.charCodeAt(k + 1) === STAR ? k : doubleStar[k + 1]!;
  return (i) => {
    if (text.charCodeAt(i) !== STAR || text.charCodeAt(i + 1) !== STAR || i + 2 >= n || isSpaceCode(text.charCodeAt(i + 2))) return null;
    const k = doubleStar[i + 3]!;
    if (k >= n || newline[i + 3]! < k) return null;
    return { end: k + 2, groups: [text.slice(i + 2, k)] };
  };
}

/** `\*([^\s*][^*\n]*?)\*` at i. */
function loneItalic(text: string): Matcher {
  const n = text.length;
  const starOrNewline = nextOf(text, STAR);
  return (i) => {
    if (text.charCodeAt(i) !== STAR || i + 1 >= n) return null;
    const c = text.charCodeAt(i + 1);
    if (isSpaceCode(c) || c === STAR) return null;
    const s = starOrNewline[i + 2]!;
    if (s >= n || text.charCodeAt(s) !== STAR) return null;
    return { end: s + 1, groups: [text.slice(i + 1, s)] };
  };
}
