import type { FastifyInstance } from 'fastify';
import { registerBudgetApi } from './api.ts';
import { registerBudgetPages } from './pages.tsx';

/** The central cost budget, the actual costs and the year overview (issue #11 point 4): pages and API. */
export function registerBudgetRoutes(app: FastifyInstance): void {
  registerBudgetPages(app);
  registerBudgetApi(app);
}
