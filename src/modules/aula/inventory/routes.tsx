import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, invalid } from '../../../platform/errors.ts';
import { errorResponses } from '../../../platform/http/api-schemas.ts';
import { multipartBody, pageQuery } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { aulaImportScope, importAulaFiles } from './import-files.ts';
import { AulaImportPage } from './import-page.tsx';

const NOTICES: Record<string, string> = { indlaest: 'Filoversigten er indlæst.' };

/**
 * The upload arrives through the application-wide multipart parser, which keeps the one file as a
 * Buffer; the import then reads it as a stream, so nothing beyond that one copy is held.
 */
function uploadedStream(body: unknown): Readable {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).fil : undefined;
  const file = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (!Buffer.isBuffer(file) || file.length === 0) throw invalid({ fil: 'Vælg en CSV-fil med filoversigten' }, 'Der er ikke valgt nogen fil, eller filen er tom.');
  return Readable.from([file]);
}

const importResult = z
  .object({
    municipalities: z.array(z.object({ code: z.string(), files: z.number().int(), institutions: z.number().int() })),
    removed: z.number().int(),
    lines: z.number().int(),
  })
  .meta({ id: 'AulaFilesImport' });

/** The Aula module's inventory routes (issue #12): the secure-file inventory's import. */
export function registerInventoryRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/aula/filer/import', { schema: { querystring: pageQuery({}) } }, async (request, reply) => {
    const scope = aulaImportScope(actorCtx(request).actor);
    return sendPage(reply, <AulaImportPage request={request} scope={scope} notice={noticeFor(NOTICES, request.query.besked)} />);
  });

  app.post('/aula/filer/import', { schema: { body: multipartBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const scope = aulaImportScope(ctx.actor);
    try {
      await importAulaFiles(ctx, uploadedStream(request.body));
      return reply.redirect('/aula/filer/import?besked=indlaest', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const errors = Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { fil: error.message };
      return sendPage(reply, <AulaImportPage request={request} scope={scope} errors={errors} message={error.message} />, 422);
    }
  });

  app.post(
    '/api/v1/aula/files/import',
    {
      schema: {
        tags: ['Aula'],
        summary: 'Indlæs filoversigten over Aulas sikre filer (CSV i multipart-feltet "fil")',
        description:
          'Semikolon-separeret UTF-8 med overskrifterne kommunekode;fil_id;institutionsnummer;institutionsnavn;kategori;oprettet;udloesende_dato;journaliseret;esdh_reference. ' +
          'Hver kommune i filen får præcis filens filer (removed: de fjernede). Har blot én linje fejl, ændres intet, og svaret er 422 med fieldErrors pr. linje (`linje-7`: besked). ' +
          'KOMBITs administratorer og konsulenter for alle kommuner; kommunens systemansvarlige for Aula og programlederen for egen kommune.',
        consumes: ['multipart/form-data'],
        response: { 200: importResult, ...errorResponses },
      },
    },
    async (request) => importAulaFiles(actorCtx(request), uploadedStream(request.body)),
  );
}
