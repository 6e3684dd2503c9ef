import type { FastifyInstance } from 'fastify';

// Placeholder: filled in by the agreements work (issue #4).
export function registerAgreementMunicipalApi(_app: FastifyInstance) {}
