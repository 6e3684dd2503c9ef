import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isCentral } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { formBody, idParams, uuidParam } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { loadPackageContent } from '../content.ts';
import { loadPackage } from '../load-package.ts';
import { loadResponseAggregate } from './aggregate-queries.ts';
import { AggregatePage } from './aggregate-page.tsx';
import { registerResponseApi } from './api.ts';
import { RespondPage } from './respond-page.tsx';
import { fromForm } from './response-input.ts';
import { recipientPanel } from './response-panel.tsx';
import { loadRespondTarget, packageScale, saveResponse } from './save-response.ts';

const riskParams = z.object({ id: uuidParam, riskId: uuidParam });

/**
 * GET  /compliance/pakker/:id/svar                   the municipalities' responses, per risk and per municipality (central staff; 404 to municipalities)
 * POST /compliance/pakker/:id/risici/:riskId/svar    a recipient's response to a risk (back to the risk page, or the form again with its errors)
 */
export function registerResponseRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/compliance/pakker/:id/svar', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    // The aggregate names every municipality's answers: to a municipality the page does not exist.
    if (!isCentral(ctx.actor)) throw notFound('Siden findes ikke.');
    const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'read');
    const aggregate = await loadResponseAggregate(ctx.db, pkg.id, await packageScale(ctx, pkg));
    return sendPage(reply, <AggregatePage request={request} pkg={pkg} aggregate={aggregate} />);
  });

  app.post('/compliance/pakker/:id/risici/:riskId/svar', { schema: { params: riskParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id, riskId } = request.params;
    const input = fromForm(request.body);
    try {
      const saved = await saveResponse(ctx, id, riskId, input, clientKeyOf(request));
      return reply.redirect(`/compliance/pakker/${id}/risici/${riskId}?besked=${saved.changed ? 'svar-gemt' : 'svar-uaendret'}#svar`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
      const { pkg } = await loadRespondTarget(ctx, id, riskId);
      const risk = (await loadPackageContent(ctx.db, pkg.id)).risks.find((r) => r.id === riskId);
      if (!risk) throw notFound('Risikoen findes ikke i pakken.');
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { _: error.message };
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      const values = {
        response: text(input.response),
        reason: text(input.reason),
        residualLikelihood: text(input.residualLikelihood),
        residualConsequence: text(input.residualConsequence),
        measures: input.measures as { description: string; owner: string; deadline: string }[],
        requestKey: request.body.requestKey,
      };
      const panel = await recipientPanel(ctx, pkg, risk, await packageScale(ctx, pkg), request.csrfToken, { values, errors });
      return sendPage(reply, <RespondPage request={request} pkg={pkg} risk={risk} panel={panel} />, error.status);
    }
  });

  registerResponseApi(root);
}
