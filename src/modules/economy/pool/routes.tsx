import type { FastifyInstance } from 'fastify';

/** The pool part of the economy's routes (issue #11). */
export function registerPoolRoutes(_app: FastifyInstance): void {}
