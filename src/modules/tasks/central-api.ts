import type { FastifyInstance } from 'fastify';

export function registerCentralApi(_app: FastifyInstance) {}
