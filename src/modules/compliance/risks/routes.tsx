import type { FastifyInstance } from 'fastify';

/** Compliance packages, risk assessment, warnings and heatmaps. */
export function registerRiskRoutes(app: FastifyInstance): void {
  void app;
}
