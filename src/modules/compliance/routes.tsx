import type { FastifyInstance } from 'fastify';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { registerComplianceApi } from './api.ts';
import { loadRiskScales } from './risk-scales.ts';
import { RiskScalesPage } from './risk-scales-page.tsx';

/**
 * Compliance packages. So far the risk scales: every logged-in user reads them, since the
 * municipalities assess their own residual risk on the same scale. No menu entry yet; the page is
 * reached from the packages once they exist.
 */
export function registerCompliance(app: FastifyInstance) {
  app.get('/compliance/risikoskalaer', async (request, reply) => {
    const scales = await loadRiskScales(actorCtx(request).db);
    return sendPage(reply, <RiskScalesPage request={request} scales={scales} />);
  });
  registerComplianceApi(app);
}
