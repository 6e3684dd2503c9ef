import type { FastifyInstance } from 'fastify';

/** The news module's routes (issue #14): filled in as its parts land. */
export function registerNews(_app: FastifyInstance): void {}
