import * as client from 'openid-client';
import type { OidcConfig } from '../../../config.ts';
import { AppError } from '../../../platform/errors.ts';
import { MITID_CALLBACK_PATH } from '../paths.ts';

/**
 * What the broker is asked for (docs/operations.md registers the client with these scopes): an
 * OpenID login and the profile; the subject claim comes with the ID token or else from userinfo.
 */
export const MITID_SCOPE = 'openid profile';

export const brokerUnavailable = () =>
  new AppError(503, 'mitid_unavailable', 'MitID Erhverv kan ikke nås lige nu. Prøv igen om lidt, eller log ind med Context Handler.');

// Per configuration object, so each app (and each test app) asks its own broker once. A failed
// discovery is forgotten, so the next login tries again instead of failing until a restart.
const discovered = new WeakMap<OidcConfig, Promise<client.Configuration>>();

/** Plain http only towards this machine: the in-process test broker. A real broker is https. */
function isLoopbackHttp(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
}

/** The broker's metadata, fetched at the first login and kept; 503 while it cannot be reached. */
export async function brokerConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  let pending = discovered.get(oidc);
  if (!pending) {
    const issuer = new URL(oidc.issuer);
    pending = client.discovery(issuer, oidc.clientId, undefined, client.ClientSecretBasic(oidc.clientSecret), {
      timeout: 10,
      ...(isLoopbackHttp(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
    });
    discovered.set(oidc, pending);
    pending.catch(() => discovered.delete(oidc));
  }
  try {
    return await pending;
  } catch {
    throw brokerUnavailable();
  }
}

/** Where the broker sends the browser back: the public address, as registered with the broker. */
export const callbackUrl = (publicUrl: string) => `${publicUrl}${MITID_CALLBACK_PATH}`;
