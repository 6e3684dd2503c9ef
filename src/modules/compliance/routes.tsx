import type { FastifyInstance } from 'fastify';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { registerComplianceApi } from './api.ts';
import { registerDeliveryRoutes } from './delivery/routes.tsx';
import { registerFileRoutes } from './files/routes.tsx';
import { registerPackageRoutes } from './packages/routes.tsx';
import { registerRecordRoutes } from './record/routes.tsx';
import { registerResponseRoutes } from './responses/routes.tsx';
import { loadRiskScales } from './risk-scales.ts';
import { RiskScalesPage } from './risk-scales-page.tsx';
import { registerRiskRoutes } from './risks/routes.tsx';
import { registerSupplierRoutes } from './suppliers/routes.tsx';

/**
 * Compliance packages: the yearly GDPR documentation per solution. Central staff read every
 * package and information security authors them; in a municipality the designated recipients
 * open its packages, and its programleder and KLIK-administrator see their delivery.
 */
export function registerCompliance(app: FastifyInstance) {
  // Every logged-in user reads the scales: the municipalities assess their own residual risk on them.
  app.get('/compliance/risikoskalaer', async (request, reply) => {
    const scales = await loadRiskScales(actorCtx(request).db);
    return sendPage(reply, <RiskScalesPage request={request} scales={scales} />);
  });
  registerComplianceApi(app);
  registerPackageRoutes(app);
  registerRecordRoutes(app);
  registerSupplierRoutes(app);
  registerRiskRoutes(app);
  registerDeliveryRoutes(app);
  registerResponseRoutes(app);
  registerFileRoutes(app);
}
