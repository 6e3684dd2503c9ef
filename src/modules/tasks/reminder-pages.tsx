import type { FastifyInstance } from 'fastify';

export function registerReminderPages(_app: FastifyInstance) {}
