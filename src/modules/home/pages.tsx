import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attentionJson, attentionResponse } from '../../platform/attention/api.ts';
import { attentionForActor } from '../../platform/attention/provider.ts';
import { markFrontPageSeen } from '../../platform/attention/seen.ts';
import { AttentionSections } from '../../platform/attention/view.tsx';
import { isCentral } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http/api-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { danishDay, formatDayLong } from '../../platform/views/format.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { registerPublicPages } from './public-pages.tsx';

export function registerHome(app: FastifyInstance) {
  registerMenuEntry({ key: 'forside', order: 0, href: '/', label: 'Forside', visible: () => true });
  registerPublicPages(app);
  app.get('/healthz', { config: { public: true } }, async (_request, reply) => {
    try {
      await app.database.ping();
      return reply.send({ status: 'ok', database: app.database.kind });
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: app.database.kind });
    }
  });

  // "Det skal I nu": what needs the user today, from every module's attention providers.
  app.get('/', { config: { freshMenuCounts: true } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const today = danishDay(ctx.now);
    const sections = await attentionForActor(ctx, today);
    const central = isCentral(ctx.actor);
    // What this page showed as news (answers from KOMBIT) is not new next time. Only municipal users
    // have news sections; the API below reads the same items without marking them seen.
    if (!central) await markFrontPageSeen(ctx.db, ctx.actor.userId, ctx.now);
    return sendPage(
      reply,
      <Layout title={central ? 'Det skal du nu' : 'Det skal I nu'} actor={ctx.actor} csrfToken={request.csrfToken} nav="forside">
        <h1>{central ? 'Det skal du nu' : 'Det skal I nu'}</h1>
        <p class="font-lead" safe>
          {central
            ? `Det venter på KOMBIT i dag, ${formatDayLong(today)}.`
            : `Det venter på ${ctx.actor.municipalityName ?? ''} Kommune og dig i dag, ${formatDayLong(today)}.`}
        </p>
        <AttentionSections sections={sections} today={today} empty="Der er intet, der venter på dig lige nu." />
      </Layout>,
    );
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/me/attention',
    {
      schema: {
        tags: ['Forside'],
        summary: 'Det der venter på mig: forsidens punkter',
        description: 'Alle indloggede. Samme punkter som forsiden, med slags, titel, frist, link og alvor.',
        response: { 200: attentionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const today = danishDay(ctx.now);
      return attentionJson(await attentionForActor(ctx, today), today);
    },
  );
}
