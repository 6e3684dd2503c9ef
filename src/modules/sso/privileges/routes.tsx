import type { FastifyInstance } from 'fastify';

/** The privilege mapping central administrators edit, and the privileges that mapped to nothing. */
export function registerPrivilegeRoutes(_app: FastifyInstance): void {
  // filled in by the privileges part
}
