import type { FastifyInstance } from 'fastify';
import { isCentral, type Actor } from '../../platform/context.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { registerMenuEntry } from '../../platform/views/menu.ts';
import { aulaImportScope } from './inventory/import-files.ts';
import { registerInventoryRoutes } from './inventory/routes.tsx';
import { registerMunicipalRoutes } from './municipal/routes.tsx';
import { registerPreviewRoutes } from './preview/routes.tsx';
import { registerRuleRoutes } from './rules/routes.tsx';

/** Whether the actor may import the secure-file inventory (the link is shown only to them). */
function canImport(actor: Actor | null): boolean {
  if (actor === null) return false;
  try {
    aulaImportScope(actor);
    return true;
  } catch {
    return false;
  }
}

/**
 * Aula's secure files (issue #12): the deletion rules, each municipality's ESDH integration, archive
 * and readiness, the secure-file inventory and the deletion preview. Everyone signed in has the
 * menu entry: central staff land on the overview, a municipality's users on their municipality.
 */
export function registerAula(app: FastifyInstance) {
  registerMenuEntry({
    key: 'aula',
    order: 37,
    href: (actor) => (isCentral(actor) ? '/aula' : `/aula/kommuner/${actor.municipalityCode}`),
    label: 'Aula',
    visible: () => true,
  });
  app.get('/aula', async (request, reply) => {
    actorCtx(request);
    return sendPage(
      reply,
      <Layout title="Aula" actor={request.actor} csrfToken={request.csrfToken} nav="aula">
        <h1>Aula: sikre filer, sletning og journalisering</h1>
        <ul>
          <li>
            <a href="/aula/sletteregler">Sletteregler for sikre filer</a>
          </li>
          {request.actor?.municipalityCode ? (
            <li>
              <a href={`/aula/kommuner/${request.actor.municipalityCode}`} safe>{`${request.actor.municipalityName ?? 'Kommunens'} Kommunes Aula-oplysninger`}</a>
            </li>
          ) : (
            ''
          )}
          {canImport(request.actor) ? (
            <li>
              <a href="/aula/filer/import">Indlæs oversigten over sikre filer (CSV)</a>
            </li>
          ) : (
            ''
          )}
        </ul>
      </Layout>,
    );
  });
  registerRuleRoutes(app);
  registerMunicipalRoutes(app);
  registerInventoryRoutes(app);
  registerPreviewRoutes(app);
}
