import type { FastifyInstance } from 'fastify';
import { registerApiDocs } from '../platform/http/api-docs.ts';
import { registerAgreements } from './agreements/routes.ts';
import { registerAuditRoutes } from './audit/routes.tsx';
import { registerAuthApi } from './auth/api.ts';
import { registerAuthPages } from './auth/pages.tsx';
import { registerCompliance } from './compliance/routes.tsx';
import { registerAula } from './aula/routes.tsx';
import { registerBorgerblikket } from './borgerblikket/index.ts';
import { registerNews } from './news/index.ts';
import { registerMeetings } from './meetings/index.ts';
import { registerOperations } from './operations/index.ts';
import { registerProgrammes } from './programmes/index.ts';
import { registerEconomy } from './economy/routes.tsx';
import { registerHome } from './home/pages.tsx';
import { registerNotificationSettings } from './notifications/settings.tsx';
import { registerOrganisationsApi } from './organisations/api.ts';
import { registerOrganisationsIo } from './organisations/io-routes.tsx';
import { registerOrganisationsPages } from './organisations/pages.tsx';
import { registerOutboxRoutes } from './outbox/routes.tsx';
import { registerPortfolio } from './portfolio/routes.tsx';
import { registerTasks } from './tasks/routes.ts';
import { registerSso } from './sso/index.ts';

/** Every module's routes. The route-policy test fails when a route here has no expectation. */
export async function registerModules(app: FastifyInstance) {
  await registerApiDocs(app);
  registerHome(app);
  registerAuthPages(app);
  registerAuthApi(app);
  registerOrganisationsPages(app);
  registerOrganisationsApi(app);
  registerOrganisationsIo(app);
  registerAuditRoutes(app);
  registerOutboxRoutes(app);
  registerTasks(app);
  registerAgreements(app);
  registerPortfolio(app);
  registerNotificationSettings(app);
  registerCompliance(app);
  registerEconomy(app);
  registerAula(app);
  registerBorgerblikket(app);
  registerProgrammes(app);
  registerNews(app);
  registerMeetings(app);
  registerOperations(app);
  await registerSso(app);
}
