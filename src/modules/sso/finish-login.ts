import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, SESSION_HOURS } from '../../platform/auth/sessions.ts';
import { cookieOptions } from '../../platform/http/auth-hook.ts';
import { safeNext } from '../../platform/http/request-context.ts';
import type { LoginOutcome } from './open-session.ts';
import { CHOOSER_PATH } from './paths.ts';

/** The chooser's token travels in its own short cookie, never in an address that logs keep. */
export const CHOICE_COOKIE = 'samspil_sso_choice';

/** Ends a single sign-on login in the browser: the session cookie and the page asked for, or the chooser. */
export function finishSsoLogin(request: FastifyRequest, reply: FastifyReply, outcome: LoginOutcome, next: unknown) {
  const target = safeNext(next);
  if (outcome.kind === 'session') {
    reply.setCookie(SESSION_COOKIE, outcome.sessionId, { ...cookieOptions(request), maxAge: SESSION_HOURS * 3600 });
    return reply.redirect(target, 303);
  }
  reply.setCookie(CHOICE_COOKIE, outcome.choice, { ...cookieOptions(request), maxAge: 600 });
  return reply.redirect(`${CHOOSER_PATH}?next=${encodeURIComponent(target)}`, 303);
}
