import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../platform/errors.ts';
import { errorResponses, municipalityCodeParam } from '../../platform/http/api-schemas.ts';
import { codeParams, multipartBody } from '../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../platform/http/request-context.ts';
import {
  buildGalleryExport,
  buildOverviewExport,
  CONTENT_TYPES,
  EXPORT_FORMATS,
  galleryFilename,
  overviewFilename,
  type ExportFormat,
} from './export-gallery.ts';
import { importGallery, uploadedFile } from './import-gallery.ts';
import { ImportPage } from './import-view.tsx';
import { overviewQuery, overviewSelection } from './pages.tsx';
import { authorize, authorizeCentralOverview, type GalleryAction } from './policy.ts';
import { getGallery, getMunicipality, referenceLists, roleOverview } from './queries.ts';

/** Checks the policy before loading, so another municipality's code is a 404 whether or not it exists. */
async function municipalityFor(request: FastifyRequest, code: string, action: GalleryAction) {
  const ctx = actorCtx(request);
  authorize(ctx.actor, action, code);
  const m = await getMunicipality(ctx.db, code);
  if (!m) throw notFound();
  return { ctx, m };
}

function sendFile(reply: FastifyReply, format: ExportFormat, filename: string, body: Buffer) {
  return (
    reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${filename}"`)
      // Contact details of named people: no shared cache may keep a copy.
      .header('cache-control', 'private, no-store')
      .send(body)
  );
}

const importResult = z
  .object({ created: z.number(), updated: z.number(), rolesAssigned: z.number(), unchanged: z.number() })
  .meta({ id: 'GalleryImportResult' });

/** Import and export of galleries and the central overview (XLSX/CSV). */
export function registerOrganisationsIo(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  for (const format of EXPORT_FORMATS) {
    app.get(`/kommuner/:code/eksport.${format}`, { schema: { params: codeParams } }, async (request, reply) => {
      const { ctx, m } = await municipalityFor(request, request.params.code, 'read');
      const people = await getGallery(ctx.db, m.code);
      return sendFile(reply, format, galleryFilename(m, format), await buildGalleryExport(format, people));
    });

    app.get(`/rolleoverblik/eksport.${format}`, { schema: { querystring: overviewQuery } }, async (request, reply) => {
      const ctx = actorCtx(request);
      authorizeCentralOverview(ctx.actor);
      const { roleTypeKey, solutionKey } = overviewSelection(request.query, await referenceLists(ctx.db));
      const overview = await roleOverview(ctx.db, roleTypeKey, solutionKey);
      return sendFile(reply, format, overviewFilename(roleTypeKey, solutionKey, format), await buildOverviewExport(format, overview.rows));
    });
  }

  app.get('/kommuner/:code/import', { schema: { params: codeParams } }, async (request, reply) => {
    const { ctx, m } = await municipalityFor(request, request.params.code, 'manage');
    return sendPage(reply, <ImportPage request={request} municipality={m} reference={await referenceLists(ctx.db)} />);
  });

  app.post('/kommuner/:code/import', { schema: { params: codeParams, body: multipartBody } }, async (request, reply) => {
    const { ctx, m } = await municipalityFor(request, request.params.code, 'manage');
    try {
      await importGallery(ctx, m.code, uploadedFile(request.body));
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { fil: error.message };
      const page = <ImportPage request={request} municipality={m} reference={await referenceLists(ctx.db)} errors={errors} message={error.message} />;
      return sendPage(reply, page, error.status);
    }
    return reply.redirect(`/kommuner/${m.code}?besked=importeret`, 303);
  });

  app.post(
    '/api/v1/municipalities/:code/gallery/import',
    {
      schema: {
        tags: ['Rollegalleri'],
        summary: 'Importér rollegalleri fra XLSX/CSV (multipart-feltet "fil"); tilføjer og opdaterer, fjerner aldrig',
        description:
          'Kolonner som i eksporten: Navn, E-mail, Titel, Telefon, Rolle, Løsning, Primær. Har blot én række fejl, ændres intet, ' +
          'og svaret er 422 med fieldErrors pr. linje (`linje-7`: besked). Samme fil to gange ændrer intet anden gang.',
        consumes: ['multipart/form-data'],
        params: z.object({ code: municipalityCodeParam }),
        response: { 200: importResult, ...errorResponses },
      },
    },
    async (request) => {
      const { ctx, m } = await municipalityFor(request, request.params.code, 'manage');
      return importGallery(ctx, m.code, uploadedFile(request.body));
    },
  );
}
