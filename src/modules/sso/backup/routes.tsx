import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OidcConfig } from '../../../config.ts';
import { registerAttentionProvider } from '../../../platform/attention/provider.ts';
import { AppError } from '../../../platform/errors.ts';
import { cookieOptions } from '../../../platform/http/auth-hook.ts';
import { formBody, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { actorCtx, ctxOf, safeNext, sendPage } from '../../../platform/http/request-context.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { finishSsoLogin } from '../finish-login.ts';
import { MITID_CALLBACK_PATH, MITID_LOGIN_PATH } from '../paths.ts';
import { registerBackupApi } from './api.ts';
import { backupMissingProvider } from './attention.ts';
import { completeMitidLogin } from './complete-mitid-login.ts';
import { finishMitidFlow } from './finish-mitid-flow.ts';
import { linkOwnMitid } from './link-own-mitid.ts';
import { loadOwnLink } from './load-own-link.ts';
import { normalizeMitidId } from './mitid-id.ts';
import { registerReportRoutes } from './report-routes.tsx';
import { MITID_LINK_PATH, MITID_OWN_PATH } from './routes-paths.ts';
import { type FlowPurpose, FLOW_MINUTES, startMitidFlow } from './start-mitid-flow.ts';
import { NotLinkedPage, NotSetUpPage, RefusedPage, UnavailablePage } from './views/flow-pages.tsx';
import { OwnPage } from './views/own-page.tsx';

/** The state of the round trip this browser started, so a callback from someone else's start is refused. */
const STATE_COOKIE = 'samspil_mitid_state';
const STATE_COOKIE_PATH = '/mitid-erhverv';

const ownNotices = { tilknyttet: 'Dit MitID Erhverv er tilknyttet. Du kan nu bruge det som reservelogin.' } as const;

/** Sends the browser to the broker, or answers with the page saying why it cannot go. */
async function redirectToBroker(request: FastifyRequest, reply: FastifyReply, oidc: OidcConfig, purpose: FlowPurpose, next: string) {
  try {
    const { url, state } = await startMitidFlow(ctxOf(request), oidc, purpose, next);
    reply.setCookie(STATE_COOKIE, state, { ...cookieOptions(request), path: STATE_COOKIE_PATH, maxAge: FLOW_MINUTES * 60 });
    return reply.redirect(url.href, 303);
  } catch (error) {
    if (error instanceof AppError && error.status === 503) return sendPage(reply, <UnavailablePage request={request} next={next} />, 503);
    throw error;
  }
}

/** The callback's answer for a refused round trip: its own page, with the status the refusal carries. */
function refusedPage(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  if (!(error instanceof AppError) || error.status >= 500) {
    if (error instanceof AppError && error.status === 503) return sendPage(reply, <UnavailablePage request={request} />, 503);
    throw error;
  }
  return sendPage(reply, <RefusedPage request={request} message={error.message} />, error.status);
}

/** MitID Erhverv as the backup login, linking it, and who has none. */
export function registerBackupRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerAttentionProvider(backupMissingProvider);

  app.get(MITID_LOGIN_PATH, { config: { public: true }, schema: { querystring: pageQuery({ next: queryText }) } }, async (request, reply) => {
    const oidc = request.server.config.oidc;
    if (!oidc) return sendPage(reply, <NotSetUpPage request={request} />, 404);
    return redirectToBroker(request, reply, oidc, 'login', safeNext(request.query.next));
  });

  app.get(MITID_CALLBACK_PATH, { config: { public: true }, schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const oidc = request.server.config.oidc;
    if (!oidc) return sendPage(reply, <NotSetUpPage request={request} />, 404);
    const ctx = ctxOf(request);
    const browserState = request.cookies[STATE_COOKIE];
    reply.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });
    try {
      const flow = await finishMitidFlow(ctx, oidc, request.url, browserState);
      const subject = normalizeMitidId(flow.subject);
      if (flow.purpose === 'link') {
        if (!request.actor) throw new AppError(403, 'link_logged_out', 'Du skal være logget ind for at tilknytte dit MitID Erhverv. Log ind og start forfra.');
        const actx = actorCtx(request);
        try {
          await linkOwnMitid(actx, flow.userId, subject);
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          const link = await loadOwnLink(actx.db, actx.actor.personId);
          return sendPage(reply, <OwnPage request={request} link={link} error={error.message} />, error.status);
        }
        return reply.redirect(`${MITID_OWN_PATH}?besked=tilknyttet`, 303);
      }
      const outcome = await completeMitidLogin(ctx, subject, { ip: request.ip, userAgent: request.headers['user-agent'] });
      if (outcome.kind === 'not-linked') return sendPage(reply, <NotLinkedPage request={request} subject={outcome.subject} next={flow.next} />, 403);
      return finishSsoLogin(request, reply, outcome, flow.next);
    } catch (error) {
      if (error instanceof AppError) request.log.info({ code: error.code }, 'MitID Erhverv login refused');
      return refusedPage(request, reply, error);
    }
  });

  app.get(MITID_OWN_PATH, { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    if (!request.server.config.oidc) return sendPage(reply, <NotSetUpPage request={request} />, 404);
    const ctx = actorCtx(request);
    const link = await loadOwnLink(ctx.db, ctx.actor.personId);
    return sendPage(reply, <OwnPage request={request} link={link} notice={noticeFor(ownNotices, request.query.besked)} />);
  });

  app.post(MITID_LINK_PATH, { schema: { body: formBody } }, async (request, reply) => {
    const oidc = request.server.config.oidc;
    if (!oidc) return sendPage(reply, <NotSetUpPage request={request} />, 404);
    // Not public: the auth hook has put the user whose link this becomes in the stored state.
    return redirectToBroker(request, reply, oidc, 'link', MITID_OWN_PATH);
  });

  registerReportRoutes(root);
  registerBackupApi(root);
}
