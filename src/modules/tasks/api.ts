import type { FastifyInstance } from 'fastify';

export function registerTasksApi(_app: FastifyInstance) {}
