import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage } from '../../../platform/http/request-context.ts';
import { ContinueLogoutPage } from './pages.tsx';
import { contextHandlerLogoutUrl } from './single-logout.ts';

/**
 * The last step of logging out of a Context Handler session (the session is already ended): on to
 * the IdP's single logout. Answers null when there is nowhere to go (no SAML, no IdP logout), and
 * the caller then ends the logout as for a password session.
 */
export async function continueToContextHandlerLogout(
  request: FastifyRequest,
  reply: FastifyReply,
  login: { samlNameId: string | null; samlSessionIndex: string | null },
): Promise<FastifyReply | null> {
  const url = await contextHandlerLogoutUrl(request.server, login);
  if (!url) return null;
  request.log.info('saml: logout continues to the IdP');
  reply.header('refresh', `0;url=${url}`);
  return sendPage(reply, ContinueLogoutPage({ url }));
}
