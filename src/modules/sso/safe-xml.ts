import { DOMParser } from '@xmldom/xmldom';

export const NS = {
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
} as const;

export class UnsafeXmlError extends Error {}

/**
 * Parses XML from another party (IdP metadata, SAML messages, OIO-BPP privileges) without trusting
 * it: the text is size-limited before it is read at all, and any markup declaration other than a
 * comment or CDATA (DOCTYPE, ENTITY, ELEMENT, ATTLIST: where external entities and entity
 * expansion live) is refused before the parser sees it, as is anything the parser reports.
 */
export function parseXmlSafely(text: string, maxBytes = 1024 * 1024): Document {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new UnsafeXmlError(`dokumentet er større end ${String(Math.round(maxBytes / 1024))} KB.`);
  if (/<!(?!--|\[CDATA\[)/.test(text)) throw new UnsafeXmlError('dokumentet indeholder en DOCTYPE- eller ENTITY-erklæring, som ikke er tilladt.');
  if (text.trim() === '') throw new UnsafeXmlError('dokumentet er tomt.');
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (m: string) => problems.push(m),
      fatalError: (m: string) => problems.push(m),
    },
  }).parseFromString(text, 'text/xml');
  if (problems.length > 0 || !doc?.documentElement) throw new UnsafeXmlError('dokumentet er ikke gyldig XML.');
  if (doc.doctype) throw new UnsafeXmlError('dokumentet indeholder en DOCTYPE- eller ENTITY-erklæring, som ikke er tilladt.');
  return doc;
}

/** The element children of a node with the given namespace and local name. */
export function childElements(parent: Element | Document, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  const nodes = parent.childNodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes.item(i);
    if (n && n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === localName) out.push(n as Element);
  }
  return out;
}

/** All descendants with the given namespace and local name. */
export function descendants(parent: Element | Document, ns: string, localName: string): Element[] {
  const list = parent.getElementsByTagNameNS(ns, localName);
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  return out;
}

export const textOf = (el: Element | undefined): string => (el?.textContent ?? '').trim();
