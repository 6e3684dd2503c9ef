import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isCentral, type Actor } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { formBody, pageQuery, queryText } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { createRiskScale } from './create-risk-scale.ts';
import { isComplianceAuthor } from './policy.ts';
import { RiskScaleFormPage, scaleFromForm, scaleSize } from './risk-scale-form.tsx';
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
export function registerCompliance(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  // Every logged-in user reads the scales: the municipalities assess their own residual risk on them.
  app.get('/compliance/risikoskalaer', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const scales = await loadRiskScales(ctx.db);
    const created = request.query.besked === 'oprettet';
    return sendPage(reply, <RiskScalesPage request={request} scales={scales} canCreate={isComplianceAuthor(ctx.actor)} created={created} />);
  });
  const sizeQuery = pageQuery({ sandsynligheder: queryText, konsekvenser: queryText, niveauer: queryText });
  // The form is the use case's own check before anything is shown (municipal users: 404).
  const authorOnly = (actor: Actor) => {
    if (!isComplianceAuthor(actor)) throw isCentral(actor) ? forbidden('Kun KOMBITs informationssikkerhed kan oprette risikoskalaer.') : notFound();
  };
  app.get('/compliance/risikoskalaer/ny', { schema: { querystring: sizeQuery } }, async (request, reply) => {
    authorOnly(actorCtx(request).actor);
    return sendPage(reply, <RiskScaleFormPage request={request} size={scaleSize(request.query)} values={{}} errors={{}} />);
  });
  app.post('/compliance/risikoskalaer/ny', { schema: { querystring: sizeQuery, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorOnly(ctx.actor);
    const size = scaleSize(request.query);
    try {
      const { key } = await createRiskScale(ctx, scaleFromForm(request.body, size));
      return reply.redirect(`/compliance/risikoskalaer?besked=oprettet#skala-${key}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
      const values = Object.fromEntries(Object.entries(request.body).filter((e): e is [string, string] => typeof e[1] === 'string'));
      return sendPage(reply, <RiskScaleFormPage request={request} size={size} values={values} errors={{ _: error.message, ...error.fieldErrors }} />, error.status);
    }
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
