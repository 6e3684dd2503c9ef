import type { FastifyInstance } from 'fastify';

/** Compliance packages, list of packages, creating and copying, the overview page, what changed, GET packages API. */
export function registerPackageRoutes(app: FastifyInstance): void {
  void app;
}
