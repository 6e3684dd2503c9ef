import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/errors.ts';
import { formBody, pageQuery, queryFields, queryText } from '../../../platform/http/page-schemas.ts';
import { ctxOf, sendPage } from '../../../platform/http/request-context.ts';
import { finishSsoLogin } from '../finish-login.ts';
import { SAML_ACS_PATH, SAML_LOGIN_PATH, SAML_METADATA_PATH, SAML_SLO_PATH } from '../paths.ts';
import { completeContextHandlerLogin } from '../privileges/complete-login.ts';
import { NotSetUpPage, RefusedPage } from './pages.tsx';
import { rememberLoginRequest, takeLoginRequest } from './login-cookie.ts';
import { relayStateFor } from './relay-state.ts';
import { sendingRequestId } from './request-id-cache.ts';
import { buildServiceProvider } from './service-provider.ts';
import { acceptIdpLogoutResponse, answerIdpLogoutRequest } from './single-logout.ts';
import { verifyContextHandlerResponse } from './verify-response.ts';

const rawQuery = (request: FastifyRequest) => {
  const i = request.url.indexOf('?');
  return i < 0 ? '' : request.url.slice(i + 1);
};

/** A refused message: a Danish page with its 4xx, and the technical reason in the log. */
function refuse(request: FastifyRequest, reply: FastifyReply, error: AppError, logout = false) {
  const reason = 'reason' in error ? String(error.reason) : error.code;
  request.log.warn({ status: error.status, code: error.code, reason }, logout ? 'saml: logout message refused' : 'saml: login refused');
  return sendPage(reply, RefusedPage({ request, message: error.message, logout }), error.status);
}

const notSetUp = (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, NotSetUpPage({ request }), 404);

/**
 * Context Handler's SAML service provider: metadata, login, assertion consumer, single logout.
 * The SP is built once here, so a server whose IdP metadata cannot be read does not start. Without
 * SAML configuration the addresses still exist and say so (404).
 */
export async function registerSamlRoutes(root: FastifyInstance): Promise<void> {
  const sp = await buildServiceProvider(root, root.config, root.database.db);
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(SAML_METADATA_PATH, { config: { public: true } }, async (request, reply) => {
    if (!sp) return notSetUp(request, reply);
    return reply.type('application/samlmetadata+xml; charset=utf-8').send(sp.metadataXml);
  });

  app.get(SAML_LOGIN_PATH, { config: { public: true }, schema: { querystring: pageQuery({ next: queryText }) } }, async (request, reply) => {
    if (!sp) return notSetUp(request, reply);
    const next = relayStateFor(request.query.next);
    const { result: url, requestId } = await sendingRequestId(() => sp.saml.getAuthorizeUrlAsync(next, undefined, {}));
    if (!requestId) throw new Error('saml: the AuthnRequest ID was not saved');
    rememberLoginRequest(request, reply, requestId);
    return reply.redirect(url, 303);
  });

  // Context Handler's page posts here from its own site: no CSRF token, the signed assertion is the proof.
  app.post(SAML_ACS_PATH, { config: { public: true, csrfExempt: true }, schema: { body: formBody } }, async (request, reply) => {
    if (!sp) return notSetUp(request, reply);
    const ctx = ctxOf(request);
    const body = request.body;
    const startedHere = takeLoginRequest(request, reply);
    try {
      const assertion = await verifyContextHandlerResponse(sp, ctx.db, ctx.now, typeof body.SAMLResponse === 'string' ? body.SAMLResponse : '', startedHere);
      const outcome = await completeContextHandlerLogin(ctx, assertion, { ip: request.ip, userAgent: request.headers['user-agent'] });
      request.log.info({ outcome: outcome.kind, cvr: assertion.cvr, loa: assertion.loa }, 'saml: login accepted');
      return finishSsoLogin(request, reply, outcome, relayStateFor(body.RelayState));
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return refuse(request, reply, error);
    }
  });

  // HTTP-Redirect single logout: a LogoutRequest from the IdP, or its LogoutResponse to ours.
  app.get(SAML_SLO_PATH, { config: { public: true }, schema: { querystring: queryFields } }, async (request, reply) => {
    if (!sp) return notSetUp(request, reply);
    const query = request.query;
    try {
      if (typeof query.SAMLRequest === 'string') {
        const { redirect, ended } = await answerIdpLogoutRequest(sp, ctxOf(request), query, rawQuery(request));
        request.log.info({ ended }, 'saml: single logout from the IdP');
        return reply.redirect(redirect, 303);
      }
      if (typeof query.SAMLResponse === 'string') {
        await acceptIdpLogoutResponse(sp, query, rawQuery(request));
        return reply.redirect('/login?besked=logget-ud', 303);
      }
      throw new AppError(400, 'saml_refused', 'Adressen skal kaldes med en logud-besked fra Context Handler.');
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return refuse(request, reply, error, true);
    }
  });
}
