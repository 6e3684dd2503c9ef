import type { FastifyInstance } from 'fastify';

export function registerFollowUp(_app: FastifyInstance): void {}
