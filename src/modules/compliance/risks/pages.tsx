import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { formBody, pageQuery, queryText, uuidParam } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { logAccess } from '../delivery/log-access.ts';
import { loadPackage, type PackageRow } from '../load-package.ts';
import { assertDraft, can, isComplianceAuthor } from '../policy.ts';
import { responsePanel } from '../responses/response-panel.tsx';
import { deleteRisk } from './delete-risk.ts';
import { DeleteRiskPage, formValuesOf, RiskFormPage } from './form-page.tsx';
import { RiskListPage, riskSorts } from './list-page.tsx';
import { loadPackageRisk, loadPackageRisks, loadPackageScale } from './load-risks.ts';
import { errorsOnFormRows, type FormBody, riskFromForm } from './risk-input.ts';
import { RiskPage } from './risk-page.tsx';
import { saveRisk } from './save-risk.ts';

const packageParams = z.object({ id: uuidParam });
const riskParams = z.object({ id: uuidParam, riskId: uuidParam });

const canEdit = (request: FastifyRequest, pkg: PackageRow) => pkg.status === 'draft' && isComplianceAuthor(request.actor!) && can(request.actor!, 'author', pkg.facts);

/** The form's own package and scale after the policy: authors, drafts only. */
async function formContext(request: FastifyRequest, packageId: string) {
  const ctx = actorCtx(request);
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'author');
  assertDraft(pkg.facts);
  return { ctx, pkg, scale: await loadPackageScale(ctx.db, pkg) };
}

/** Saves from the form; a 422 redraws it with the messages next to the fields and the user's input kept. */
async function submitRisk(request: FastifyRequest, body: FormBody, reply: FastifyReply, packageId: string, riskId: string | null) {
  const { ctx, pkg, scale } = await formContext(request, packageId);
  const { input, rowOf } = riskFromForm(body);
  try {
    const saved = await saveRisk(ctx, pkg.id, riskId, input, clientKeyOf(request));
    return reply.redirect(`/compliance/pakker/${pkg.id}/risici/${saved.id}?besked=gemt`, 303);
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
    const errors = Object.keys(error.fieldErrors).length > 0 ? errorsOnFormRows(error.fieldErrors, rowOf) : { _: error.message };
    const risk = riskId ? await loadPackageRisk(ctx.db, pkg, riskId) : null;
    return sendPage(reply, <RiskFormPage request={request} pkg={pkg} scale={scale} risk={risk} values={body} errors={errors} />, error.status);
  }
}

/**
 * The risk assessment of a package: the list with both heatmaps and each risk's page (everyone who
 * reads the package), and the form, the confirmation and the writes (information security, drafts).
 */
export function registerRiskPages(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/compliance/pakker/:id/risici',
    { schema: { params: packageParams, querystring: pageQuery({ sorter: z.enum(riskSorts).optional().catch(undefined) }) } },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'read');
      const risks = await loadPackageRisks(ctx.db, pkg);
      const scale = await loadPackageScale(ctx.db, pkg);
      await logAccess(ctx.db, ctx.actor, pkg, 'view');
      const page = (
        <RiskListPage
          request={request}
          pkg={pkg}
          scale={scale}
          risks={risks}
          sort={request.query.sorter ?? 'nummer'}
          canEdit={canEdit(request, pkg)}
          notice={request.query.besked}
        />
      );
      return sendPage(reply, page);
    },
  );

  app.get('/compliance/pakker/:id/risici/ny', { schema: { params: packageParams } }, async (request, reply) => {
    const { pkg, scale } = await formContext(request, request.params.id);
    return sendPage(reply, <RiskFormPage request={request} pkg={pkg} scale={scale} risk={null} values={{}} />);
  });

  app.post('/compliance/pakker/:id/risici/ny', { schema: { params: packageParams, body: formBody } }, async (request, reply) =>
    submitRisk(request, request.body, reply, request.params.id, null),
  );

  app.get(
    '/compliance/pakker/:id/risici/:riskId',
    { schema: { params: riskParams, querystring: pageQuery({ besked: queryText }) } },
    async (request, reply) => {
      const ctx = actorCtx(request);
      const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'read');
      const risk = await loadPackageRisk(ctx.db, pkg, request.params.riskId);
      const scale = await loadPackageScale(ctx.db, pkg);
      await logAccess(ctx.db, ctx.actor, pkg, 'view');
      const responses = await responsePanel(ctx, pkg, risk, scale, request.csrfToken, request.query.besked);
      const page = (
        <RiskPage request={request} pkg={pkg} scale={scale} risk={risk} canEdit={canEdit(request, pkg)} saved={request.query.besked === 'gemt'} responses={responses} />
      );
      return sendPage(reply, page);
    },
  );

  app.get('/compliance/pakker/:id/risici/:riskId/rediger', { schema: { params: riskParams } }, async (request, reply) => {
    const { ctx, pkg, scale } = await formContext(request, request.params.id);
    const risk = await loadPackageRisk(ctx.db, pkg, request.params.riskId);
    return sendPage(reply, <RiskFormPage request={request} pkg={pkg} scale={scale} risk={risk} values={formValuesOf(risk)} />);
  });

  app.post('/compliance/pakker/:id/risici/:riskId/rediger', { schema: { params: riskParams, body: formBody } }, async (request, reply) =>
    submitRisk(request, request.body, reply, request.params.id, request.params.riskId),
  );

  app.get('/compliance/pakker/:id/risici/:riskId/slet', { schema: { params: riskParams } }, async (request, reply) => {
    const { ctx, pkg } = await formContext(request, request.params.id);
    const risk = await loadPackageRisk(ctx.db, pkg, request.params.riskId);
    return sendPage(reply, <DeleteRiskPage request={request} pkg={pkg} risk={risk} />);
  });

  app.post('/compliance/pakker/:id/risici/:riskId/slet', { schema: { params: riskParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    await deleteRisk(ctx, request.params.id, request.params.riskId, clientKeyOf(request));
    return reply.redirect(`/compliance/pakker/${request.params.id}/risici?besked=slettet`, 303);
  });
}
