import type { FastifyInstance } from 'fastify';

/** The prices part of the economy's routes (issue #11). */
export function registerPriceRoutes(_app: FastifyInstance): void {}
