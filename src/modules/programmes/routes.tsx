import type { FastifyInstance } from 'fastify';

/** The programmes module's routes (issue #14): filled in as its parts land. */
export function registerProgrammes(_app: FastifyInstance): void {}
