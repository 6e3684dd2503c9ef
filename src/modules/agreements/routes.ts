import type { FastifyInstance } from 'fastify';
import { registerAgreementAuthorApi } from './author/api.ts';
import { registerAgreementAuthorPages } from './author/pages.tsx';
import { registerAgreementMunicipalApi } from './municipal/api.ts';
import { registerAgreementMunicipalPages } from './municipal/pages.tsx';
import { registerAgreementReminderApi } from './reminders/api.ts';
import { registerAgreementReminderPages } from './reminders/pages.tsx';
import { registerAgreementStatusApi } from './central/api.ts';
import { registerAgreementStatusPages } from './central/pages.tsx';

/** The agreements module's routes, split by who uses them so each file stays small. */
export function registerAgreements(app: FastifyInstance) {
  registerAgreementStatusPages(app);
  registerAgreementStatusApi(app);
  registerAgreementAuthorPages(app);
  registerAgreementAuthorApi(app);
  registerAgreementMunicipalPages(app);
  registerAgreementMunicipalApi(app);
  registerAgreementReminderPages(app);
  registerAgreementReminderApi(app);
}
