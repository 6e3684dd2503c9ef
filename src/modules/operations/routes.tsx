import type { FastifyInstance } from 'fastify';

export function registerOperations(_app: FastifyInstance): void {}
