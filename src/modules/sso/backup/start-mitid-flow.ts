import * as client from 'openid-client';
import type { OidcConfig } from '../../../config.ts';
import { sha256 } from '../../../platform/auth/secrets.ts';
import type { Ctx } from '../../../platform/context.ts';
import { claimOnce } from '../once.ts';
import { brokerConfiguration, callbackUrl, MITID_SCOPE } from './broker.ts';

/** A backup login, or linking the logged-in user's own MitID Erhverv. */
export type FlowPurpose = 'login' | 'link';

export const FLOW_MINUTES = 10;

/**
 * Starts a MitID Erhverv round trip: state, nonce and PKCE verifier are kept for ten minutes as a
 * one-time value every app instance sees (keyed by the state's hash, so the table never holds a
 * value the browser could replay), and the browser is sent to the broker.
 */
export async function startMitidFlow(
  ctx: Ctx,
  oidc: OidcConfig,
  purpose: FlowPurpose,
  next: string,
): Promise<{ url: URL; state: string }> {
  const configuration = await brokerConfiguration(oidc);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const expires = new Date(ctx.now.getTime() + FLOW_MINUTES * 60_000);
  await claimOnce(ctx.db, 'oidc-state', sha256(state), expires, ctx.now, {
    nonce,
    verifier,
    next,
    purpose,
    userId: purpose === 'link' ? (ctx.actor?.userId ?? null) : null,
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl(ctx.config.publicUrl),
    scope: MITID_SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state };
}
