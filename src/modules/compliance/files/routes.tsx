import type { FastifyInstance } from 'fastify';

/** Compliance packages, XLSX and PDF of a package, Skema 1 import. */
export function registerFileRoutes(app: FastifyInstance): void {
  void app;
}
