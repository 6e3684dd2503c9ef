import type { FastifyInstance } from 'fastify';
import { registerAuthorApi } from './author/api.ts';
import { registerAuthorPages } from './author/pages.tsx';
import { registerCalendarPages } from './calendar/pages.tsx';
import { registerCentralApi } from './central/api.ts';
import { registerCentralPages } from './central/pages.tsx';
import { registerMunicipalApi } from './municipal/api.ts';
import { registerMunicipalPages } from './municipal/pages.tsx';
import { registerReminderApi } from './reminders/api.ts';
import { registerReminderPages } from './reminders/pages.tsx';

/** The tasks module's routes, split by who uses them so each file stays small. */
export function registerTasks(app: FastifyInstance) {
  registerAuthorPages(app);
  registerAuthorApi(app);
  registerCentralPages(app);
  registerCentralApi(app);
  registerMunicipalPages(app);
  registerMunicipalApi(app);
  registerReminderPages(app);
  registerReminderApi(app);
  registerCalendarPages(app);
}
