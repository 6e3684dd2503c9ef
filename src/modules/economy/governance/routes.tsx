import type { FastifyInstance } from 'fastify';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { Layout } from '../../../platform/views/layout.tsx';

/** The councils and their meetings (issue #11 point 5); for now only the landing page. */
export function registerGovernanceRoutes(app: FastifyInstance): void {
  app.get('/styring', async (request, reply) => {
    actorCtx(request);
    return sendPage(
      reply,
      <Layout title="K98-styring" actor={request.actor} csrfToken={request.csrfToken} nav="styring">
        <h1>K98-styring</h1>
      </Layout>,
    );
  });
}
