import { inflateRawSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../../platform/context.ts';
import { claimOnce } from '../once.ts';
import { parseXmlSafely } from '../safe-xml.ts';
import { endContextHandlerSessions } from './end-sessions.ts';
import { MESSAGES, SamlRefusal } from './refusal.ts';
import { serviceProviderOf, type ServiceProvider, X509_SUBJECT } from './service-provider.ts';

const SIGNATURE_ALGORITHMS = ['http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512'];

export type SloQuery = Record<string, string | string[] | undefined>;

/** How long a LogoutRequest without NotOnOrAfter is remembered against replay. */
const LOGOUT_REQUEST_MINUTES = 10;

/** Until when a (verified) LogoutRequest could be replayed: its NotOnOrAfter with the clock skew, or 10 minutes. */
function replayableUntil(sp: ServiceProvider, query: SloQuery, now: Date): Date {
  const fallback = new Date(now.getTime() + LOGOUT_REQUEST_MINUTES * 60_000);
  if (typeof query.SAMLRequest !== 'string') return fallback;
  const xml = inflateRawSync(Buffer.from(query.SAMLRequest, 'base64'), { maxOutputLength: 1024 * 1024 }).toString('utf8');
  const notOnOrAfter = Date.parse(parseXmlSafely(xml).documentElement?.getAttribute('NotOnOrAfter') ?? '');
  return Number.isNaN(notOnOrAfter) ? fallback : new Date(notOnOrAfter + sp.clockSkewMs);
}

/**
 * node-saml accepts an unsigned redirect message as valid; a logout message that ends sessions
 * must be signed by the IdP, with a SHA-2 algorithm, so that is required here first.
 */
function requireSignature(query: SloQuery): void {
  const sig = query.Signature;
  const alg = query.SigAlg;
  if (typeof sig !== 'string' || sig === '' || typeof alg !== 'string' || !SIGNATURE_ALGORITHMS.includes(alg)) {
    throw new SamlRefusal(400, MESSAGES.logout, 'logout message without an RSA-SHA256/512 signature');
  }
}

async function validateRedirect(sp: ServiceProvider, query: SloQuery, rawQuery: string) {
  requireSignature(query);
  try {
    return await sp.saml.validateRedirectAsync(query as Parameters<ServiceProvider['saml']['validateRedirectAsync']>[0], rawQuery);
  } catch (error) {
    throw new SamlRefusal(400, MESSAGES.logout, error instanceof Error ? error.message : String(error));
  }
}

/**
 * A LogoutRequest from Context Handler (another service the user used logged out): the named
 * sessions end, and the signed LogoutResponse goes back to the IdP. Returns where to send the browser.
 * Its ID counts once on every instance: a replayed request is answered again but ends nothing.
 */
export async function answerIdpLogoutRequest(sp: ServiceProvider, ctx: Ctx, query: SloQuery, rawQuery: string): Promise<{ redirect: string; ended: number }> {
  const { profile } = await validateRedirect(sp, query, rawQuery);
  if (!profile?.nameID || !profile.ID) throw new SamlRefusal(400, MESSAGES.logout, 'LogoutRequest without NameID or ID');
  const firstUse = await claimOnce(ctx.db, 'assertion', `logout-request:${profile.ID}`, replayableUntil(sp, query, ctx.now), ctx.now, { issuer: sp.idp.entityId });
  const ended = firstUse ? await endContextHandlerSessions(ctx, profile.nameID, typeof profile.sessionIndex === 'string' ? profile.sessionIndex : null) : 0;
  const relayState = typeof query.RelayState === 'string' ? query.RelayState : '';
  const redirect = await sp.saml.getLogoutResponseUrlAsync(profile, relayState, {}, true);
  return { redirect, ended };
}

/** The LogoutResponse after our own logout: checked (signature, issuer, a request ID we sent). */
export async function acceptIdpLogoutResponse(sp: ServiceProvider, query: SloQuery, rawQuery: string): Promise<void> {
  const { loggedOut } = await validateRedirect(sp, query, rawQuery);
  if (!loggedOut) throw new SamlRefusal(400, MESSAGES.logout, 'not a successful LogoutResponse');
}

/**
 * Where a Context Handler session's logout continues: the IdP's single logout with a signed
 * LogoutRequest naming the session. Null when Context Handler is not set up or has no logout.
 */
export async function contextHandlerLogoutUrl(app: FastifyInstance, login: { samlNameId: string | null; samlSessionIndex: string | null }): Promise<string | null> {
  const sp = serviceProviderOf(app);
  if (!sp || !sp.idp.sloUrl || !login.samlNameId) return null;
  return sp.saml.getLogoutUrlAsync(
    { issuer: sp.entityId, nameID: login.samlNameId, nameIDFormat: X509_SUBJECT, sessionIndex: login.samlSessionIndex ?? undefined },
    '',
    {},
  );
}
