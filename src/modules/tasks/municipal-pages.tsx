import type { FastifyInstance } from 'fastify';

export function registerMunicipalPages(_app: FastifyInstance) {}
