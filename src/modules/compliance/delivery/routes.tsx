import type { FastifyInstance } from 'fastify';

/** Compliance packages, publishing, mails, access log, acknowledgement and a municipality's delivery page. */
export function registerDeliveryRoutes(app: FastifyInstance): void {
  void app;
}
