import { certBody } from '../dev-idps/certificates.ts';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const keyDescriptor = (use: 'signing' | 'encryption', certPem: string, extra = '') =>
  `    <md:KeyDescriptor use="${use}">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(certPem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>${extra}
    </md:KeyDescriptor>
`;

const ENCRYPTION_METHODS = [
  'http://www.w3.org/2009/xmlenc11#aes256-gcm',
  'http://www.w3.org/2009/xmlenc11#aes128-gcm',
  'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
].map((a) => `\n      <md:EncryptionMethod Algorithm="${a}"/>`).join('');

/**
 * The SP's metadata, which Context Handler is registered with. During a certificate roll-over the
 * next certificate is published for signing beside the current one, so the IdP trusts both before
 * the key is switched; encryption stays with the current certificate, whose key we hold.
 */
export function spMetadataXml(p: { entityId: string; acsUrl: string; sloUrl: string; certPem: string; nextCertPem: string | null }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${attr(p.entityId)}">
  <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
${keyDescriptor('signing', p.certPem)}${p.nextCertPem ? keyDescriptor('signing', p.nextCertPem) : ''}${keyDescriptor('encryption', p.certPem, ENCRYPTION_METHODS)}    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${attr(p.sloUrl)}"/>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName</md:NameIDFormat>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${attr(p.acsUrl)}" index="0" isDefault="true"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`;
}
