import type { FastifyInstance } from 'fastify';

/** The KLE plan: the import page, the plan page and GET /api/v1/borgerblikket/kle. */
export function registerPlanRoutes(_app: FastifyInstance): void {}
