import type { FastifyInstance } from 'fastify';
import { registerAuthorApi } from './author/api.ts';
import { registerAuthorPages } from './author/pages.tsx';
import { registerCalendarPages } from './calendar/pages.tsx';
import { registerCentralApi } from './central/api.ts';
import { registerCentralPages } from './central/pages.tsx';
import { registerMunicipalApi } from './municipal/api.ts';
import { registerMunicipalPages } from './municipal/pages.tsx';
import { registerAttentionProvider } from '../../platform/attention/provider.ts';
import { isCentral } from '../../platform/context.ts';
import { registerReminderRoutes } from '../../platform/reminders/routes.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { taskReminders } from './reminders/subject.tsx';
import { answersProvider, openTasksProvider } from './attention-municipal.ts';
import { registerCentralTaskAttention } from './attention-central.ts';

/** The tasks module's routes, split by who uses them so each file stays small. */
export function registerTasks(app: FastifyInstance) {
  // Central staff get the overview across municipalities (/overblik admits exactly them), the others their own list.
  registerMenuEntry({
    key: 'opgaver',
    order: 10,
    href: (a) => (isCentral(a) ? '/overblik' : '/opgaver'),
    label: (a) => (isCentral(a) ? 'Opgaver' : 'Mine opgaver'),
    visible: () => true,
  });
  registerAttentionProvider(openTasksProvider);
  registerAttentionProvider(answersProvider);
  registerCentralTaskAttention();
  registerAuthorPages(app);
  registerAuthorApi(app);
  registerCentralPages(app);
  registerCentralApi(app);
  registerMunicipalPages(app);
  registerMunicipalApi(app);
  registerReminderRoutes(app, taskReminders, {
    pagePath: '/opgaver/:id/paamindelse',
    apiPath: '/api/v1/tasks/:id/reminders',
    tag: 'Påmindelser',
    idField: 'taskId',
    historySchema: 'ReminderHistory',
  });
  registerCalendarPages(app);
}
