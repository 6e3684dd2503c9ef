import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { codeParams } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { authorizeAulaMunicipality } from '../policy.ts';

/** A municipality's Aula registration: ESDH, integration, archive, relevant categories, readiness (issue #12 point 2). */
export function registerMunicipalRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/aula/kommuner/:code', { schema: { params: codeParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeAulaMunicipality(ctx.actor, request.params.code, 'read');
    return sendPage(
      reply,
      <Layout title="Aula" actor={request.actor} csrfToken={request.csrfToken} nav="aula">
        <h1>Aula</h1>
      </Layout>,
    );
  });
}
