import type { FastifyInstance } from 'fastify';
import { registerBackupRoutes } from './backup/routes.tsx';
import { registerChooserRoutes } from './chooser.tsx';
import { registerPrivilegeRoutes } from './privileges/routes.tsx';
import { registerSamlRoutes } from './saml/routes.ts';

/** Single sign-on (issue #15): each part's routes. The SAML part reads the IdP's metadata first. */
export async function registerSso(app: FastifyInstance): Promise<void> {
  await registerSamlRoutes(app);
  registerPrivilegeRoutes(app);
  registerBackupRoutes(app);
  registerChooserRoutes(app);
}
