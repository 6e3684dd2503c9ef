import type { FastifyInstance } from 'fastify';
import { registerRiskApi } from './api.ts';
import { registerRiskPages } from './pages.tsx';

/** Compliance packages, risk assessment, warnings and heatmaps. */
export function registerRiskRoutes(app: FastifyInstance): void {
  registerRiskPages(app);
  registerRiskApi(app);
}
