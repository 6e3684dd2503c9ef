import type { FastifyInstance } from 'fastify';
import { registerAgreementAuthorApi } from './author/api.ts';
import { registerAgreementAuthorPages } from './author/pages.tsx';
import { registerAgreementMunicipalApi } from './municipal/api.ts';
import { registerAgreementMunicipalPages } from './municipal/pages.tsx';
import { registerAttentionProvider } from '../../platform/attention/provider.ts';
import { registerReminderRoutes } from '../../platform/reminders/routes.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { agreementReminders } from './reminders/subject.tsx';
import { registerAgreementStatusApi } from './central/api.ts';
import { registerAgreementStatusPages } from './central/pages.tsx';
import { agreementAnswersProvider, agreementsToSignProvider } from './attention-municipal.ts';
import { registerCentralAgreementAttention } from './attention-central.ts';

/** The agreements module's routes, split by who uses them so each file stays small. */
export function registerAgreements(app: FastifyInstance) {
  // Both sides have a list: central staff every agreement, a municipality its own.
  registerMenuEntry({ key: 'aftaler', order: 20, href: '/aftaler', label: 'Aftaler', visible: () => true });
  registerAttentionProvider(agreementsToSignProvider);
  registerAttentionProvider(agreementAnswersProvider);
  registerCentralAgreementAttention();
  registerAgreementStatusPages(app);
  registerAgreementStatusApi(app);
  registerAgreementAuthorPages(app);
  registerAgreementAuthorApi(app);
  registerAgreementMunicipalPages(app);
  registerAgreementMunicipalApi(app);
  registerReminderRoutes(app, agreementReminders, {
    pagePath: '/aftaler/:id/paamindelse',
    apiPath: '/api/v1/agreements/:id/reminders',
    tag: 'Aftaler',
    idField: 'agreementId',
    historySchema: 'AgreementReminderHistory',
  });
}
