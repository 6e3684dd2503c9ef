import type { FastifyInstance } from 'fastify';

export function registerReminderApi(_app: FastifyInstance) {}
