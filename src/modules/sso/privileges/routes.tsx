import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/errors.ts';
import { formBody, idParams, pageQuery, queryText } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { notFound } from '../../../platform/errors.ts';
import { MAPPINGS_PATH } from '../paths.ts';
import { authorizeMappings } from '../policy.ts';
import { addMapping } from './add-mapping.ts';
import { registerPrivilegeApi } from './api.ts';
import { loadMappings, loadNotGranted, loadUnmapped, mappingOptions } from './load-mappings.ts';
import { removeMapping } from './remove-mapping.ts';
import { registerSsoOnlyRoutes } from './sso-only-routes.tsx';
import { MAPPING_NOTICES, type MappingForm, MappingsPage, RemoveMappingPage } from './views/mappings-page.tsx';

const texts = (body: Record<string, string | string[]>): Record<string, string> => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) ?? '']));

async function mappingsPage(request: FastifyRequest, reply: FastifyReply, form: MappingForm, notice?: string, status = 200) {
  const ctx = actorCtx(request);
  authorizeMappings(ctx.actor);
  const [mappings, unmapped, notGranted, options] = [await loadMappings(ctx.db), await loadUnmapped(ctx.db), await loadNotGranted(ctx.db), await mappingOptions(ctx.db)];
  return sendPage(reply, <MappingsPage request={request} mappings={mappings} unmapped={unmapped} notGranted={notGranted} roles={options.roles} solutions={options.solutions} form={form} notice={noticeFor(MAPPING_NOTICES, notice)} />, status);
}

/** The privilege mapping central administrators edit, the privileges that mapped to nothing, and "SSO only". */
export function registerPrivilegeRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // ?rettighed=<uri> (the "Tilknyt" link of an unmapped privilege) fills in the add form.
  app.get(MAPPINGS_PATH, { schema: { querystring: pageQuery({ rettighed: queryText }) } }, async (request, reply) =>
    mappingsPage(request, reply, { values: { privilege: (request.query.rettighed ?? '').slice(0, 1024) }, errors: {} }, request.query.besked),
  );

  app.post(MAPPINGS_PATH, { schema: { body: formBody } }, async (request, reply) => {
    const v = texts(request.body);
    try {
      await addMapping(actorCtx(request), v, clientKeyOf(request));
      return await reply.redirect(`${MAPPINGS_PATH}?besked=tilfoejet`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
      return mappingsPage(request, reply, { values: v, errors: { _: error.message, ...error.fieldErrors } }, undefined, error.status);
    }
  });

  app.get(`${MAPPINGS_PATH}/:id/fjern`, { schema: { params: idParams } }, async (request, reply) => {
    const ctx = actorCtx(request);
    authorizeMappings(ctx.actor);
    const [mapping] = await loadMappings(ctx.db, request.params.id);
    if (!mapping) throw notFound('Tilknytningen findes ikke. Måske er den allerede fjernet.');
    return sendPage(reply, <RemoveMappingPage request={request} mapping={mapping} />);
  });

  app.post(`${MAPPINGS_PATH}/:id/fjern`, { schema: { params: idParams, body: formBody } }, async (request, reply) => {
    await removeMapping(actorCtx(request), request.params.id);
    return reply.redirect(`${MAPPINGS_PATH}?besked=fjernet`, 303);
  });

  registerPrivilegeApi(root);
  registerSsoOnlyRoutes(root);
}
