import type { FastifyInstance } from 'fastify';
import { registerAuthorPages } from './author-pages.tsx';
import { registerCentralPages } from './central-pages.tsx';
import { registerMunicipalPages } from './municipal-pages.tsx';
import { registerReminderPages } from './reminder-pages.tsx';
import { registerTasksApi } from './api.ts';

/** The tasks module's routes, one file per audience so each stays small. */
export function registerTasks(app: FastifyInstance) {
  registerAuthorPages(app);
  registerCentralPages(app);
  registerMunicipalPages(app);
  registerReminderPages(app);
  registerTasksApi(app);
}
