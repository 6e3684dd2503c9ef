import type { FastifyInstance } from 'fastify';

/** Context Handler's SAML service provider: metadata, login, assertion consumer, single logout. */
export async function registerSamlRoutes(_app: FastifyInstance): Promise<void> {
  // filled in by the SAML part
}
