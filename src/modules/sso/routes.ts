import type { FastifyInstance } from 'fastify';
import { isCentral } from '../../platform/context.ts';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { registerBackupRoutes } from './backup/routes.tsx';
import { BACKUP_OVERVIEW_PATH, backupReportPath } from './paths.ts';
import { mayReadBackupReport } from './policy.ts';
import { registerChooserRoutes } from './chooser.tsx';
import { registerPrivilegeRoutes } from './privileges/routes.tsx';
import { registerSamlRoutes } from './saml/routes.ts';

/** Single sign-on (issue #15): each part's routes. The SAML part reads the IdP's metadata first. */
export async function registerSso(app: FastifyInstance): Promise<void> {
  // Central staff reach the overview of the 98 (and administrators the mapping from there); a
  // KLIK-administrator the municipality's own list. The entry shows exactly when its page opens.
  registerMenuEntry({
    key: 'reservelogin',
    order: 65,
    href: (a) => (isCentral(a) ? BACKUP_OVERVIEW_PATH : backupReportPath(a.municipalityCode ?? '')),
    label: 'Reservelogin',
    visible: (a) => isCentral(a) || (a.municipalityCode !== null && mayReadBackupReport(a, a.municipalityCode)),
  });
  await registerSamlRoutes(app);
  registerPrivilegeRoutes(app);
  registerBackupRoutes(app);
  registerChooserRoutes(app);
}
