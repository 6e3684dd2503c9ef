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

/**
 * Inline syntax, first match wins at each position: code spans, links, bold, italic. The link's
 * address may contain balanced parentheses one level deep (as Wikipedia addresses do).
 */
const INLINE = /`([^`\n]+)`|\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)|\*\*(?=\S)([^\n]*?\S)\*\*|\*(?=[^\s*])([^*\n]*?[^\s*])\*/g;

function renderInline(text: string, depth = 0): string {
  if (depth > 4) return escapeHtml(text);
  let out = '';
  let last = 0;
  const matches = [...text.matchAll(INLINE)];
  for (const m of matches) {
    const at = m.index;
    out += escapeHtml(text.slice(last, at));
    const [whole, code, linkText, href, bold, italic] = m;
    if (code !== undefined) {
      out += `<code>${escapeHtml(code)}</code>`;
    } else if (linkText !== undefined && href !== undefined) {
      out += isAllowedUrl(href)
        ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${renderInline(linkText, depth + 1)}</a>`
        : escapeHtml(whole);
    } else if (bold !== undefined) {
      out += `<strong>${renderInline(bold, depth + 1)}</strong>`;
    } else if (italic !== undefined) {
      out += `<em>${renderInline(italic, depth + 1)}</em>`;
    }
    last = at + whole.length;
  }
  return out + escapeHtml(text.slice(last));
}

type Block =
  | { kind: 'p'; lines: string[] }
  | { kind: 'h'; level: number; text: string }
  | { kind: 'ul'; items: string[][] }
  | { kind: 'ol'; start: number; items: string[][] };

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const BULLET = /^[ \t]{0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^[ \t]{0,3}(\d{1,9})[.)][ \t]+(.*)$/;

function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  // The block being built; it is in `blocks` already, so later lines just add to it.
  let open: Block | null = null;
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/[ \t]+$/, '');
    if (line.trim() === '') {
      open = null;
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (heading) {
      blocks.push({ kind: 'h', level: heading[1]!.length, text: heading[2]! });
      open = null;
    } else if (bullet) {
      if (open?.kind !== 'ul') blocks.push((open = { kind: 'ul', items: [] }));
      open.items.push([bullet[1]!]);
    } else if (numbered) {
      if (open?.kind !== 'ol') blocks.push((open = { kind: 'ol', start: Number(numbered[1]), items: [] }));
      open.items.push([numbered[2]!]);
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

/** The text without markup, for mails and short previews. */
export function markdownToText(source: string | null | undefined): string {
  if (!source) return '';
  return source
    .replace(/\r\n?/g, '\n')
    .replace(/\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g, (_m, text: string, href: string) => (isAllowedUrl(href) ? `${text} (${href})` : text))
    .replace(/\*\*(\S[^\n]*?)\*\*/g, '$1')
    .replace(/\*([^\s*][^*\n]*?)\*/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/^#{1,6}[ \t]+/gm, '')
    .trim();
}
