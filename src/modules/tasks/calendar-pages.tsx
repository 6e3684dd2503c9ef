import type { FastifyInstance } from 'fastify';

/** Private calendar feeds (iCal) and the task PDF. */
export function registerCalendarPages(_app: FastifyInstance) {}
