import type { FastifyInstance } from 'fastify';

/** The Aula module's inventory routes (issue #12). */
export function registerInventoryRoutes(_app: FastifyInstance): void {}
