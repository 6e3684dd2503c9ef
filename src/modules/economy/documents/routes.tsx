import type { FastifyInstance } from 'fastify';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { Layout } from '../../../platform/views/layout.tsx';

/** The yearly documents (issue #11 point 4); for now only the economy's landing page. */
export function registerDocumentRoutes(app: FastifyInstance): void {
  app.get('/oekonomi', async (request, reply) => {
    actorCtx(request);
    return sendPage(
      reply,
      <Layout title="Økonomi" actor={request.actor} csrfToken={request.csrfToken} nav="oekonomi">
        <h1>Økonomi</h1>
      </Layout>,
    );
  });
}
