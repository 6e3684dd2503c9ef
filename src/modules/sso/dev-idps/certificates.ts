import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export type KeyAndCert = { keyPem: string; certPem: string };

/**
 * A fresh RSA key and a self-signed certificate for it, for the in-process test identity
 * providers and the demo's service provider. The key is made by Node (fast, native); forge only
 * writes the certificate around it.
 */
export function selfSignedCertificate(commonName: string, days = 365): KeyAndCert {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
  const attrs = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'Samspil test' }, { name: 'countryName', value: 'DK' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** The certificate's base64 body, as SAML metadata and KeyInfo carry it. */
export const certBody = (certPem: string) => certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
