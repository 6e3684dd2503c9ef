import type { FastifyInstance } from 'fastify';

export function registerAuthorPages(_app: FastifyInstance) {}
