import type { FastifyInstance } from 'fastify';

/** "Hvad ser borgeren?", the impact of a draft change, the youth activation day, and their API. */
export function registerVisibilityRoutes(_app: FastifyInstance): void {}
