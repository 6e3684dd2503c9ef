import type { FastifyInstance } from 'fastify';

export function registerMeetingPlanning(_app: FastifyInstance): void {}
