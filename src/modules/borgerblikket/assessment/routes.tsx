import type { FastifyInstance } from 'fastify';

/** The assessment of KLE numbers with youth data: central creation and progress, the municipality's decisions. */
export function registerAssessmentRoutes(_app: FastifyInstance): void {}
