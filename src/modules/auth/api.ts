import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiBody, errorResponses, iso, uuidParam } from '../../platform/http/api-schemas.ts';
import { actorCtx } from '../../platform/http/request-context.ts';
import { createApiToken, listApiTokens, revokeApiToken, tokenInput } from './api-tokens.ts';

const tokenOut = z
  .object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })
  .meta({ id: 'ApiToken' });

export function registerAuthApi(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Konto'];

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags,
        summary: 'Den indloggede bruger og dennes roller',
        response: {
          200: z.object({
            userId: z.string(),
            name: z.string(),
            email: z.string(),
            municipalityCode: z.string().nullable(),
            municipalityName: z.string().nullable(),
            roles: z.array(z.object({ roleTypeKey: z.string(), solutionKey: z.string().nullable(), isPrimary: z.boolean() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { actor } = actorCtx(request);
      return { ...actor };
    },
  );

  app.get(
    '/api/v1/tokens',
    { schema: { tags, summary: 'Mine API-nøgler', response: { 200: z.array(tokenOut), ...errorResponses } } },
    async (request) =>
      (await listApiTokens(actorCtx(request))).map((t) => ({ ...t, createdAt: iso(t.createdAt)!, lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) })),
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        summary: 'Opret API-nøgle (nøglen vises kun i svaret)',
        body: apiBody(tokenInput),
        response: { 201: tokenOut.extend({ token: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const t = await createApiToken(actorCtx(request), request.body);
      return reply.status(201).send({ ...t, createdAt: iso(t.createdAt)!, lastUsedAt: null, revokedAt: null });
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags, summary: 'Tilbagekald API-nøgle', params: z.object({ id: uuidParam }), response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await revokeApiToken(actorCtx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
