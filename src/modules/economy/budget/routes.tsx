import type { FastifyInstance } from 'fastify';

/** The budget part of the economy's routes (issue #11). */
export function registerBudgetRoutes(_app: FastifyInstance): void {}
