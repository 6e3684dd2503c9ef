import type { FastifyReply, FastifyRequest } from 'fastify';
import { SAML_ACS_PATH } from '../paths.ts';
import { REQUEST_ID_MINUTES } from './request-id-cache.ts';

/**
 * The AuthnRequest's ID, kept in the browser that started the login: the assertion consumer only
 * accepts an answer to the request this browser sent, so an attacker cannot make a victim's
 * browser post the attacker's own login (login CSRF).
 */
export const LOGIN_REQUEST_COOKIE = 'samspil_saml_req';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The IdP's page posts the answer from another site, and browsers send only SameSite=None
 * cookies with a cross-site POST; they keep those only when Secure. Chromium keeps a Secure cookie
 * from plain http on loopback (the demo and the browser journey), so there it is Secure as on
 * https. Elsewhere on plain http no SameSite is named: Firefox and Safari send it, Chromium for the
 * first two minutes after it was set.
 */
function options(request: FastifyRequest) {
  const secure = request.protocol === 'https' || LOOPBACK.has(request.hostname);
  // false leaves the attribute out (the cookie plugin would otherwise add Lax).
  return { path: SAML_ACS_PATH, httpOnly: true, secure, sameSite: secure ? ('none' as const) : false };
}

export function rememberLoginRequest(request: FastifyRequest, reply: FastifyReply, requestId: string): void {
  reply.setCookie(LOGIN_REQUEST_COOKIE, requestId, { ...options(request), maxAge: REQUEST_ID_MINUTES * 60 });
}

/** The request ID this browser started a login with (used up: the cookie is cleared), or null. */
export function takeLoginRequest(request: FastifyRequest, reply: FastifyReply): string | null {
  const id = request.cookies[LOGIN_REQUEST_COOKIE];
  if (id !== undefined) reply.clearCookie(LOGIN_REQUEST_COOKIE, options(request));
  return id ? id : null;
}
