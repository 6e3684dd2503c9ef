import type { FastifyInstance } from 'fastify';

/** A municipality's KLE configuration: the pages, the history, bulk edit, XLSX, the API. */
export function registerConfigurationRoutes(_app: FastifyInstance): void {}
