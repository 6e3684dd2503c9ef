import type { FastifyInstance } from 'fastify';

/** Compliance packages, a municipality's responses to the risks and their aggregate. */
export function registerResponseRoutes(app: FastifyInstance): void {
  void app;
}
