import { noticeFor } from '../../../platform/views/components.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { formBody, idParams, pageQuery, uuidParam } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { loadChoices } from '../choices.ts';
import { loadPackageContent } from '../content.ts';
import { logAccess } from '../delivery/log-access.ts';
import { loadPackage } from '../load-package.ts';
import { can, isComplianceAuthor } from '../policy.ts';
import { registerSupplierApi } from './api.ts';
import { createSupplier } from './create-supplier.ts';
import { PACKAGE_SUPPLIER_NOTICES, PackageSuppliersPage } from './package-suppliers-page.tsx';
import { addPackageSupplier, removePackageSupplier } from './set-package-suppliers.ts';
import { SupplierFormPage, type SupplierFormValues } from './supplier-form-page.tsx';
import { authorizeSupplierAuthoring, authorizeSupplierReading } from './supplier-input.ts';
import { SUPPLIER_NOTICES, SupplierListPage } from './supplier-list-page.tsx';
import { listSuppliers, loadSupplier } from './supplier-queries.ts';
import { updateSupplier } from './update-supplier.ts';

const supplierParams = z.object({ supplierId: uuidParam });

/** 422 and 409 come back as the same page with the user's input and a Danish error summary. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error;
  throw error;
}
const errorsOf = (e: AppError): FieldErrors => (Object.keys(e.fieldErrors).length > 0 ? e.fieldErrors : { _: e.message });

async function formPage(request: FastifyRequest, reply: FastifyReply, supplierId: string | null, values: SupplierFormValues, errors?: FieldErrors, status = 200) {
  const ctx = actorCtx(request);
  const [suppliers, choices] = await Promise.all([listSuppliers(ctx.db), loadChoices(ctx.db)]);
  const page = <SupplierFormPage request={request} supplierId={supplierId} values={values} errors={errors} suppliers={suppliers} transferBases={choices['transfer-basis']} />;
  return sendPage(reply, page, status);
}

async function packagePage(request: FastifyRequest, reply: FastifyReply, packageId: string, opts: { notice?: string | undefined; error?: string; status?: number } = {}) {
  const ctx = actorCtx(request);
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'read');
  const content = await loadPackageContent(ctx.db, pkg.id);
  const choices = await loadChoices(ctx.db);
  const edits = pkg.status === 'draft' && can(ctx.actor, 'author', pkg.facts);
  const addable = edits ? await listSuppliers(ctx.db) : null;
  await logAccess(ctx.db, ctx.actor, pkg, 'view');
  const page = <PackageSuppliersPage request={request} actor={ctx.actor} pkg={pkg} suppliers={content.suppliers} choices={choices} addable={addable} notice={opts.notice} error={opts.error} />;
  return sendPage(reply, page, opts.status ?? 200);
}

/** Supplier master data and a package's suppliers: pages, and the API beside them. */
export function registerSupplierRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/compliance/leverandoerer', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeSupplierReading(ctx.actor);
    const [suppliers, choices] = await Promise.all([listSuppliers(ctx.db), loadChoices(ctx.db)]);
    const notice = noticeFor(SUPPLIER_NOTICES, request.query.besked);
    return sendPage(reply, <SupplierListPage request={request} suppliers={suppliers} choices={choices} canAuthor={isComplianceAuthor(ctx.actor)} notice={notice} />);
  });

  app.get('/compliance/leverandoerer/ny', async (request, reply) => {
    authorizeSupplierAuthoring(actorCtx(request).actor);
    return formPage(request, reply, null, { role: 'processor' });
  });

  app.post('/compliance/leverandoerer/ny', { schema: { body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeSupplierAuthoring(ctx.actor);
    try {
      await createSupplier(ctx, request.body, clientKeyOf(request));
      return reply.redirect('/compliance/leverandoerer?besked=oprettet', 303);
    } catch (error) {
      const e = formError(error);
      return formPage(request, reply, null, request.body, errorsOf(e), e.status);
    }
  });

  app.get('/compliance/leverandoerer/:supplierId', { schema: { params: supplierParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeSupplierAuthoring(ctx.actor);
    const s = await loadSupplier(ctx.db, request.params.supplierId);
    const values: SupplierFormValues = {
      name: s.name,
      cvr: s.cvr,
      address: s.address,
      contractParty: s.contractParty,
      role: s.role,
      processingActivity: s.processingActivity,
      locations: s.locations,
      transferBasisKey: s.transferBasisKey,
      parentId: s.parentId,
    };
    return formPage(request, reply, s.id, values);
  });

  app.post('/compliance/leverandoerer/:supplierId', { schema: { params: supplierParams, body: formBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeSupplierAuthoring(ctx.actor);
    const { supplierId } = request.params;
    try {
      const r = await updateSupplier(ctx, supplierId, request.body);
      return reply.redirect(`/compliance/leverandoerer?besked=${r.changed ? 'rettet' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return formPage(request, reply, supplierId, request.body, errorsOf(e), e.status);
    }
  });

  app.get('/compliance/pakker/:id/leverandoerer', { schema: { params: idParams, querystring: pageQuery({}) } }, async (request, reply) =>
    packagePage(request, reply, request.params.id, { notice: noticeFor(PACKAGE_SUPPLIER_NOTICES, request.query.besked) }),
  );

  app.post('/compliance/pakker/:id/leverandoerer', { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    const { id } = request.params;
    try {
      const r = await addPackageSupplier(actorCtx(request), id, request.body);
      return reply.redirect(`/compliance/pakker/${id}/leverandoerer?besked=${r.changed ? 'tilfoejet' : 'uaendret'}`, 303);
    } catch (error) {
      const e = formError(error);
      return packagePage(request, reply, id, { error: Object.values(e.fieldErrors)[0] ?? e.message, status: e.status });
    }
  });

  app.post('/compliance/pakker/:id/leverandoerer/:supplierId/fjern', { schema: { params: idParams.extend({ supplierId: uuidParam }), body: formBody } }, async (request, reply) => {
    const { id, supplierId } = request.params;
    const r = await removePackageSupplier(actorCtx(request), id, supplierId);
    return reply.redirect(`/compliance/pakker/${id}/leverandoerer?besked=${r.changed ? 'fjernet' : 'uaendret'}`, 303);
  });

  registerSupplierApi(root);
}
