/**
 * A small pull reader for XML as KL publishes the KLE plan: elements, attributes, text, CDATA,
 * comments, processing instructions and a DOCTYPE (skipped; no entity is ever expanded beyond the
 * five predefined ones and character references, so a hostile file cannot grow in memory). It
 * walks the text once and hands out events with their line numbers; what to keep is the caller's
 * choice, so the file is never held as a tree. Namespace prefixes are dropped (`kle:Emne` → `Emne`).
 *
 * Not a validating parser: it checks what a plan's reader needs (tags nest and close, attributes
 * are quoted, entities are known) and says where it is not so.
 */

export type XmlEvent =
  | { kind: 'open'; name: string; attributes: Record<string, string>; line: number; selfClosing: boolean }
  | { kind: 'close'; name: string; line: number }
  | { kind: 'text'; text: string; line: number };

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const NAME = /[A-Za-z_:][\w.:\-\u00B7-\uFFFF]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w.:\-\u00B7-\uFFFF]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Reads the five predefined entities and character references; anything else is an error. */
export function decodeEntities(raw: string, line: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{0,12});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlSyntaxError(`Et &-tegn skal skrives &amp; i XML (fundet "${whole}")`, line);
    switch (ref) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = /^#x([0-9a-fA-F]{1,6})$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#(\d{1,7})$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
    if (Number.isNaN(code)) throw new XmlSyntaxError(`Ukendt XML-entitet "${whole}"`, line);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new XmlSyntaxError(`Ugyldigt tegn "${whole}"`, line);
    return String.fromCodePoint(code);
  });
}

/** The events of an XML text, in order. Throws XmlSyntaxError with the line where the text stops being XML. */
export function* readXml(text: string): Generator<XmlEvent> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const open: { name: string; line: number }[] = [];
  let rootSeen = false;
  /** Moves pos to `to`, counting the lines passed. */
  const advance = (to: number) => {
    for (let i = text.indexOf('\n', pos); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) line++;
    pos = to;
  };
  const until = (marker: string, from: number, what: string) => {
    const at = text.indexOf(marker, from);
    if (at === -1) throw new XmlSyntaxError(`${what} slutter aldrig`, line);
    return at;
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const end = lt === -1 ? text.length : lt;
    if (end > pos) {
      const chunk = text.slice(pos, end);
      const at = line;
      if (open.length === 0) {
        if (chunk.trim() !== '') throw new XmlSyntaxError(rootSeen ? 'Der står tekst efter dokumentets sidste element' : 'Filen begynder ikke med et XML-element', at);
      } else {
        yield { kind: 'text', text: chunk, line: at };
      }
      advance(end);
    }
    if (lt === -1) break;

    if (text.startsWith('<!--', lt)) {
      advance(until('-->', lt + 4, 'En kommentar') + 3);
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = until(']]>', lt + 9, 'En CDATA-sektion');
      if (open.length === 0) throw new XmlSyntaxError('CDATA uden for dokumentets element', line);
      // CDATA is literal text: the consumer decodes entities, so the ampersands are escaped here.
      yield { kind: 'text', text: text.slice(lt + 9, close).replace(/&/g, '&amp;').replace(/</g, '&lt;'), line };
      advance(close + 3);
    } else if (text.startsWith('<?', lt)) {
      advance(until('?>', lt + 2, 'En procesinstruktion') + 2);
    } else if (text.startsWith('<!', lt)) {
      // A DOCTYPE, possibly with an internal subset in brackets: skipped, never interpreted.
      if (rootSeen) throw new XmlSyntaxError('En DOCTYPE-erklæring efter dokumentets første element', line);
      const bracket = text.indexOf('[', lt);
      const gt = until('>', lt, 'En DOCTYPE-erklæring');
      advance(bracket !== -1 && bracket < gt ? until('>', until(']', bracket, 'En DOCTYPE-erklæring'), 'En DOCTYPE-erklæring') + 1 : gt + 1);
    } else if (text[lt + 1] === '/') {
      NAME.lastIndex = lt + 2;
      const m = NAME.exec(text);
      const gt = text.indexOf('>', lt);
      if (!m || gt === -1 || text.slice(NAME.lastIndex, gt).trim() !== '') throw new XmlSyntaxError('Et sluttag er skrevet forkert', line);
      const name = localName(m[0]);
      const top = open.pop();
      if (!top) throw new XmlSyntaxError(`Sluttagget </${m[0]}> har intet starttag`, line);
      if (top.name !== name) throw new XmlSyntaxError(`Sluttagget </${m[0]}> passer ikke til <${top.name}> fra linje ${top.line}`, line);
      yield { kind: 'close', name, line };
      advance(gt + 1);
    } else {
      NAME.lastIndex = lt + 1;
      const m = NAME.exec(text);
      if (!m) throw new XmlSyntaxError('Et "<" skal skrives &lt; i XML, eller et starttag er skrevet forkert', line);
      if (open.length === 0 && rootSeen) throw new XmlSyntaxError('Filen har mere end ét rodelement', line);
      let at = NAME.lastIndex;
      const attributes: Record<string, string> = {};
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const a = ATTRIBUTE.exec(text);
        if (!a) break;
        Object.defineProperty(attributes, localName(a[1]!), { value: decodeEntities(a[2] ?? a[3] ?? '', line), enumerable: true, writable: true });
        at = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = at;
      const e = TAG_END.exec(text);
      if (!e) throw new XmlSyntaxError(`Starttagget <${m[0]}> er skrevet forkert (attributter skal stå i anførselstegn)`, line);
      const name = localName(m[0]);
      const selfClosing = e[1] === '/';
      rootSeen = true;
      const startLine = line;
      yield { kind: 'open', name, attributes, line: startLine, selfClosing };
      if (selfClosing) yield { kind: 'close', name, line: startLine };
      else open.push({ name, line: startLine });
      advance(TAG_END.lastIndex);
    }
  }
  if (open.length > 0) {
    const top = open[open.length - 1]!;
    throw new XmlSyntaxError(`Elementet <${top.name}> fra linje ${top.line} lukkes aldrig; filen er ufuldstændig`, line);
  }
  if (!rootSeen) throw new XmlSyntaxError('Filen indeholder intet XML-element', line);
}

/**
 * The text of an uploaded XML file: UTF-8 (with or without BOM), UTF-16 with BOM, or the 8-bit
 * encoding its declaration names (ISO-8859-1 / Windows-1252, as older exports were). Null when it
 * claims UTF-8 but is not.
 */
export function decodeXmlBytes(content: Buffer): string | null {
  if (content[0] === 0xff && content[1] === 0xfe) return new TextDecoder('utf-16le').decode(content);
  if (content[0] === 0xfe && content[1] === 0xff) return new TextDecoder('utf-16be').decode(content);
  const head = content.subarray(0, 200).toString('latin1');
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(iso-?8859-1|latin-?1|windows-1252|cp1252)$/.test(declared)) return new TextDecoder('windows-1252').decode(content);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
}
