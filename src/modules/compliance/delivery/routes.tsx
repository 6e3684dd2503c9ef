import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAttentionProvider } from '../../../platform/attention/provider.ts';
import { isCentral } from '../../../platform/context.ts';
import { forbidden } from '../../../platform/errors.ts';
import { codeParams, formBody, idParams, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { loadPackage } from '../load-package.ts';
import { isComplianceAuthor } from '../policy.ts';
import { acknowledgePackage } from './acknowledge-package.ts';
import { registerDeliveryApi } from './api.ts';
import { acknowledgeProvider } from './attention.ts';
import { municipalityRows } from './delivery-queries.ts';
import { MunicipalitiesPage } from './municipalities-page.tsx';
import { loadMunicipalityDelivery } from './municipality-delivery.ts';
import { MunicipalityDeliveryPage } from './municipality-page.tsx';
import { PublishPage } from './publish-page.tsx';
import { planDelivery, publishPackage } from './publish-package.ts';

/** Compliance packages, publishing, mails, access log, acknowledgement and a municipality's delivery page. */
export function registerDeliveryRoutes(root: FastifyInstance): void {
  registerAttentionProvider(acknowledgeProvider);
  registerDeliveryApi(root);
  const app = root.withTypeProvider<ZodTypeProvider>();
  const packagePath = (id: string) => `/compliance/pakker/${id}`;

  app.get('/compliance/pakker/:id/offentliggoer', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'author');
    // Published already (a second tab, the back button): the delivery is what there is to see.
    if (pkg.status !== 'draft') return reply.redirect(`${packagePath(pkg.id)}/kommuner?besked=allerede-offentliggjort`, 303);
    const plan = await planDelivery(ctx.db);
    return sendPage(reply, <PublishPage request={request} pkg={pkg} plan={plan} />);
  });

  app.post('/compliance/pakker/:id/offentliggoer', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const r = await publishPackage(actorCtx(request), request.params.id, clientKeyOf(request));
    return reply.redirect(`${packagePath(r.packageId)}/kommuner?besked=${r.alreadyPublished ? 'allerede-offentliggjort' : 'offentliggjort'}`, 303);
  });

  app.post('/compliance/pakker/:id/kvitter', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const r = await acknowledgePackage(actorCtx(request), request.params.id);
    return reply.redirect(`${packagePath(r.packageId)}#kvittering`, 303);
  });

  app.get('/compliance/pakker/:id/kommuner', { schema: { params: idParams, querystring: pageQuery({ vis: queryText }) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'status');
    if (!isCentral(ctx.actor)) throw forbidden('Oversigten over alle kommuner er kun for KOMBIT. Se jeres egen kommunes side.');
    const rows = pkg.status === 'published' ? await municipalityRows(ctx.db, pkg.id) : [];
    return sendPage(
      reply,
      <MunicipalitiesPage
        request={request}
        pkg={pkg}
        rows={rows}
        missingOnly={request.query.vis === 'mangler'}
        besked={request.query.besked}
        canPublish={isComplianceAuthor(ctx.actor)}
      />,
    );
  });

  app.get(
    '/compliance/pakker/:id/kommuner/:code',
    { schema: { params: idParams.extend(codeParams.shape), querystring: pageQuery({}) } },
    async (request, reply) => {
      const { pkg, view } = await loadMunicipalityDelivery(actorCtx(request), request.params.id, request.params.code);
      return sendPage(reply, <MunicipalityDeliveryPage request={request} pkg={pkg} view={view} />);
    },
  );
}
