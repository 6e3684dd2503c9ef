import type { FastifyInstance } from 'fastify';

/** The Aula module's rules routes (issue #12). */
export function registerRuleRoutes(_app: FastifyInstance): void {}
