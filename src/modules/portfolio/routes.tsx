import type { FastifyInstance } from 'fastify';

// Placeholder: filled in by the portfolio work (issue #4).
export function registerPortfolio(_app: FastifyInstance) {}
