import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../../config.ts';
import { randomToken } from '../../../platform/auth/secrets.ts';
import { MITID_CALLBACK_PATH, SAML_ACS_PATH, SAML_SLO_PATH } from '../paths.ts';
import { selfSignedCertificate } from './certificates.ts';
import { startTestOidcProvider } from './oidc-provider.ts';
import { startTestSamlIdp } from './saml-idp.ts';

export type DemoIdps = { config: Config; lines: string[]; close(): Promise<void> };

/**
 * Demo only (DEMO_IDPS=on, which `npm start` sets): starts the test Context Handler and the test
 * MitID Erhverv broker on loopback ports inside this process, makes the service provider a key
 * and certificate in a private temporary folder, and returns the configuration pointing at them,
 * so the login page's two single sign-on buttons can be tried without any registration.
 */
export async function startDemoIdps(config: Config): Promise<DemoIdps> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-demo-sso-'));
  const sp = selfSignedCertificate('Samspil demo (service provider)');
  const spKeyFile = path.join(dir, 'sp.key');
  const spCertFile = path.join(dir, 'sp.crt');
  fs.writeFileSync(spKeyFile, sp.keyPem, { mode: 0o600 });
  fs.writeFileSync(spCertFile, sp.certPem);
  const spEntityId = `${config.publicUrl}/saml`;
  const saml = await startTestSamlIdp({
    sp: { entityId: spEntityId, acsUrl: `${config.publicUrl}${SAML_ACS_PATH}`, sloUrl: `${config.publicUrl}${SAML_SLO_PATH}`, certPem: sp.certPem },
  });
  const clientId = 'samspil-demo';
  const clientSecret = randomToken();
  const oidc = await startTestOidcProvider({ clientId, clientSecret, redirectUris: [`${config.publicUrl}${MITID_CALLBACK_PATH}`] });
  return {
    config: {
      ...config,
      saml: { idpMetadata: saml.metadataUrl, spEntityId, spKeyFile, spCertFile, spNextCertFile: null, minLoa: 'Substantial', clockSkewMs: 60_000 },
      oidc: { issuer: oidc.issuer, clientId, clientSecret, subjectClaim: 'sub' },
    },
    lines: [
      'Single sign-on kan prøves på log ind-siden (test-identitetsudbydere i samme proces):',
      `  Context Handler (SAML):   ${saml.url}`,
      `  MitID Erhverv (OIDC):     ${oidc.issuer}`,
    ],
    async close() {
      await Promise.allSettled([saml.close(), oidc.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
