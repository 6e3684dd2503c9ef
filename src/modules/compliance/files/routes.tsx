import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, invalid } from '../../../platform/errors.ts';
import { errorResponses, uuidParam } from '../../../platform/http/api-schemas.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { idParams, multipartBody, pageQuery } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { sendDownload } from '../../../platform/http/send-download.ts';
import { loadPackage } from '../load-package.ts';
import { assertDraft } from '../policy.ts';
import { downloadPackage } from './download-package.ts';
import { importRecord, RecordImportRejected } from './import-record.ts';
import { RecordImportPage } from './import-page.tsx';

/** The multipart body holds the file's bytes under `fil`; anything else means no file was chosen. */
function uploadedFile(body: unknown): Buffer {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).fil : undefined;
  if (!Buffer.isBuffer(value) || value.length === 0) throw invalid({ fil: 'Vælg en XLSX- eller CSV-fil med Skema 1' }, 'Der er ikke valgt nogen fil, eller filen er tom.');
  return value;
}

const count = z.coerce.number().int().min(0).max(100_000).optional().catch(undefined);
const importQuery = pageQuery({ nye: count, aendrede: count, uaendrede: count, beholdt: count });

const summaryOut = z
  .object({
    dryRun: z.boolean().describe('Kun kontrolleret; intet er ændret'),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    kept: z.number().int().describe('Aktiviteter i pakken, som filen ikke nævner; de beholdes'),
    columnG: z.boolean().describe('Filen havde arket «Kolonne G»'),
    activities: z.array(z.object({ ref: z.string(), name: z.string(), change: z.enum(['ny', 'ændret', 'uændret']) })),
  })
  .meta({ id: 'ComplianceRecordImport' });

/** Compliance packages: the package as XLSX and PDF, and the import of Skema 1 from XLSX or CSV. */
export function registerFileRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  for (const format of ['xlsx', 'pdf'] as const) {
    app.get(`/compliance/pakker/:id/compliancepakke.${format}`, { schema: { params: idParams } }, async (request, reply) =>
      sendDownload(reply, await downloadPackage(actorCtx(request), request.params.id, format)),
    );
  }

  const page = '/compliance/pakker/:id/fortegnelse/import';
  app.get(page, { schema: { params: idParams, querystring: importQuery } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'author');
    assertDraft(pkg.facts);
    const q = request.query;
    const done = q.besked === 'importeret' ? { created: q.nye ?? 0, updated: q.aendrede ?? 0, unchanged: q.uaendrede ?? 0, kept: q.beholdt ?? 0 } : undefined;
    return sendPage(reply, <RecordImportPage request={request} pkg={pkg} done={done} />);
  });

  app.post(page, { schema: { params: idParams, body: multipartBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'author');
    assertDraft(pkg.facts);
    const dryRun = request.body.handling === 'kontroller';
    const requestKey = request.body.requestKey;
    try {
      const s = await importRecord(ctx, pkg.id, uploadedFile(request.body), { dryRun, clientKey: clientKeyOf(request) });
      if (dryRun) return sendPage(reply, <RecordImportPage request={request} pkg={pkg} preview={s} requestKey={requestKey} />);
      return reply.redirect(`/compliance/pakker/${pkg.id}/fortegnelse/import?besked=importeret&nye=${s.created}&aendrede=${s.updated}&uaendrede=${s.unchanged}&beholdt=${s.kept}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const issues = error instanceof RecordImportRejected ? error.issues : undefined;
      const errors = issues ? {} : Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { fil: error.message };
      return sendPage(reply, <RecordImportPage request={request} pkg={pkg} issues={issues} errors={errors} message={error.message} requestKey={requestKey} />, 422);
    }
  });

  app.post(
    '/api/v1/compliance/packages/:id/record/import',
    {
      schema: {
        tags: ['Compliance'],
        summary: 'Importér Skema 1 fra XLSX eller CSV (multipart-feltet "fil") i en kladde',
        description:
          'Kun KOMBITs informationssikkerhed, kun kladder. Arket «Skema 1» (og «Kolonne G», hvis filen har det) læses ud fra kolonnenøglerne i pakkens egen XLSX, ' +
          'ellers ud fra overskrifterne. Aktiviteter matches på Ref.: nye tilføjes, kendte rettes, og aktiviteter, filen ikke nævner, beholdes. ' +
          'Har blot én række fejl, ændres intet, og svaret er 422 med `fieldErrors` som `<ark>.<række>.<kolonne>`: besked. ' +
          '`?dryRun=true` kontrollerer filen og viser resultatet uden at ændre noget. Samme fil to gange ændrer intet anden gang.',
        consumes: ['multipart/form-data'],
        params: z.object({ id: uuidParam }),
        querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
        response: { 200: summaryOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const pkg = await loadPackage(ctx.db, ctx.actor, request.params.id, 'author');
      assertDraft(pkg.facts);
      return importRecord(ctx, pkg.id, uploadedFile(request.body), { dryRun: request.query.dryRun === 'true', clientKey: clientKeyOf(request) });
    },
  );
}
