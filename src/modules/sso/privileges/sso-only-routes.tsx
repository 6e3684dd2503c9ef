import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { apiBody, errorResponses } from '../../../platform/http/api-schemas.ts';
import { codeParams, formBody, pageQuery } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { loadLoginSettings, setSsoOnly } from './set-sso-only.ts';
import { SSO_ONLY_NOTICES, SsoOnlyPage } from './views/sso-only-page.tsx';

const fromForm = (v: unknown) => (v === 'ja' ? true : v === 'nej' ? false : undefined);

/** "SSO only" for a municipality: the page for its KLIK-administrator and KOMBIT's administrators, and the API. */
export function registerSsoOnlyRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/kommuner/:code/log-ind', { schema: { params: codeParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const m = await loadLoginSettings(actorCtx(request), request.params.code);
    return sendPage(reply, <SsoOnlyPage request={request} m={m} notice={noticeFor(SSO_ONLY_NOTICES, request.query.besked)} />);
  });

  app.post('/kommuner/:code/log-ind', { schema: { params: codeParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    try {
      const r = await setSsoOnly(ctx, code, { ssoOnly: fromForm(request.body.ssoOnly) });
      return await reply.redirect(`/kommuner/${code}/log-ind?besked=${r.changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const m = await loadLoginSettings(ctx, code);
      return sendPage(reply, <SsoOnlyPage request={request} m={m} error={error.fieldErrors.ssoOnly ?? error.message} />, 422);
    }
  });

  app.put(
    '/api/v1/municipalities/:code/sso-only',
    {
      schema: {
        tags: ['Single sign-on'],
        summary: 'Slå "kun single sign-on" til eller fra for en kommune',
        description:
          'Kun kommunens KLIK-administrator og KOMBITs administratorer; en anden kommune svarer 404. Når det er slået til, virker kommunens brugeres adgangskoder ikke. Samme værdi igen ændrer intet (changed: false).',
        params: codeParams,
        body: apiBody(z.object({ ssoOnly: z.boolean() })),
        response: { 200: z.object({ code: z.string(), name: z.string(), ssoOnly: z.boolean(), changed: z.boolean() }).meta({ id: 'SsoOnly' }), ...errorResponses },
      },
    },
    async (request) => setSsoOnly(actorCtx(request), request.params.code, request.body),
  );
}
