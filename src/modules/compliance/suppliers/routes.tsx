import type { FastifyInstance } from 'fastify';

/** Compliance packages, supplier master data and a package's suppliers. */
export function registerSupplierRoutes(app: FastifyInstance): void {
  void app;
}
