import * as client from 'openid-client';
import type { OidcConfig } from '../../../config.ts';
import { sha256 } from '../../../platform/auth/secrets.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { takeOnce } from '../once.ts';
import { brokerConfiguration, callbackUrl } from './broker.ts';
import type { FlowPurpose } from './start-mitid-flow.ts';

export type FinishedFlow = { purpose: FlowPurpose; subject: string; next: string; userId: string | null };

const refused = (code: string, message: string, status = 400) => new AppError(status, code, message);

/**
 * The broker's answer, checked: the state is used up first (a reused or unknown state is refused,
 * whatever else the answer holds), it must be the one this browser started (its cookie), then the
 * code is exchanged with the PKCE verifier and the ID token's nonce checked by the library. The
 * subject is the configured claim, from the ID token or else from userinfo.
 */
export async function finishMitidFlow(ctx: Ctx, oidc: OidcConfig, requestUrl: string, browserState: string | undefined): Promise<FinishedFlow> {
  const current = new URL(callbackUrl(ctx.config.publicUrl));
  current.search = new URL(requestUrl, 'http://x').search;
  const state = current.searchParams.get('state');
  const stored = state ? await takeOnce(ctx.db, 'oidc-state', sha256(state), ctx.now) : null;
  if (!state || !stored) throw refused('state_unknown', 'Log ind-forsøget er udløbet eller allerede brugt. Start forfra.');
  if (browserState !== state) throw refused('state_other_browser', 'Log ind-forsøget blev startet i en anden browser eller et andet faneblad. Start forfra.');
  if (current.searchParams.has('error')) {
    throw refused('mitid_cancelled', 'Log ind med MitID Erhverv blev afbrudt, før det var gennemført.');
  }
  const configuration = await brokerConfiguration(oidc);
  let claims: Record<string, unknown> | undefined;
  let accessToken: string | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: String(stored.verifier),
      expectedNonce: String(stored.nonce),
      expectedState: state,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    accessToken = tokens.access_token;
    if (claims && claims[oidc.subjectClaim] === undefined && accessToken) {
      claims = { ...claims, ...(await client.fetchUserInfo(configuration, accessToken, String(claims.sub))) };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refused('mitid_refused', 'Svaret fra MitID Erhverv kunne ikke godkendes. Start forfra.');
  }
  const subject = claims?.[oidc.subjectClaim];
  if (typeof subject !== 'string' || subject.trim() === '') {
    throw refused('mitid_no_subject', 'Svaret fra MitID Erhverv indeholdt ikke den forventede identifikator.');
  }
  const purpose: FlowPurpose = stored.purpose === 'link' ? 'link' : 'login';
  return { purpose, subject: subject.trim(), next: typeof stored.next === 'string' ? stored.next : '/', userId: typeof stored.userId === 'string' ? stored.userId : null };
}
