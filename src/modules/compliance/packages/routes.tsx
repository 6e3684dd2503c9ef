import { noticeFor } from '../../../platform/views/components.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isCentral } from '../../../platform/context.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { formBody, idParams, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { registerMenuEntry } from '../../../platform/views/menu.ts';
import { loadPackageContent } from '../content.ts';
import { deliveryPanel } from '../delivery/delivery-panel.tsx';
import { logAccess } from '../delivery/log-access.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft, can, isComplianceAuthor, isRecipient, seesMunicipalStatus } from '../policy.ts';
import { loadRiskScales } from '../risk-scales.ts';
import { registerPackageApi } from './api.ts';
import { ChangesPage } from './changes-views.tsx';
import { copyPackage } from './copy-package.ts';
import { createPackage } from './create-package.ts';
import { EditPackagePage } from './edit-page.tsx';
import { listPackages, packageYears, parsePackageFilter, solutionOptions } from './list-packages.ts';
import { PACKAGE_NOTICES, PackageListPage, type ListView } from './list-page.tsx';
import { loadChanges } from './load-changes.ts';
import { PackageOverviewPage } from './overview-page.tsx';
import { updatePackage } from './update-package.ts';

/** The menu's check: central staff, and a municipality's recipients and administrators. */
export const seesCompliance = (actor: Parameters<typeof seesMunicipalStatus>[0]) => isCentral(actor) || seesMunicipalStatus(actor);

const listQuery = pageQuery({ aar: queryText, loesning: queryText });

/** 422 and 409 come back as the same page with the user's input and a Danish error summary. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
const errorsOf = (e: AppError): FieldErrors => (Object.keys(e.fieldErrors).length > 0 ? e.fieldErrors : { _: e.message });

async function listPage(
  request: FastifyRequest,
  reply: FastifyReply,
  opts: { query?: { aar?: string | undefined; loesning?: string | undefined; besked?: string | undefined }; form?: { values: Record<string, unknown>; errors: FieldErrors }; status?: number } = {},
) {
  const ctx = actorCtx(request);
  const actor = ctx.actor;
  const view: ListView = isCentral(actor)
    ? { kind: 'central', author: isComplianceAuthor(actor) }
    : seesMunicipalStatus(actor)
      ? { kind: 'municipal', recipient: isRecipient(actor) }
      : { kind: 'none' };
  const q = opts.query ?? {};
  const filter = parsePackageFilter({ year: q.aar, solution: q.loesning });
  const none = view.kind === 'none';
  const packages = none ? [] : await listPackages(ctx.db, actor, filter);
  const pairs = none ? [] : await packageYears(ctx.db, actor);
  const solutions = none ? [] : await solutionOptions(ctx.db);
  const years = [...new Set(pairs.map((p) => p.year))].sort((a, b) => b - a);
  const page = (
    <PackageListPage
      request={request}
      view={view}
      packages={packages}
      filter={filter}
      years={years}
      solutions={solutions}
      existing={new Set(pairs.map((p) => `${p.solutionKey}:${p.year}`))}
      notice={noticeFor(PACKAGE_NOTICES, q.besked)}
      form={opts.form}
    />
  );
  return sendPage(reply, page, opts.status ?? 200);
}

async function editPage(request: FastifyRequest, reply: FastifyReply, id: string, opts: { values?: Record<string, unknown>; errors?: FieldErrors; status?: number } = {}) {
  const ctx = actorCtx(request);
  const pkg = await loadPackage(ctx.db, ctx.actor, id, 'author');
  assertDraft(pkg.facts);
  const scales = await loadRiskScales(ctx.db);
  return sendPage(reply, <EditPackagePage request={request} pkg={pkg} scales={scales} values={opts.values} errors={opts.errors} />, opts.status ?? 200);
}

/** Compliance packages: the list, creating and copying, the overview page, what changed, and the packages API. */
export function registerPackageRoutes(root: FastifyInstance): void {
  registerMenuEntry({ key: 'compliance', order: 25, href: '/compliance', label: 'Compliance', visible: seesCompliance });
  const app = root.withTypeProvider<ZodTypeProvider>();

  // Everyone logged in gets an answer: those who do not receive packages read who does.
  app.get('/compliance', { schema: { querystring: listQuery } }, async (request, reply) => listPage(request, reply, { query: request.query }));

  app.post('/compliance/pakker', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    try {
      const created = await createPackage(ctx, request.body, clientKeyOf(request));
      return reply.redirect(`/compliance/pakker/${created.id}?besked=oprettet`, 303);
    } catch (error) {
      const e = formError(error);
      return listPage(request, reply, { form: { values: request.body, errors: errorsOf(e) }, status: e.status });
    }
  });

  app.post('/compliance/pakker/:id/kopi', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    try {
      const created = await copyPackage(ctx, request.params.id, clientKeyOf(request));
      return reply.redirect(`/compliance/pakker/${created.id}?besked=kopieret`, 303);
    } catch (error) {
      const e = formError(error);
      return listPage(request, reply, { form: { values: {}, errors: { _: e.message } }, status: e.status });
    }
  });

  app.get('/compliance/pakker/:id', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const actor = ctx.actor;
    const pkg = await loadPackage(ctx.db, actor, request.params.id, 'status');
    // A municipality's administrators see the delivery, not the content.
    if (!can(actor, 'read', pkg.facts)) return reply.redirect(`/compliance/pakker/${pkg.id}/kommuner/${actor.municipalityCode}`, 303);
    const scales = await loadRiskScales(ctx.db);
    const scale = scales.find((s) => s.key === pkg.scaleKey)!;
    const content = await loadPackageContent(ctx.db, pkg.id);
    const changes = await loadChanges(ctx.db, actor, pkg, scales, content);
    const delivery = await deliveryPanel(ctx, pkg, request.csrfToken);
    await logAccess(ctx.db, actor, pkg, 'view');
    const page = (
      <PackageOverviewPage
        request={request}
        pkg={pkg}
        content={content}
        scale={scale}
        changes={changes}
        changesFirst={!isCentral(actor)}
        canEdit={can(actor, 'author', pkg.facts) && pkg.status === 'draft'}
        delivery={delivery}
        notice={noticeFor(PACKAGE_NOTICES, request.query.besked)}
      />
    );
    return sendPage(reply, page);
  });

  app.get('/compliance/pakker/:id/aendringer', { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'read');
    const changes = await loadChanges(ctx.db, ctx.actor, pkg, await loadRiskScales(ctx.db));
    await logAccess(ctx.db, ctx.actor, pkg, 'view');
    return sendPage(reply, <ChangesPage request={request} pkg={pkg} changes={changes} />);
  });

  app.get('/compliance/pakker/:id/rediger', { schema: { params: idParams } }, async (request, reply) => editPage(request, reply, request.params.id));

  app.post('/compliance/pakker/:id/rediger', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { id } = request.params;
    try {
      const r = await updatePackage(ctx, id, request.body);
      return reply.redirect(`/compliance/pakker/${id}?besked=${r.changed ? 'gemt' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return editPage(request, reply, id, { values: request.body, errors: errorsOf(e), status: e.status });
    }
  });

  registerPackageApi(root);
}
