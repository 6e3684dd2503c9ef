import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError, unauthenticated } from '../errors.ts';
import { apiToken } from '../auth/schema.ts';
import { loadActor } from '../auth/load-actor.ts';
import { randomToken, safeEqual, sha256 } from '../auth/secrets.ts';
import { findSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { isApiRequest } from './request-context.ts';

export const ANON_CSRF_COOKIE = 'samspil_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the actor from a Bearer token or the session cookie, enforces login on non-public
 * routes and checks CSRF on every state-changing request that a browser could have been tricked
 * into sending (i.e. everything not authenticated by an explicit Bearer header).
 */
export function registerAuthHook(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', undefined);
  app.decorateRequest('authVia', null);
  app.decorateRequest('login', null);

  // Who is asking is settled before the body is even read: an anonymous API call gets 401, not a
  // validation error, and an anonymous upload is refused before it is parsed.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const db = app.database.db;
    const now = app.clock();
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const [token] = await db
        .select({ id: apiToken.id, userId: apiToken.userId })
        .from(apiToken)
        .where(and(eq(apiToken.tokenHash, sha256(bearer)), isNull(apiToken.revokedAt)));
      const actor = token ? await loadActor(db, token.userId) : null;
      if (!actor) throw new AppError(401, 'invalid_token', 'API-nøglen er ugyldig eller tilbagekaldt.');
      request.actor = actor;
      request.authVia = 'token';
      await db.update(apiToken).set({ lastUsedAt: now }).where(eq(apiToken.id, token!.id));
      return;
    }

    const sid = request.cookies[SESSION_COOKIE];
    if (sid) {
      const found = await findSession(db, sid, now);
      const actor = found ? await loadActor(db, found.userId) : null;
      if (found && actor) {
        request.actor = actor;
        request.csrfToken = found.csrfToken;
        request.authVia = 'session';
        request.login = { method: found.method, samlNameId: found.samlNameId, samlSessionIndex: found.samlSessionIndex };
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }

    if (!request.actor) {
      // Anonymous forms (login, password links) use a double-submit token in its own cookie.
      let anon = request.cookies[ANON_CSRF_COOKIE];
      if (!anon) {
        anon = randomToken();
        reply.setCookie(ANON_CSRF_COOKIE, anon, cookieOptions(request));
      }
      request.csrfToken = anon;
      if (!request.routeOptions.config.public) {
        if (isApiRequest(request)) throw unauthenticated();
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      }
    }
  });

  // CSRF needs the form's _csrf field, so it runs once the body is parsed but before validation:
  // a forged request is refused as forged, whatever its body looks like.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (SAFE_METHODS.has(request.method) || request.authVia === 'token') return;
    if (request.routeOptions.config.csrfExempt) return;
    const sent = headerOrField(request);
    if (!request.csrfToken || !sent || !safeEqual(sent, request.csrfToken)) {
      throw new AppError(403, 'csrf_failed', 'Formularen er udløbet eller ugyldig. Genindlæs siden og prøv igen.');
    }
  });
}

function headerOrField(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body: unknown = request.body;
  return body && typeof body === 'object' && '_csrf' in body && typeof body._csrf === 'string' ? body._csrf : undefined;
}

export function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
  };
}
