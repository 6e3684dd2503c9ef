import type { FastifyInstance } from 'fastify';

export function registerAuthorApi(_app: FastifyInstance) {}
