import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { Actor, Ctx } from '../context.ts';
import type { LoginMethod } from '../auth/schema.ts';
import { unauthenticated } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The session's CSRF token (or the anonymous form token) to echo in forms. */
    csrfToken: string | undefined;
    authVia: 'session' | 'token' | null;
    /** How the session was opened (a password, Context Handler, MitID Erhverv) and what single logout needs. */
    login: { method: LoginMethod; samlNameId: string | null; samlSessionIndex: string | null } | null;
  }
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** Clock used for every use case; tests replace it to travel in time. */
    clock: () => Date;
  }
  interface FastifyContextConfig {
    /** Routes open to anonymous visitors say so; every other route requires a login. */
    public?: boolean;
    /**
     * A POST another site's page sends on purpose and that carries its own proof, checked by the
     * route (a SAML response or logout message signed by the identity provider): no CSRF token.
     */
    csrfExempt?: boolean;
  }
}

export function ctxOf(request: FastifyRequest): Ctx {
  return {
    actor: request.actor,
    db: request.server.database.db,
    now: request.server.clock(),
    requestId: String(request.id),
    config: request.server.config,
  };
}

/** The context for a route that requires a logged-in actor (the auth hook guarantees one). */
export function actorCtx(request: FastifyRequest): Ctx & { actor: Actor } {
  const ctx = ctxOf(request);
  if (!ctx.actor) throw unauthenticated();
  return ctx as Ctx & { actor: Actor };
}

export const isApiRequest = (request: FastifyRequest) => request.url.startsWith('/api/');

export function sendPage(reply: FastifyReply, html: JSX.Element, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}

/**
 * Only local paths may be redirect targets, so a crafted link cannot send users elsewhere. Browsers
 * drop tabs and newlines inside a URL and read a backslash as a slash, so "/<tab>/evil.example" or
 * "/\\evil.example" would become "//evil.example": such characters are refused anywhere in the path.
 */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !hasControlOrBackslash(next) ? next : '/';
}

function hasControlOrBackslash(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return true;
  }
  return false;
}
