import type { FastifyInstance } from 'fastify';

export function registerMunicipalApi(_app: FastifyInstance) {}
