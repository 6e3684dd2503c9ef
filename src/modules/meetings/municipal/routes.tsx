import type { FastifyInstance } from 'fastify';

export function registerMeetingMunicipal(_app: FastifyInstance): void {}
