import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { errorResponses, municipalityCodeParam } from '../../../platform/http/api-schemas.ts';
import { codeParams, multipartBody, pageQuery } from '../../../platform/http/page-schemas.ts';
import { actorCtx, sendPage } from '../../../platform/http/request-context.ts';
import { sendDownload } from '../../../platform/http/send-download.ts';
import { clientKeyOf } from '../../../platform/idempotency/claim-request.ts';
import { authorizeBorgerblikketMunicipality, isBorgerblikketKeeper } from '../policy.ts';
import { WorkbookImportRejected } from './check-rows.ts';
import { exportConfiguration } from './export-configuration.ts';
import { importConfiguration } from './import-configuration.ts';
import { WorkbookImportPage, type ImportCounts } from './import-page.tsx';
import { municipalityName } from './load-workbook-data.ts';

const count = z.coerce.number().int().min(0).max(100_000).optional().catch(undefined);
const importQuery = pageQuery({ nye: count, aendrede: count, fjernede: count, uaendrede: count, beholdt: count });

const summaryOut = z
  .object({
    dryRun: z.boolean().describe('Kun kontrolleret; intet er ændret'),
    changeId: z.string().nullable().describe('Ændringen i historikken; null når intet er ændret'),
    created: z.number().int(),
    updated: z.number().int(),
    removed: z.number().int().describe('Numre, hvis indstilling er fjernet (alle celler tomme), så alt arves'),
    unchanged: z.number().int(),
    kept: z.number().int().describe('Numre med en indstilling, som filen ikke nævner; de beholdes'),
    rows: z.array(z.object({ row: z.number().int(), kle: z.string(), change: z.enum(['ny', 'ændret', 'fjernet', 'uændret']) })),
  })
  .meta({ id: 'BorgerblikketConfigurationImport' });

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** A municipality's KLE configuration as XLSX: the export, and the import with a per-row report (issue #13 point 2). */
export function registerWorkbookRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/borgerblikket/kommuner/:code/opsaetning.xlsx', { schema: { params: codeParams } }, async (request, reply) =>
    sendDownload(reply, await exportConfiguration(actorCtx(request), request.params.code)),
  );

  const page = '/borgerblikket/kommuner/:code/opsaetning/import';
  const pageFor = async (request: FastifyRequest, code: string) => {
    const ctx = actorCtx(request);
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'read');
    return { code, name: await municipalityName(ctx.db, code), canImport: isBorgerblikketKeeper(ctx.actor, code) };
  };

  app.get(page, { schema: { params: codeParams, querystring: importQuery } }, async (request, reply) => {
    const facts = await pageFor(request, request.params.code);
    const q = request.query;
    const done: ImportCounts | undefined =
      q.besked === 'indlaest' ? { created: q.nye ?? 0, updated: q.aendrede ?? 0, removed: q.fjernede ?? 0, unchanged: q.uaendrede ?? 0, kept: q.beholdt ?? 0 } : undefined;
    return sendPage(reply, <WorkbookImportPage request={request} {...facts} done={done} unchanged={q.besked === 'uaendret'} />);
  });

  app.post(page, { schema: { params: codeParams, body: multipartBody } }, async (request, reply) => {
    const ctx = actorCtx(request);
    const { code } = request.params;
    authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
    const dryRun = request.body.handling === 'kontroller';
    const again = { reason: text(request.body.reason), requestKey: request.body.requestKey };
    try {
      const s = await importConfiguration(ctx, code, { file: request.body.fil, reason: request.body.reason }, { dryRun, clientKey: clientKeyOf(request) });
      if (dryRun) return sendPage(reply, <WorkbookImportPage request={request} {...await pageFor(request, code)} preview={s} {...again} />);
      if (s.changeId === null) return reply.redirect(`${page.replace(':code', code)}?besked=uaendret`, 303);
      return reply.redirect(`${page.replace(':code', code)}?besked=indlaest&nye=${s.created}&aendrede=${s.updated}&fjernede=${s.removed}&uaendrede=${s.unchanged}&beholdt=${s.kept}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const issues = error instanceof WorkbookImportRejected ? error.issues : undefined;
      const errors = issues ? {} : Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { fil: error.message };
      const facts = await pageFor(request, code);
      return sendPage(reply, <WorkbookImportPage request={request} {...facts} issues={issues} errors={errors} message={error.message} {...again} />, 422);
    }
  });

  app.post(
    '/api/v1/borgerblikket/municipalities/:code/configuration/import',
    {
      schema: {
        tags: ['Borgerblikket'],
        summary: 'Indlæs kommunens KLE-opsætning fra XLSX eller CSV (multipart: "fil" og "reason")',
        description:
          'Kun kommunens systemansvarlige for Borgerblikket og programlederen; en anden kommune giver 404. Arket «Opsætning» fra ' +
          '`/borgerblikket/kommuner/{code}/opsaetning.xlsx` (eller en CSV-fil med dets kolonner) læses række for række: hver række bliver nummerets indstilling, ' +
          'en tom celle arves, en række med lutter tomme indstillinger fjerner nummerets indstilling, og numre, filen ikke nævner, beholdes. ' +
          'Har blot én række fejl, ændres intet, og svaret er 422 med `fieldErrors` `linje-<række>`: besked. Ellers gemmes én ændring (art `import`) ' +
          'med begrundelsen `reason` (påkrævet). `?dryRun=true` kontrollerer filen uden at ændre noget. Samme fil og begrundelse to gange (eller samme ' +
          '`Idempotency-Key`) er én anmodning; en fil, der intet ændrer, skriver intet.',
        consumes: ['multipart/form-data'],
        params: z.object({ code: municipalityCodeParam }),
        querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
        body: multipartBody,
        response: { 200: summaryOut, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = actorCtx(request);
      const { code } = request.params;
      authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
      return importConfiguration(ctx, code, { file: request.body.fil, reason: request.body.reason }, { dryRun: request.query.dryRun === 'true', clientKey: clientKeyOf(request) });
    },
  );
}
