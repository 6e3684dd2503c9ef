import { childElements, descendants, NS } from '../safe-xml.ts';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';

/** Key transport: RSA-OAEP only (RSA-1_5 is open to padding-oracle attacks). */
export const KEY_ALGORITHMS = ['http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p', 'http://www.w3.org/2009/xmlenc11#rsa-oaep'];
/** The assertion itself: AES-GCM only (AES-CBC lets a changed ciphertext be tested against the SP). */
export const DATA_ALGORITHMS = ['http://www.w3.org/2009/xmlenc11#aes128-gcm', 'http://www.w3.org/2009/xmlenc11#aes256-gcm'];

/** An EncryptedData's or EncryptedKey's own method (a key's method inside KeyInfo is not its own). */
const algorithmOf = (el: Element) => childElements(el, XENC, 'EncryptionMethod')[0]?.getAttribute('Algorithm') ?? '(none)';

/**
 * node-saml decrypts whatever the message names, weak algorithms too, so an encrypted assertion is
 * read first, unverified: each encrypted key must be RSA-OAEP and each encrypted content AES-GCM.
 * Returns why it is refused, or null.
 */
export function weakEncryption(doc: Document): string | null {
  for (const encrypted of descendants(doc, NS.saml, 'EncryptedAssertion')) {
    const data = descendants(encrypted, XENC, 'EncryptedData');
    if (data.length === 0) return 'EncryptedAssertion without EncryptedData';
    for (const d of data) {
      const alg = algorithmOf(d);
      if (!DATA_ALGORITHMS.includes(alg)) return `assertion encrypted with ${alg}`;
    }
    for (const key of descendants(encrypted, XENC, 'EncryptedKey')) {
      const alg = algorithmOf(key);
      if (!KEY_ALGORITHMS.includes(alg)) return `assertion key encrypted with ${alg}`;
    }
  }
  return null;
}
