import type { FastifyInstance } from 'fastify';

/** Compliance packages, Skema 1: activities, column G, principles and rights. */
export function registerRecordRoutes(app: FastifyInstance): void {
  void app;
}
