import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, invalid } from '../../../platform/errors.ts';
import { errorResponses } from '../../../platform/http/api-schemas.ts';
import { pageQuery, uploadBody } from '../../../platform/http/page-schemas.ts';
import { registerStreamedUpload, streamedFile } from '../../../platform/http/streamed-upload.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { noticeFor } from '../../../platform/views/components.tsx';
import { aulaImportScope, importAulaFiles } from './import-files.ts';
import { AulaImportPage } from './import-page.tsx';

const NOTICES: Record<string, string> = { indlaest: 'Filoversigten er indlæst.' };

/** The largest inventory file taken: the whole country is about 150 MB (two million lines). */
export const MAX_INVENTORY_BYTES = 1024 * 1024 * 1024;

/** The uploaded CSV as it arrives, or a Danish refusal when none was chosen. */
function uploadedStream(body: unknown): Readable {
  const file = streamedFile(body);
  if (!file || file.field !== 'fil' || file.filename === '') throw invalid({ fil: 'Vælg en CSV-fil med filoversigten' }, 'Der er ikke valgt nogen fil.');
  return file.stream;
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

  // The import reads the upload as it arrives (streamed-upload.ts): its own scope, its own parser.
  void root.register(async (scope) => registerImportRoutes(scope));
}

function registerImportRoutes(scope: FastifyInstance): void {
  registerStreamedUpload(scope, {
    maxFileBytes: MAX_INVENTORY_BYTES,
    tooLarge: () => new AppError(413, 'payload_too_large', 'Filen er større end 1 GB; del den op pr. kommune.', { fil: 'Højst 1 GB pr. fil' }),
  });
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post('/aula/filer/import', { schema: { body: uploadBody } }, async (request, reply) => {
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
