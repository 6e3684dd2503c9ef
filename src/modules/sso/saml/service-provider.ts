import { readFile } from 'node:fs/promises';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { FastifyInstance } from 'fastify';
import { ConfigError, type Config, type SamlConfig } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { SAML_ACS_PATH, SAML_SLO_PATH } from '../paths.ts';
import { type IdpMetadata, loadIdpMetadata } from './idp-metadata.ts';
import { REQUEST_ID_MINUTES, requestIdCache } from './request-id-cache.ts';
import { spMetadataXml } from './sp-metadata.ts';

/** Context Handler's NameID is an X509 subject name. */
export const X509_SUBJECT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName';
export const LOA_URI = 'https://data.gov.dk/concept/core/nsis/loa';

export type ServiceProvider = {
  saml: SAML;
  idp: IdpMetadata;
  entityId: string;
  acsUrl: string;
  sloUrl: string;
  minLoa: SamlConfig['minLoa'];
  clockSkewMs: number;
  metadataXml: string;
};

// One service provider per app: the auth module's logout reaches it through the app it was built for.
const providers = new WeakMap<FastifyInstance, ServiceProvider>();
export const serviceProviderOf = (app: FastifyInstance): ServiceProvider | null => providers.get(app) ?? null;

async function readPem(file: string, what: string, variable: string, check: (pem: string) => void): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
    check(pem);
  } catch (error) {
    throw new ConfigError([`${variable}: ${what} i ${file} kan ikke læses (${error instanceof Error ? error.message : String(error)})`]);
  }
  return pem;
}

/**
 * Builds the service provider once, when the app starts: the IdP's metadata is read (a file, or
 * fetched), the SP's key and certificates are loaded, and anything unreadable stops the start
 * with a message that names the variable. Null when Context Handler is not configured.
 */
export async function buildServiceProvider(app: FastifyInstance, config: Config, db: Db): Promise<ServiceProvider | null> {
  const c = config.saml;
  if (!c) return null;
  let idp: IdpMetadata;
  try {
    idp = await loadIdpMetadata(c.idpMetadata);
  } catch (error) {
    throw new ConfigError([`SAML_IDP_METADATA: Context Handlers metadata kunne ikke læses fra ${c.idpMetadata}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const keyPem = await readPem(c.spKeyFile, 'nøglen', 'SAML_SP_KEY', (pem) => void createPrivateKey(pem));
  const certPem = await readPem(c.spCertFile, 'certifikatet', 'SAML_SP_CERT', (pem) => void new X509Certificate(pem));
  const nextCertPem = c.spNextCertFile ? await readPem(c.spNextCertFile, 'det næste certifikat', 'SAML_SP_NEXT_CERT', (pem) => void new X509Certificate(pem)) : null;

  const acsUrl = `${config.publicUrl}${SAML_ACS_PATH}`;
  const sloUrl = `${config.publicUrl}${SAML_SLO_PATH}`;
  const saml = new SAML({
    entryPoint: idp.ssoUrl,
    logoutUrl: idp.sloUrl ?? idp.ssoUrl,
    issuer: c.spEntityId,
    audience: c.spEntityId,
    callbackUrl: acsUrl,
    logoutCallbackUrl: sloUrl,
    idpCert: idp.signingCerts,
    idpIssuer: idp.entityId,
    privateKey: keyPem,
    publicCert: certPem,
    decryptionPvk: keyPem,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    // Context Handler signs the assertion; the response around it need not be signed.
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: c.clockSkewMs,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_ID_MINUTES * 60_000,
    cacheProvider: requestIdCache(db, app.clock),
    identifierFormat: X509_SUBJECT,
    // OIO-SAML 3 asks for a level of assurance as a minimum, not a password class.
    authnContext: [`${LOA_URI}/${c.minLoa}`],
    racComparison: 'minimum',
  });
  const sp: ServiceProvider = {
    saml,
    idp,
    entityId: c.spEntityId,
    acsUrl,
    sloUrl,
    minLoa: c.minLoa,
    clockSkewMs: c.clockSkewMs,
    metadataXml: spMetadataXml({ entityId: c.spEntityId, acsUrl, sloUrl, certPem, nextCertPem }),
  };
  providers.set(app, sp);
  return sp;
}
