import type { FastifyInstance } from 'fastify';

export function registerCentralPages(_app: FastifyInstance) {}
