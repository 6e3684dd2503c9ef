import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { codeParams, formBody, pageQuery } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { authorizeAulaMunicipality, isAulaKeeper } from '../policy.ts';
import { loadRuleSets } from '../rules/in-force.ts';
import { registerMunicipalApi } from './api.ts';
import { loadMunicipality, loadReadinessHistory } from './load-municipality.ts';
import { parseArchive, parseEsdh, parseReadiness, parseRelevantCategories } from './municipality-input.ts';
import { MunicipalityPage } from './municipality-page.tsx';
import { recordReadiness } from './record-readiness.ts';
import { saveMunicipality } from './save-municipality.ts';
import { saveRelevantCategories } from './save-relevant-categories.ts';

const NOTICES: Record<string, string> = {
  'esdh-gemt': 'ESDH og integration er gemt.',
  'arkiv-gemt': 'Arkiveringen er gemt.',
  'kategorier-gemt': 'Kategorierne til journalisering er gemt.',
  'parathed-gemt': 'Tjeklisten er opdateret.',
  uaendret: 'Oplysningerne var de samme som i forvejen; intet er ændret.',
};

/** The page, fresh or again after a refused form with its messages. */
async function municipalityPage(request: FastifyRequest, code: string, extra: { notice?: string | undefined; errors?: Record<string, string>; message?: string; values?: Record<string, unknown> } = {}) {
  const ctx = actorCtx(request);
  authorizeAulaMunicipality(ctx.actor, code, 'read');
  const [m, history, ruleSets] = await Promise.all([loadMunicipality(ctx.db, code), loadReadinessHistory(ctx.db, code), loadRuleSets(ctx.db)]);
  if (!m) throw notFound('Kommunen findes ikke.');
  return <MunicipalityPage request={request} m={m} history={history} ruleSets={ruleSets} canEdit={isAulaKeeper(ctx.actor, code)} {...extra} />;
}

type Save = (ctx: Ctx & { actor: Actor }, code: string, body: Record<string, unknown>) => Promise<{ changed: boolean }>;

/** One form's post: saved → back to the page with a notice; refused → the page again with the messages (422). */
function formPost(app: FastifyInstance, path: string, notice: string, save: Save) {
  app.withTypeProvider<ZodTypeProvider>().post(`/aula/kommuner/:code/${path}`, { schema: { params: codeParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    authorizeAulaMunicipality(ctx.actor, code, 'edit');
    try {
      const { changed } = await save(ctx, code, request.body);
      return reply.redirect(`/aula/kommuner/${code}?besked=${changed ? notice : 'uaendret'}#${path}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return sendPage(reply, await municipalityPage(request, code, { errors: error.fieldErrors, message: error.message, values: request.body }), 422);
    }
  });
}

/** A municipality's Aula registration: ESDH, integration, archive, relevant categories, readiness (issue #12 point 2). */
export function registerMunicipalRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/aula/kommuner/:code', { schema: { params: codeParams, querystring: pageQuery({}) } }, async (request, reply) =>
    sendPage(reply, await municipalityPage(request, request.params.code, { notice: noticeFor(NOTICES, request.query.besked) })),
  );
  formPost(root, 'esdh', 'esdh-gemt', (ctx, code, body) => saveMunicipality(ctx, code, parseEsdh(body)));
  formPost(root, 'arkiv', 'arkiv-gemt', (ctx, code, body) => saveMunicipality(ctx, code, parseArchive(body)));
  formPost(root, 'kategorier', 'kategorier-gemt', (ctx, code, body) => saveRelevantCategories(ctx, code, parseRelevantCategories(body.categories)));
  formPost(root, 'parathed', 'parathed-gemt', (ctx, code, body) => recordReadiness(ctx, code, parseReadiness(body)));
  registerMunicipalApi(root);
}
