import type { FastifyInstance } from 'fastify';

/** Import and export of galleries and the central overview (XLSX/CSV). */
export function registerOrganisationsIo(_app: FastifyInstance) {}
